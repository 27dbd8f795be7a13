// Format A, the strategy checkpoint:
//   { strategy_name, timestamp, strategy_state, positions[], pending_orders[], cash_balance, account_id? }
// positions[] items: { symbol, quantity, avg_price | entry_price, current_price | last_price, currency }.
import type { FieldReader } from './json-fields';
import { toPlainJson, whereOf, type JsonPath } from './json-source';
import { newSeenIds, readOrders } from './order-items';
import type { ParsedPosition, StrategyCheckpointFile } from './state-file-types';

export const STRATEGY_CHECKPOINT_FIELDS = [
  'strategy_name',
  'timestamp',
  'strategy_state',
  'positions',
  'pending_orders',
  'cash_balance',
  'account_id',
] as const;

const POSITION_FIELDS = ['symbol', 'quantity', 'avg_price', 'entry_price', 'current_price', 'last_price', 'currency'] as const;

export function readStrategyCheckpoint(r: FieldReader, doc: Record<string, unknown>): StrategyCheckpointFile | undefined {
  r.strictKeys(doc, [], STRATEGY_CHECKPOINT_FIELDS);
  const strategyName = r.text(r.required(doc, [], 'strategy_name'), ['strategy_name']);
  const timestamp = r.timestamp(r.required(doc, [], 'timestamp'), ['timestamp']);
  const state = r.object(r.required(doc, [], 'strategy_state'), ['strategy_state']);
  const positions = readPositions(r, r.required(doc, [], 'positions'), ['positions']);
  const openOrders = readOrders(r, r.required(doc, [], 'pending_orders'), ['pending_orders'], 'open', newSeenIds());
  const cash = r.decimal(r.required(doc, [], 'cash_balance'), ['cash_balance']);
  const accountId = doc.account_id === undefined || doc.account_id === null ? null : r.id(doc.account_id, ['account_id']);

  if (!r.ok || !strategyName || !timestamp || !state || !cash || accountId === undefined) return undefined;
  return {
    format: 'strategy-checkpoint',
    fileName: r.src.fileName,
    warnings: r.warnings,
    strategyName,
    timestamp,
    accountId,
    strategyState: toPlainJson(state) as Record<string, unknown>,
    positions,
    openOrders,
    completedOrders: [],
    cash,
    cashPath: ['cash_balance'],
    where: (path) => whereOf(r.src, path),
  };
}

function readPositions(r: FieldReader, value: unknown, path: JsonPath): ParsedPosition[] {
  const out: ParsedPosition[] = [];
  const seen = new Map<string, number>();
  if (value === undefined) return out; // already reported as missing
  (r.array(value, path) ?? []).forEach((item, i) => {
    const at = [...path, i];
    const p = r.object(item, at);
    if (!p) return;
    r.strictKeys(p, at, POSITION_FIELDS);
    const symbol = r.text(r.required(p, at, 'symbol'), [...at, 'symbol']);
    const quantity = r.decimal(r.required(p, at, 'quantity'), [...at, 'quantity']);
    const avgPrice = aliased(r, p, at, 'avg_price', 'entry_price');
    const lastPrice = aliased(r, p, at, 'current_price', 'last_price');
    const currency = p.currency === undefined || p.currency === null ? null : r.text(p.currency, [...at, 'currency']);
    if (symbol !== undefined) {
      const first = seen.get(symbol);
      if (first !== undefined) r.fail([...at, 'symbol'], `${symbol} appears twice (first at positions[${first}])`);
      else seen.set(symbol, i);
    }
    if (!symbol || !quantity || avgPrice === undefined || lastPrice === undefined || currency === undefined) return;
    out.push({ path: at, quantityPath: [...at, 'quantity'], symbol, quantity, avgPrice, lastPrice, currency });
  });
  return out;
}

/** A price that may be written under either of two names (but not both). */
function aliased(r: FieldReader, p: Record<string, unknown>, at: JsonPath, name: string, alias: string): string | null | undefined {
  const has = (k: string) => p[k] !== undefined && p[k] !== null;
  if (has(name) && has(alias)) return r.fail([...at, alias], `give ${name} or ${alias}, not both`);
  const key = has(name) ? name : has(alias) ? alias : null;
  if (key === null) return null;
  return r.decimal(p[key], [...at, key], { positive: true });
}
