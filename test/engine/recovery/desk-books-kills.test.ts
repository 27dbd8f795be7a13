// The books playbooks killed with SIGKILL at the start of each of their steps, as a real process
// on a copy of a desk with the fault, then run again: the rerun ends (done, or nothing left to
// recover), the recovery is recorded exactly once, the audit chain verifies, and the same playbook
// then finds nothing to recover.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/engine/audit/audit-log';
import { writeDemoSnapshots, DEMO_BROKER_FOLDER } from '../../../electron/engine/demo/broker-snapshots/write-demo-snapshots';
import { Engine } from '../../../electron/engine/engine';
import { reconcile } from '../../../electron/engine/reconcile/reconcile';
import { deskPlaybook } from '../../../electron/engine/recovery/desk/registry';
import { readRecoveryHistory } from '../../../electron/engine/recovery/playbooks/history';
import { planOf } from '../../../electron/engine/recovery/playbooks/playbook';
import type { PlaybookId } from '../../../shared/api/recovery';
import { bundleChild, startChild } from '../../support/child-process';
import { closedDesk } from '../../support/closed-desk';
import { tempDir } from '../../support/temp-state';

const DAY = 86_400_000;
const child = () => bundleChild('test/support/children/desk-playbook.ts');

/** A broker file of a demo desk (its own folder), as of `asOf`. */
async function brokerFile(format: string, asOf: string): Promise<string> {
  let file = '';
  const dir = await closedDesk({
    seed: 5,
    asOf: new Date(Date.parse(asOf) - DAY / 2).toISOString(),
    work: (e) => {
      file = writeDemoSnapshots(e, 7, asOf).find((f) => f.format === format)!.file;
    },
  });
  return join(dir, DEMO_BROKER_FOLDER, file);
}

async function run(id: PlaybookId, dir: string, input: Record<string, string>, killAt?: number): Promise<{ code: number | null; last: string }> {
  const c = startChild(child(), [id, dir, JSON.stringify(input)]);
  if (killAt !== undefined) {
    await c.line((l) => l.startsWith(`step ${killAt} `));
    c.process.kill('SIGKILL');
    const { signal } = await c.closed;
    expect(signal).toBe('SIGKILL');
    return { code: null, last: c.lines[c.lines.length - 1] };
  }
  const { code } = await c.closed;
  expect(code, c.stderr()).toBe(0);
  return { code, last: c.lines[c.lines.length - 1] };
}

async function checkDesk(dir: string, id: PlaybookId): Promise<void> {
  expect(readRecoveryHistory(dir).filter((r) => r.playbook === id)).toHaveLength(1);
  const engine = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test check' });
  try {
    expect(verifyAudit(engine.store.db).ok).toBe(true);
    const recorded = engine.store.db.prepare("SELECT details FROM audit_log WHERE action = 'recovery.run'").pluck().all() as string[];
    expect(recorded.map((d) => JSON.parse(d).playbook)).toEqual([id]);
  } finally {
    await engine.close();
  }
}

async function killEachStep(id: PlaybookId, faulty: string, input: Record<string, string>): Promise<void> {
  const steps = planOf(deskPlaybook(id)!.playbook).length;
  for (let n = 1; n <= steps; n++) {
    const dir = join(tempDir(), `desk-${n}`);
    cpSync(faulty, dir, { recursive: true });
    await run(id, dir, input, n);
    const rerun = await run(id, dir, input);
    // Killed before the record was written: the rerun finishes it; after: there is nothing left to do.
    expect(['done', 'nothing to recover'], `killed at step ${n}`).toContain(rerun.last);
    await checkDesk(dir, id);
    expect((await run(id, dir, input)).last, `after the kill at step ${n}`).toBe('nothing to recover');
  }
}

describe('the books playbooks killed at each step', () => {
  it('stale-state: a desk quiet for three days', async () => {
    const now = Date.now();
    const broker = await brokerFile('lifeboat', new Date(now - 3600_000).toISOString());
    const faulty = await closedDesk({ seed: 5, asOf: new Date(now - 3 * DAY).toISOString() });
    await killEachStep('stale-state', faulty, { broker });
  });

  it('no-state: a fresh desk', async () => {
    const broker = await brokerFile('ccxt', new Date().toISOString());
    const faulty = join(tempDir(), 'fresh');
    await Engine.open({ stateDir: faulty, mode: 'write', purpose: 'test', create: true }).close();
    await killEachStep('no-state', faulty, { broker, venue: 'Binance' });
  });

  it('broker-disagreement: a reconciliation left critical differences open', async () => {
    const faulty = await closedDesk({
      seed: 5,
      work: (e) => {
        const file = writeDemoSnapshots(e, 7, new Date().toISOString()).find((f) => f.format === 'lifeboat')!.file;
        reconcile(e, { fileName: file, content: readFileSync(join(e.paths.dir, DEMO_BROKER_FOLDER, file), 'utf8'), against: 'live', strategy: 'warn', tolerances: {} });
      },
    });
    await killEachStep('broker-disagreement', faulty, {});
  });
});
