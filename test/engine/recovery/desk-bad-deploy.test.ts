// The bad-deploy playbook at engine level on a real demo desk: prepared, then its steps run on the
// step runner: the desk is back at the pre-upgrade checkpoint, a pre-rollback checkpoint holds the
// deployed state, the audit trail and the history record it once with RPO = detection − checkpoint.
// Bad input names its field and writes nothing; a desk already at the checkpoint has nothing to recover.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badDeploy } from '../../../electron/engine/recovery/desk/bad-deploy';
import { readRecoveryHistory } from '../../../electron/engine/recovery/playbooks/history';
import { NothingToRecover, runPlaybook } from '../../../electron/engine/recovery/playbooks/playbook';
import { writeDemoSnapshots } from '../../../electron/engine/demo/broker-snapshots/write-demo-snapshots';
import { badDeployDesk } from '../../support/bad-deploy-desk';
import { failure } from '../../support/failure';

const auditCount = (e: { store: { db: { prepare(s: string): { pluck(): { get(...a: unknown[]): unknown } } } } }, action?: string) =>
  (action ? e.store.db.prepare('SELECT COUNT(*) FROM audit_log WHERE action = ?').pluck().get(action) : e.store.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()) as number;

describe('bad-deploy playbook', () => {
  it('rolls the desk back to the pre-upgrade checkpoint, keeps the deployed state in a pre-rollback checkpoint, and records it once', async () => {
    const { engine, before, deployed } = await badDeployDesk(71);
    const s = await badDeploy.prepare(engine, {}, () => new Date());
    expect(s.target.checkpointId).toBe(before.checkpointId); // the newest pre-upgrade checkpoint by default
    const reports = await runPlaybook(badDeploy.playbook, s);
    expect(reports.map((r) => [r.name, r.state])).toEqual([
      ['verify', 'succeeded'],
      ['pre-rollback', 'succeeded'],
      ['rollback', 'succeeded'],
      ['check-hash', 'succeeded'],
      ['reconcile', 'succeeded'],
      ['record', 'succeeded'],
    ]);
    expect(engine.checkpoints.stateHash().rootHash).toBe(before.rootHash);
    const pre = engine.checkpoints.get(s.pre!.checkpointId);
    expect([pre.type, pre.rootHash]).toEqual(['pre_rollback', deployed]);
    expect(reports.find((r) => r.name === 'reconcile')!.message).toMatch(/^skipped: the desk has no broker snapshot/);

    const [record] = readRecoveryHistory(engine.paths.dir);
    expect(record).toMatchObject({ playbook: 'bad-deploy', restoredPointTime: before.createdAt, restoredFrom: { kind: 'checkpoint', snapshotId: before.checkpointId, rootHash: before.rootHash } });
    expect(record.rpoSeconds).toBeCloseTo((Date.parse(record.detectedAt) - Date.parse(before.createdAt)) / 1000, 3);
    expect(auditCount(engine, 'recovery.run')).toBe(1);
    expect(auditCount(engine, 'rollback.apply')).toBe(1);
    expect(badDeploy.summary(s)).toContain(`The way back: roll back to the pre-rollback checkpoint ${s.pre!.checkpointId}`);

    // Run the record step again (a rerun after a kill): nothing is written twice.
    await runPlaybook(badDeploy.playbook, s, { from: 6 });
    expect(readRecoveryHistory(engine.paths.dir)).toHaveLength(1);
    expect(auditCount(engine, 'recovery.run')).toBe(1);
    expect((await engine.call('audit.verify', {})).ok).toBe(true);
  });

  it('reconciles against the newest broker snapshot the desk keeps', async () => {
    const { engine } = await badDeployDesk(72);
    const file = writeDemoSnapshots(engine, 1, new Date().toISOString()).find((f) => f.format === 'alpaca')!;
    const content = readFileSync(join(engine.paths.dir, 'demo-broker', file.file), 'utf8');
    const job = await engine.jobs.wait((await engine.call('reconcile.run', { fileName: file.file, content })).jobId);
    expect(job.state).toBe('succeeded');
    const [before] = await engine.call('reconcile.list', {});
    const s = await badDeploy.prepare(engine, {}, () => new Date());
    await runPlaybook(badDeploy.playbook, s);
    expect(s.reconciliation).toMatchObject({ of: before.runId, skipped: null });
    const runs = await engine.call('reconcile.list', {});
    expect(runs.map((r) => r.runId)).toContain(s.reconciliation!.runId);
    expect(s.reconciliation!.runId).not.toBe(before.runId);
  });

  it('names the field of bad input and writes nothing', async () => {
    const { engine, before } = await badDeployDesk(73);
    const audit = auditCount(engine);
    const checkpoints = engine.checkpoints.count();
    const cases: [Record<string, string | boolean>, string, RegExp][] = [
      [{ checkpoint: 'MAN_20990101_000000_abcd' }, 'checkpoint', /no checkpoint MAN_20990101_000000_abcd/],
      [{ checkpoint: true }, 'checkpoint', /takes a value/],
      [{ checkpoint: before.checkpointId, strategy: 'nope', account: 'nope' }, 'strategy', /not both/],
      [{ checkpoint: before.checkpointId, strategy: 'no-such-strategy' }, 'strategy', /no-such-strategy/],
      [{ colour: 'red' }, 'colour', /no field colour/],
    ];
    for (const [input, field, says] of cases) {
      const err = await failure(Promise.resolve().then(() => badDeploy.prepare(engine, input, () => new Date())));
      expect([err.code, err.where], JSON.stringify(input)).toEqual(['bad_request', field]);
      expect(err.reason).toMatch(says);
    }
    expect([auditCount(engine), engine.checkpoints.count()]).toEqual([audit, checkpoints]);
  });

  it('has nothing to recover when the live state already is the checkpoint', async () => {
    const { engine, before } = await badDeployDesk(74);
    await runPlaybook(badDeploy.playbook, await badDeploy.prepare(engine, { checkpoint: before.checkpointId }, () => new Date()));
    const err = await failure(Promise.resolve().then(() => badDeploy.prepare(engine, { checkpoint: before.checkpointId }, () => new Date())));
    expect(err).toBeInstanceOf(NothingToRecover);
  });
});
