// The no-state playbook on a real fresh desk (a folder the engine just created, which the start-up
// coordinator calls no-state): its accounts and books loaded from the demo's CCXT snapshot of
// another desk, verified, a first pinned checkpoint, reconciled again, recorded once. A desk with
// books, and what the file cannot say, are refused and write nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LifeboatError } from '../../../shared/result';
import { Engine } from '../../../electron/engine/engine';
import { DEMO_BROKER_FOLDER, writeDemoSnapshots } from '../../../electron/engine/demo/broker-snapshots/write-demo-snapshots';
import { accountsFor } from '../../../electron/engine/recovery/desk/books/new-accounts';
import { noState } from '../../../electron/engine/recovery/desk/no-state';
import { parseBrokerFile } from '../../../electron/engine/reconcile/importers';
import { deskPlaybook } from '../../../electron/engine/recovery/desk/registry';
import { readRecoveryHistory } from '../../../electron/engine/recovery/playbooks/history';
import { NothingToRecover, planOf, runPlaybook } from '../../../electron/engine/recovery/playbooks/playbook';
import { demoDesk, DEMO_AS_OF } from '../../support/demo-desk';
import { tempDir } from '../../support/temp-state';

const opened: Engine[] = [];
afterEach(async () => {
  for (const e of opened.splice(0)) await e.close();
});

function freshDesk(): Engine {
  const engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test', create: true });
  opened.push(engine);
  return engine;
}

/** The demo's broker files of a demo desk (another folder), as of `asOf`. */
function demoBrokerFiles(asOf: string) {
  const demo = demoDesk(11);
  const files = writeDemoSnapshots(demo, 7, asOf);
  return { demo, path: (format: string) => join(demo.paths.dir, DEMO_BROKER_FOLDER, files.find((f) => f.format === format)!.file), files };
}

const count = (engine: Engine, sql: string) => engine.store.db.prepare(sql).pluck().get() as number;
const footprint = (engine: Engine) => ({
  root: engine.checkpoints.stateHash().rootHash,
  audit: count(engine, 'SELECT COUNT(*) FROM audit_log'),
  accounts: count(engine, 'SELECT COUNT(*) FROM accounts'),
  checkpoints: count(engine, 'SELECT COUNT(*) FROM checkpoints'),
  runs: count(engine, 'SELECT COUNT(*) FROM recon_runs'),
  history: readRecoveryHistory(engine.paths.dir).length,
});

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<LifeboatError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(LifeboatError);
    return err as LifeboatError;
  }
  throw new Error('expected a refusal');
}

