// The frame every bench runs in: the top-level error handler, a temporary work folder, the report
// on stdout (JSON or the rendered tables) and in --out, the clean-up, and the environment figures.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { OutputOptions } from './args';
import { round, type Progress } from './util';

/** Runs the bench's main; a crash is reported as `bench <name>: <stack>` and exits 1. */
export function runMain(bench: string, progress: Progress, main: () => Promise<void>): void {
  main().catch((err) => {
    progress.clear();
    process.stderr.write(`bench ${bench}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}

/** Makes a fresh `lifeboat-bench-*` folder under --dir (and the --profile folder, if any). */
export function makeWorkFolder(opts: OutputOptions): string {
  mkdirSync(opts.dir, { recursive: true });
  const parent = mkdtempSync(join(opts.dir, 'lifeboat-bench-'));
  if (opts.profile) mkdirSync(opts.profile, { recursive: true });
  return parent;
}

/**
 * Stamps the report with the seconds since `started`, writes it as JSON to --out (if given), and
 * prints it on stdout: as JSON with --json, otherwise rendered as tables.
 */
export function emitReport<R extends { environment: { totalSeconds: number } }>(
  report: R,
  started: number,
  opts: OutputOptions,
  progress: Progress,
  render: (report: R) => string,
): void {
  report.environment.totalSeconds = round((Date.now() - started) / 1000, 1);
  progress.clear();
  if (opts.out) writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${render(report)}\n`);
}

/** Says where the profiles are, and removes the work folder unless --keep (then says where it is). */
export function cleanUp(parent: string, opts: OutputOptions, progress: Progress): void {
  if (opts.profile) progress.line(`CPU profiles in ${opts.profile}`);
  if (opts.keep) progress.line(`kept ${parent}`);
  else rmSync(parent, { recursive: true, force: true });
}

/** The machine the bench ran on. */
export function machine() {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
  };
}

/** The 1/5/15-minute load averages, to two places: above the core count, wall times include waiting for a core. */
export const loadAverage = (): number[] => loadavg().map((x) => round(x, 2));

/** Whether node runs with --expose-gc, so settle() collects garbage between timed samples. */
export const gcBetweenSamples = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';
