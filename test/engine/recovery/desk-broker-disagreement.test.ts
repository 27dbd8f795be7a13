// The broker-disagreement playbook on a real demo desk: the fault planted as a person makes it (a
// reconciliation against the demo's broker file leaves critical differences open, which the
// detector names), then settled difference by difference after a pinned checkpoint, rechecked
// (nothing left open: the detector clears) and recorded once. Without a run today it needs a
// broker file; bad choices are refused naming the field, and write nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LifeboatError } from '../../../shared/result';
import type { Engine } from '../../../electron/engine/engine';
import { DEMO_BROKER_FOLDER, writeDemoSnapshots } from '../../../electron/engine/demo/broker-snapshots/write-demo-snapshots';
import { reconcile } from '../../../electron/engine/reconcile/reconcile';
import { getDiscrepancies } from '../../../electron/engine/reconcile/runs-store';
import { brokerDisagreementPlaybook as playbook } from '../../../electron/engine/recovery/desk/broker-disagreement';
import { deskPlaybook } from '../../../electron/engine/recovery/desk/registry';
import { runDoctor } from '../../../electron/engine/recovery/doctor';
import { readRecoveryHistory } from '../../../electron/engine/recovery/playbooks/history';
import { NothingToRecover, planOf, runPlaybook } from '../../../electron/engine/recovery/playbooks/playbook';
import { demoDesk, DEMO_AS_OF } from '../../support/demo-desk';

function lifeboatFile(engine: Engine) {
  const f = writeDemoSnapshots(engine, 7, DEMO_AS_OF).find((x) => x.format === 'lifeboat')!;
  return join(engine.paths.dir, DEMO_BROKER_FOLDER, f.file);
}

/** The fault as a person plants it: `lifeboat reconcile --broker FILE` (report only) leaves the differences open. */
function disagreeingDesk(seed: number) {
  const engine = demoDesk(seed);
  const path = lifeboatFile(engine);
  const run = reconcile(engine, { fileName: 'lifeboat.json', content: readFileSync(path, 'utf8'), against: 'live', strategy: 'warn', tolerances: {} });
  return { engine, path, run };
}

