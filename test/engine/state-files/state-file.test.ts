// parseStateFile is pure: these tests need no database.
import { describe, expect, it } from 'vitest';
import { parseStateFile } from '../../../electron/engine/state-files/state-file';
import { LifeboatError } from '../../../shared/result';
import { fixture } from './helpers';

function refusal(name: string, text: string): LifeboatError {
  try {
    parseStateFile(name, text);
  } catch (err) {
    expect(err).toBeInstanceOf(LifeboatError);
    expect((err as LifeboatError).code).toBe('bad_request');
    return err as LifeboatError;
  }
  throw new Error(`${name} was accepted`);
}

const good = fixture('strategy-checkpoint.json');
const variant = (from: string, to: string) => {
  expect(good).toContain(from);
  return good.replace(from, to);
};

describe('parseStateFile: strategy checkpoint', () => {
  it('normalises decimals, aliases, timestamps and defaults', () => {
    const f = parseStateFile('sc.json', good);
    expect(f.format).toBe('strategy-checkpoint');
    if (f.format !== 'strategy-checkpoint') return;
    expect(f.strategyName).toBe('mean-reversion');
    expect(f.timestamp).toBe('2024-03-15T13:30:00.250Z');
    expect(f.cash).toBe('25310.75');
    expect(f.positions.map((p) => [p.symbol, p.quantity, p.avgPrice, p.lastPrice, p.currency])).toEqual([
      ['AAPL', '100', '187.25', '189.1', 'USD'],
      ['MSFT', '25', '412.5', '415', null],
    ]);
    const [o1, o2] = f.openOrders;
    expect(o1).toMatchObject({ orderId: 'ord-1001', type: 'limit', status: 'new', limitPrice: '195', filledQuantity: '0', createdAt: '2024-03-15T13:30:00.000Z' });
    expect(o2).toMatchObject({ orderId: '1002', type: 'stop_limit', status: 'accepted', limitPrice: '420', stopPrice: '418.5', brokerOrderId: 'B-778' });
    expect(f.strategyState).toEqual({
      lookback: 20,
      zscore_entry: 2,
      last_signal: 'long',
      ema: '187.123456789012345678',
      counters: { trades: 42, wins: 27 },
    });
  });

  it.each([
    ['bad/quantity-1e400.json', ':12:37', 'positions[0].quantity: "1e400" uses an exponent'],
    ['bad/price-nan.json', ':12:', 'positions[0].avg_price: "NaN" is not a number'],
    ['bad/quantity-comma.json', ':13:37', 'positions[1].quantity: "12,5" contains a comma'],
    ['bad/quantity-negative-zero.json', ':13:37', 'positions[1].quantity: "-0" is a negative zero'],
    ['bad/unknown-field.json', ':13:', 'positions[1].colour: unknown field "colour"'],
    ['bad/truncated.json', ':17:', 'not valid JSON'],
    ['bad/not-json.json', ':1:1', 'not valid JSON'],
  ])('%s is refused at its line with its path', (name, line, message) => {
    const err = refusal(name, fixture(name));
    expect(err.where).toContain(name + line);
    expect(err.reason).toContain(message);
    expect(err.message).toContain(name);
  });

  it.each([
    ['"1,234.50"', 'contains a comma'],
    ['"1e-7"', 'uses an exponent'],
    ['1e-7', 'uses an exponent'],
    ['" 5"', 'padded with spaces'],
    ['"0.1234567890123456789"', 'more than 18 decimal places'],
    ['true', 'expected a decimal'],
  ])('a quantity of %s is refused (%s)', (value, message) => {
    const err = refusal('q.json', variant('"quantity": "25"', `"quantity": ${value}`));
    expect(err.reason).toMatch(/^positions\[1\]\.quantity: /);
    expect(err.reason).toContain(message);
  });

  it('refuses a JSON document of another shape, saying what each format needs', () => {
    const err = refusal('bad/other-shape.json', fixture('bad/other-shape.json'));
    expect(err.where).toBe('bad/other-shape.json');
    expect(err.reason).toBe(
      'not a strategy checkpoint (needs strategy_name, positions, pending_orders, cash_balance) nor an execution checkpoint (needs version, simulator_id, checkpoint_timestamp, cash, positions, pending_orders)',
    );
  });

  it('refuses XML: an IBKR Flex statement is sent to lifeboat reconcile', () => {
    const flex = '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<FlexQueryResponse queryName="q" type="AF"><FlexStatements count="0"/></FlexQueryResponse>';
    expect(refusal('flex.xml', flex)).toMatchObject({
      where: 'flex.xml',
      reason: "an IBKR Flex statement is a broker statement, not a bot's state file: compare it with our books with `lifeboat reconcile --broker FILE`",
    });
    expect(refusal('other.xml', '<Portfolio/>').reason).toBe("an XML document, not a bot's state file (state files are JSON: a strategy or an execution checkpoint)");
  });

  it('names what is missing for the closer format', () => {
    const err = refusal('near.json', '{"strategy_name": "x", "positions": [], "timestamp": 1}');
    expect(err.reason).toContain('closest is a strategy checkpoint, which lacks pending_orders, cash_balance');
    const b = refusal('near-b.json', '{"version": 1, "simulator_id": "s", "cash": "1", "positions": {}}');
    expect(b.reason).toContain('closest is an execution checkpoint, which lacks checkpoint_timestamp, pending_orders');
    expect(refusal('arr.json', '[1, 2]').reason).toContain('the top level is an array, not an object');
  });

  it('collects every problem, reports the first and counts the rest', () => {
    const text = variant('"quantity": "25"', '"quantity": "12,5"').replace('"side": "sell"', '"side": "short"');
    const err = refusal('many.json', text);
    expect(err.reason).toMatch(/^positions\[1\]\.quantity: .* \(and 1 more problem\)$/);
    const problems = (err.details as { problems: { path: string; where: string }[] }).problems;
    expect(problems.map((p) => p.path)).toEqual(['positions[1].quantity', 'pending_orders[0].side']);
    expect(problems[1].where).toMatch(/^many\.json:\d+:\d+$/);
  });

  it.each([
    ['"price": "195.00",', '', 'pending_orders[0].price: a limit order needs a limit price'],
    ['"status": "accepted"', '"status": "filled"', 'pending_orders[1].status: expected one of new, accepted, partially_filled, pending_cancel'],
    ['"filled_quantity": "0"', '"filled_quantity": "11"', 'pending_orders[1].filled_quantity: 11 is more than the order quantity 10'],
    ['"order_id": 1002', '"order_id": "ord-1001"', 'pending_orders[1].order_id: order id "ord-1001" appears twice'],
    ['"symbol": "MSFT", "quantity"', '"symbol": "AAPL", "quantity"', 'positions[1].symbol: AAPL appears twice'],
    ['"avg_price": "187.25"', '"avg_price": "187.25", "entry_price": 1', 'positions[0].entry_price: give avg_price or entry_price, not both'],
    ['"avg_price": "187.25"', '"avg_price": "0"', 'positions[0].avg_price: "0" must be greater than zero'],
    ['"quantity": 50,', '"quantity": 0,', 'pending_orders[0].quantity: "0" must be greater than zero'],
    ['"timestamp": "2024-03-15T14:30:00.250+01:00"', '"timestamp": "soon"', 'timestamp: "soon" is not a timestamp'],
    ['"cash_balance": "25310.750"', '"cash_balance": "25310.750", "extra": 1', 'extra: unknown field "extra"'],
  ])('refuses %s → %s', (from, to, message) => {
    expect(refusal('v.json', variant(from, to)).reason).toContain(message);
  });

  it('treats null as missing', () => {
    const err = refusal('n.json', variant('"timestamp": "2024-03-15T14:30:00.250+01:00"', '"timestamp": null'));
    expect(err.reason).toBe('timestamp: required but missing');
    expect(err.where).toBe('n.json:3:16');
    const detect = refusal('d.json', variant('"cash_balance": "25310.750"', '"cash_balance": null'));
    expect(detect.reason).toContain('closest is a strategy checkpoint, which lacks cash_balance');
  });

  it('accepts shorts at parse time (the account decides on import)', () => {
    const f = parseStateFile('s.json', variant('"quantity": "25"', '"quantity": "-25"'));
    expect(f.positions[1].quantity).toBe('-25');
  });
});

