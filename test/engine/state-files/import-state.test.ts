import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importStateFile } from '../../../electron/engine/state-files/import-state';
import type { LiveStore } from '../../../electron/engine/live/live-store';
import { listAudit, verifyAudit } from '../../../electron/engine/audit/audit-log';
import { LifeboatError } from '../../../shared/result';
import { tempStore } from '../../support/temp-state';
import { auditCount, dumpDb, fixture, FIXTURES, openOrdersOf, positionsOf, seedDesk } from './helpers';

const AT = '2024-03-20T10:00:00.000Z';
let store: LiveStore;

beforeEach(() => {
  store = tempStore().store;
  seedDesk(store);
});

/** Runs an import that must fail, and checks that it changed nothing at all. */
function refused(fileName: string, content: string, accountId?: string): LifeboatError {
  const before = dumpDb(store.db);
  const audits = auditCount(store.db);
  let error: unknown;
  try {
    importStateFile(store, { fileName, content, accountId }, AT);
  } catch (err) {
    error = err;
  }
  expect(error, `${fileName} was accepted`).toBeInstanceOf(LifeboatError);
  expect((error as LifeboatError).code).toBe('bad_request');
  expect(dumpDb(store.db)).toBe(before);
  expect(auditCount(store.db)).toBe(audits);
  return error as LifeboatError;
}

describe('importStateFile: refused files change nothing', () => {
  const bad = readdirSync(join(FIXTURES, 'bad')).sort();

  it('has the bad fixtures the brief asks for', () => {
    expect(bad).toEqual([
      'negative-cash.json',
      'not-json.json',
      'other-shape.json',
      'price-nan.json',
      'quantity-1e400.json',
      'quantity-comma.json',
      'quantity-negative-zero.json',
      'truncated.json',
      'unknown-field.json',
    ]);
  });

  it.each(bad)('bad/%s is refused naming the file and where', (name) => {
    const err = refused(name, fixture(`bad/${name}`));
    expect(err.message.startsWith(name)).toBe(true);
    if (name !== 'other-shape.json') expect(err.where).toMatch(new RegExp(`^${name.replace('.', '\\.')}:\\d+:\\d+$`));
  });

  it('refuses a negative cash balance in a cash account at its line', () => {
    const err = refused('neg.json', fixture('bad/negative-cash.json'));
    expect(err.where).toBe('neg.json:40:19');
    expect(err.reason).toBe('cash_balance: -100.5 is a negative cash balance, and ACC-EQ is a cash account');
  });

  it('refuses a short in a cash account, but not in a margin account', () => {
    const short = fixture('strategy-checkpoint.json').replace('"quantity": "25"', '"quantity": "-25"');
    const err = refused('short.json', short);
    expect(err.reason).toBe('positions[1].quantity: MSFT -25 is a short position, and ACC-EQ is a cash account');
    // The execution checkpoint's ETH short goes to a margin account.
    expect(importStateFile(store, { fileName: 'ec.json', content: fixture('execution-checkpoint.json') }, AT).positions).toBe(2);
  });

  it('refuses an order id that belongs to another strategy', () => {
    const text = fixture('strategy-checkpoint.json').replace('"order_id": "ord-1001"', '"order_id": "taken-1"');
    const err = refused('clash.json', text);
    expect(err.reason).toBe('pending_orders[0].order_id: order id "taken-1" already belongs to strategy other');
    expect(err.where).toMatch(/^clash\.json:\d+:\d+$/);
  });

  it('refuses an unknown strategy without an account, and an account that does not exist', () => {
    const text = fixture('strategy-checkpoint.json').replace('"mean-reversion"', '"brand-new"');
    expect(refused('new.json', text).reason).toBe('unknown strategy brand-new: name an account with --account or account_id');
    expect(refused('new.json', text, 'NOPE').reason).toBe('--account: no account NOPE in this state folder');
    const withField = text.replace('"cash_balance"', '"account_id": "GHOST", "cash_balance"');
    const err = refused('new.json', withField);
    expect(err.reason).toBe('account_id: no account GHOST in this state folder');
    expect(err.where).toMatch(/^new\.json:40:\d+$/);
  });

  it('refuses an account option that contradicts the file’s account_id', () => {
    const err = refused('ec.json', fixture('execution-checkpoint.json'), 'ACC-EQ');
    expect(err.reason).toBe('account_id is ACC-CRYPTO, but the import names account ACC-EQ; drop one or make them agree');
    expect(err.where).toBe('ec.json:5:17');
  });

  it('refuses a broker order id another order of the account already has', () => {
    store.db.prepare("UPDATE orders SET broker_order_id = 'B-1' WHERE order_id = 'taken-1'").run();
    const text = fixture('execution-checkpoint.json').replace('"order_id": "g-1",', '"order_id": "g-1", "broker_order_id": "B-1",');
    expect(refused('b.json', text).reason).toBe(
      'pending_orders[0].broker_order_id: broker order id "B-1" is already used by order taken-1 in account ACC-CRYPTO',
    );
  });

  it('refuses to move a strategy to another account', () => {
    expect(refused('sc.json', fixture('strategy-checkpoint.json'), 'ACC-CRYPTO').reason).toBe(
      'strategy mean-reversion belongs to account ACC-EQ, not ACC-CRYPTO',
    );
  });
});

