// One discrepancy as local | broker | delta: which fields a kind compares, which of them differ,
// and the short text a table cell shows ("40 @ 102.37", "SELL 5 @ 180.1 · open").
import type { Discrepancy, DiscrepancyKind } from '../../../../../shared/api/reconcile';
import { compareDecimalText, decimalParts, formatDecimal } from '../../../../../shared/decimal-text';
import { decimalSign } from '../../../format/decimal';
import { roundForDisplay } from '../../../format/rounding';

export interface ComparedField {
  key: string;
  label: string;
  local: string | null;
  broker: string | null;
  /** broker − local, exact, when the engine computed one. */
  delta: string | null;
  differs: boolean;
  decimal: boolean;
}

/** A piece of a cell's text; `diff` pieces are highlighted. */
export interface Segment {
  text: string;
  diff?: boolean;
}

export type Side = 'local' | 'broker';

const POSITION_KINDS = new Set<DiscrepancyKind>(['missing_locally', 'missing_at_broker', 'quantity_mismatch', 'price_mismatch']);
const ORDER_KINDS = new Set<DiscrepancyKind>(['order_status_mismatch', 'orphaned_order', 'external_order', 'outcome_unknown']);

const LABELS: Record<string, string> = {
  quantity: 'quantity',
  avgPrice: 'avg price',
  amount: 'amount',
  side: 'side',
  filledQuantity: 'filled',
  limitPrice: 'limit',
  status: 'status',
  symbol: 'symbol',
  contract: 'contract',
  notional: 'notional',
  orderId: 'our order id',
  brokerOrderId: 'broker order id',
  clientOrderId: 'client order id',
};
/** Short names for the delta cell. */
const SHORT: Record<string, string> = { quantity: 'qty', avgPrice: 'avg', filledQuantity: 'filled', amount: '', limitPrice: 'limit' };

const DECIMAL_FIELDS = new Set(['quantity', 'avgPrice', 'amount', 'filledQuantity', 'limitPrice', 'notional']);
/** What the broker says about a value, not a value compared: never "differs". */
const CONTEXT_FIELDS = new Set(['contract']);

export const isPositionKind = (k: DiscrepancyKind) => POSITION_KINDS.has(k);
export const isOrderKind = (k: DiscrepancyKind) => ORDER_KINDS.has(k);

/** The fields a kind compares, in reading order; every other field is in the drawer. */
export function fieldKeys(f: Discrepancy): string[] {
  if (POSITION_KINDS.has(f.kind)) return ['quantity', 'avgPrice', 'contract'];
  if (ORDER_KINDS.has(f.kind)) return ['status', 'side', 'quantity', 'notional', 'filledQuantity', 'limitPrice', 'brokerOrderId', 'clientOrderId', 'orderId'];
  if (f.kind === 'cash_mismatch') return ['amount'];
  if (f.kind === 'unmapped_symbol') return ['symbol'];
  return [...new Set([...Object.keys(f.local ?? {}), ...Object.keys(f.broker ?? {})])];
}

function same(key: string, a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return DECIMAL_FIELDS.has(key) && decimalParts(a) && decimalParts(b) ? compareDecimalText(a, b) === 0 : false;
}

/** A quantity the broker did not report (an order sized in money) is not a difference. */
const notReported = (f: Discrepancy, key: string) => key === 'quantity' && f.broker !== null && f.broker.quantity === null && 'notional' in f.broker;

/** Every compared field with both values; a field differs when both sides have it and disagree, or the engine gave it a delta. */
export function comparedFields(f: Discrepancy): ComparedField[] {
  const both = f.local !== null && f.broker !== null;
  return fieldKeys(f)
    .filter((key) => (f.local?.[key] ?? null) !== null || (f.broker?.[key] ?? null) !== null || key in f.delta)
    .map((key) => {
      const local = f.local?.[key] ?? null;
      const broker = f.broker?.[key] ?? null;
      const delta = f.delta[key] ?? null;
      const deltaSays = delta !== null && decimalSign(delta) !== 0;
      return {
        key,
        label: LABELS[key] ?? key,
        local,
        broker,
        delta,
        differs: !CONTEXT_FIELDS.has(key) && !notReported(f, key) && (deltaSays || (both && !same(key, local, broker))),
        decimal: DECIMAL_FIELDS.has(key),
      };
    });
}

/** What a cell says when a side has nothing for this discrepancy. */
export function absentText(f: Discrepancy, side: Side): string {
  if (side === 'local') {
    if (f.kind === 'missing_locally') return 'no position';
    if (f.kind === 'external_order') return 'unknown order';
    return '—';
  }
  if (f.kind === 'missing_at_broker') return 'no position';
  if (f.kind === 'orphaned_order') return 'not open at broker';
  if (f.kind === 'outcome_unknown') return 'no longer listed';
  return '—';
}