describe('parseStateFile: execution checkpoint', () => {
  const exec = fixture('execution-checkpoint.json');

  it('keeps an 18-decimal quantity written as a JSON number exactly', () => {
    const f = parseStateFile('ec.json', exec);
    expect(f.format).toBe('execution-checkpoint');
    if (f.format !== 'execution-checkpoint') return;
    expect(f.positions.map((p) => [p.symbol, p.quantity])).toEqual([
      ['BTC/USDT', '0.123456789012345678'],
      ['ETH/USDT', '-1.5'],
    ]);
    expect(f.openOrders[0].quantity).toBe('0.010000000000000001');
    expect(f.completedOrders[0]).toMatchObject({ orderId: 'g-0', status: 'filled', filledQuantity: '0.123456789012345678', avgFillPrice: '60123.45' });
    expect(f.cash).toBe('15234.567890123456789');
    expect(f.timestamp).toBe('2024-03-15T14:30:00.123Z');
    expect([f.version, f.initialCash, f.peakValue, f.dailyStartValue, f.tradingEnabled]).toEqual([3, '20000', '21000.5', '20500', true]);
    expect(f.config).toEqual({
      grid_levels: 12,
      grid_spacing_pct: 0.5,
      exchange: 'binance',
      risk: { max_drawdown: 0.15, min_notional: '10.000000000000000001' },
    });
  });

  it.each([
    ['"peak_value": 21000.5', '"peak_value": -1', 'peak_value: "-1" must not be negative'],
    ['"trading_enabled": true', '"trading_enabled": "yes"', 'trading_enabled: expected true or false'],
    ['"ETH/USDT": "-1.5"', '"ETH/USDT": "1,5"', 'positions["ETH/USDT"]: "1,5" contains a comma'],
    ['"status": "cancelled"', '"status": "new"', 'completed_orders[1].status: expected one of filled, cancelled, rejected, expired'],
    ['"order_id": "g-00"', '"order_id": "g-1"', 'completed_orders[1].order_id: order id "g-1" appears twice (first at pending_orders[0].order_id)'],
    ['"peak_value": 21000.5,', '', 'peak_value: required but missing'],
  ])('refuses %s → %s', (from, to, message) => {
    expect(exec).toContain(from);
    expect(refusal('ec.json', exec.replace(from, to)).reason).toContain(message);
  });
});