describe('importStateFile: strategy checkpoint', () => {
  it('stores a value with binary-float noise as written, and says so in the report and the audit entry (#15 point 18)', () => {
    const noisy = fixture('strategy-checkpoint.json').replace('"current_price": 189.10', '"current_price": 0.30000000000000004');
    const result = importStateFile(store, { fileName: 'sc.json', content: noisy }, AT);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^sc\.json:12:\d+: positions\[0\]\.current_price: 0\.30000000000000004 looks like binary-float noise \(a float writing 0\.3\); stored exactly as written$/),
    ]);
    expect(positionsOf(store, 'mr')[0].lastPrice).toBe('0.30000000000000004');
    const details = JSON.parse(store.db.prepare("SELECT details FROM audit_log WHERE action = 'state.import'").pluck().get() as string);
    expect(details.warnings).toEqual(result.warnings);
    // A clean file has none, and its audit entry says nothing of them.
    expect(importStateFile(store, { fileName: 'sc.json', content: fixture('strategy-checkpoint.json') }, AT).warnings).toEqual([]);
  });

  it('replaces the strategy’s positions and open orders, exactly', () => {
    const result = importStateFile(store, { fileName: 'sc.json', content: fixture('strategy-checkpoint.json') }, AT);
    expect(result).toEqual({ format: 'strategy-checkpoint', strategyId: 'mr', accountId: 'ACC-EQ', positions: 2, orders: 2, auditSeq: 1, warnings: [] });

    const ts = '2024-03-15T13:30:00.250Z';
    expect(positionsOf(store, 'mr')).toEqual([
      { accountId: 'ACC-EQ', strategyId: 'mr', symbol: 'AAPL', quantity: '100', avgPrice: '187.25', costBasis: '18725', lastPrice: '189.1', currency: 'USD', updatedAt: ts },
      { accountId: 'ACC-EQ', strategyId: 'mr', symbol: 'MSFT', quantity: '25', avgPrice: '412.5', costBasis: '10312.5', lastPrice: '415', currency: 'USD', updatedAt: ts },
    ]);
    const open = openOrdersOf(store, 'mr');
    expect(open.map((o) => o.orderId)).toEqual(['1002', 'ord-1001']); // stale-open is gone
    expect(open[1]).toEqual({
      orderId: 'ord-1001',
      clientOrderId: 'mr-1',
      brokerOrderId: null,
      accountId: 'ACC-EQ',
      strategyId: 'mr',
      symbol: 'AAPL',
      side: 'sell',
      type: 'limit',
      quantity: '50',
      filledQuantity: '0',
      limitPrice: '195',
      stopPrice: null,
      avgFillPrice: null,
      status: 'new',
      parentOrderId: null,
      stopOrderId: null,
      takeProfitOrderId: null,
      createdAt: '2024-03-15T13:30:00.000Z',
      updatedAt: ts,
    });
    const strategy = store.strategy('mr')!;
    expect(strategy).toMatchObject({ name: 'mean-reversion', status: 'paused', cash: '25310.75', updatedAt: ts });
    expect(strategy.state).toEqual({ lookback: 20, zscore_entry: 2, last_signal: 'long', ema: '187.123456789012345678', counters: { trades: 42, wins: 27 } });
    // Other strategies are untouched.
    expect(store.order('taken-1')?.strategyId).toBe('other');

    const audit = listAudit(store.db, { limit: 5 }).entries[0];
    expect(audit).toMatchObject({ action: 'state.import', at: AT });
    expect(audit.details).toMatchObject({ file: 'sc.json', format: 'strategy-checkpoint', strategyId: 'mr', accountId: 'ACC-EQ', positions: 2, orders: 2 });
    expect(verifyAudit(store.db).ok).toBe(true);
  });

  it('is idempotent: importing the same file again changes no live row', () => {
    const input = { fileName: 'sc.json', content: fixture('strategy-checkpoint.json') };
    importStateFile(store, input, AT);
    const live = () => dumpDb(store.db, ['audit_log', 'meta']);
    const first = live();
    const second = importStateFile(store, input, AT);
    expect(second.auditSeq).toBe(2);
    expect(live()).toBe(first);
    expect(positionsOf(store, 'mr')).toHaveLength(2);
    expect(openOrdersOf(store, 'mr')).toHaveLength(2);
  });

  it('creates an unknown strategy in the named account, positions priced in its currency', () => {
    const text = fixture('strategy-checkpoint.json').replace('"mean-reversion"', '"Breakout v2"');
    const result = importStateFile(store, { fileName: 'bo.json', content: text, accountId: 'ACC-EQ' }, AT);
    expect(result).toMatchObject({ strategyId: 'breakout-v2', accountId: 'ACC-EQ', positions: 2, orders: 2 });
    expect(store.strategy('breakout-v2')).toMatchObject({ name: 'Breakout v2', status: 'running', accountId: 'ACC-EQ' });
    expect(store.position('breakout-v2', 'MSFT')?.currency).toBe('USD');
    // The old strategy kept its own state.
    expect(store.position('mr', 'TSLA')?.quantity).toBe('3');
  });

  it('a zero quantity in the file means flat: no position is stored', () => {
    const text = fixture('strategy-checkpoint.json').replace('"quantity": "25"', '"quantity": "0.000"');
    const result = importStateFile(store, { fileName: 'z.json', content: text }, AT);
    expect(result.positions).toBe(1);
    expect(positionsOf(store, 'mr').map((p) => p.symbol)).toEqual(['AAPL']);
  });
});

