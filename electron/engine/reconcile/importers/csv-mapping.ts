// A CSV column mapping, checked: which fields it may name, and what each field is called in a
// file that comes without a mapping.
import type { CsvMapping } from '../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../shared/result';

export const CSV_FIELDS = [
  'kind',
  'account',
  'symbol',
  'quantity',
  'avgPrice',
  'side',
  'orderId',
  'clientOrderId',
  'filledQuantity',
  'limitPrice',
  'status',
  'currency',
  'amount',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

const OTHER_KEYS = ['defaultAccount', 'delimiter'];

/** Header names understood without a mapping, compared lower-case without spaces, "_" or "-". */
export const DEFAULT_NAMES: Record<CsvField, readonly string[]> = {
  kind: ['kind', 'rowkind', 'record'],
  account: ['account', 'accountid', 'accountnumber'],
  symbol: ['symbol', 'ticker', 'instrument'],
  quantity: ['quantity', 'qty', 'units'],
  avgPrice: ['avgprice', 'averageprice', 'avgentryprice', 'entryprice'],
  side: ['side'],
  orderId: ['orderid', 'brokerorderid', 'id'],
  clientOrderId: ['clientorderid'],
  filledQuantity: ['filledquantity', 'filledqty', 'filled'],
  limitPrice: ['limitprice', 'price'],
  status: ['status'],
  currency: ['currency', 'ccy'],
  amount: ['amount', 'balance'],
};

export const normaliseName = (name: string): string => name.trim().toLowerCase().replace(/[\s_-]+/g, '');

/** The mapping, refused when it names an unknown field or gives a field something other than a column. */
export function checkMapping(mapping: unknown, fileName: string): CsvMapping {
  const where = `${fileName} (column mapping)`;
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
    throw new LifeboatError('bad_request', 'the column mapping must be an object like {"symbol": "Symbol", "quantity": "3"}', where);
  }
  for (const [key, value] of Object.entries(mapping)) {
    if (!(CSV_FIELDS as readonly string[]).includes(key) && !OTHER_KEYS.includes(key)) {
      throw new LifeboatError('bad_request', `unknown mapping field "${key}" (expected ${[...CSV_FIELDS, ...OTHER_KEYS].join(', ')})`, where);
    }
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new LifeboatError('bad_request', `mapping.${key} must be a column name or a 1-based column number as a string`, where);
    }
    if (key === 'delimiter' && ![',', ';', '\t'].includes(value)) {
      throw new LifeboatError('bad_request', `mapping.delimiter must be ",", ";" or a tab, got ${JSON.stringify(value)}`, where);
    }
  }
  return mapping as CsvMapping;
}
