// The stale-state playbook on a real demo desk opened for writing: the books of a desk gone quiet
// for days rebuilt from a broker snapshot (the demo's Lifeboat file, with its planted differences),
// the old books kept in a pinned checkpoint, verified, reconciled again, recorded once. A desk that
// is not stale, and bad input, write nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LifeboatError } from '../../../shared/result';
import type { Engine } from '../../../electron/engine/engine';
import { writeDemoSnapshots, DEMO_BROKER_FOLDER } from '../../../electron/engine/demo/broker-snapshots/write-demo-snapshots';
import { reconcile } from '../../../electron/engine/reconcile/reconcile';
import { runDoctor } from '../../../electron/engine/recovery/doctor';
import { staleState } from '../../../electron/engine/recovery/desk/stale-state';
import { deskPlaybook } from '../../../electron/engine/recovery/desk/registry';
import { readRecoveryHistory } from '../../../electron/engine/recovery/playbooks/history';
import { NothingToRecover, planOf, runPlaybook } from '../../../electron/engine/recovery/playbooks/playbook';
import { demoDesk, DEMO_AS_OF } from '../../support/demo-desk';

const DAY = 86_400_000;
const at = (ms: number) => () => new Date(Date.parse(DEMO_AS_OF) + ms);

/** The demo's broker snapshots of this desk, as of `asOf`; the Lifeboat one and what it planted. */
function brokerFile(engine: Engine, asOf: string) {
  const files = writeDemoSnapshots(engine, 7, asOf);
  const f = files.find((x) => x.format === 'lifeboat')!;
  return { path: join(engine.paths.dir, DEMO_BROKER_FOLDER, f.file), planted: f.planted };
}

const count = (engine: Engine, sql: string) => engine.store.db.prepare(sql).pluck().get() as number;
const footprint = (engine: Engine) => ({
  root: engine.checkpoints.stateHash().rootHash,
  audit: count(engine, 'SELECT COUNT(*) FROM audit_log'),
  checkpoints: count(engine, 'SELECT COUNT(*) FROM checkpoints'),
  runs: count(engine, 'SELECT COUNT(*) FROM recon_runs'),
  history: readRecoveryHistory(engine.paths.dir).length,
});

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

