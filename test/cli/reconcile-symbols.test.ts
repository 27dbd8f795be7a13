// Symbol mappings are one-to-one per account: the CLI, the API and a --mapping file refuse one that
// sends two broker symbols to one desk symbol, and a sync never merges two broker symbols' positions.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, lifeboat, lifeboatJson, serve } from '../support/cli';
import { tempDir } from '../support/temp-state';

const BINANCE = 'acct-binance-01';

function demo() {
  const state = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', state, '--seed', '7']);
  return { state, S: ['--state', state], broker: join(state, 'demo-broker') };
}

/** What a refused request must not change. */
function footprint(S: string[]) {
  return {
    state: lifeboat(['state', 'export', ...S]).stdout,
    checkpoints: lifeboatJson(['checkpoint', 'list', ...S]).checkpoints.map((c: any) => c.checkpointId),
    runs: lifeboatJson(['reconcile', 'list', ...S]).map((r: any) => r.runId),
    mappings: lifeboatJson(['reconcile', 'symbols', ...S]),
    auditEntries: lifeboatJson(['audit', 'verify', ...S]).entries,
  };
}

describe('symbol mappings are one-to-one', () => {
  it('reconcile symbols --set refuses a second broker symbol for a desk symbol, naming both', () => {
    const { S } = demo();
    lifeboatJson(['reconcile', 'symbols', '--account', BINANCE, '--set', 'BTCUSDT=BTC/USDT', ...S]);
    const before = footprint(S);
    const r = lifeboat(['reconcile', 'symbols', '--account', BINANCE, '--set', 'XBTUSDT=BTC/USDT', ...S]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/BTCUSDT and XBTUSDT.*BTC\/USDT.*acct-binance-01/);
    // One of the desk's own symbols maps to itself: sending it to another desk symbol is many-to-one too.
    const own = lifeboat(['reconcile', 'symbols', '--account', BINANCE, '--set', 'ALGO/USDT=AAVE/USDT', ...S]);
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/AAVE\/USDT and ALGO\/USDT would both map to desk symbol AAVE\/USDT/);
    expect(footprint(S)).toEqual(before);
  });

  it('the API refuses it with 400 bad_request naming both broker symbols', async () => {
    const { state } = demo();
    const s = await serve(state);
    try {
      expect((await api(s, 'symbols.set', { accountId: BINANCE, brokerSymbol: 'BTCUSDT', symbol: 'BTC/USDT' })).status).toBe(200);
      const r = await api(s, 'symbols.set', { accountId: BINANCE, brokerSymbol: 'XBTUSDT', symbol: 'BTC/USDT' });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/BTCUSDT and XBTUSDT.*BTC\/USDT/) });
      expect((await api(s, 'symbols.list', { accountId: BINANCE })).body.value).toEqual([{ accountId: BINANCE, brokerSymbol: 'BTCUSDT', symbol: 'BTC/USDT' }]);
    } finally {
      await s.stop();
    }
  });

  it('a --mapping file that sends two broker symbols to one desk symbol is refused, naming the file and both symbols', () => {
    const { broker, S } = demo();
    const mapping = JSON.parse(readFileSync(join(broker, 'broker-mapping.json'), 'utf8'));
    const [first] = Object.entries(mapping.symbols[BINANCE] as Record<string, string>).sort();
    mapping.symbols[BINANCE]['ZZZ-EXTRA'] = first[1];
    const file = join(tempDir(), 'many-to-one.json');
    writeFileSync(file, JSON.stringify(mapping));
    const before = footprint(S);
    const r = lifeboat(['reconcile', '--broker', join(broker, 'broker.csv'), '--mapping', file, '--strategy', 'sync', ...S]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/many-to-one\.json/);
    expect(r.stderr).toContain(`${first[0]} and ZZZ-EXTRA`);
    expect(r.stderr).toContain(first[1]);
    expect(footprint(S)).toEqual(before);
  });

  it('a sync with a many-to-one mapping already in the database refuses instead of merging two positions', () => {
    const { state, broker, S } = demo();
    const snapshot = JSON.parse(readFileSync(join(broker, 'lifeboat.json'), 'utf8'));
    const positions = snapshot.accounts.find((a: any) => a.accountId === BINANCE).positions;
    const aave = positions.find((p: any) => p.symbol === 'AAVE/USDT');
    const algo = positions.find((p: any) => p.symbol === 'ALGO/USDT');
    aave.symbol = 'AAVEUSDT';
    algo.symbol = 'ALGOUSDT';
    const file = join(tempDir(), 'renamed.json');
    writeFileSync(file, JSON.stringify(snapshot));
    // An older Lifeboat accepted such a mapping: put it in the table as it would have.
    const db = new Database(join(state, 'lifeboat.db'));
    const insert = db.prepare('INSERT INTO symbol_mappings (account_id, broker_symbol, symbol) VALUES (?, ?, ?)');
    insert.run(BINANCE, 'AAVEUSDT', 'AAVE/USDT');
    insert.run(BINANCE, 'ALGOUSDT', 'AAVE/USDT');
    db.close();
    const before = footprint(S);
    for (const strategy of ['sync', 'warn']) {
      const r = lifeboat(['reconcile', '--broker', file, '--strategy', strategy, ...S]);
      expect(r.code, strategy).toBe(1);
      expect(r.stderr, strategy).toMatch(/AAVEUSDT.*ALGOUSDT.*both.*AAVE\/USDT/);
      expect(r.stderr, strategy).toMatch(/--remove/);
    }
    expect(footprint(S)).toEqual(before);
    const status = lifeboatJson(['status', ...S]);
    expect(status.counts.positions).toBe(200);
  });
});
