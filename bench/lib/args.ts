// Command-line options shared by the benches: the common ones (--size, --repeat, --seed, --dir,
// --keep, --profile, --json, --out, --help) parsed strictly with node:util parseArgs, plus each
// bench's own, and the checks and messages for them (a bad option prints the usage and exits 2).
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DeskSize } from '../../electron/engine/demo/generate-desk';

const COMMON = {
  size: 'string',
  repeat: 'string',
  seed: 'string',
  dir: 'string',
  keep: 'boolean',
  profile: 'string',
  out: 'string',
  json: 'boolean',
} as const;

/** Usage lines of the options a bench working on a copy of a desk takes: which desk. */
export const DESK_USAGE = `  --state DIR          a desk to copy (default: build the demo desk in the temporary folder)
  --size large|small   demo desk to build when --state is not given (default large)
  --seed N             demo desk seed (default 7)`;

/** Usage lines of where such a bench works and what it writes. */
export const OUTPUT_USAGE = `  --dir PATH           where to make the temporary folder (default the OS temp dir)
  --keep               keep the temporary folder afterwards
  --json               one JSON document on stdout
  --out FILE           also write the JSON document to FILE`;

/** Where a bench works and what it writes: the options every bench takes the same way. */
export interface OutputOptions {
  dir: string;
  keep: boolean;
  json: boolean;
  profile: string | null;
  out: string | null;
}

export interface BenchArgs {
  /** A string option as given (undefined when absent). */
  string(name: string): string | undefined;
  /** An integer option ≥ min, or def when absent. */
  int(name: string, def: number, min: number): number;
  /** A percentage in (0, max], or def when absent. */
  percent(name: string, def: number, max: number): number;
  /** --size large|small (default large). */
  size(): DeskSize;
  /** --dir, --keep, --json, --profile and --out. */
  output(): OutputOptions;
  /** Prints the message and the usage on stderr and exits 2. */
  fail(message: string): never;
}

/**
 * Parses `argv` for the bench `bench`: the common options plus `own` (name → type). --help / -h
 * prints `usage` on stdout and exits 0; an unknown or malformed option prints it on stderr and exits 2.
 */
export function parseBenchArgs(bench: string, usage: string, argv: string[], own: Record<string, 'string' | 'boolean'>): BenchArgs {
  const fail = (message: string): never => {
    process.stderr.write(`bench ${bench}: ${message}\n${usage}\n`);
    process.exit(2);
  };
  const options = Object.fromEntries(Object.entries({ ...COMMON, ...own }).map(([name, type]) => [name, { type }]));
  let values: Record<string, string | boolean | undefined> = {};
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const string = (name: string) => values[name] as string | undefined;
  return {
    string,
    int(name, def, min) {
      const v = string(name);
      if (v === undefined) return def;
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < min) fail(`--${name} takes an integer ≥ ${min}, got "${v}"`);
      return n;
    },
    percent(name, def, max) {
      const v = string(name);
      const pct = v === undefined ? def : Number(v);
      if (!Number.isFinite(pct) || pct <= 0 || pct > max) fail(`--${name} takes a percentage in (0, ${max}], got "${v}"`);
      return pct;
    },
    size() {
      const size = string('size') ?? 'large';
      if (size !== 'large' && size !== 'small') fail(`--size takes large or small, got "${size}"`);
      return size as DeskSize;
    },
    output() {
      const profile = string('profile');
      const out = string('out');
      return {
        dir: string('dir') ?? tmpdir(),
        keep: (values.keep as boolean | undefined) ?? false,
        json: (values.json as boolean | undefined) ?? false,
        profile: profile ? resolve(profile) : null,
        out: out ? resolve(out) : null,
      };
    },
    fail,
  };
}
