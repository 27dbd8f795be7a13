// `lifeboat state import` and the inbox: a bot's state file replaces one strategy's live state in
// one transaction, together with its audit entry. The file is validated whole before anything is
// written; any error rolls everything back and is thrown as a LifeboatError naming file and path.
//
// What an import writes, for the strategy the file names (created in the given account if new):
// - positions: exactly the file's (others of the strategy are deleted; a zero quantity is flat);
// - open orders: exactly the file's (the strategy's other open orders are deleted);
// - completed orders: upserted (older completed orders stay);
// - strategy.cash: cash_balance / cash; strategy.state: strategy_state (format A), or for format B
//   the existing state document (if an object) with `version`, `initialCash` and `config` replaced;
// - format B: the strategy's risk state row (peak value, daily start value, trading enabled).
// Rows carry the checkpoint's timestamp as updatedAt, so importing the same file twice writes the
// same rows. A new strategy is created with status 'running' (the bot that wrote it was running).
import { requireFileSize } from './limits';
import type { Order, Strategy } from '../../../shared/domain';
import type { ImportResult } from '../../../shared/api/contract';
import { Dec } from '../../../shared/decimal';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { LiveStore } from '../live/live-store';
import { checkAgainstStore, resolveTarget, type ImportTarget } from './import-target';
import { parseStateFile } from './state-file';
import type { ParsedOrder, ParsedStateFile } from './state-file-types';

export interface ImportInput {
  fileName: string;
  content: string;
  /** The account for a strategy the desk does not know yet (`--account`). */
  accountId?: string;
}

export function importStateFile(store: LiveStore, input: ImportInput, at: string = new Date().toISOString()): ImportResult {
  requireFileSize(input.fileName, input.content, 'state');
  const file = parseStateFile(input.fileName, input.content);
  const run = store.db.transaction((): ImportResult => {
    const target = resolveTarget(store, file, input.accountId);
    checkAgainstStore(store, file, target);
    return write(store, file, target, at);
  });
  try {
    return run();
  } catch (err) {
    throw asLifeboatError(err, file.fileName);
  }
}

function write(store: LiveStore, file: ParsedStateFile, target: ImportTarget, at: string): ImportResult {
  const { account, strategyId, existing } = target;
  const accountId = account.accountId;
  const ts = file.timestamp;
  store.putStrategy({
    strategyId,
    accountId,
    name: existing?.name ?? (file.format === 'strategy-checkpoint' ? file.strategyName : file.simulatorId),
    status: existing?.status ?? 'running',
    cash: file.cash,
    state: strategyState(file, existing),
    updatedAt: ts,
  });

  const keep = new Set(file.positions.filter((p) => !new Dec(p.quantity).isZero()).map((p) => p.symbol));
  const held = store.db.prepare('SELECT symbol FROM positions WHERE strategy_id = ?').pluck().all(strategyId) as string[];
  const removed = held.filter((symbol) => !keep.has(symbol));
  for (const symbol of removed) store.deletePosition(strategyId, symbol);
  for (const p of file.positions) {
    store.putPosition({
      accountId,
      strategyId,
      symbol: p.symbol,
      quantity: p.quantity,
      avgPrice: p.avgPrice,
      lastPrice: p.lastPrice,
      currency: p.currency ?? positionCurrency(p.symbol, account),
      updatedAt: ts,
    });
  }

  const orders = [...file.openOrders, ...file.completedOrders];
  // Read before deleting: an open order the file keeps keeps its links and creation time.
  const stored = new Map(orders.map((o) => [o.orderId, store.order(o.orderId)]));
  const replacedOpenOrders = store.deleteOpenOrders(strategyId);
  for (const o of orders) store.putOrder(toOrder(o, stored.get(o.orderId) ?? null, accountId, strategyId, ts));

  if (file.format === 'execution-checkpoint') {
    const risk = store.risk(accountId, strategyId);
    store.putRisk({
      accountId,
      strategyId,
      peakValue: file.peakValue,
      dailyStartValue: file.dailyStartValue,
      tradingEnabled: file.tradingEnabled,
      haltReason: file.tradingEnabled ? null : risk?.haltReason ?? 'trading disabled in the imported execution checkpoint',
      limits: risk?.limits ?? {},
      updatedAt: ts,
    });
  }

  const summary = { format: file.format, strategyId, accountId, positions: keep.size, orders: orders.length };
  const entry = appendAudit(
    store.db,
    'state.import',
    {
      file: file.fileName,
      ...summary,
      checkpointTimestamp: ts,
      createdStrategy: existing === null,
      removedPositions: removed.length,
      replacedOpenOrders,
      ...(file.warnings.length ? { warnings: file.warnings } : {}),
    },
    at,
  );
  return { ...summary, auditSeq: entry.seq, warnings: file.warnings };
}

function strategyState(file: ParsedStateFile, existing: Strategy | null): unknown {
  if (file.format === 'strategy-checkpoint') return file.strategyState;
  const prior = existing && isPlainObject(existing.state) ? existing.state : {};
  return { ...prior, version: file.version, initialCash: file.initialCash, config: file.config };
}

/** The file's order as stored; links (parent / stop / take-profit) of a known order are kept. */
function toOrder(o: ParsedOrder, stored: Order | null, accountId: string, strategyId: string, ts: string): Order {
  return {
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    brokerOrderId: o.brokerOrderId,
    accountId,
    strategyId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    quantity: o.quantity,
    filledQuantity: o.filledQuantity,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    avgFillPrice: o.avgFillPrice,
    status: o.status,
    parentOrderId: stored?.parentOrderId ?? null,
    stopOrderId: stored?.stopOrderId ?? null,
    takeProfitOrderId: stored?.takeProfitOrderId ?? null,
    createdAt: o.createdAt ?? stored?.createdAt ?? ts,
    updatedAt: ts,
  };
}

/** A crypto pair (BTC/USDT, or BTC/USDT:USDT for a swap) is priced in its quote currency. */
export function positionCurrency(symbol: string, account: { kind: string; baseCurrency: string }): string {
  if (account.kind === 'crypto' && symbol.includes('/')) {
    const quote = symbol.split('/')[1].split(':')[0].trim();
    if (quote) return quote;
  }
  return account.baseCurrency;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function asLifeboatError(err: unknown, fileName: string): unknown {
  if (err instanceof LifeboatError) return err;
  const code = String((err as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new LifeboatError('bad_request', `the file conflicts with the stored state (${(err as Error).message})`, fileName);
  }
  return err;
}
