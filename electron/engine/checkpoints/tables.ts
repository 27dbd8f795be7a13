// The live tables a checkpoint captures, and how each one is keyed, ordered and scoped.
// A row's key is its primary key as one string (parts joined by U+001F), compared byte-wise as
// SQLite's BINARY collation does, so SQL ORDER BY and the chunker agree on the order.

export const KEY_SEPARATOR = '\u001f';

export interface TableSpec {
  name: string;
  /** Primary-key columns, in key order. */
  keyColumns: string[];
  /** The key as an SQL expression over the row (NEW./OLD. prefixes are added for triggers). */
  keySql: (prefix?: string) => string;
  /** Columns holding decimal strings: a diff shows a delta for these. */
  decimalColumns: string[];
  /** How to tell which account / strategy a row belongs to, for scoped rollback and diffs. */
  accountColumn: string | null;
  strategyColumn: string | null;
}

const joinKey = (cols: string[]) => (prefix = '') => cols.map((c) => `${prefix}${c}`).join(` || char(31) || `);

function spec(name: string, keyColumns: string[], decimals: string[], account: string | null, strategy: string | null): TableSpec {
  return { name, keyColumns, keySql: joinKey(keyColumns), decimalColumns: decimals, accountColumn: account, strategyColumn: strategy };
}

/** In name order: the root hash covers the tables in this order. */
export const CHECKPOINT_TABLES: readonly TableSpec[] = [
  spec('accounts', ['account_id'], [], 'account_id', null),
  {
    ...spec('artifacts', ['name', 'version'], [], null, 'strategy_id'),
    // Versions are integers: pad them so text order is numeric order.
    keySql: (prefix = '') => `${prefix}name || char(31) || printf('%010d', ${prefix}version)`,
  },
  spec('cash_balances', ['account_id', 'currency'], ['amount'], 'account_id', null),
  spec(
    'orders',
    ['order_id'],
    ['quantity', 'filled_quantity', 'limit_price', 'stop_price', 'avg_fill_price'],
    'account_id',
    'strategy_id',
  ),
  spec('positions', ['strategy_id', 'symbol'], ['quantity', 'avg_price', 'last_price'], 'account_id', 'strategy_id'),
  spec('risk_state', ['account_id', 'strategy_id'], ['peak_value', 'daily_start_value'], 'account_id', 'strategy_id'),
  spec('settings', ['key'], [], null, null),
  spec('strategies', ['strategy_id'], ['cash'], 'account_id', 'strategy_id'),
];

export const tableSpec = (name: string): TableSpec => {
  const t = CHECKPOINT_TABLES.find((s) => s.name === name);
  if (!t) throw new Error(`not a checkpointed table: ${name}`);
  return t;
};

/** Splits a key back into its column values (artifact versions become numbers again). */
export function keyValues(table: TableSpec, key: string): unknown[] {
  const parts = key.split(KEY_SEPARATOR);
  return table.keyColumns.map((c, i) => (table.name === 'artifacts' && c === 'version' ? Number(parts[i]) : parts[i]));
}

export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  // Byte-wise UTF-8 order, as SQLite's BINARY collation. Below U+D800, UTF-16 code-unit order is
  // UTF-8 byte order, so only a first difference at a surrogate or above needs the bytes.
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
