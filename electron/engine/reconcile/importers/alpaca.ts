// Alpaca JSON: the API's objects gathered in one file, for one account.
//   { account_id?, as_of?, account?: { cash, currency, ... }, positions?: [...], orders?: [...] }
// A missing member was not reported; [] reports none. Cash is account.cash in account.currency
// (USD when Alpaca leaves it out); it may be negative on a margin account.
import type { BrokerCash, BrokerSnapshot } from '../../../../shared/api/reconcile';
import type { JsonPath, JsonSource } from '../../state-files/json-source';
import { readAlpacaOrder, readAlpacaPosition } from './alpaca-items';
import { FirstSeen } from './duplicates';
import { BrokerFieldReader, given } from './json-reader';
import { accountIdOf, requireSomeSection, section, type JsonImportOptions } from './json-sections';

export const ALPACA_SECTIONS = ['account', 'positions', 'orders'] as const;
const FIELDS = ['account_id', 'as_of', ...ALPACA_SECTIONS];

export function readAlpacaSnapshot(src: JsonSource, options: JsonImportOptions = {}): BrokerSnapshot {
  const r = new BrokerFieldReader(src);
  r.progress = options.progress;
  const doc = r.object(src.root, []) ?? {};
  r.strictKeys(doc, [], FIELDS);
  requireSomeSection(r, doc, [], ALPACA_SECTIONS);
  const accountId = accountIdOf(r, doc, [], 'account_id', options.accountId);
  const positionsSeen = new FirstSeen<JsonPath>();
  const ordersSeen = new FirstSeen<JsonPath>();
  const positions = section(r, doc, [], 'positions', (item, at) => readAlpacaPosition(r, item, at, positionsSeen));
  const orders = section(r, doc, [], 'orders', (item, at) => readAlpacaOrder(r, item, at, ordersSeen));
  const cash = given(doc, 'account') ? readCash(r, doc.account, ['account']) : null;
  const asOf = given(doc, 'as_of') ? r.timestamp(doc.as_of, ['as_of']) : null;
  r.throwIfAny();
  return {
    format: 'alpaca',
    fileName: src.fileName,
    asOf: asOf ?? null,
    accounts: [{ accountId: accountId!, positions, orders, cash: cash ?? null }],
  };
}

function readCash(r: BrokerFieldReader, value: unknown, path: JsonPath): BrokerCash[] | undefined {
  const account = r.object(value, path);
  if (!account) return undefined;
  const currency = given(account, 'currency') ? r.currency(account.currency, [...path, 'currency']) : 'USD';
  const amount = r.decimal(r.required(account, path, 'cash'), [...path, 'cash']);
  if (!currency || amount === undefined) return undefined;
  return [{ at: 'account.cash', currency, amount }];
}
