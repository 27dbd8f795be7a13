// Reading typed fields out of a parsed JSON tree, collecting every problem with its JSON path,
// so one bad file yields one clear error: "file:line:col: positions[3].quantity: …".
import { controlCharacterIn } from '../../../shared/text';
import { isLosslessNumber } from 'lossless-json';
import { canonical, decimalProblem, floatNoise, type DecimalRules } from '../../../shared/decimal';
import { LifeboatError } from '../../../shared/result';
import { formatPath, isJsonObject, jsonKind, whereOf, type JsonPath, type JsonSource } from './json-source';
import { timestampProblem, normaliseTimestamp } from './timestamps';

export interface FieldProblem {
  /** `positions[3].quantity` */
  path: string;
  /** `file:line:col` */
  where: string;
  message: string;
}

/** Problems kept in an error's details; the count says how many there were in all. */
const KEEP = 50;

/**
 * Typed readers return undefined for a bad value (after recording the problem) and for
 * undefined input, which means `required()` already reported the member as missing.
 */
export class FieldReader {
  private readonly problems: FieldProblem[] = [];
  private count = 0;
  /** What was accepted but deserves a word (a decimal with binary-float noise), `where: path: what`. */
  readonly warnings: string[] = [];

  constructor(readonly src: JsonSource) {}

  get ok(): boolean {
    return this.count === 0;
  }

  /** Records a problem at `path`; returns undefined so callers can `return r.fail(...)`. */
  fail(path: JsonPath, message: string): undefined {
    this.count++;
    if (this.problems.length < KEEP) {
      this.problems.push({ path: formatPath(path), where: whereOf(this.src, path), message });
    }
    return undefined;
  }

  /** Throws bad_request naming the first problem (and how many more) when there were any. */
  throwIfAny(): void {
    if (this.count === 0) return;
    throw problemsError(this.problems, this.count);
  }

  /** Refuses members other than `allowed`. */
  strictKeys(obj: Record<string, unknown>, path: JsonPath, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail([...path, key], `unknown field "${key}" (expected ${allowed.join(', ')})`);
    }
  }

  /** The member `key`, or a "missing" problem. null counts as missing. */
  required(obj: Record<string, unknown>, path: JsonPath, key: string): unknown {
    const v = obj[key];
    if (v === undefined || v === null) return this.fail([...path, key], 'required but missing');
    return v;
  }

  object(v: unknown, path: JsonPath): Record<string, unknown> | undefined {
    if (v === undefined) return undefined; // missing: reported by required()
    if (isJsonObject(v)) return v;
    return this.fail(path, `expected an object, got ${jsonKind(v)}`);
  }

  array(v: unknown, path: JsonPath): unknown[] | undefined {
    if (v === undefined) return undefined; // missing: reported by required()
    if (Array.isArray(v)) return v;
    return this.fail(path, `expected an array, got ${jsonKind(v)}`);
  }

  /** A non-empty string without surrounding spaces. */
  text(v: unknown, path: JsonPath): string | undefined {
    if (v === undefined) return undefined; // missing: reported by required()
    if (typeof v !== 'string') return this.fail(path, `expected a string, got ${jsonKind(v)}`);
    if (v === '') return this.fail(path, 'must not be empty');
    if (v.trim() !== v) return this.fail(path, `${JSON.stringify(v)} has leading or trailing spaces`);
    if (v.length > 200) return this.fail(path, 'is longer than 200 characters');
    const control = controlCharacterIn(v);
    if (control) return this.fail(path, `contains ${control}`);
    return v;
  }

  /** An identifier written as a string or as a whole JSON number (bots write both). */
  id(v: unknown, path: JsonPath): string | undefined {
    if (v === undefined) return undefined; // missing: reported by required()
    if (isLosslessNumber(v)) {
      if (/^[0-9]+$/.test(v.value)) return v.value;
      return this.fail(path, `expected an id (a string or a whole number), got ${jsonKind(v)}`);
    }
    return this.text(v, path);
  }

  boolean(v: unknown, path: JsonPath): boolean | undefined {
    if (v === undefined) return undefined; // missing: reported by required()
    if (typeof v === 'boolean') return v;
    return this.fail(path, `expected true or false, got ${jsonKind(v)}`);
  }

  /** One of `allowed`, compared case-insensitively and returned in its listed spelling. */
  oneOf<T extends string>(v: unknown, path: JsonPath, allowed: readonly T[]): T | undefined {
    if (v === undefined) return undefined; // missing: reported by required()
    if (typeof v === 'string') {
      const hit = allowed.find((a) => a === v.toLowerCase());
      if (hit) return hit;
    }
    return this.fail(path, `expected one of ${allowed.join(', ')}, got ${jsonKind(v)}`);
  }

  /**
   * A decimal written as a JSON string or a JSON number, checked on its exact text and returned
   * in canonical form. The raw text of a number is used, never a float.
   */
  decimal(v: unknown, path: JsonPath, rules: DecimalRules = {}): string | undefined {
    if (v === undefined) return undefined; // missing: reported by required()
    const raw = isLosslessNumber(v) ? v.value : v;
    if (typeof raw !== 'string') return this.fail(path, `expected a decimal (a string or a number), got ${jsonKind(v)}`);
    const problem = decimalProblem(raw, rules);
    if (problem) return this.fail(path, problem);
    const value = canonical(raw);
    const meant = floatNoise(value);
    if (meant !== null && this.warnings.length < KEEP) {
      this.warnings.push(`${whereOf(this.src, path)}: ${formatPath(path)}: ${value} looks like binary-float noise (a float writing ${meant}); stored exactly as written`);
    }
    return value;
  }

  /** An ISO-8601 string or epoch seconds / milliseconds, as an ISO UTC string. */
  timestamp(v: unknown, path: JsonPath): string | undefined {
    if (v === undefined) return undefined; // missing: reported by required()
    const iso = normaliseTimestamp(v);
    if (iso === null) return this.fail(path, timestampProblem(v));
    return iso;
  }
}

export function problemsError(problems: FieldProblem[], count: number): LifeboatError {
  const first = problems[0];
  const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : '';
  return new LifeboatError('bad_request', `${first.path}: ${first.message}${more}`, first.where, { problems, count });
}