describe('the no-state playbook', () => {
  it('is registered; seven numbered steps, loading the books waits for a person', () => {
    expect(deskPlaybook('no-state')).toBe(noState);
    expect(planOf(noState.playbook).map((s) => [s.n, s.id, s.auto])).toEqual([
      [1, 'confirm', true],
      [2, 'read', true],
      [3, 'load', false],
      [4, 'verify', true],
      [5, 'checkpoint', true],
      [6, 'reconcile', true],
      [7, 'record', true],
    ]);
  });

  it('loads a fresh desk from a CCXT snapshot: its accounts at the exchange given (a multi-account CCXT file names none), the books the broker’s, a first pinned checkpoint, recorded once', async () => {
    const snapshotAt = DEMO_AS_OF;
    const { path, files } = demoBrokerFiles(snapshotAt);
    const engine = freshDesk();
    // The fault, as the start-up coordinator classified this open.
    expect(JSON.parse(readFileSync(join(engine.paths.dir, 'recovery-startup.json'), 'utf8'))).toMatchObject({ state: 'no-state' });

    const now = () => new Date(Date.parse(DEMO_AS_OF) + 3600_000);
    const s = await noState.prepare(engine, { broker: path('ccxt'), venue: 'Binance' }, now);
    const reports = await runPlaybook(noState.playbook, s);
    expect(reports.map((r) => r.state)).toEqual(Array(7).fill('succeeded'));

    const ccxt = files.find((f) => f.format === 'ccxt')!;
    expect(engine.store.accounts().map((a) => a.accountId).sort()).toEqual([...ccxt.accounts].sort());
    for (const a of engine.store.accounts()) expect(a).toMatchObject({ kind: 'crypto', broker: 'Binance' });
    expect(count(engine, 'SELECT COUNT(*) FROM positions')).toBe(s.snapshot!.accounts.reduce((n, a) => n + a.positions!.filter((p) => p.quantity !== '0').length, 0));
    expect(count(engine, 'SELECT COUNT(*) FROM cash_balances')).toBeGreaterThan(0);
    // Nothing to go back to on a fresh desk: the sync took no checkpoint; the first one is the books as loaded.
    expect(s.sync).toMatchObject({ strategy: 'sync', checkpointId: null });
    expect(engine.checkpoints.list()).toHaveLength(1);
    expect(engine.checkpoints.get(s.checkpointId!)).toMatchObject({ type: 'manual', pinned: true, rootHash: s.rootAfter });
    expect(s.recheck!.summary.aboveTolerance).toBe(0);

    const history = readRecoveryHistory(engine.paths.dir);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ playbook: 'no-state', restoredPointTime: snapshotAt, rpoSeconds: 3600, restoredFrom: { kind: 'broker-snapshot', snapshotId: 'ccxt.json' } });
    expect(count(engine, "SELECT COUNT(*) FROM audit_log WHERE action = 'recovery.run'")).toBe(1);
    expect(count(engine, "SELECT COUNT(*) FROM audit_log WHERE action = 'recovery.accounts'")).toBe(1);

    // Now the desk has books: running it again is refused.
    expect(await refusal(() => noState.prepare(engine, { broker: path('ccxt') }, now))).toBeInstanceOf(NothingToRecover);
  });

  it('a run stopped after it loaded the books is finished by the next (not refused for the books it loaded): the first checkpoint taken, recorded once as resumed', async () => {
    const { path } = demoBrokerFiles(DEMO_AS_OF);
    const engine = freshDesk();
    const first = await noState.prepare(engine, { broker: path('ccxt'), venue: 'Binance' }, () => new Date());
    // Stopped after step 3: the books loaded, no checkpoint, nothing recorded.
    await runPlaybook(noState.playbook, first, { to: 3 });
    expect(engine.checkpoints.list()).toHaveLength(0);
    const runs = count(engine, 'SELECT COUNT(*) FROM recon_runs');

    const again = await noState.prepare(engine, { broker: path('ccxt'), venue: 'Binance' }, () => new Date());
    expect(again).toMatchObject({ resumed: true, detectedAt: first.detectedAt });
    const reports = await runPlaybook(noState.playbook, again);
    expect(reports[2].message).toMatch(/^already done: acct-/);
    expect(count(engine, "SELECT COUNT(*) FROM audit_log WHERE action = 'recovery.accounts'")).toBe(1);
    expect(count(engine, 'SELECT COUNT(*) FROM recon_runs')).toBe(runs + 1);
    expect(engine.checkpoints.list()).toEqual([expect.objectContaining({ checkpointId: again.checkpointId, pinned: true })]);
    expect(readRecoveryHistory(engine.paths.dir)).toEqual([expect.objectContaining({ playbook: 'no-state', resumed: true, detectedAt: first.detectedAt })]);
    expect(await refusal(() => noState.prepare(engine, { broker: path('ccxt'), venue: 'Binance' }, () => new Date()))).toBeInstanceOf(NothingToRecover);
  });

  it('a desk with books is not a fresh desk: NothingToRecover, nothing written', async () => {
    const { demo, path } = demoBrokerFiles(DEMO_AS_OF);
    const before = footprint(demo);
    const err = await refusal(() => noState.prepare(demo, { broker: path('ccxt') }, () => new Date()));
    expect(err).toBeInstanceOf(NothingToRecover);
    expect(err.reason).toMatch(/the desk has books \(\d+ strategies, \d+ positions/);
    expect(footprint(demo)).toEqual(before);
  });

  it('what the file cannot say is asked for by its field; bad values are refused naming the field; nothing is written', async () => {
    const { path } = demoBrokerFiles(DEMO_AS_OF);
    const engine = freshDesk();
    const before = footprint(engine);
    const where = async (input: Record<string, string | boolean>) => (await refusal(() => noState.prepare(engine, input, () => new Date()))).where;
    expect(await where({})).toBe('broker');
    expect(await where({ broker: path('ccxt'), kind: 'bonds' })).toBe('kind');
    expect(await where({ broker: path('ccxt'), 'account-type': 'loan' })).toBe('account-type');
    expect(await where({ broker: path('ccxt'), 'base-currency': 'us dollars' })).toBe('base-currency');
    expect(await where({ broker: path('ccxt'), strategy: 'sync' })).toBe('strategy');

    // A Lifeboat snapshot does not say which broker its accounts are at: the read step asks for --venue.
    const s = await noState.prepare(engine, { broker: path('lifeboat') }, () => new Date());
    const err = await refusal(runPlaybook(noState.playbook, s));
    expect(err).toMatchObject({ code: 'bad_request', where: 'venue' });
    expect(err.reason).toMatch(/does not say which broker .* give --venue NAME/);
    expect(footprint(engine)).toEqual(before);
  });

  it('with --account only that account of the file is loaded, with the venue, type and base currency given', async () => {
    const { path, files } = demoBrokerFiles(DEMO_AS_OF);
    const engine = freshDesk();
    const one = files.find((f) => f.format === 'lifeboat')!.accounts[0];
    const s = await noState.prepare(engine, { broker: path('lifeboat'), account: one, venue: 'Kraken', 'account-type': 'margin', 'base-currency': 'EUR' }, () => new Date());
    await runPlaybook(noState.playbook, s);
    expect(engine.store.accounts()).toEqual([expect.objectContaining({ accountId: one, broker: 'Kraken', accountType: 'margin', baseCurrency: 'EUR' })]);
    expect(s.recheck!.summary.aboveTolerance).toBe(0);
  });
});

