// Symbol mappings are one-to-one per account, on an account of this desk: a mapping that would send
// a second broker symbol to a desk symbol is refused, and the matcher never merges two broker symbols.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerSnapshot } from '../../../shared/api/reconcile';
import { Engine } from '../../../electron/engine/engine';
import type { LocalBook } from '../../../electron/engine/reconcile/local-book';
import { closedOrdersFrom } from '../../../electron/engine/reconcile/closed-orders';
import { matchSnapshot } from '../../../electron/engine/reconcile/match';
import { listMappings, loadMappings } from '../../../electron/engine/reconcile/symbol-mappings';
import { tempDir } from '../../support/temp-state';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

function desk(): Engine {
  engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test', create: true });
  const at = '2026-11-20T00:00:00.000Z';
  for (const accountId of ['acct-b', 'acct-a']) {
    engine.store.putAccount({ accountId, name: accountId, broker: 'Test', kind: 'crypto', accountType: 'margin', baseCurrency: 'USDT', createdAt: at });
  }
  return engine;
}

const auditCount = (e: Engine) => e.store.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;

describe('setting a symbol mapping', () => {
  it('refuses a second broker symbol for one desk symbol, naming both, and writes nothing', async () => {
    const e = desk();
    await e.call('symbols.set', { accountId: 'acct-a', brokerSymbol: 'BTCUSDT', symbol: 'BTC/USDT' });
    const audit = auditCount(e);
    await expect(e.call('symbols.set', { accountId: 'acct-a', brokerSymbol: 'XBTUSDT', symbol: 'BTC/USDT' })).rejects.toMatchObject({
      code: 'bad_request',
      reason: expect.stringMatching(/XBTUSDT.*BTCUSDT.*BTC\/USDT|BTCUSDT.*XBTUSDT.*BTC\/USDT/),
    });
    expect(listMappings(e.store.db)).toEqual([{ accountId: 'acct-a', brokerSymbol: 'BTCUSDT', symbol: 'BTC/USDT' }]);
    expect(auditCount(e)).toBe(audit);
  });

  it('allows re-pointing a broker symbol, the same desk symbol in another account, and a freed desk symbol', async () => {
    const e = desk();
    await e.call('symbols.set', { accountId: 'acct-a', brokerSymbol: 'BTCUSDT', symbol: 'BTC/USDT' });
    await e.call('symbols.set', { accountId: 'acct-a', brokerSymbol: 'BTCUSDT', symbol: 'BTC/USDT' });
    await e.call('symbols.set', { accountId: 'acct-b', brokerSymbol: 'XBTUSDT', symbol: 'BTC/USDT' });
    await e.call('symbols.set', { accountId: 'acct-a', brokerSymbol: 'BTCUSDT', symbol: 'ETH/USDT' });
    await e.call('symbols.set', { accountId: 'acct-a', brokerSymbol: 'XBTUSDT', symbol: 'BTC/USDT' });
    expect(listMappings(e.store.db).map((m) => `${m.accountId} ${m.brokerSymbol} ${m.symbol}`)).toEqual([
      'acct-a BTCUSDT ETH/USDT',
      'acct-a XBTUSDT BTC/USDT',
      'acct-b XBTUSDT BTC/USDT',
    ]);
  });

  it('refuses an account that is not on the desk, naming it and the known accounts, and writes nothing', async () => {
    const e = desk();
    const audit = auditCount(e);
    for (const [channel, request] of [
      ['symbols.set', { accountId: 'acct-nope', brokerSymbol: 'BTCUSDT', symbol: 'BTC/USDT' }],
      ['symbols.remove', { accountId: 'acct-nope', brokerSymbol: 'BTCUSDT' }],
      ['symbols.list', { accountId: 'acct-nope' }],
    ] as const) {
      await expect(e.call(channel, request), channel).rejects.toMatchObject({
        code: 'bad_request',
        reason: expect.stringMatching(/"acct-nope".*acct-a, acct-b/),
      });
    }
    expect(listMappings(e.store.db)).toEqual([]);
    expect(auditCount(e)).toBe(audit);
  });

  it("refuses a run's own mappings (a mapping file) that send two broker symbols to one desk symbol", () => {
    const e = desk();
    expect(() => loadMappings(e.store.db, { 'acct-a': { BTCUSDT: 'BTC/USDT', XBTUSDT: 'BTC/USDT' } })).toThrow(/BTCUSDT and XBTUSDT.*BTC\/USDT/);
    // Together with a stored mapping: the run's mapping of another broker symbol onto the same desk symbol.
    e.store.db.prepare('INSERT INTO symbol_mappings (account_id, broker_symbol, symbol) VALUES (?, ?, ?)').run('acct-a', 'BTCUSDT', 'BTC/USDT');
    expect(() => loadMappings(e.store.db, { 'acct-a': { XBTUSDT: 'BTC/USDT' } })).toThrow(/BTCUSDT and XBTUSDT.*BTC\/USDT/);
    // Replacing the stored mapping of the same broker symbol is one-to-one.
    expect(loadMappings(e.store.db, { 'acct-a': { BTCUSDT: 'BTC/USD' } }).get('acct-a')).toEqual(new Map([['BTCUSDT', 'BTC/USD']]));
    expect(() => loadMappings(e.store.db, { 'acct-nope': { X: 'Y' } })).toThrow(/"acct-nope".*acct-a, acct-b/);
  });
});

