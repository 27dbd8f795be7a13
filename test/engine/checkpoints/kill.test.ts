import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { computeLiveAccs, hashesOf, stateRoot } from '../../../electron/engine/checkpoints/state-hash';
import { STATE_SCHEMA_VERSION } from '../../../electron/engine/store/migrations/migrate';
import { verifyAudit } from '../../../electron/engine/audit/audit-log';
import { bundleChild, startChild } from '../../support/child-process';
import { tempDir } from '../../support/temp-state';

/** Opens the folder as the next writer would after a crash, and checks everything holds. */
async function inspect(stateDir: string) {
  const engine = Engine.open({ stateDir, mode: 'write', purpose: 'after the kill' });
  try {
    const reports = engine.checkpoints.verifyAll();
    const incremental = engine.checkpoints.stateHash().rootHash;
    // The hash the triggers kept through the kill, against one recomputed from every row.
    const full = stateRoot(STATE_SCHEMA_VERSION, hashesOf(computeLiveAccs(engine.store.db)));
    return {
      lease: engine.lease?.info.pid,
      verified: reports.every((r) => r.ok),
      checkpoints: reports.length,
      incremental,
      full,
      audit: verifyAudit(engine.store.db).ok,
    };
  } finally {
    await engine.close();
  }
}

async function killAfter(script: string, args: string[], doneLines: number): Promise<void> {
  const child = startChild(script, args);
  await child.line((l) => l.startsWith(`done ${doneLines} `));
  child.process.kill('SIGKILL');
  const { signal } = await child.exited;
  expect(signal).toBe('SIGKILL');
}

describe('processes killed with SIGKILL while checkpointing and rolling back', () => {
  it('leave every checkpoint verifiable and the live state whole, 60 kills in all', async () => {
    const stateDir = join(tempDir(), 'desk');
    const setup = Engine.open({ stateDir, mode: 'write', purpose: 'setup', create: true });
    generateDesk(setup.store, { size: 'small', seed: 21, asOf: '2026-11-20T21:00:00.000Z' });
    const a = setup.checkpoints.create('manual', 'A');
    let clock = Date.parse('2026-11-21T09:00:00.000Z');
    simulate(setup.store, { ticks: 40, seed: 8 }, () => new Date((clock += 1000)).toISOString());
    const b = setup.checkpoints.create('manual', 'B');
    await setup.close();
    const script = bundleChild('test/support/children/checkpointer.ts', { withWorker: true });

    // Kills while checkpoints are being taken between trading ticks.
    let previous = 2;
    for (let round = 0; round < 30; round++) {
      await killAfter(script, [stateDir, 'checkpoint', String(round + 1)], 1 + (round % 3));
      const after = await inspect(stateDir);
      expect(after.lease).toBe(process.pid);
      expect(after.verified).toBe(true);
      expect(after.audit).toBe(true);
      // The change log and the base never disagree: the incremental hash is the full one.
      expect(after.incremental).toBe(after.full);
      expect(after.checkpoints).toBeGreaterThan(previous);
      previous = after.checkpoints;
    }

    // Bring the desk back to B, then kill rollbacks between A and B at varying points.
    const reset = Engine.open({ stateDir, mode: 'write', purpose: 'reset' });
    reset.checkpoints.rollback(b.checkpointId, {});
    await reset.close();
    const roots = new Set([a.rootHash, b.rootHash]);
    for (let round = 0; round < 30; round++) {
      await killAfter(script, [stateDir, 'rollback', String(round), a.checkpointId, b.checkpointId], 1 + (round % 4));
      const after = await inspect(stateDir);
      expect(after.verified).toBe(true);
      expect(after.audit).toBe(true);
      expect(after.incremental).toBe(after.full);
      // Before or after a rollback, never a mix.
      expect(roots.has(after.full)).toBe(true);
    }
  }, 240_000); // 60 real kills, each followed by a full verify: minutes on a loaded 2-core machine
});
