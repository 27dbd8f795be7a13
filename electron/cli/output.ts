// What the CLI prints: one JSON document on stdout with --json, readable text otherwise;
// errors always on stderr.
import type { ApiError } from '../../shared/result';

export interface Output {
  json: boolean;
  /** The command's result: JSON when --json, else the text from `text()`. */
  result(value: unknown, text: () => string): void;
  /** Progress and notes for a person; silent with --json. */
  info(line: string): void;
  error(error: ApiError): void;
}

export function makeOutput(json: boolean): Output {
  return {
    json,
    result(value, text) {
      process.stdout.write(json ? JSON.stringify(value) + '\n' : text().replace(/\n?$/, '\n'));
    },
    info(line) {
      if (!json) process.stderr.write(line + '\n');
    },
    error(error) {
      if (json) process.stderr.write(JSON.stringify({ error }) + '\n');
      else process.stderr.write(`lifeboat: ${error.where ? `${error.where}: ` : ''}${error.message}\n`);
    },
  };
}

/** A plain text table with right-aligned numeric columns. */
export function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** 812 B, 190.2 KB, 20.9 MB, 1.2 GB: byte counts for reading (display only). */
export function formatBytes(n: number): string {
  const tenths = (x: number) => Math.round(x * 10) / 10;
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${tenths(n / 1024)} KB`;
  if (n < 1024 ** 3) return `${tenths(n / 1024 ** 2)} MB`;
  return `${tenths(n / 1024 ** 3)} GB`;
}
