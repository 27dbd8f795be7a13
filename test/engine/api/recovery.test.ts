// recovery.doctor as the console calls it: the findings of every detector, read-only, on an engine
// that holds the desk (doctor reads beside its own lease, in place) or one that only reads.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DETECTOR_IDS } from '../../../shared/api/recovery';
import { WRITE_CHANNELS } from '../../../shared/api/contract';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { readLease } from '../../../electron/engine/store/lease';
import { tempDir } from '../../support/temp-state';

const open: Engine[] = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
});

function desk(): Engine {
  const engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test console', create: true });
  open.push(engine);
  generateDesk(engine.store, { size: 'tiny', seed: 4, asOf: new Date().toISOString() });
  engine.checkpoints.create('manual');
  return engine;
}

describe('recovery.doctor', () => {
  it('answers every finding on the engine holding the desk, read in place beside its own lease, which it leaves alone', async () => {
    const engine = desk();
    const lease = readLease(engine.paths.dir);
    const report = await engine.call('recovery.doctor', {});
    expect(report.findings.map((f) => f.detector)).toEqual([...DETECTOR_IDS]);
    expect(report).toMatchObject({ stateDir: engine.paths.dir, readFrom: 'lifeboat.db in place (a live holder has it open)' });
    const unclean = report.findings.find((f) => f.detector === 'unclean-shutdown')!;
    expect(unclean).toMatchObject({ found: false, evidence: { text: expect.stringMatching(new RegExp(`Held by pid ${process.pid} .*\\(test console, .*which is running`)) } });
    expect(report.findings.find((f) => f.detector === 'checkpoint-damaged')).toMatchObject({ found: false, checked: true });
    expect(readLease(engine.paths.dir)).toEqual(lease);
  });

  it('is a read channel: answered by an engine that opened the desk read-only; a request with fields is refused', async () => {
    expect(WRITE_CHANNELS.has('recovery.doctor')).toBe(false);
    const writer = desk();
    const dir = writer.paths.dir;
    await writer.close();
    const reader = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test' });
    open.push(reader);
    const report = await reader.call('recovery.doctor', {});
    expect(report.findings).toHaveLength(DETECTOR_IDS.length);
    await expect(reader.call('recovery.doctor', { fix: true })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
