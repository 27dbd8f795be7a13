// The integrity detectors of what the desk holds, each against a real planted fault in a real state
// folder: a checkpoint with a flipped byte, an edited audit entry, a damaged audit key.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DoctorReport, Finding } from '../../../shared/api/recovery';
import { simulate } from '../../../electron/engine/demo/simulate';
import { runDoctor } from '../../../electron/engine/recovery/doctor';
import type { Engine } from '../../../electron/engine/engine';
import { closedDesk, tamper } from '../../support/closed-desk';

const of = (r: DoctorReport, id: Finding['detector']) => r.findings.find((f) => f.detector === id)!;

/** Ticks of the simulator at one-second steps from `from`. */
function trade(engine: Engine, ticks: number, seed: number, from = Date.now()): void {
  let t = from;
  simulate(engine.store, { ticks, seed }, () => new Date((t += 1000)).toISOString());
}

describe('a damaged checkpoint', () => {
  it('names the damaged one and the newest good one, how far back; the catalog is left as it was', async () => {
    const ids: string[] = [];
    const dir = await closedDesk({
      work: (engine) => {
        ids.push(engine.checkpoints.create('manual', 'first').checkpointId);
        trade(engine, 5, 1);
        ids.push(engine.checkpoints.create('manual', 'second').checkpointId);
        trade(engine, 5, 2);
        ids.push(engine.checkpoints.create('manual', 'third').checkpointId);
      },
    });
    // Flip one byte of a chunk only the newest checkpoint (a layer on the second) is made of.
    const raw = new Database(join(dir, 'lifeboat.db'));
    const manifest = JSON.parse(raw.prepare('SELECT manifest_json FROM checkpoints WHERE checkpoint_id = ?').pluck().get(ids[2]) as string);
    const hash = (Object.values(manifest.layer.tables) as string[][]).flat()[0];
    const chunk = raw.prepare('SELECT data FROM chunks WHERE hash = ?').pluck().get(hash) as Buffer;
    chunk[chunk.length >> 1] ^= 0x01;
    raw.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(chunk, hash);
    const statuses = raw.prepare('SELECT checkpoint_id, status FROM checkpoints ORDER BY checkpoint_id').all();
    raw.close();

    const found = of(runDoctor(dir), 'checkpoint-damaged');
    expect(found).toMatchObject({ found: true, severity: 'critical', playbook: 'checkpoint-damaged' });
    expect(found.evidence.text).toMatch(new RegExp(`1 of 3 checkpoints fail verify, the newest of them ${ids[2]} .*chunk ${hash.slice(0, 12)}`));
    expect(found.evidence.text).toMatch(new RegExp(`The newest good one is ${ids[1]} \\(.*, \\d+ s ago, 1 checkpoint back\\)`));
    expect(found.evidence.details).toMatchObject({ verified: 3, damaged: [{ checkpointId: ids[2] }], newestGood: { checkpointId: ids[1], checkpointsBack: 1 } });
    // Doctor reports; it records no verdict (it writes nothing).
    const after = new Database(join(dir, 'lifeboat.db'), { readonly: true });
    expect(after.prepare('SELECT checkpoint_id, status FROM checkpoints ORDER BY checkpoint_id').all()).toEqual(statuses);
    after.close();
  });

  it('every checkpoint sound: clear, naming the newest', async () => {
    const dir = await closedDesk({ work: (engine) => void engine.checkpoints.create('manual') });
    expect(of(runDoctor(dir), 'checkpoint-damaged')).toMatchObject({ found: false, evidence: { text: expect.stringMatching(/The one checkpoint verifies; the newest is/) } });
  });
});

describe('the audit chain', () => {
  it('an edited entry breaks it, named by its number', async () => {
    const dir = await closedDesk({ work: (engine) => trade(engine, 3, 1) });
    tamper(dir, `UPDATE audit_log SET actor = 'mallory' WHERE seq = 2`);
    const found = of(runDoctor(dir), 'audit-broken');
    expect(found).toMatchObject({ found: true, severity: 'critical', playbook: 'audit-broken' });
    expect(found.evidence.text).toMatch(/The audit chain is broken at entry #2: its content does not match its hash \(edited\)/);
  });

  it('a damaged audit.key is named: the signatures cannot be checked', async () => {
    const dir = await closedDesk();
    writeFileSync(join(dir, 'audit.key'), 'not a key\n');
    const found = of(runDoctor(dir), 'audit-broken');
    expect(found.found).toBe(true);
    expect(found.evidence.text).toContain(`${join(dir, 'audit.key')}: the audit key file is damaged`);
  });
});
