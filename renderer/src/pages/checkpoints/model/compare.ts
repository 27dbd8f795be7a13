// Shaping a checkpoint diff for people: a summary per table and per account, and a flat list of
// change lines (one per changed field; one per added or removed row) that a table can sort and
// filter. Strategy state documents are opened up so a changed field inside them is its own line.
// Decimals stay strings; deltas come from the engine or from decimal.js, never from floats.
import type { CheckpointDiff, RowChange } from '../../../../../shared/api/checkpoints';
import { canonical, Dec } from '../../../../../shared/decimal';

export type ChangeKind = RowChange['kind'];
export const CHANGE_KINDS: readonly ChangeKind[] = ['changed', 'added', 'removed'];

export interface KindCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface AccountSummary extends KindCounts {
  /** null: desk-wide records (settings, artifacts). */
  accountId: string | null;
}

/** Rows changed per account, counted from the rows the diff returned. */
export function summaryByAccount(rows: readonly RowChange[]): AccountSummary[] {
  const by = new Map<string | null, AccountSummary>();
  for (const r of rows) {
    const s = by.get(r.accountId) ?? { accountId: r.accountId, added: 0, removed: 0, changed: 0 };
    s[r.kind] += 1;
    by.set(r.accountId, s);
  }
  return [...by.values()].sort((a, b) =>
    a.accountId === b.accountId ? 0 : a.accountId === null ? 1 : b.accountId === null ? -1 : a.accountId < b.accountId ? -1 : 1,
  );
}

export const totalOf = (c: KindCounts): number => c.added + c.removed + c.changed;

/** Every row change the diff counted, whether or not the rows were all returned. */
export function diffTotal(diff: Pick<CheckpointDiff, 'tables'>): number {
  return diff.tables.reduce((n, t) => n + totalOf(t), 0);
}

/** Tables that changed, biggest first; unchanged tables are left out. */
export function changedTables(diff: Pick<CheckpointDiff, 'tables'>): CheckpointDiff['tables'] {
  return diff.tables.filter((t) => totalOf(t) > 0).sort((a, b) => totalOf(b) - totalOf(a) || (a.table < b.table ? -1 : 1));
}

export const TABLE_LABELS: Record<string, string> = {
  accounts: 'Accounts',
  strategies: 'Strategies',
  positions: 'Positions',
  orders: 'Orders',
  cash_balances: 'Cash balances',
  risk_state: 'Risk state',
  artifacts: 'Artifacts',
  settings: 'Settings',
};
export const tableLabel = (table: string): string => TABLE_LABELS[table] ?? table;

/** The field that says most about an added or removed row. */
const PRIMARY_FIELD: Record<string, string> = {
  positions: 'quantity',
  orders: 'quantity',
  cash_balances: 'amount',
  strategies: 'status',
  risk_state: 'trading_enabled',
  accounts: 'name',
  artifacts: 'version',
  settings: 'value',
};

/** Fields that change with every write and say nothing on their own; hidden unless asked for. */
export const TIMESTAMP_FIELDS: ReadonlySet<string> = new Set(['updated_at', 'updatedAt']);

/** A row's key as a person reads it: the symbol, the order id, the currency. */
export function rowLabel(change: Pick<RowChange, 'table' | 'key' | 'before' | 'after'>): string {
  const row = (change.after ?? change.before ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof row[k] === 'string' && row[k] !== '' ? (row[k] as string) : null);
  switch (change.table) {
    case 'positions':
      return str('symbol') ?? change.key;
    case 'orders':
      return [str('symbol'), str('side')?.toUpperCase(), str('order_id') ?? change.key].filter(Boolean).join(' ');
    case 'cash_balances':
      return str('currency') ? `${str('currency')} cash` : change.key;
    case 'strategies':
      return str('name') ?? str('strategy_id') ?? change.key;
    case 'risk_state':
      return str('strategy_id') ?? '(account)';
    default:
      return change.key.split('\u001f').join(' / ');
  }
}

export type ValueKind = 'decimal' | 'text' | 'json' | 'none';

export interface ChangeLine {
  /** Unique per diff: table, row key and field. */
  id: string;
  table: string;
  kind: ChangeKind;
  accountId: string | null;
  strategyId: string | null;
  key: string;
  label: string;
  /** The field, or a path inside a JSON document ("state_json › pnl.realized"). */
  field: string;
  before: string | null;
  after: string | null;
  valueKind: ValueKind;
  delta: string | null;
  /** The whole row change, for the detail drawer. */
  change: RowChange;
}

const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
export const isDecimalText = (v: unknown): v is string => typeof v === 'string' && DECIMAL.test(v);
/** The same test without narrowing, for code that keeps the string either way. */
export const looksDecimal = (v: string): boolean => DECIMAL.test(v);

