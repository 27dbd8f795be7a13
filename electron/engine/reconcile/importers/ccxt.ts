// CCXT unified JSON: what a script saves from fetchBalance / fetchPositions / fetchOpenOrders.
//   one account:   { account?, exchange? | id?, timestamp?, fetchBalance?, fetchPositions?, fetchOpenOrders? }
//   many accounts: { exchange? | id?, timestamp?, accounts: { "<accountId>": { exchange?, fetchBalance?, ... } } }
//   as ccxt returns it: a bare fetchPositions or fetchOpenOrders array, or a bare fetchBalance object
//                  ({ info, free, used, total, <currency>: {…} }); the account is the one chosen (--account).
// A missing section was not reported; [] (or a balance with an empty total) reports none. Decimals
// may use an exponent (ccxt writes 1.2e-7); they are read exactly from their digits.
import type { BrokerAccountSnapshot, BrokerSnapshot } from '../../../../shared/api/reconcile';
import { isJsonObject, type JsonPath, type JsonSource } from '../../state-files/json-source';
import { readCcxtBalance, readCcxtOrder, readCcxtPosition, type SeenPosition } from './ccxt-items';
import { FirstSeen } from './duplicates';
import { BrokerFieldReader, given } from './json-reader';
import { accountIdOf, list, requireSomeSection, section, type JsonImportOptions } from './json-sections';

export const CCXT_SECTIONS = ['fetchBalance', 'fetchPositions', 'fetchOpenOrders'] as const;
const HEADER_FIELDS = ['exchange', 'id', 'timestamp', 'datetime'];
const SINGLE_FIELDS = ['account', ...HEADER_FIELDS, ...CCXT_SECTIONS];
const MANY_FIELDS = ['accounts', ...HEADER_FIELDS];
const ACCOUNT_FIELDS = ['exchange', ...CCXT_SECTIONS];

type BareArray = 'fetchPositions' | 'fetchOpenOrders';

/** Which ccxt call a bare array came from, by its first item's members; null when it says neither. */
export function bareArrayKind(firstItemKeys: readonly string[]): BareArray | null {
  const has = (k: string) => firstItemKeys.includes(k);
  if (has('contracts') || has('entryPrice')) return 'fetchPositions';
  if (has('amount') && has('side')) return 'fetchOpenOrders';
  return null;
}

/** A bare fetchBalance result: total with free or used beside it. */
export const isBareBalance = (keys: readonly string[]): boolean => keys.includes('total') && (keys.includes('free') || keys.includes('used'));

export function readCcxtSnapshot(src: JsonSource, options: JsonImportOptions = {}): BrokerSnapshot {
  const r = new BrokerFieldReader(src);
  r.progress = options.progress;
  r.exponents = true;
  const accounts: BrokerAccountSnapshot[] = [];
  let asOf: string | null | undefined = null;
  if (Array.isArray(src.root) || (isJsonObject(src.root) && isBareBalance(Object.keys(src.root)))) {
    const account = readBare(r, src.root, options.accountId);
    if (account) accounts.push(account);
  } else {
    const doc = r.object(src.root, []) ?? {};
    const venue = given(doc, 'exchange') ? r.text(doc.exchange, ['exchange']) : given(doc, 'id') ? r.text(doc.id, ['id']) : null;
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
        const own = given(obj, 'exchange') ? r.text(obj.exchange, [...path, 'exchange']) : venue;
        accounts.push(readAccount(r, obj, path, accountId, own ?? null));
      }
    } else {
      r.strictKeys(doc, [], SINGLE_FIELDS);
      const accountId = accountIdOf(r, doc, [], 'account', options.accountId);
      if (accountId) accounts.push(readAccount(r, doc, [], accountId, venue ?? null));
    }
    const asOfKey = given(doc, 'timestamp') ? 'timestamp' : 'datetime';
    asOf = given(doc, asOfKey) ? r.timestamp(doc[asOfKey], [asOfKey]) : null;
  }
  r.throwIfAny();
  return { format: 'ccxt', fileName: src.fileName, asOf: asOf ?? null, accounts };
}

function readAccount(r: BrokerFieldReader, obj: Record<string, unknown>, path: JsonPath, accountId: string, venue: string | null): BrokerAccountSnapshot {
  requireSomeSection(r, obj, path, CCXT_SECTIONS);
  const positions = new FirstSeen<SeenPosition>();
  const orders = new FirstSeen<JsonPath>();
  return {
    accountId,
    ...(venue ? { venue } : {}),
    positions: section(r, obj, path, 'fetchPositions', (item, at) => readCcxtPosition(r, item, at, positions)),
    orders: section(r, obj, path, 'fetchOpenOrders', (item, at) => readCcxtOrder(r, item, at, orders)),
    cash: given(obj, 'fetchBalance') ? (readCcxtBalance(r, obj.fetchBalance, [...path, 'fetchBalance']) ?? []) : null,
  };
}

/** One account's bare ccxt result: a fetchPositions or fetchOpenOrders array, or a fetchBalance object. */
function readBare(r: BrokerFieldReader, root: unknown, chosen: string | undefined): BrokerAccountSnapshot | undefined {
  const accountId = chosen?.trim() || r.fail([], 'a bare ccxt result names no account; choose the account it belongs to (--account on the command line)');
  if (!Array.isArray(root)) {
    const cash = readCcxtBalance(r, root, []) ?? [];
    return accountId ? { accountId, positions: null, orders: null, cash } : undefined;
  }
  const first = root[0];
  const kind = first !== null && typeof first === 'object' && !Array.isArray(first) ? bareArrayKind(Object.keys(first)) : null;
  if (kind === null) {
    const what = root.length === 0 ? 'an empty array does not say whether it lists positions or orders' : 'its first item is neither a position (contracts, entryPrice) nor an order (amount, side)';
    return r.fail(root.length ? [0] : [], `a bare array, but ${what}; wrap it to say: {"fetchPositions": […]} or {"fetchOpenOrders": […]}`);
  }
  const positions = new FirstSeen<SeenPosition>();
  const orders = new FirstSeen<JsonPath>();
  const account: BrokerAccountSnapshot = {
    accountId: accountId ?? '',
    positions: kind === 'fetchPositions' ? list(r, root, [], (item, at) => readCcxtPosition(r, item, at, positions)) : null,
    orders: kind === 'fetchOpenOrders' ? list(r, root, [], (item, at) => readCcxtOrder(r, item, at, orders)) : null,
    cash: null,
  };
  return accountId ? account : undefined;
}
