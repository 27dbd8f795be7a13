// RFC 4180 records with the physical line each starts on: a byte-order mark, CRLF or LF line
// ends, quoted fields with "" escapes and embedded delimiters and newlines. Lines without a quote
// take a fast path (indexOf + split); nothing is built by repeated string concatenation, so a
// 100 MB file costs one pass.
import { LifeboatError } from '../../../../shared/result';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  fields: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;

export class CsvRecords {
  private i: number;
  private line = 1;
  /** The next quote at or after `i` (or -1): found once, not once per line. */
  private nextQuote = -2;
  private readonly delim: number;

  constructor(
    private readonly text: string,
    readonly delimiter: CsvDelimiter,
    private readonly fileName: string,
  ) {
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.delim = delimiter.charCodeAt(0);
  }

  /** Characters consumed so far, for progress. */
  get offset(): number {
    return this.i;
  }

  next(): CsvRecord | null {
    const t = this.text;
    const start = this.i;
    if (start >= t.length) return null;
    const nl = t.indexOf('\n', start);
    const end = nl === -1 ? t.length : nl;
    if (this.nextQuote !== -1 && this.nextQuote < start) this.nextQuote = t.indexOf('"', start);
    if (this.nextQuote === -1 || this.nextQuote >= end) {
      const stop = end > start && t.charCodeAt(end - 1) === CR ? end - 1 : end;
      this.i = end + 1;
      return { line: this.line++, fields: t.slice(start, stop).split(this.delimiter) };
    }
    return this.quotedRecord();
  }

  /** The slow path: a record with at least one quote in its first line. */
  private quotedRecord(): CsvRecord {
    const t = this.text;
    const line = this.line;
    const fields: string[] = [];
    let i = this.i;
    for (;;) {
      let j = i;
      while (t.charCodeAt(j) === SPACE) j++; // `a, "b"`: spaces before an opening quote
      if (t.charCodeAt(j) === QUOTE) {
        const { value, after } = this.quoted(j + 1, line);
        fields.push(value);
        i = after;
        while (t.charCodeAt(i) === SPACE) i++;
      } else {
        while (j < t.length && t.charCodeAt(j) !== this.delim && t.charCodeAt(j) !== LF) j++;
        const stop = t.charCodeAt(j) === LF && j > i && t.charCodeAt(j - 1) === CR ? j - 1 : j;
        fields.push(t.slice(i, stop));
        i = j;
      }
      const c = t.charCodeAt(i);
      if (c === this.delim) {
        i++;
        continue;
      }
      if (i >= t.length || c === LF || (c === CR && t.charCodeAt(i + 1) === LF)) {
        i = i >= t.length ? i : c === LF ? i + 1 : i + 2;
        break;
      }
      throw new LifeboatError(
        'bad_request',
        `field ${fields.length} has ${JSON.stringify(t[i])} after its closing quote (a quote inside a quoted field is written "")`,
        `${this.fileName}:${line}`,
      );
    }
    this.i = i;
    this.line++;
    return { line, fields };
  }

  /** A quoted field's value from just after its opening quote; counts the newlines inside it. */
  private quoted(from: number, line: number): { value: string; after: number } {
    const t = this.text;
    const parts: string[] = [];
    let i = from;
    for (;;) {
      const q = t.indexOf('"', i);
      if (q === -1) {
        throw new LifeboatError('bad_request', 'a quoted field is never closed (is the file truncated?)', `${this.fileName}:${line}`);
      }
      parts.push(t.slice(i, q));
      if (t.charCodeAt(q + 1) === QUOTE) {
        parts.push('"');
        i = q + 2;
        continue;
      }
      const value = parts.length === 1 ? parts[0] : parts.join('');
      for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) this.line++;
      return { value, after: q + 1 };
    }
  }
}

/** The delimiter of a file: the most frequent of , ; tab in its first line, outside quotes. */
export function sniffDelimiter(text: string): CsvDelimiter {
  const end = text.indexOf('\n');
  const first = text.slice(0, end === -1 ? Math.min(text.length, 65536) : end).replace(/"[^"]*"/g, '');
  const count = (d: string) => first.split(d).length - 1;
  const candidates: CsvDelimiter[] = [',', ';', '\t'];
  return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}
