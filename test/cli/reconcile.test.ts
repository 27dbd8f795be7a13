import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

interface PlantedFile {
  format: string;
  file: string;
  mapping: string | null;
  planted: { accountId: string; kind: string; symbol: string | null; orderRef: string | null }[];
}

function demo(seed = 7) {
  const state = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', state, '--seed', String(seed)]);
  const planted = JSON.parse(readFileSync(join(state, 'demo-broker', 'planted.json'), 'utf8')) as { files: PlantedFile[] };
  return { state, S: ['--state', state], files: planted.files };
}

const brokerArgs = (state: string, f: PlantedFile) => ['--broker', join(state, 'demo-broker', f.file), ...(f.mapping ? ['--mapping', join(state, 'demo-broker', f.mapping)] : [])];
const key = (x: { accountId: string; kind: string; symbol: string | null; orderRef: string | null }) =>
  `${x.accountId} ${x.kind} ${['order_status_mismatch', 'orphaned_order', 'outcome_unknown', 'external_order'].includes(x.kind) ? x.orderRef : x.symbol}`;

describe('lifeboat reconcile on the demo desk', () => {
  it('finds exactly the planted differences, once each, in every format (exit 3)', () => {
    const { state, S, files } = demo();
    expect(files.map((f) => f.format).sort()).toEqual(['alpaca', 'ccxt', 'csv', 'ibkr-flex', 'lifeboat']);
    for (const f of files) {
      const r = lifeboat(['reconcile', ...brokerArgs(state, f), ...S, '--json']);
      expect(r.code, f.format).toBe(3);
      const report = JSON.parse(r.stdout);
      expect(report.format).toBe(f.format);
      expect(report.discrepancies.map(key).sort(), f.format).toEqual(f.planted.map(key).sort());
    }
    // The Flex statement plants position and cash differences only (it lists no working orders), and says so.
    const flex = files.find((f) => f.format === 'ibkr-flex')!;
    expect(flex.planted.map((p) => p.kind).sort()).toEqual(['cash_mismatch', 'missing_at_broker', 'missing_locally', 'price_mismatch', 'quantity_mismatch']);
    const text = lifeboat(['reconcile', ...brokerArgs(state, flex), ...S]);
    expect(text.stdout).toMatch(/orders NOT REPORTED/);
    expect(text.stdout).toContain('An IBKR Flex statement lists executions, not working orders');
  });

  it('SYNC_TO_BROKER adopts the broker values so a second run finds nothing; its checkpoint restores the earlier state', () => {
    const { state, S, files } = demo();
    const f = files.find((x) => x.format === 'lifeboat')!;
    const before = lifeboatJson(['state', 'hash', ...S]).rootHash;
    const sync = lifeboat(['reconcile', ...brokerArgs(state, f), '--strategy', 'sync', ...S, '--json']);
    expect(sync.code).toBe(0);
    const report = JSON.parse(sync.stdout);
    expect(report.checkpointId).toMatch(/^SYN_/);
    expect(report.discrepancies.every((x: any) => x.resolution === 'accept_broker')).toBe(true);
    const again = lifeboat(['reconcile', ...brokerArgs(state, f), ...S, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).discrepancies).toEqual([]);
    // A repeated sync changes nothing.
    const hashAfterSync = lifeboatJson(['state', 'hash', ...S]).rootHash;
    expect(lifeboat(['reconcile', ...brokerArgs(state, f), '--strategy', 'sync', ...S]).code).toBe(0);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(hashAfterSync);
    lifeboatJson(['rollback', report.checkpointId, '--yes', ...S]);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(before);
  });

  it('HALT_AND_ALERT leaves trading disabled for the accounts at fault', () => {
    const { state, S, files } = demo();
    const f = files.find((x) => x.format === 'alpaca')!;
    expect(lifeboat(['reconcile', ...brokerArgs(state, f), '--strategy', 'halt', ...S]).code).toBe(3);
    const status = lifeboatJson(['status', ...S]);
    const byId = Object.fromEntries(status.accounts.map((a: any) => [a.account.accountId, a]));
    expect(byId['acct-alpaca-01']).toMatchObject({ tradingEnabled: false, haltReason: expect.stringMatching(/reconciliation REC_.*need a person/) });
    expect(byId['acct-binance-01'].haltReason ?? '').not.toMatch(/reconciliation/);
  });

  it('resolves items one by one, re-checks, exports, and lists the runs', () => {
    const { state, S, files } = demo();
    const f = files.find((x) => x.format === 'alpaca')!;
    const report = JSON.parse(lifeboat(['reconcile', ...brokerArgs(state, f), ...S, '--json']).stdout);
    const cash = report.discrepancies.find((x: any) => x.kind === 'cash_mismatch');
    const price = report.discrepancies.find((x: any) => x.kind === 'price_mismatch');
    const orphan = report.discrepancies.find((x: any) => x.kind === 'orphaned_order');
    lifeboatJson(['reconcile', 'resolve', report.runId, cash.itemId, '--accept-broker', ...S]);
    lifeboatJson(['reconcile', 'resolve', report.runId, price.itemId, '--keep-local', ...S]);
    expect(lifeboat(['reconcile', 'resolve', report.runId, orphan.itemId, '--ignore', '', ...S]).code).toBe(1);
    lifeboatJson(['reconcile', 'resolve', report.runId, orphan.itemId, '--ignore', 'cancelled by phone', ...S]);
    const again = lifeboat(['reconcile', 'resolve', report.runId, cash.itemId, '--keep-local', ...S]);
    expect(again.stderr).toMatch(/already resolved/);

    const shown = lifeboatJson(['reconcile', 'show', report.runId, ...S]);
    expect(shown.summary.unresolved).toBe(report.summary.unresolved - 3);
    expect(shown.discrepancies.find((x: any) => x.itemId === orphan.itemId)).toMatchObject({ resolution: 'ignore', resolutionReason: 'cancelled by phone' });
    const status = lifeboatJson(['status', ...S]);
    expect(status.balances.find((b: any) => b.accountId === 'acct-alpaca-01' && b.currency === cash.symbol).amount).toBe(cash.broker.amount);

    const recheck = JSON.parse(lifeboat(['reconcile', 'recheck', report.runId, ...S, '--json']).stdout);
    expect(recheck.recheckOf).toBe(report.runId);
    expect(recheck.discrepancies.map((x: any) => x.kind)).not.toContain('cash_mismatch');

    const csv = lifeboat(['reconcile', 'export', report.runId, '--csv', ...S]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/^run_id,item_id,account_id,kind,severity/);
    expect(lines).toHaveLength(report.discrepancies.length + 1);
    const json = JSON.parse(lifeboat(['reconcile', 'export', report.runId, '--json', ...S]).stdout);
    expect(json.discrepancies).toHaveLength(report.discrepancies.length);
    expect(lifeboatJson(['reconcile', 'list', ...S]).map((r: any) => r.runId)).toEqual([recheck.runId, report.runId]);
    expect(lifeboatJson(['audit', 'verify', ...S]).ok).toBe(true);
  });

  it('a venue that repeats one client order id for every order (Kraken\'s "0"): matched by broker id, said in the report, never refused', () => {
    const { state, S, files } = demo();
    const f = files.find((x) => x.format === 'ccxt')!;
    // Edited as text: the file's numbers are exact digits a JSON.parse would round.
    const text = readFileSync(join(state, 'demo-broker', f.file), 'utf8').replace(/"clientOrderId": (?:"[^"]*"|null)/g, '"clientOrderId": "0"');
    const file = join(tempDir(), 'kraken-like.json');
    writeFileSync(file, text);
    const r = lifeboat(['reconcile', '--broker', file, ...S, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report.summary.broker.notes).toEqual([expect.stringMatching(/^acct-binance-01: the broker repeats client order id "0" \(\d+ orders\), so it does not identify an order there: those orders are matched by the broker's order id alone\.$/)]);
    // The planted differences are found as before; an order of ours not yet acknowledged (no broker id) can no
    // longer be told from the broker's id-less copy of it: ours is orphaned, theirs external, one pair each.
    const unacknowledged = lifeboatJson(['state', 'export', ...S]).orders.filter((o: any) => o.accountId === 'acct-binance-01' && o.brokerOrderId === null && ['new', 'accepted', 'partially_filled'].includes(o.status));
    const found = report.discrepancies.map(key);
    for (const p of f.planted) expect(found).toContain(key(p));
    const extra = report.discrepancies.filter((d: any) => !f.planted.some((p) => key(p) === key(d)));
    expect(extra.filter((d: any) => d.kind === 'orphaned_order').map((d: any) => d.orderRef).sort()).toEqual(unacknowledged.map((o: any) => o.orderId).sort());
    expect(extra.filter((d: any) => d.kind === 'external_order')).toHaveLength(unacknowledged.length);
    expect(extra.every((d: any) => ['orphaned_order', 'external_order'].includes(d.kind))).toBe(true);
    expect(lifeboat(['reconcile', 'show', report.runId, ...S]).stdout).toContain('the broker repeats client order id "0"');
  });

  it('ccxt as ccxt writes it: a bare fetchPositions array for the chosen --account; a file from another exchange is a warning in the report', () => {
    const { S } = demo();
    const bare = join(tempDir(), 'positions.json');
    writeFileSync(bare, '[\n  {"info": {}, "symbol": "ZZZ/USDT", "contracts": 1.5e-7, "contractSize": 1, "side": "long", "entryPrice": 2.5}\n]\n');
    expect(lifeboat(['reconcile', '--broker', bare, ...S]).stderr).toMatch(/positions\.json:1:1: .*\(top level\): a bare ccxt result names no account; choose the account it belongs to \(--account on the command line\)/);
    const r = lifeboat(['reconcile', '--broker', bare, '--account', 'acct-binance-01', ...S, '--json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.format).toBe('ccxt');
    expect(report.summary.coverage).toEqual({ 'acct-binance-01': { positions: true, orders: false, cash: false } });
    expect(report.discrepancies.find((d: any) => d.symbol === 'ZZZ/USDT')).toMatchObject({ kind: 'missing_locally', broker: { quantity: '0.00000015' } });
    expect(report.summary.broker.notes).toEqual([]);

    const other = join(tempDir(), 'kraken.json');
    writeFileSync(other, '{"exchange": "kraken", "fetchBalance": {"total": {"USDT": 1.5}}}');
    const warned = lifeboat(['reconcile', '--broker', other, '--account', 'acct-binance-01', ...S]);
    expect(warned.code).toBe(3);
    expect(warned.stdout).toContain('WARNING: the file says account acct-binance-01 is at "kraken", but on this desk acct-binance-01 is an account at Binance: is this the right file for it?');
    const binance = join(tempDir(), 'binance.json');
    writeFileSync(binance, '{"exchange": "binanceusdm", "fetchBalance": {"total": {"USDT": 1.5}}}');
    const notes: string[] = JSON.parse(lifeboat(['reconcile', '--broker', binance, '--account', 'acct-binance-01', ...S, '--json']).stdout).summary.broker.notes;
    expect(notes.filter((n) => n.startsWith('WARNING'))).toEqual([]);
    expect(notes).toEqual([expect.stringMatching(/^acct-binance-01: the broker's cash does not list BTC, EUR, USD \(we hold /)]); // it lists USDT only
  });

  it('an Alpaca notional order (qty null): matched by id when ours, reported "quantity not reported" when not, never adopted without a quantity', () => {
    const { state, S, files } = demo();
    const f = files.find((x) => x.format === 'alpaca')!;
    const doc = JSON.parse(readFileSync(join(state, 'demo-broker', f.file), 'utf8')); // Alpaca writes every number as a string
    const ours = doc.orders.find((o: any) => o.status === 'new' && o.id);
    Object.assign(ours, { qty: null, notional: '1000' });
    doc.orders.push({ id: 'N-1', client_order_id: null, symbol: 'AAPL', side: 'buy', type: 'market', qty: null, notional: '500', filled_qty: '0', status: 'new' });
    const file = join(tempDir(), 'alpaca-notional.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = lifeboat(['reconcile', '--broker', file, ...S, '--json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.discrepancies.map(key).sort()).toEqual([...f.planted.map(key), 'acct-alpaca-01 external_order N-1'].sort());
    const n = report.discrepancies.find((d: any) => d.orderRef === 'N-1');
    expect(n).toMatchObject({ broker: { quantity: null, notional: '500' }, message: 'the broker has an open buy order N-1 for AAPL worth 500 (quantity not reported) that we do not know' });
    expect(lifeboat(['reconcile', 'show', report.runId, ...S]).code).toBe(0);
    const refused = lifeboat(['reconcile', 'resolve', report.runId, n.itemId, '--accept-broker', ...S]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the broker reports no quantity for this order \(an order for 500 in money\)/);
    const sync = JSON.parse(lifeboat(['reconcile', '--broker', file, '--strategy', 'sync', ...S, '--json']).stdout);
    expect(sync.discrepancies.filter((d: any) => d.resolution === null).map((d: any) => d.orderRef)).toEqual(['N-1']);
  });

  it('a currency the broker does not list is "not reported by the broker", not a difference against 0', () => {
    const { state, S, files } = demo();
    const f = files.find((x) => x.format === 'lifeboat')!;
    const snapshot = JSON.parse(readFileSync(join(state, 'demo-broker', f.file), 'utf8')); // every decimal is a string here
    const binance = snapshot.accounts.find((a: any) => a.accountId === 'acct-binance-01');
    const left = binance.cash.find((c: any) => c.currency === 'EUR');
    binance.cash = binance.cash.filter((c: any) => c !== left);
    const file = join(tempDir(), 'no-eur.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const report = JSON.parse(lifeboat(['reconcile', '--broker', file, ...S, '--json']).stdout);
    expect(report.discrepancies.filter((d: any) => d.kind === 'cash_mismatch' && d.symbol === 'EUR')).toEqual([]);
    expect(report.discrepancies.map(key).sort()).toEqual(f.planted.filter((p) => !(p.kind === 'cash_mismatch' && p.symbol === 'EUR' && p.accountId === 'acct-binance-01')).map(key).sort());
    expect(report.summary.broker.notes).toContain(`acct-binance-01: the broker's cash does not list EUR (we hold ${left.amount} EUR): not reported by the broker, so not compared.`);
    expect(lifeboat(['reconcile', 'show', report.runId, ...S]).stdout).toContain("the broker's cash does not list EUR");
  });

  it('a broker file with no positions section reports positions as not covered, not as all missing', () => {
    const { state, S } = demo();
    const snapshot = JSON.parse(readFileSync(join(state, 'demo-broker', 'lifeboat.json'), 'utf8'));
    for (const a of snapshot.accounts) delete a.positions;
    const file = join(tempDir(), 'no-positions.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const report = JSON.parse(lifeboat(['reconcile', '--broker', file, ...S, '--json']).stdout);
    expect(Object.values(report.summary.coverage).every((c: any) => c.positions === false)).toBe(true);
    expect(report.discrepancies.filter((x: any) => ['missing_at_broker', 'missing_locally', 'quantity_mismatch', 'price_mismatch'].includes(x.kind))).toEqual([]);
  });

  it('reconciles a Freqtrade database, read-only', () => {
    const { state, S } = demo();
    const path = join(tempDir(), 'tradesv3.sqlite');
    const ft = new Database(path);
    ft.exec(`CREATE TABLE trades (id INTEGER PRIMARY KEY, pair TEXT, is_open INTEGER, amount REAL, open_rate REAL, strategy TEXT, is_short INTEGER);
             CREATE TABLE orders (id INTEGER PRIMARY KEY, ft_trade_id INTEGER, ft_pair TEXT, ft_is_open INTEGER, order_id TEXT, side TEXT, amount REAL, filled REAL, price REAL);
             INSERT INTO trades VALUES (1, 'BTC/USDT', 1, 0.015, 64123.5, 'Momo', 0), (2, 'ETH/USDT', 0, 1, 3000, 'Momo', 0);
             INSERT INTO orders VALUES (1, 1, 'BTC/USDT', 1, 'X-1', 'sell', 0.015, 0, 70000);`);
    ft.close();
    const snapshot = { format: 'lifeboat-broker-snapshot', version: 1, asOf: null, accounts: [{ accountId: 'acct-binance-01', positions: [{ symbol: 'BTC/USDT', quantity: '0.015', avgPrice: '64123.5' }], orders: [{ brokerOrderId: 'X-1', clientOrderId: null, symbol: 'BTC/USDT', side: 'sell', quantity: '0.015', filledQuantity: '0', limitPrice: '70000', status: 'open' }], cash: null }] };
    const file = join(tempDir(), 'binance.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const r = lifeboat(['reconcile', '--broker', file, '--against', `freqtrade:${path}`, '--account', 'acct-binance-01', ...S, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).discrepancies).toEqual([]);
    expect(lifeboat(['reconcile', '--broker', file, '--against', `freqtrade:${path}`, '--strategy', 'sync', ...S]).stderr).toMatch(/reconcile against live/);
  });

  it('a Freqtrade database cut short, not a database, or missing is an error naming it, exit 1, nothing stored; a read-only folder reads', () => {
    const { S } = demo();
    const file = join(tempDir(), 'empty.json');
    writeFileSync(file, JSON.stringify({ format: 'lifeboat-broker-snapshot', version: 1, asOf: null, accounts: [{ accountId: 'acct-binance-01', positions: [], orders: [], cash: null }] }));
    const bot = (dir: string) => {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'tradesv3.sqlite');
      const ft = new Database(path);
      ft.exec(`CREATE TABLE trades (id INTEGER PRIMARY KEY, pair TEXT, is_open INTEGER, amount REAL, open_rate REAL, strategy TEXT, is_short INTEGER);
               CREATE TABLE orders (id INTEGER PRIMARY KEY, ft_trade_id INTEGER, ft_pair TEXT, ft_is_open INTEGER, order_id TEXT, side TEXT, amount REAL, filled REAL, price REAL);`);
      const insert = ft.prepare(`INSERT INTO trades VALUES (?, ?, 1, 0.5, 100, 'Momo', 0)`);
      for (let i = 1; i <= 2000; i++) insert.run(i, `C${i}/USDT`);
      ft.close();
      return path;
    };
    const cut = bot(join(tempDir(), 'cut'));
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const notDb = join(tempDir(), 'notes', 'tradesv3.sqlite');
    mkdirSync(join(notDb, '..'), { recursive: true });
    writeFileSync(notDb, 'this is a text file, not a database\n'.repeat(200));
    const missing = join(tempDir(), 'nowhere', 'tradesv3.sqlite');
    for (const [path, what] of [
      [cut, /damaged|malformed/],
      [notDb, /not a Freqtrade database/],
      // One answer for missing and not-a-database alike: the API must not tell which paths exist.
      [missing, /not a Freqtrade database/],
    ] as const) {
      const r = lifeboat(['reconcile', '--broker', file, '--against', `freqtrade:${path}`, '--account', 'acct-binance-01', ...S]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(path);
      expect(r.stderr).toMatch(what);
      expect(r.stderr).not.toMatch(/internal:|\n\s+at /);
    }
    expect(lifeboatJson(['reconcile', 'list', ...S])).toEqual([]);

    // A bot folder this user may only read: the database is read from a scratch copy.
    const locked = bot(join(tempDir(), 'locked'));
    chmodSync(join(locked, '..'), 0o555);
    try {
      const r = lifeboat(['reconcile', '--broker', file, '--against', `freqtrade:${locked}`, '--account', 'acct-binance-01', ...S, '--json']);
      // Read, and compared: the bot's 2,000 open trades are not at this (empty) broker: exit 3.
      expect(r.code, r.stderr).toBe(3);
      const report = JSON.parse(r.stdout);
      expect(report.summary.local.cashCovered).toBe(false);
      expect(report.discrepancies.filter((d: any) => d.kind === 'missing_at_broker')).toHaveLength(2000);
    } finally {
      chmodSync(join(locked, '..'), 0o755);
    }
  });

  it('refuses bad broker files naming file, place and field, and applies nothing', () => {
    const { S } = demo();
    const before = lifeboatJson(['state', 'hash', ...S]).rootHash;
    const cases: [string, string, RegExp][] = [
      ['truncated.json', '{"format": "lifeboat-broker-snapshot", "version": 1, "accounts": [', /truncated\.json:1:\d+/],
      ['nan.csv', 'account,symbol,quantity\nacct-alpaca-01,AAPL,NaN\n', /nan\.csv:2.*quantity/],
      ['comma.csv', 'account,symbol,quantity\nacct-alpaca-01,AAPL,"1,234.50"\n', /comma\.csv:2.*quantity/],
      ['tiny.csv', 'account,symbol,quantity\nacct-alpaca-01,AAPL,1e-7\n', /tiny\.csv:2.*exponent/],
      ['dupe.csv', 'account,symbol,quantity\nacct-alpaca-01,AAPL,1\nacct-alpaca-01,AAPL,2\n', /dupe\.csv.*AAPL/],
      ['weird.json', '{"hello": "world"}', /weird\.json/],
    ];
    for (const [name, content, reason] of cases) {
      const file = join(tempDir(), name);
      writeFileSync(file, content);
      const r = lifeboat(['reconcile', '--broker', file, ...S]);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(reason);
    }
    // A mapped column the file does not have.
    const csv = join(tempDir(), 'missing.csv');
    writeFileSync(csv, 'account,ticker,quantity\nacct-alpaca-01,AAPL,1\n');
    const mapping = join(tempDir(), 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ columns: { account: 'account', symbol: 'instrument', quantity: 'quantity' } }));
    const missing = lifeboat(['reconcile', '--broker', csv, '--mapping', mapping, ...S]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing\.csv.*instrument/);
    expect(lifeboatJson(['reconcile', 'list', ...S])).toEqual([]);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(before);
  });
});
