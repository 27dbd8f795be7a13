// Lifeboat's own broker snapshot file, what `lifeboat demo` writes:
//   { "format": "lifeboat-broker-snapshot", "version": 1, "asOf": "…" | null,
//     "accounts": [ { "accountId", "venue"?, "positions": [...] | null, "orders": [...] | null, "cash": [...] | null } ] }
// null (or absent) is "not reported", [] is "none". Written as canonical JSON, so the same
// snapshot is always the same bytes.
import type { BrokerAccountSnapshot, BrokerSnapshot } from '../../../../shared/api/reconcile';
import { canonicalJson } from '../../../../shared/canonical-json';
import { isLosslessNumber } from 'lossless-json';
import type { JsonPath, JsonSource } from '../../state-files/json-source';
import { FirstSeen } from './duplicates';
import { BrokerFieldReader, given } from './json-reader';
import { readLifeboatCash, readLifeboatOrder, readLifeboatPosition } from './lifeboat-items';
import { section, type JsonImportOptions } from './json-sections';

export const LIFEBOAT_FORMAT = 'lifeboat-broker-snapshot';
export const LIFEBOAT_VERSION = 1;
const FIELDS = ['format', 'version', 'asOf', 'accounts'];
const ACCOUNT_FIELDS = ['accountId', 'venue', 'positions', 'orders', 'cash'];

export function readLifeboatSnapshot(src: JsonSource, options: JsonImportOptions = {}): BrokerSnapshot {
  const r = new BrokerFieldReader(src);
  r.progress = options.progress;
  const doc = r.object(src.root, []) ?? {};
  r.strictKeys(doc, [], FIELDS);
  const format = r.text(r.required(doc, [], 'format'), ['format']);
  if (format !== undefined && format !== LIFEBOAT_FORMAT) r.fail(['format'], `expected "${LIFEBOAT_FORMAT}", got ${JSON.stringify(format)}`);
  const version = r.required(doc, [], 'version');
  if (version !== undefined && !(isLosslessNumber(version) && version.value === String(LIFEBOAT_VERSION))) {
    r.fail(['version'], `this Lifeboat reads version ${LIFEBOAT_VERSION} of the snapshot format`);
  }
  const asOf = given(doc, 'asOf') ? r.timestamp(doc.asOf, ['asOf']) : null;
  const seenAccounts = new FirstSeen<JsonPath>();
  const accounts = section(r, doc, [], 'accounts', (item, at) => readAccount(r, item, at, seenAccounts));
  if (accounts === null) r.required(doc, [], 'accounts');
  else if (accounts.length === 0 && r.ok) r.fail(['accounts'], 'names no account');
  r.throwIfAny();
  return { format: 'lifeboat', fileName: src.fileName, asOf: asOf ?? null, accounts: accounts ?? [] };
}

function readAccount(r: BrokerFieldReader, item: unknown, path: JsonPath, seen: FirstSeen<JsonPath>): BrokerAccountSnapshot | undefined {
  const a = r.object(item, path);
  if (!a) return undefined;
  r.strictKeys(a, path, ACCOUNT_FIELDS);
  const accountId = r.id(r.required(a, path, 'accountId'), [...path, 'accountId']);
  if (accountId) r.unique(seen, accountId, [...path, 'accountId'], `account ${accountId}`);
  const positions = new FirstSeen<JsonPath>();
  const orders = new FirstSeen<JsonPath>();
  const cash = new FirstSeen<JsonPath>();
  const venue = given(a, 'venue') ? r.text(a.venue, [...path, 'venue']) : null;
  const account: BrokerAccountSnapshot = {
    accountId: accountId ?? '',
    ...(venue ? { venue } : {}),
    positions: section(r, a, path, 'positions', (p, at) => readLifeboatPosition(r, p, at, positions)),
    orders: section(r, a, path, 'orders', (o, at) => readLifeboatOrder(r, o, at, orders)),
    cash: section(r, a, path, 'cash', (c, at) => readLifeboatCash(r, c, at, cash)),
  };
  return accountId ? account : undefined;
}

/** The snapshot as Lifeboat's canonical JSON (keys sorted, indent 2, a final newline); `at` is not kept. */
export function writeLifeboatSnapshot(snapshot: Pick<BrokerSnapshot, 'asOf' | 'accounts'>): string {
  const strip = <T extends { at: string }>({ at: _at, ...rest }: T) => rest;
  const doc = {
    format: LIFEBOAT_FORMAT,
    version: LIFEBOAT_VERSION,
    asOf: snapshot.asOf,
    accounts: snapshot.accounts.map((a) => ({
      accountId: a.accountId,
      ...(a.venue ? { venue: a.venue } : {}),
      positions: a.positions?.map(strip) ?? null,
      orders: a.orders?.map(strip) ?? null,
      cash: a.cash?.map(strip) ?? null,
    })),
  };
  return canonicalJson(doc, 2) + '\n';
}
