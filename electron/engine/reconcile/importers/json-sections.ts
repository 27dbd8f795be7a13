// Pieces every JSON importer needs: which account a file is about, and reading one section
// (positions, orders, cash) where absent or null means "not reported" and [] means "none".
import { isJsonObject, type JsonPath } from '../../state-files/json-source';
import { given, type BrokerFieldReader } from './json-reader';
import type { ItemProgress } from './progress';

export interface JsonImportOptions {
  /** The account for a file that names none (the CLI's --account). */
  accountId?: string;
  /** Ticked once per item of every section (see countItems). */
  progress?: ItemProgress;
}

/** The account id from the file, else the one given, else a problem asking for one. */
export function accountIdOf(
  r: BrokerFieldReader,
  obj: Record<string, unknown>,
  path: JsonPath,
  key: string,
  fallback: string | undefined,
): string | undefined {
  if (given(obj, key)) return r.id(obj[key], [...path, key]);
  if (fallback !== undefined && fallback.trim() !== '') return fallback.trim();
  return r.fail(path, `the file names no account ("${key}"); choose the account it belongs to (--account on the command line)`);
}

/**
 * A reported section: null when the member is absent or null, otherwise every item read by
 * `readItem` (items it refuses are left out; the reader holds their problems).
 */
export function section<T>(
  r: BrokerFieldReader,
  obj: Record<string, unknown>,
  path: JsonPath,
  key: string,
  readItem: (item: unknown, at: JsonPath) => T | T[] | undefined,
): T[] | null {
  if (!given(obj, key)) return null;
  return list(r, obj[key], [...path, key], readItem);
}

/** Every item of the array at `path` read by `readItem` (a section's, or a bare top-level array's). */
export function list<T>(r: BrokerFieldReader, value: unknown, path: JsonPath, readItem: (item: unknown, at: JsonPath) => T | T[] | undefined): T[] {
  const items = r.array(value, path);
  if (!items) return [];
  const out: T[] = [];
  items.forEach((item, i) => {
    const read = readItem(item, [...path, i]);
    if (Array.isArray(read)) out.push(...read);
    else if (read !== undefined) out.push(read);
    r.progress?.tick();
  });
  return out;
}

/** A problem when an account's part of the file reports none of its sections. */
export function requireSomeSection(r: BrokerFieldReader, obj: Record<string, unknown>, path: JsonPath, keys: readonly string[]): void {
  if (!keys.some((k) => given(obj, k))) r.fail(path, `reports nothing: give at least one of ${keys.join(', ')}`);
}

/** Items in the arrays of a document and of its accounts: the work a JSON import's walk does. */
export function countItems(root: unknown): number {
  if (Array.isArray(root)) return root.length;
  let n = 0;
  const add = (obj: unknown) => {
    if (isJsonObject(obj)) for (const v of Object.values(obj)) if (Array.isArray(v)) n += v.length;
  };
  add(root);
  const accounts = isJsonObject(root) ? root.accounts : undefined;
  if (Array.isArray(accounts)) accounts.forEach(add);
  else if (isJsonObject(accounts)) Object.values(accounts).forEach(add);
  return n;
}
