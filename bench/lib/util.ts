// Small helpers shared by the benches: timing, statistics, progress on stderr, plain-text tables.
import { closeSync, fsyncSync, openSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/** Collects garbage when node runs with --expose-gc (build/bench.mjs passes it), so a timed
 * operation does not pay for the previous one's garbage. */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** A timed call: wall-clock time, and the CPU time this process spent (user + system) meanwhile. */
export interface Timed<T> {
  ms: number;
  cpuMs: number;
  value: T;
}

/** This process's CPU time (user + system) since `start` (a process.cpuUsage() reading), in ms. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const cpu = process.cpuUsage(start);
  return (cpu.user + cpu.system) / 1000;
}

/** Starts the clocks; the function it returns stops them and pairs the times with a value. */
export function stopwatch(): <T>(value: T) => Timed<T> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return (value) => {
    const ms = performance.now() - t0;
    return { ms, cpuMs: cpuMsSince(cpu0), value };
  };
}

export function time<T>(fn: () => T): Timed<T> {
  settle();
  const stop = stopwatch();
  return stop(fn());
}

/**
 * A timed call without collecting garbage first: for a short operation that follows the work it
 * captures (a checkpoint after its churn), where the caller collects before that work instead. A
 * collection just before would leave V8 sweeping on background threads while the operation runs,
 * competing with it for the cores (measured on 2 cores: +2–3 ms on a 7 ms checkpoint that packs
 * on a second thread).
 */
export function timeAsIs<T>(fn: () => T): Timed<T> {
  const stop = stopwatch();
  return stop(fn());
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  settle();
  const stop = stopwatch();
  return stop(await fn());
}

/** Medians (and the samples, rounded) of a list of timed samples. */
export function summarize(samples: { ms: number; cpuMs: number }[]) {
  return {
    medianMs: round(median(samples.map((s) => s.ms))),
    medianCpuMs: round(median(samples.map((s) => s.cpuMs))),
    samplesMs: samples.map((s) => round(s.ms)),
    samplesCpuMs: samples.map((s) => round(s.cpuMs)),
  };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x: number, places = 1): number => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 10_000) return `${round(ms / 1000, 1)} s`;
  if (ms >= 1000) return `${round(ms / 1000, 2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${round(ms, 1)} ms`;
}

export function fmtBytes(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (n >= 1024 ** 3) return `${round(n / 1024 ** 3, 2)} GiB`;
  if (n >= 1024 ** 2) return `${round(n / 1024 ** 2, 2)} MiB`;
  if (n >= 1024) return `${round(n / 1024, 1)} KiB`;
  return `${n} B`;
}

export const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');

export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return '-';
  return x >= 100 ? `${Math.round(x)}×` : `${round(x, x >= 10 ? 1 : 2)}×`;
}

/** Makes a file's contents durable (what a backup must do before it can be relied on). */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Progress lines on stderr: rewritten in place on a terminal, plain lines otherwise. */
export class Progress {
  private readonly tty = process.stderr.isTTY === true;
  private live = false;
  private lastLine = 0;

  /** A transient status (on a terminal it replaces the previous one; elsewhere at most every 2 s). */
  status(message: string): void {
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${message}`);
      this.live = true;
    } else if (Date.now() - this.lastLine >= 2000) {
      process.stderr.write(`${message}\n`);
      this.lastLine = Date.now();
    }
  }

  /** A line that stays. */
  line(message: string): void {
    this.clear();
    process.stderr.write(`${message}\n`);
    this.lastLine = Date.now();
  }

  clear(): void {
    if (this.live) process.stderr.write('\r\x1b[2K');
    this.live = false;
  }
}

/** A section heading for the text report: a blank line, the title, and a rule under it. */
export const heading = (title: string): string[] => ['', title, '='.repeat(title.length)];

/** A plain-text table; `right` lists the columns to right-align. */
export function table(headers: string[], rows: string[][], right: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (s: string, i: number) => (right.includes(i) ? s.padStart(widths[i]) : s.padEnd(widths[i]));
  const line = (cells: string[]) => cells.map(cell).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---- CPU profiles of single operations ------------------------------------------------------------

/**
 * Profiles chosen operations with the V8 sampling profiler (node:inspector, in-process), writing
 * one `<name>.cpuprofile` per call into `dir` — open them in Chrome DevTools or summarize them with
 * `node bench/tools/cpuprofile-top.mjs FILE`. Without a dir it only runs the function.
 */
export class Profiler {
  private session: import('node:inspector').Session | null = null;
  private readonly used = new Map<string, number>();

  constructor(private readonly dir: string | null) {}

  get enabled(): boolean {
    return this.dir !== null;
  }

  run<T>(name: string, fn: () => T): T {
    if (!this.dir) return fn();
    const session = this.connect();
    post(session, 'Profiler.start');
    let result: T;
    try {
      result = fn();
    } finally {
      const { profile } = post(session, 'Profiler.stop') as { profile: unknown };
      const n = (this.used.get(name) ?? 0) + 1;
      this.used.set(name, n);
      writeFileSync(join(this.dir, `${name}${n > 1 ? `-${n}` : ''}.cpuprofile`), JSON.stringify(profile));
    }
    return result;
  }

  close(): void {
    if (this.session) post(this.session, 'Profiler.disable');
    this.session?.disconnect();
    this.session = null;
  }

  private connect(): import('node:inspector').Session {
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
      post(this.session, 'Profiler.enable');
      post(this.session, 'Profiler.setSamplingInterval', { interval: 100 });
    }
    return this.session;
  }
}

/** A same-thread inspector session answers synchronously: the callback runs before post returns. */
function post(session: import('node:inspector').Session, method: string, params?: object): unknown {
  let out: unknown;
  let error: Error | null = null;
  let answered = false;
  session.post(method, params ?? {}, (err, result) => {
    error = err;
    out = result;
    answered = true;
  });
  if (!answered) throw new Error(`inspector did not answer ${method} synchronously`);
  if (error) throw error;
  return out;
}