const brokerFinding = (engine: Engine, now?: Date) => runDoctor(engine.paths.dir, { now }).findings.find((f) => f.detector === 'broker-disagreement')!;
const count = (engine: Engine, sql: string) => engine.store.db.prepare(sql).pluck().get() as number;
const footprint = (engine: Engine) => ({
  root: engine.checkpoints.stateHash().rootHash,
  audit: count(engine, 'SELECT COUNT(*) FROM audit_log'),
  checkpoints: count(engine, 'SELECT COUNT(*) FROM checkpoints'),
  runs: count(engine, 'SELECT COUNT(*) FROM recon_runs'),
  resolved: count(engine, 'SELECT COUNT(*) FROM recon_discrepancies WHERE resolution IS NOT NULL'),
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

describe('the broker-disagreement playbook', () => {
  it('is registered; seven numbered steps, settling waits for a person', () => {
    expect(deskPlaybook('broker-disagreement')).toBe(playbook);
    expect(planOf(playbook.playbook).map((s) => [s.n, s.id, s.auto])).toEqual([
      [1, 'confirm', true],
      [2, 'differences', true],
      [3, 'checkpoint', true],
      [4, 'apply', false],
      [5, 'verify', true],
      [6, 'recheck', true],
      [7, 'record', true],
    ]);
  });

  it("settles the newest run's open critical differences as chosen, one kept and one ignored, the rest from the broker; the detector clears; recorded once", async () => {
    const { engine, run } = disagreeingDesk(6);
    expect(brokerFinding(engine)).toMatchObject({ found: true, severity: 'critical', playbook: 'broker-disagreement' });
    const critical = run.discrepancies.filter((f) => f.severity === 'critical' && !f.withinTolerance);
    expect(critical.length).toBeGreaterThanOrEqual(3);
    const [kept, ignored] = critical;
    const before = engine.checkpoints.stateHash().rootHash;

    const s = await playbook.prepare(engine, { items: `${kept.itemId}=keep-local,${ignored.itemId}=ignore`, reason: 'checked with the broker desk' }, () => new Date());
    const reports = await runPlaybook(playbook.playbook, s);
    expect(reports.map((r) => r.state)).toEqual(Array(7).fill('succeeded'));
    expect(s.runId).toBe(run.runId);

    const resolved = new Map(getDiscrepancies(engine.store.db, run.runId).map((f) => [f.itemId, f]));
    expect(resolved.get(kept.itemId)).toMatchObject({ resolution: 'keep_local' });
    expect(resolved.get(ignored.itemId)).toMatchObject({ resolution: 'ignore', resolutionReason: expect.stringContaining('checked with the broker desk') });
    for (const f of critical.slice(2)) expect(resolved.get(f.itemId)!.resolution, f.itemId).toBe('accept_broker');
    // The books before are a pinned checkpoint; the accepted values changed the books.
    expect(engine.checkpoints.get(s.checkpointId!)).toMatchObject({ pinned: true, rootHash: before });
    expect(engine.checkpoints.stateHash().rootHash).not.toBe(before);
    // The recheck has the kept and ignored ones settled the same way, nothing critical open: the detector clears.
    expect(s.carried).toBe(2);
    expect(s.recheck!.discrepancies.filter((f) => f.severity === 'critical' && !f.withinTolerance && !f.resolution)).toEqual([]);
    expect(brokerFinding(engine).found).toBe(false);

    const history = readRecoveryHistory(engine.paths.dir);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ playbook: 'broker-disagreement', restoredPointTime: DEMO_AS_OF, restoredFrom: { kind: 'broker-snapshot', snapshotId: 'lifeboat.json' } });
    const audit = engine.store.db.prepare("SELECT details FROM audit_log WHERE action = 'recovery.run'").pluck().all() as string[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0])).toMatchObject({ playbook: 'broker-disagreement', run: run.runId, checkpointId: s.checkpointId, settled: expect.arrayContaining([{ itemId: kept.itemId, resolution: 'keep_local' }]) });
    expect(await refusal(() => playbook.prepare(engine, {}, () => new Date()))).toBeInstanceOf(NothingToRecover);
  });

  it('with no reconciliation today it needs a broker file; given one, a new run against it is settled', async () => {
    const { engine, path, run } = disagreeingDesk(8);
    const tomorrow = () => new Date(Date.now() + 86_400_000);
    expect(brokerFinding(engine, tomorrow())).toMatchObject({ found: true, evidence: { text: expect.stringMatching(/No reconciliation ran today/) } });
    expect(await refusal(() => playbook.prepare(engine, {}, tomorrow))).toMatchObject({ code: 'bad_request', where: 'broker' });

    const s = await playbook.prepare(engine, { broker: path }, tomorrow);
    await runPlaybook(playbook.playbook, s);
    expect(s.runId).not.toBe(run.runId);
    expect(s.settle.every((x) => x.resolution === 'accept_broker')).toBe(true);
    // The critical ones are settled; warnings (a price, say) are left for the Reconciliation page.
    expect(s.recheck!.discrepancies.filter((f) => f.severity === 'critical' && !f.withinTolerance && !f.resolution)).toEqual([]);
    expect(brokerFinding(engine).found).toBe(false);
  });

  it('with --account only that account is settled; the other accounts\' differences stay open, and the detector still says so', async () => {
    const { engine, run } = disagreeingDesk(12);
    const critical = run.discrepancies.filter((f) => f.severity === 'critical' && !f.withinTolerance);
    const accounts = [...new Set(critical.map((f) => f.accountId))].sort();
    expect(accounts.length).toBeGreaterThan(1);
    const [mine, other] = accounts;
    const notMine = critical.find((f) => f.accountId === other)!;
    expect(await refusal(runPlaybook(playbook.playbook, await playbook.prepare(engine, { account: mine, items: `${notMine.itemId}=keep-local` }, () => new Date())))).toMatchObject({ where: 'items' });

    const s = await playbook.prepare(engine, { account: mine }, () => new Date());
    await runPlaybook(playbook.playbook, s);
    expect(s.settle.map((x) => x.itemId).sort()).toEqual(critical.filter((f) => f.accountId === mine).map((f) => f.itemId).sort());
    const after = new Map(getDiscrepancies(engine.store.db, run.runId).map((f) => [f.itemId, f.resolution]));
    expect(after.get(notMine.itemId)).toBeNull();
    expect(brokerFinding(engine)).toMatchObject({ found: true, evidence: { text: expect.stringContaining(other) } });
  });

  it('a run stopped after it settled the differences is finished by the next: what was kept stays kept, recorded once as resumed', async () => {
    const { engine, run } = disagreeingDesk(14);
    const [kept] = run.discrepancies.filter((f) => f.severity === 'critical' && !f.withinTolerance);
    const first = await playbook.prepare(engine, { account: kept.accountId, items: `${kept.itemId}=keep-local` }, () => new Date());
    // Stopped after step 4: the differences settled, no recheck, nothing recorded.
    await runPlaybook(playbook.playbook, first, { to: 4 });
    expect(readRecoveryHistory(engine.paths.dir)).toHaveLength(0);

    const again = await playbook.prepare(engine, {}, () => new Date());
    expect(again).toMatchObject({ resumed: true, detectedAt: first.detectedAt, runId: run.runId, checkpointId: first.checkpointId, accountId: kept.accountId });
    const reports = await runPlaybook(playbook.playbook, again);
    expect(reports[3].message).toMatch(/^already done: run /);
    expect(count(engine, "SELECT COUNT(*) FROM checkpoints WHERE type = 'pre_sync'")).toBe(1);
    // The kept difference is kept in the recheck too, not taken from the broker.
    expect(again.recheck!.discrepancies.find((f) => f.kind === kept.kind && f.symbol === kept.symbol && f.orderRef === kept.orderRef && f.accountId === kept.accountId)).toMatchObject({ resolution: 'keep_local' });
    expect(readRecoveryHistory(engine.paths.dir)).toEqual([expect.objectContaining({ playbook: 'broker-disagreement', resumed: true, detectedAt: first.detectedAt })]);
  });

  it('a desk the broker agrees with is not settled: NothingToRecover, nothing written', async () => {
    const { engine, path } = disagreeingDesk(9);
    await runPlaybook(playbook.playbook, await playbook.prepare(engine, {}, () => new Date()));
    const before = footprint(engine);
    expect(await refusal(() => playbook.prepare(engine, { broker: path }, () => new Date()))).toBeInstanceOf(NothingToRecover);
    expect(footprint(engine)).toEqual(before);
  });

  it('bad choices are refused naming the field, before anything is written', async () => {
    const { engine, run } = disagreeingDesk(10);
    const before = footprint(engine);
    const where = async (input: Record<string, string | boolean>) => (await refusal(() => playbook.prepare(engine, input, () => new Date()))).where;
    expect(await where({ resolution: 'delete' })).toBe('resolution');
    expect(await where({ items: 'F0001=maybe' })).toBe('items');
    expect(await where({ items: 'F0001=ignore,F0001=keep-local' })).toBe('items');
    expect(await where({ account: 'NOPE' })).toBe('account');
    expect(await where({ halt: true })).toBe('halt');
    // Known only once the run is read (step 2): an id the run has not, an ignore without a reason.
    const steps = async (input: Record<string, string | boolean>) => (await refusal(runPlaybook(playbook.playbook, await playbook.prepare(engine, input, () => new Date())))).where;
    expect(await steps({ items: 'F9999=keep-local' })).toBe('items');
    expect(await steps({ resolution: 'ignore' })).toBe('reason');
    expect(footprint(engine)).toEqual(before);
    expect(run.summary.unresolved).toBeGreaterThan(0);
  });
});