/** The cell text of one side, with the differing parts marked; null when the side has nothing. */
export function sideSegments(f: Discrepancy, side: Side, fields: ComparedField[] = comparedFields(f)): Segment[] | null {
  const record = side === 'local' ? f.local : f.broker;
  if (record === null) return null;
  const by = new Map(fields.map((x) => [x.key, x]));
  const value = (key: string) => record[key] ?? null;
  const diff = (key: string) => by.get(key)?.differs ?? false;
  const out: Segment[] = [];
  const push = (text: string, key?: string) => out.push(key && diff(key) ? { text, diff: true } : { text });

  if (POSITION_KINDS.has(f.kind)) {
    push(formatDecimal(value('quantity') ?? '0'), 'quantity');
    // Counted in contracts (options, futures): "-2 (OPT × 100) @ 5.3025".
    const contract = value('contract');
    if (contract !== null) push(` (${contract})`);
    const avg = value('avgPrice');
    if (avg !== null) {
      push(' @ ');
      push(formatDecimal(avg), 'avgPrice');
    }
    return out;
  }
  if (ORDER_KINDS.has(f.kind)) {
    const s = value('side');
    if (s) push(`${s.toUpperCase()} `, 'side');
    const quantity = value('quantity');
    const notional = value('notional');
    // An order sized in money (Alpaca's notional) has no quantity to show.
    if (quantity !== null) push(formatDecimal(quantity), 'quantity');
    else push(notional !== null ? `${formatDecimal(notional)} notional (quantity not reported)` : 'quantity not reported', 'quantity');
    const limit = value('limitPrice');
    push(' @ ');
    push(limit !== null ? formatDecimal(limit) : 'mkt', 'limitPrice');
    const status = value('status');
    if (status) {
      push(' · ');
      push(status, 'status');
    }
    const filled = value('filledQuantity');
    if (filled !== null && (decimalSign(filled) !== 0 || diff('filledQuantity'))) {
      push(' · filled ');
      push(formatDecimal(filled), 'filledQuantity');
    }
    return out;
  }
  if (f.kind === 'cash_mismatch') {
    push(formatDecimal(value('amount') ?? '0'), 'amount');
    return out;
  }
  if (f.kind === 'unmapped_symbol') {
    push(value('symbol') ?? '', 'symbol');
    return out;
  }
  fields.forEach((x, i) => {
    if (i) push(' · ');
    push(`${x.label} ${value(x.key) ?? '—'}`, x.key);
  });
  return out;
}

/** "+125.5" / "-3" / "0": a signed delta for reading. */
export function signed(text: string): string {
  const shown = formatDecimal(text);
  return decimalSign(text) > 0 ? `+${shown}` : shown;
}

/** The delta cell: "qty +2", "avg +3.175628", "+125.5" (cash), "filled +628". */
export function deltaText(f: Discrepancy): string {
  return Object.entries(f.delta)
    .filter(([, v]) => decimalSign(v) !== 0)
    .map(([k, v]) => {
      const short = SHORT[k] ?? k;
      return short ? `${short} ${signed(v)}` : signed(v);
    })
    .join('  ');
}

/**
 * Places a difference is read at: those of the values compared — the broker's quote and ours —
 * leaving out a side worked out to many places (an average price of ours carries 18); 2 to 8.
 */
function deltaPlaces(f: Discrepancy, key: string): number {
  const placesOf = (v: string | null | undefined) => (v && v.includes('.') ? v.length - v.indexOf('.') - 1 : 0);
  const sides = [f.local?.[key], f.broker?.[key]].filter((v): v is string => typeof v === 'string').map(placesOf).filter((p) => p <= 8);
  // A price quoted whole (64010) still shows cents of a difference.
  return Math.max(2, sides.length ? Math.max(...sides) : 8);
}

/**
 * The delta cell as shown: each difference at the precision of the values compared, rounded half
 * even in decimal arithmetic; `exact` is deltaText, for the hover and the copy.
 */
export function deltaShown(f: Discrepancy): { text: string; exact: string; rounded: boolean } {
  let rounded = false;
  const text = Object.entries(f.delta)
    .filter(([, v]) => decimalSign(v) !== 0)
    .map(([k, v]) => {
      // A difference too small for those places is shown exactly, never as a zero.
      const fit = roundForDisplay(v, deltaPlaces(f, k));
      const r = decimalSign(fit.text) === 0 ? { text: v, rounded: false } : fit;
      rounded ||= r.rounded;
      const short = SHORT[k] ?? k;
      return short ? `${short} ${signed(r.text)}` : signed(r.text);
    })
    .join('  ');
  return { text, exact: deltaText(f), rounded };
}

/** The first decimal delta, for sorting by size of difference within a kind. */
export function primaryDelta(f: Discrepancy): string | null {
  for (const v of Object.values(f.delta)) if (decimalParts(v)) return v;
  return null;
}

/** "AAPL", "ord-…-001972 · AAPL", "USD". */
export function subjectText(f: Discrepancy): string {
  if (f.orderRef && f.symbol) return `${f.symbol} · ${f.orderRef}`;
  return f.symbol ?? f.orderRef ?? '—';
}
