// Command-line parsing: strict (unknown flags are usage errors), with typed values.
import { parseArgs } from 'node:util';
import { UsageError } from './exit-codes';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** Flags every command takes. */
export const GLOBAL_FLAGS: FlagSpec = {
  state: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * `--ticks -5` reads to parseArgs as a flag missing its value; join it (`--ticks=-5`) so the value
 * gets the same range message as any other bad number.
 */
function joinNegativeValues(argv: string[], options: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : null;
    if (name && options[name]?.type === 'string' && /^-\d/.test(argv[i + 1] ?? '')) {
      out.push(`${argv[i]}=${argv[i + 1]}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

export function parseCommandArgs(argv: string[], flags: FlagSpec, command: string): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(argv, { ...GLOBAL_FLAGS, ...flags }),
      options: { ...GLOBAL_FLAGS, ...flags },
      strict: true,
      allowPositionals: true,
    });
    if (values.state === '') throw new UsageError(`${command}: --state needs a folder (an empty value would mean the current folder)`);
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${command}: ${message}`);
  }
}

export function intFlag(value: string | boolean | undefined, name: string, range: { min: number; max: number }): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, got "${String(value)}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new UsageError(`--${name} must be between ${range.min} and ${range.max}, got ${value}`);
  }
  return n;
}

export function choiceFlag<T extends string>(value: string | boolean | undefined, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${String(value)}"`);
  }
  return value as T;
}

export function stringFlag(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function expectPositionals(parsed: Parsed, count: number, usage: string): string[] {
  if (parsed.positionals.length !== count) {
    throw new UsageError(
      parsed.positionals.length < count
        ? `missing argument: ${usage}`
        : `unexpected argument "${parsed.positionals[count]}": ${usage}`,
    );
  }
  return parsed.positionals;
}
