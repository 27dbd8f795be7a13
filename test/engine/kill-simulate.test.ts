import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { generateDesk } from '../../electron/engine/demo/generate-desk';
import { verifyAudit } from '../../electron/engine/audit/audit-log';
import { bundleChild, startChild } from '../support/child-process';
import { tempDir } from '../support/temp-state';

async function countTicks(stateDir: string): Promise<{ ticks: number; ok: boolean }> {
  const engine = Engine.open({ stateDir, mode: 'read', purpose: 'check' });
  try {
    const n = (engine.store.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'simulate.tick'`).get() as { n: number }).n;
    return { ticks: n, ok: verifyAudit(engine.store.db).ok };
  } finally {
    await engine.close();
  }
}

describe('a trading process killed with SIGKILL', () => {
  it('leaves whole ticks only, a verifiable audit chain, and a lease the next writer recovers', async () => {
    const stateDir = join(tempDir(), 'desk');
    const setup = Engine.open({ stateDir, mode: 'write', purpose: 'setup', create: true });
    generateDesk(setup.store, { size: 'small', seed: 11, asOf: '2026-11-20T21:00:00.000Z' });
    await setup.close();

    const simulator = bundleChild('test/support/children/simulator.ts');
    let committed = 0;
    for (let round = 0; round < 10; round++) {
      const child = startChild(simulator, [stateDir, String(round + 1)]);
      const target = 1 + ((round * 7) % 13);
      await child.line((l) => l === `tick ${target}`);
      child.process.kill('SIGKILL');
      await child.exited;
      const after = await countTicks(stateDir);
      // Every announced tick committed; the one in flight either committed whole or not at all.
      expect(after.ticks).toBeGreaterThanOrEqual(committed + target);
      expect(after.ok).toBe(true);
      committed = after.ticks;
    }
    // The dead holder's lease is detected and taken over.
    const writer = Engine.open({ stateDir, mode: 'write', purpose: 'after the kills' });
    expect(writer.lease?.info.pid).toBe(process.pid);
    await writer.close();
  });
});
