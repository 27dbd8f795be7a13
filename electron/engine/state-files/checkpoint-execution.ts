// Format B, the execution checkpoint:
//   { version, simulator_id, checkpoint_timestamp, cash, initial_cash, positions: {symbol: qty},
//     pending_orders[], completed_orders[], peak_value, daily_start_value, trading_enabled,
//     account_id?, ...config }
// Every other top-level key is the simulator's configuration and is kept as it is.
import { isLosslessNumber } from 'lossless-json';
import type { FieldReader } from './json-fields';
import { jsonKind, toPlainJson, whereOf, type JsonPath } from './json-source';
import { newSeenIds, readOrders } from './order-items';
import type { ExecutionCheckpointFile, ParsedPosition } from './state-file-types';

export const EXECUTION_CHECKPOINT_FIELDS = [
  'version',
  'simulator_id',
  'checkpoint_timestamp',
  'cash',
  'initial_cash',
  'positions',
  'pending_orders',
  'completed_orders',
  'peak_value',
  'daily_start_value',
  'trading_enabled',
  'account_id',
] as const;

export function readExecutionCheckpoint(r: FieldReader, doc: Record<string, unknown>): ExecutionCheckpointFile | undefined {
  const need = (key: string) => r.required(doc, [], key);
  const version = readVersion(r, need('version'));
  const simulatorId = r.id(need('simulator_id'), ['simulator_id']);
  const timestamp = r.timestamp(need('checkpoint_timestamp'), ['checkpoint_timestamp']);
  const cash = r.decimal(need('cash'), ['cash']);
  const initialCash = r.decimal(need('initial_cash'), ['initial_cash'], { nonNegative: true });
  const positions = readPositionMap(r, need('positions'), ['positions']);
  const seen = newSeenIds();
  const openOrders = readOrders(r, need('pending_orders'), ['pending_orders'], 'open', seen);
  const completedOrders = readOrders(r, need('completed_orders'), ['completed_orders'], 'completed', seen);
  const peakValue = r.decimal(need('peak_value'), ['peak_value'], { nonNegative: true });
  const dailyStartValue = r.decimal(need('daily_start_value'), ['daily_start_value'], { nonNegative: true });
  const tradingEnabled = r.boolean(need('trading_enabled'), ['trading_enabled']);
  const accountId = doc.account_id === undefined || doc.account_id === null ? null : r.id(doc.account_id, ['account_id']);

  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!(EXECUTION_CHECKPOINT_FIELDS as readonly string[]).includes(key)) {
      Object.defineProperty(config, key, { value: toPlainJson(value), enumerable: true, writable: true, configurable: true });
    }
  }

  if (
    !r.ok ||
    version === undefined ||
    !simulatorId ||
    !timestamp ||
    !cash ||
    !initialCash ||
    !peakValue ||
    !dailyStartValue ||
    tradingEnabled === undefined ||
    accountId === undefined
  ) {
    return undefined;
  }
  return {
    format: 'execution-checkpoint',
    fileName: r.src.fileName,
    warnings: r.warnings,
    simulatorId,
    version,
    timestamp,
    accountId,
    positions,
    openOrders,
    completedOrders,
    cash,
    cashPath: ['cash'],
    initialCash,
    peakValue,
    dailyStartValue,
    tradingEnabled,
    config,
    where: (path) => whereOf(r.src, path),
  };
}

/**
 * The execution-checkpoint versions this Lifeboat reads. Versions 1 to 3 carry the same fields this
 * reader takes, so none needs migrating; a version from a newer bot may mean something else by them
 * and is refused rather than guessed at.
 */
export const EXECUTION_CHECKPOINT_VERSIONS = ['1', '2', '3'] as const;

/** A version is a string or a number; a number is kept exactly (as text if a float can't hold it). */
function readVersion(r: FieldReader, v: unknown): string | number | undefined {
  if (v === undefined) return undefined;
  let version: string | number;
  if (typeof v === 'string' && v !== '') version = v;
  else if (isLosslessNumber(v)) version = toPlainJson(v) as string | number;
  else return r.fail(['version'], `expected a version string or number, got ${jsonKind(v)}`);
  if (!(EXECUTION_CHECKPOINT_VERSIONS as readonly string[]).includes(String(version))) {
    return r.fail(['version'], `version ${JSON.stringify(version)} is not one this Lifeboat reads (it reads ${EXECUTION_CHECKPOINT_VERSIONS.join(', ')})`);
  }
  return version;
}

/** `positions: { "AAPL": 100, "BTC/USDT": "0.5" }`; no prices in this format. */
function readPositionMap(r: FieldReader, value: unknown, path: JsonPath): ParsedPosition[] {
  const map = value === undefined ? undefined : r.object(value, path);
  if (!map) return [];
  const out: ParsedPosition[] = [];
  for (const [symbol, qty] of Object.entries(map)) {
    const at = [...path, symbol];
    const okSymbol = r.text(symbol, at);
    const quantity = r.decimal(qty, at);
    if (okSymbol && quantity) out.push({ path: at, quantityPath: at, symbol, quantity, avgPrice: null, lastPrice: null, currency: null });
  }
  return out;
}