describe('the accounts a fresh desk gets from a snapshot (pure)', () => {
  const fixture = parseBrokerFile({ fileName: 'lifeboat.json', text: readFileSync(join(__dirname, '../../fixtures/broker/lifeboat.json'), 'utf8') });
  const at = '2026-12-05T00:00:00.000Z';

  it('tells kind, type and base currency from the file: pairs are crypto, a short or a negative balance is margin, the stablecoin is the base', () => {
    const [crypto] = accountsFor({ ...fixture, accounts: fixture.accounts.filter((a) => a.accountId === 'ACC-CRYPTO') }, { venue: 'Binance' }, at);
    expect(crypto).toEqual({ accountId: 'ACC-CRYPTO', name: 'ACC-CRYPTO', broker: 'Binance', kind: 'crypto', accountType: 'margin', baseCurrency: 'USDT', createdAt: at });
  });

  it('refuses what it cannot tell, naming the field to give: an account reporting no cash has no base currency', () => {
    expect(() => accountsFor(fixture, { venue: 'IBKR' }, at)).toThrow(/cannot tell the base currency of account ACC-EQ .*it reports no cash.*--base-currency/);
    expect(accountsFor(fixture, { venue: 'IBKR', baseCurrency: 'USD' }, at).map((a) => [a.accountId, a.kind, a.accountType, a.baseCurrency])).toEqual([
      ['ACC-CRYPTO', 'crypto', 'margin', 'USD'],
      ['ACC-EQ', 'equities', 'cash', 'USD'],
    ]);
  });
});