describe('importStateFile: execution checkpoint', () => {
  it('imports an 18-decimal crypto quantity exactly, with config, risk state and completed orders', () => {
    const result = importStateFile(store, { fileName: 'ec.json', content: fixture('execution-checkpoint.json') }, AT);
    expect(result).toEqual({ format: 'execution-checkpoint', strategyId: 'grid-btc', accountId: 'ACC-CRYPTO', positions: 2, orders: 4, auditSeq: 1, warnings: [] });

    const btc = store.position('grid-btc', 'BTC/USDT')!;
    expect(btc.quantity).toBe('0.123456789012345678');
    expect(btc.currency).toBe('USDT');
    expect(btc.avgPrice).toBeNull();
    expect(store.position('grid-btc', 'ETH/USDT')?.quantity).toBe('-1.5');
    expect(store.order('g-1')?.quantity).toBe('0.010000000000000001');
    expect(store.order('g-0')).toMatchObject({ status: 'filled', filledQuantity: '0.123456789012345678', avgFillPrice: '60123.45', createdAt: '2024-03-15T14:13:20.000Z' });
    expect(store.order('g-00')).toMatchObject({ status: 'cancelled', limitPrice: '3900' });
    expect(openOrdersOf(store, 'grid-btc').map((o) => o.orderId)).toEqual(['g-1', 'g-2']);

    const strategy = store.strategy('grid-btc')!;
    expect(strategy).toMatchObject({ name: 'grid-btc', accountId: 'ACC-CRYPTO', cash: '15234.567890123456789', status: 'running' });
    expect(strategy.state).toEqual({
      version: 3,
      initialCash: '20000',
      config: { grid_levels: 12, grid_spacing_pct: 0.5, exchange: 'binance', risk: { max_drawdown: 0.15, min_notional: '10.000000000000000001' } },
    });
    expect(store.risk('ACC-CRYPTO', 'grid-btc')).toEqual({
      accountId: 'ACC-CRYPTO',
      strategyId: 'grid-btc',
      peakValue: '21000.5',
      dailyStartValue: '20500',
      tradingEnabled: true,
      haltReason: null,
      limits: {},
      updatedAt: '2024-03-15T14:30:00.123Z',
    });
  });

  it('re-importing keeps completed orders and replaces the open ones', () => {
    const content = fixture('execution-checkpoint.json');
    importStateFile(store, { fileName: 'ec.json', content }, AT);
    const snapshot = () => [positionsOf(store, 'grid-btc'), openOrdersOf(store, 'grid-btc'), store.order('g-0'), store.strategy('grid-btc'), store.riskState()];
    const first = snapshot();
    importStateFile(store, { fileName: 'ec.json', content }, AT);
    expect(snapshot()).toEqual(first);

    // A later checkpoint: g-1 filled (now completed), g-2 gone, BTC grown, trading halted.
    const later = content
      .replace('"checkpoint_timestamp": 1710513000123', '"checkpoint_timestamp": "2024-03-15T15:00:00Z"')
      .replace(/"pending_orders": \[[\s\S]*?\n  \],/, '"pending_orders": [],')
      .replace('"completed_orders": [', '"completed_orders": [\n    { "order_id": "g-1", "symbol": "BTC/USDT", "side": "buy", "quantity": "0.010000000000000001", "price": "61000.5", "status": "filled" },')
      .replace('"BTC/USDT": 0.123456789012345678', '"BTC/USDT": "0.133456789012345679"')
      .replace('"trading_enabled": true', '"trading_enabled": false');
    const result = importStateFile(store, { fileName: 'ec2.json', content: later }, AT);
    expect(result.orders).toBe(3);
    expect(openOrdersOf(store, 'grid-btc')).toEqual([]);
    expect(store.order('g-1')).toMatchObject({ status: 'filled', filledQuantity: '0.010000000000000001' });
    expect(store.order('g-00')?.status).toBe('cancelled');
    expect(store.position('grid-btc', 'BTC/USDT')?.quantity).toBe('0.133456789012345679');
    expect(store.risk('ACC-CRYPTO', 'grid-btc')).toMatchObject({ tradingEnabled: false, haltReason: 'trading disabled in the imported execution checkpoint' });
  });

  it('finds an existing strategy by simulator_id as its id or name', () => {
    const content = fixture('execution-checkpoint.json').replace('"grid-btc"', '"other"');
    const result = importStateFile(store, { fileName: 'o.json', content }, AT);
    expect(result.strategyId).toBe('other');
    expect(store.strategies().map((s) => s.strategyId)).toEqual(['mr', 'other']);
  });
});
