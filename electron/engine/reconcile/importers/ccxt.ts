// CCXT unified JSON: what a script saves from fetchBalance / fetchPositions / fetchOpenOrders.
//   one account:   { account?, exchange?, timestamp?, fetchBalance?, fetchPositions?, fetchOpenOrders? }
//   many accounts: { exchange?, timestamp?, accounts: { "<accountId>": { fetchBalance?, ... } } }
// A missing section was not reported; [] (or a balance with an empty total) reports none.
import type { BrokerAccountSnapshot, BrokerSnapshot } from '../../../../shared/api/reconcile';
import type { JsonPath, JsonSource } from '../../state-files/json-source';
import { readCcxtBalance, readCcxtOrder, readCcxtPosition, type SeenPosition } from './ccxt-items';
import { FirstSeen } from './duplicates';
import { BrokerFieldReader, given } from './json-reader';
import { accountIdOf, requireSomeSection, section, type JsonImportOptions } from './json-sections';

export const CCXT_SECTIONS = ['fetchBalance', 'fetchPositions', 'fetchOpenOrders'] as const;
const HEADER_FIELDS = ['exchange', 'timestamp', 'datetime'];
const SINGLE_FIELDS = ['account', ...HEADER_FIELDS, ...CCXT_SECTIONS];
const MANY_FIELDS = ['accounts', ...HEADER_FIELDS];
const ACCOUNT_FIELDS = ['exchange', ...CCXT_SECTIONS];

export function readCcxtSnapshot(src: JsonSource, options: JsonImportOptions = {}): BrokerSnapshot {
  const r = new BrokerFieldReader(src);
  r.progress = options.progress;
  const doc = r.object(src.root, []) ?? {};
  const accounts: BrokerAccountSnapshot[] = [];
  if (given(doc, 'accounts')) {
    r.strictKeys(doc, [], MANY_FIELDS);
    const byId = r.object(doc.accounts, ['accounts']) ?? {};
    if (Object.keys(byId).length === 0) r.fail(['accounts'], 'names no account');
    for (const [key, value] of Object.entries(byId)) {
      const path = ['accounts', key];
      const accountId = r.id(key, path);
      const obj = r.object(value, path);
      if (!obj || !accountId) continue;
      r.strictKeys(obj, path, ACCOUNT_FIELDS);
      accounts.push(readAccount(r, obj, path, accountId));
    }
  } else {
    r.strictKeys(doc, [], SINGLE_FIELDS);
    const accountId = accountIdOf(r, doc, [], 'account', options.accountId);
    if (accountId) accounts.push(readAccount(r, doc, [], accountId));
  }
  const asOfKey = given(doc, 'timestamp') ? 'timestamp' : 'datetime';
  const asOf = given(doc, asOfKey) ? r.timestamp(doc[asOfKey], [asOfKey]) : null;
  r.throwIfAny();
  return { format: 'ccxt', fileName: src.fileName, asOf: asOf ?? null, accounts };
}

function readAccount(r: BrokerFieldReader, obj: Record<string, unknown>, path: JsonPath, accountId: string): BrokerAccountSnapshot {
  requireSomeSection(r, obj, path, CCXT_SECTIONS);
  const positions = new FirstSeen<SeenPosition>();
  const orders = new FirstSeen<JsonPath>();
  return {
    accountId,
    positions: section(r, obj, path, 'fetchPositions', (item, at) => readCcxtPosition(r, item, at, positions)),
    orders: section(r, obj, path, 'fetchOpenOrders', (item, at) => readCcxtOrder(r, item, at, orders)),
    cash: given(obj, 'fetchBalance') ? (readCcxtBalance(r, obj.fetchBalance, [...path, 'fetchBalance']) ?? []) : null,
  };
}