describe('the matcher, given two broker symbols that land on one desk symbol', () => {
  const book = (): LocalBook => ({
    source: 'live',
    accounts: new Map([['A', { accountType: 'margin', baseCurrency: 'USDT' }]]),
    positions: [
      { accountId: 'A', strategyId: 's1', symbol: 'BTC/USDT', quantity: '1', avgPrice: '60000' },
      { accountId: 'A', strategyId: 's1', symbol: 'ETH/USDT', quantity: '10', avgPrice: '3000' },
    ],
    orders: [],
    closedOrders: closedOrdersFrom([]),
    cash: [],
    knownSymbols: new Map([['A', new Set(['BTC/USDT', 'ETH/USDT'])]]),
  });
  const snapshot: BrokerSnapshot = {
    format: 'lifeboat',
    fileName: 'broker.json',
    asOf: null,
    accounts: [
      {
        accountId: 'A',
        positions: [
          { symbol: 'BTCUSDT', quantity: '1', avgPrice: '60000', at: 'positions[0]' },
          { symbol: 'ETHUSDT', quantity: '10', avgPrice: '3000', at: 'positions[1]' },
        ],
        orders: null,
        cash: null,
      },
    ],
  };

  it('refuses instead of merging them (a many-to-one mapping from an older database)', () => {
    const mappings = new Map([['A', new Map([['BTCUSDT', 'BTC/USDT'], ['ETHUSDT', 'BTC/USDT']])]]);
    expect(() => matchSnapshot(book(), snapshot, mappings, {})).toThrow(/BTCUSDT.*ETHUSDT.*both.*BTC\/USDT/);
  });

  it("refuses a mapped symbol that lands on a desk symbol the broker also reports under the desk's own name", () => {
    const s = structuredClone(snapshot);
    s.accounts[0].positions![1].symbol = 'BTC/USDT';
    const mappings = new Map([['A', new Map([['BTCUSDT', 'ETH/USDT']])]]);
    // BTCUSDT → ETH/USDT (mapped), BTC/USDT → BTC/USDT (same name): no collision.
    expect(matchSnapshot(book(), s, mappings, {}).map((f) => `${f.kind} ${f.symbol}`)).toEqual([
      'quantity_mismatch BTC/USDT',
      'quantity_mismatch ETH/USDT',
      'price_mismatch BTC/USDT',
      'price_mismatch ETH/USDT',
    ]);
    const colliding = new Map([['A', new Map([['BTCUSDT', 'BTC/USDT']])]]);
    expect(() => matchSnapshot(book(), s, colliding, {})).toThrow(/BTC\/USDT.*BTCUSDT.*both.*BTC\/USDT|BTCUSDT.*BTC\/USDT.*both.*BTC\/USDT/);
  });
});
