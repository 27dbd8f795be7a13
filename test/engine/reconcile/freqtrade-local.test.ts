// A Freqtrade database as our side of a reconciliation (#12 point 5), built here with the tables
// and columns Freqtrade's own schema has (freqtrade/persistence/trade_model.py: trades, orders;
// amounts as REAL), in WAL mode as the bot runs it:
//   - Freqtrade keeps no balances: cash is not covered, never compared as 0;
//   - trades that are only in the -wal are read; a -shm whose -wal is gone is a loud warning naming it;
//   - reading leaves the bot's folder exactly as it was (no -shm or -wal made, nothing touched);
//   - a cut-short database is an error naming the file, and nothing is stored.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { tempDir } from '../../support/temp-state';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const ACCOUNT = 'acct-binance-01';

function desk(): Engine {
  engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test', create: true });
  generateDesk(engine.store, { size: 'small', seed: 5, asOf: '2026-11-20T21:00:00.000Z' });
  return engine;
}

/** A bot's database with `trades` open trades, left in WAL mode with everything still in the -wal while `keep` is open. */
function botDatabase(dir: string, trades: number): { path: string; bot: Database.Database } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'tradesv3.sqlite');
  const bot = new Database(path);
  bot.pragma('journal_mode = WAL');
  bot.exec(`CREATE TABLE trades (id INTEGER PRIMARY KEY, exchange TEXT, pair TEXT, is_open INTEGER, amount REAL, open_rate REAL, strategy TEXT, is_short INTEGER);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, ft_trade_id INTEGER, ft_order_side TEXT, ft_pair TEXT, ft_is_open INTEGER, order_id TEXT, status TEXT, side TEXT, amount REAL, filled REAL, price REAL);`);
  bot.pragma('wal_checkpoint(TRUNCATE)');
  // From here on the bot's writes stay in the -wal (Freqtrade's own checkpoints come when SQLite chooses).
  bot.pragma('wal_autocheckpoint = 0');
  const insert = bot.prepare(`INSERT INTO trades (id, exchange, pair, is_open, amount, open_rate, strategy, is_short) VALUES (?, 'binance', ?, 1, ?, ?, 'Momo', 0)`);
  for (let i = 1; i <= trades; i++) insert.run(i, `COIN${i}/USDT`, 0.015 * i, 64123.5);
  return { path, bot };
}

function brokerFile(positions: { symbol: string; quantity: string }[], cash: { currency: string; amount: string }[] | null) {
  return JSON.stringify({ format: 'lifeboat-broker-snapshot', version: 1, asOf: null, accounts: [{ accountId: ACCOUNT, positions: positions.map((p) => ({ ...p, avgPrice: '64123.5' })), orders: [], cash }] });
}

async function reconcile(e: Engine, path: string, content: string) {
  const job = await e.call('reconcile.run', { fileName: 'binance.json', content, against: `freqtrade:${path}`, accountId: ACCOUNT });
  const done = await e.jobs.wait(job.jobId);
  const runId = (done.result as { runId?: string } | null)?.runId;
  return { ...done, result: runId ? await e.call('reconcile.get', { runId }) : null };
}

/** Every file in `dir` with size and mtime: "exactly as it was". */
const listing = (dir: string) => readdirSync(dir).sort().map((f) => `${f} ${statSync(join(dir, f)).size} ${statSync(join(dir, f)).mtimeMs}`);

describe('a Freqtrade database as our side', () => {
  it('does not cover cash: the broker’s balances are not compared with a 0 of ours', async () => {
    const e = desk();
    const { path, bot } = botDatabase(join(tempDir(), 'bot'), 1);
    const done = await reconcile(e, path, brokerFile([{ symbol: 'COIN1/USDT', quantity: '0.015' }], [{ currency: 'USDT', amount: '50389.56' }]));
    bot.close();
    expect(done.state, done.error ?? '').toBe('succeeded');
    const report = done.result as { discrepancies: { kind: string }[]; summary: { coverage: Record<string, { cash: boolean; positions: boolean }>; local: { cashCovered: boolean; notes: string[] } } };
    expect(report.discrepancies).toEqual([]);
    expect(report.summary.coverage[ACCOUNT]).toMatchObject({ positions: true, cash: false });
    expect(report.summary.local.cashCovered).toBe(false);
    expect(report.summary.local.notes).toContain('Freqtrade keeps no balances: cash is not covered by this reconciliation.');
  });

  it('reads trades that are only in the -wal, and leaves the bot’s folder exactly as it was', async () => {
    const e = desk();
    const dir = join(tempDir(), 'bot');
    const { path, bot } = botDatabase(dir, 3);
    const before = listing(dir);
    expect(before.some((f) => f.startsWith('tradesv3.sqlite-wal '))).toBe(true);
    const done = await reconcile(e, path, brokerFile([1, 2, 3].map((i) => ({ symbol: `COIN${i}/USDT`, quantity: String(0.015 * i) })), null));
    expect(done.state, done.error ?? '').toBe('succeeded');
    expect((done.result as { discrepancies: unknown[] }).discrepancies).toEqual([]);
    expect(listing(dir)).toEqual(before);
    bot.close();
  });

  it('warns loudly, naming the file, when a -shm is there but its -wal is gone', async () => {
    const e = desk();
    const { path, bot } = botDatabase(join(tempDir(), 'bot'), 2);
    // What a copy of the bot's folder without its -wal looks like: the trades went with the WAL.
    const lost = join(tempDir(), 'copied');
    mkdirSync(lost);
    copyFileSync(path, join(lost, 'tradesv3.sqlite'));
    copyFileSync(`${path}-shm`, join(lost, 'tradesv3.sqlite-shm'));
    bot.close();
    const where = join(lost, 'tradesv3.sqlite');
    const before = listing(lost);
    const done = await reconcile(e, where, brokerFile([{ symbol: 'COIN1/USDT', quantity: '0.015' }], null));
    expect(done.state, done.error ?? '').toBe('succeeded');
    const report = done.result as { discrepancies: { kind: string }[]; summary: { local: { notes: string[] } } };
    const warning = report.summary.local.notes.find((n) => n.startsWith('WARNING'));
    expect(warning).toContain(`${where}-shm`);
    expect(warning).toMatch(/write-ahead log was lost/);
    // The book read is the one without the WAL's trades: the broker's position shows as ours missing.
    expect(report.discrepancies.map((d) => d.kind)).toEqual(['missing_locally']);
    expect(listing(lost)).toEqual(before);
  });

  it('a cut-short database is an error naming the file; nothing is stored', async () => {
    const e = desk();
    const { path, bot } = botDatabase(join(tempDir(), 'bot'), 400);
    bot.pragma('wal_checkpoint(TRUNCATE)');
    bot.close();
    truncateSync(path, 2 * 4096);
    const runs = (await e.call('reconcile.list', {})).length;
    const done = await reconcile(e, path, brokerFile([], null));
    expect(done.state).toBe('failed');
    expect(done.errorCode).toBe('bad_request');
    expect(done.errorWhere).toBe(path);
    expect(done.error).toMatch(/damaged.*malformed/);
    expect((await e.call('reconcile.list', {})).length).toBe(runs);
  });
});