describe('the stale-state playbook', () => {
  it('is registered; seven numbered steps, the one that replaces the books waits for a person', () => {
    expect(deskPlaybook('stale-state')).toBe(staleState);
    expect(planOf(staleState.playbook).map((s) => [s.n, s.id, s.auto])).toEqual([
      [1, 'confirm', true],
      [2, 'read', true],
      [3, 'checkpoint', true],
      [4, 'replace', false],
      [5, 'verify', true],
      [6, 'reconcile', true],
      [7, 'record', true],
    ]);
    expect(staleState.fields.map((f) => [f.name, f.required])).toEqual([
      ['broker', true],
      ['format', false],
      ['account', false],
    ]);
  });

  it('rebuilds the books of a desk quiet for three days from the broker snapshot, the old books kept pinned, verified and recorded once', async () => {
    const engine = demoDesk(3);
    const now = at(3 * DAY);
    // The planted fault, as the detector that names this playbook sees it.
    const stale = runDoctor(engine.paths.dir, { now: now() }).findings.find((f) => f.detector === 'live-state-stale')!;
    expect(stale).toMatchObject({ found: true, playbook: 'stale-state' });
    const snapshotAt = new Date(Date.parse(DEMO_AS_OF) + 2 * DAY).toISOString();
    const { path, planted } = brokerFile(engine, snapshotAt);
    expect(planted.length).toBeGreaterThan(3);
    const oldRoot = engine.checkpoints.stateHash().rootHash;

    const s = await staleState.prepare(engine, { broker: path }, now);
    const reports = await runPlaybook(staleState.playbook, s);
    expect(reports.map((r) => r.state)).toEqual(Array(7).fill('succeeded'));
    expect(reports[0].message).toMatch(/^found: No live row changed for 3 days/);

    // The old books: a pinned checkpoint whose root is the desk before the recovery.
    const kept = engine.checkpoints.get(s.checkpointId!);
    expect(kept).toMatchObject({ pinned: true, rootHash: oldRoot });
    expect(kept.label).toMatch(/before recovery stale-state/);
    // The books were written by a sync run that names that checkpoint (it took none of its own) ...
    expect(s.sync).toMatchObject({ strategy: 'sync', against: 'live', checkpointId: s.checkpointId });
    expect(count(engine, "SELECT COUNT(*) FROM checkpoints WHERE type = 'pre_sync'")).toBe(1);
    for (const p of planted) expect(s.sync!.discrepancies.some((f) => f.kind === p.kind && f.accountId === p.accountId && f.resolution === 'accept_broker'), `${p.kind} ${p.symbol ?? p.orderRef}`).toBe(true);
    // ... and the same snapshot reconciled again finds nothing: the books are the broker's.
    expect(s.recheck!.summary.aboveTolerance).toBe(0);
    expect(engine.checkpoints.stateHash().rootHash).toBe(s.rootAfter);
    expect(engine.checkpoints.stateHash().rootHash).not.toBe(oldRoot);

    const history = readRecoveryHistory(engine.paths.dir);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ playbook: 'stale-state', restoredPointTime: snapshotAt, rpoSeconds: 86_400, restoredFrom: { kind: 'broker-snapshot', snapshotId: 'lifeboat.json', rootHash: s.rootAfter } });
    expect(history[0].rtoSeconds).toBe((Date.parse(history[0].verifiedAt) - Date.parse(history[0].detectedAt)) / 1000);
    const audit = engine.store.db.prepare("SELECT details FROM audit_log WHERE action = 'recovery.run'").pluck().all() as string[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0])).toMatchObject({ playbook: 'stale-state', checkpointId: s.checkpointId, syncRun: s.sync!.runId, recheckRun: s.recheck!.runId });
    expect(staleState.summary(s)).toMatch(/rebuilt from lifeboat\.json/);
    expect(staleState.record(s)).toEqual(history[0]);

    // Run again, the record step writes nothing twice; and the desk is no longer stale.
    await runPlaybook(staleState.playbook, s, { from: 7 });
    expect(readRecoveryHistory(engine.paths.dir)).toHaveLength(1);
    expect(count(engine, "SELECT COUNT(*) FROM audit_log WHERE action = 'recovery.run'")).toBe(1);
    expect(await refusal(() => staleState.prepare(engine, { broker: path }, () => new Date()))).toBeInstanceOf(NothingToRecover);
  });

  it('with --account only that account is rebuilt: the other accounts\' books are as they were', async () => {
    const engine = demoDesk(8);
    const { path, planted } = brokerFile(engine, new Date(Date.parse(DEMO_AS_OF) + 2 * DAY).toISOString());
    const accounts = [...new Set(planted.map((p) => p.accountId))].sort();
    expect(accounts.length).toBeGreaterThan(1);
    const [mine] = accounts;
    const books = (accountId: string) => JSON.stringify([engine.store.positions({ accountId }), engine.store.db.prepare('SELECT * FROM cash_balances WHERE account_id = ? ORDER BY currency').all(accountId)]);
    const others = accounts.slice(1).map(books);
    const minePositions = books(mine);

    const s = await staleState.prepare(engine, { broker: path, account: mine }, at(3 * DAY));
    await runPlaybook(staleState.playbook, s);
    expect(new Set(s.sync!.discrepancies.map((f) => f.accountId))).toEqual(new Set([mine]));
    expect(books(mine)).not.toBe(minePositions);
    expect(accounts.slice(1).map(books)).toEqual(others);
    expect(s.recheck!.summary.aboveTolerance).toBe(0);
  });

  it('a run stopped after it wrote the books is finished by the next one (not refused as no longer stale), recorded once as resumed', async () => {
    const engine = demoDesk(6);
    const now = at(3 * DAY);
    const { path } = brokerFile(engine, new Date(Date.parse(DEMO_AS_OF) + 2 * DAY).toISOString());
    const first = await staleState.prepare(engine, { broker: path }, now);
    // Stopped after step 4 (a kill, the console closed): the books written, nothing recorded.
    await runPlaybook(staleState.playbook, first, { to: 4 });
    expect(readRecoveryHistory(engine.paths.dir)).toHaveLength(0);
    const runs = count(engine, 'SELECT COUNT(*) FROM recon_runs');

    const again = await staleState.prepare(engine, { broker: path }, at(3 * DAY + 60_000));
    expect(again).toMatchObject({ resumed: true, detectedAt: first.detectedAt, checkpointId: first.checkpointId });
    const reports = await runPlaybook(staleState.playbook, again);
    expect(reports[0].message).toMatch(/^continuing an unfinished recovery/);
    expect(reports[3].message).toMatch(/^already done: run /);
    // Nothing written twice: no second checkpoint or sync; one recheck run more; one record.
    expect(count(engine, "SELECT COUNT(*) FROM checkpoints WHERE type = 'pre_sync'")).toBe(1);
    expect(count(engine, 'SELECT COUNT(*) FROM recon_runs')).toBe(runs + 1);
    expect(again.recheck!.summary.aboveTolerance).toBe(0);
    const history = readRecoveryHistory(engine.paths.dir);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ resumed: true, detectedAt: first.detectedAt, rpoSeconds: 86_400 });
    // Recorded, it is finished: a third run has nothing to do.
    expect(await refusal(() => staleState.prepare(engine, { broker: path }, at(3 * DAY + 120_000)))).toBeInstanceOf(NothingToRecover);
  });

  it('a stopped run that later reconciliations went past is left alone (not finished against its old snapshot)', async () => {
    const engine = demoDesk(7);
    const { path } = brokerFile(engine, new Date(Date.parse(DEMO_AS_OF) + 2 * DAY).toISOString());
    await runPlaybook(staleState.playbook, await staleState.prepare(engine, { broker: path }, at(3 * DAY)), { to: 4 });
    reconcile(engine, { fileName: 'lifeboat.json', content: readFileSync(path, 'utf8'), against: 'live', strategy: 'warn', tolerances: {} });
    expect(await refusal(() => staleState.prepare(engine, { broker: path }, at(3 * DAY + 60_000)))).toBeInstanceOf(NothingToRecover);
  });

  it('a desk that is not stale is not rebuilt: NothingToRecover, nothing written', async () => {
    const engine = demoDesk(4);
    engine.checkpoints.create('manual');
    const { path } = brokerFile(engine, DEMO_AS_OF);
    const before = footprint(engine);
    const err = await refusal(() => staleState.prepare(engine, { broker: path }, at(60_000)));
    expect(err).toBeInstanceOf(NothingToRecover);
    expect((err as LifeboatError).reason).toMatch(/last changed 1 min ago/);
    expect(footprint(engine)).toEqual(before);
  });

  it('bad input is refused naming the field or the file, and writes nothing', async () => {
    const engine = demoDesk(5);
    const now = at(3 * DAY);
    const { path } = brokerFile(engine, new Date(Date.parse(DEMO_AS_OF) + DAY).toISOString());
    const before = footprint(engine);
    const where = async (input: Record<string, string | boolean>) => {
      const err = (await refusal(() => staleState.prepare(engine, input, now))) as LifeboatError;
      expect(err).toBeInstanceOf(LifeboatError);
      expect(err.code).toBe('bad_request');
      return err.where;
    };
    expect(await where({})).toBe('broker');
    expect(await where({ broker: true })).toBe('broker');
    expect(await where({ broker: join(engine.paths.dir, 'no-such.json') })).toBe(join(engine.paths.dir, 'no-such.json'));
    expect(await where({ broker: path, account: 'NOPE' })).toBe('account');
    expect(await where({ broker: path, format: 'excel' })).toBe('format');
    expect(await where({ broker: path, tolerance: '1' })).toBe('tolerance');

    // A broken file passes prepare (it is read, not parsed) and is refused by the read step, naming file, line and field.
    const broken = join(__dirname, '../../fixtures/broker/bad/lifeboat-unknown-currency.json');
    const s = await staleState.prepare(engine, { broker: broken }, now);
    const err = (await refusal(runPlaybook(staleState.playbook, s))) as LifeboatError;
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/lifeboat-unknown-currency\.json:6:\d+: accounts\[0\]\.cash\[1\]\.currency: unknown currency/);

    // A snapshot older than the books would take them back in time.
    const old = brokerFile(engine, new Date(Date.parse(DEMO_AS_OF) - DAY).toISOString());
    const back = (await refusal(runPlaybook(staleState.playbook, await staleState.prepare(engine, { broker: old.path }, now)))) as LifeboatError;
    expect(back.reason).toMatch(/older than the books' newest change .*back in time/);
    expect(footprint(engine)).toEqual(before);
  });
});