/** A value as text for a table cell: decimals and strings as they are, documents as compact JSON. */
export function valueText(v: unknown): { text: string | null; kind: ValueKind } {
  if (v === null || v === undefined) return { text: null, kind: 'none' };
  if (isDecimalText(v)) return { text: v, kind: 'decimal' };
  if (typeof v === 'string') return { text: v, kind: 'text' };
  if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v), kind: 'text' };
  return { text: JSON.stringify(v), kind: 'json' };
}

/** after − before when both are decimal strings, exactly; null otherwise. */
export function decimalDelta(before: unknown, after: unknown): string | null {
  if (!isDecimalText(before) || !isDecimalText(after)) return null;
  return canonical(new Dec(after).minus(before));
}

function parseDocument(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!(s.startsWith('{') || s.startsWith('['))) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf-level differences between two JSON documents, as dotted paths. Arrays compare whole. */
export function jsonChanges(before: unknown, after: unknown, path = ''): { path: string; before: unknown; after: unknown }[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => jsonChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '(document)', before: before ?? null, after: after ?? null }];
}

function line(change: RowChange, field: string, before: unknown, after: unknown, delta: string | null): ChangeLine {
  const b = valueText(before);
  const a = valueText(after);
  const kinds = [b.kind, a.kind];
  const valueKind: ValueKind = kinds.includes('json') ? 'json' : kinds.includes('text') ? 'text' : kinds.includes('decimal') ? 'decimal' : 'none';
  return {
    id: `${change.table}\u001f${change.key}\u001f${field}`,
    table: change.table,
    kind: change.kind,
    accountId: change.accountId,
    strategyId: change.strategyId,
    key: change.key,
    label: rowLabel(change),
    field,
    before: b.text,
    after: a.text,
    valueKind,
    delta,
    change,
  };
}

export interface LineOptions {
  /** Show updated_at and the like (off: they change with every write). */
  timestamps?: boolean;
}

/** The diff's rows as change lines, in the diff's order (table, then key). */
export function changeLines(rows: readonly RowChange[], options: LineOptions = {}): ChangeLine[] {
  const out: ChangeLine[] = [];
  for (const change of rows) {
    if (change.kind !== 'changed') {
      const field = PRIMARY_FIELD[change.table];
      const fc = change.fields.find((f) => f.field === field);
      const row = (change.after ?? change.before ?? {}) as Record<string, unknown>;
      if (fc) out.push(line(change, fc.field, fc.before, fc.after, fc.delta));
      else if (field && field in row) out.push(line(change, field, change.before?.[field] ?? null, change.after?.[field] ?? null, null));
      else out.push(line(change, '(row)', change.before ? '(present)' : null, change.after ? '(present)' : null, null));
      continue;
    }
    for (const f of change.fields) {
      if (!options.timestamps && TIMESTAMP_FIELDS.has(f.field)) continue;
      const docBefore = parseDocument(f.before);
      const docAfter = parseDocument(f.after);
      if (isPlainObject(docBefore) && isPlainObject(docAfter)) {
        for (const j of jsonChanges(docBefore, docAfter)) {
          const leaf = j.path.split('.').pop() ?? '';
          if (!options.timestamps && (TIMESTAMP_FIELDS.has(leaf) || leaf === 'lastHeartbeatAt')) continue;
          out.push(line(change, `${f.field} › ${j.path}`, j.before, j.after, decimalDelta(j.before, j.after)));
        }
        continue;
      }
      out.push(line(change, f.field, f.before, f.after, f.delta));
    }
  }
  return out;
}

export interface LineFilter {
  kinds?: ReadonlySet<ChangeKind>;
  table?: string | null;
  /** undefined: any account; null: desk-wide records only. */
  accountId?: string | null;
}

export function filterLines(lines: readonly ChangeLine[], filter: LineFilter): ChangeLine[] {
  return lines.filter(
    (l) =>
      (!filter.kinds || filter.kinds.has(l.kind)) &&
      (!filter.table || l.table === filter.table) &&
      (filter.accountId === undefined || l.accountId === filter.accountId),
  );
}

export interface CashChange {
  accountId: string;
  currency: string;
  before: string | null;
  after: string | null;
  delta: string | null;
}

/** Cash balances a diff moves, per account and currency: the money an operator checks before confirming. */
export function cashChanges(rows: readonly RowChange[]): CashChange[] {
  return rows
    .filter((r) => r.table === 'cash_balances')
    .map((r) => {
      const row = (r.after ?? r.before ?? {}) as Record<string, unknown>;
      const amount = r.fields.find((f) => f.field === 'amount');
      const before = typeof r.before?.amount === 'string' ? r.before.amount : null;
      const after = typeof r.after?.amount === 'string' ? r.after.amount : null;
      return { accountId: r.accountId ?? String(row.account_id ?? ''), currency: String(row.currency ?? ''), before, after, delta: amount?.delta ?? null };
    })
    .filter((c) => c.before !== c.after);
}

/** Line counts per kind (for the filter chips). */
export function kindCounts(lines: readonly ChangeLine[]): KindCounts {
  const c = { added: 0, removed: 0, changed: 0 };
  for (const l of lines) c[l.kind] += 1;
  return c;
}
