// The pool on its real bundled worker (dist/worker.cjs as the build makes it): broker-file parsing,
// verify and export give what the inline runs give, errors keep their code, and cancelling a
// verify ends its task with the verdicts so far recorded. (Packing: layer-packer.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { parseBrokerFile } from '../../../electron/engine/reconcile/importers';
import { parseOffThread } from '../../../electron/engine/reconcile/parse-off-thread';
import { SLICE_ITEMS } from '../../../electron/engine/workers/parse-task';
import { WorkerPool } from '../../../electron/engine/workers/pool';
import { LifeboatError } from '../../../shared/result';
import type { JobInfo } from '../../../shared/api/contract';
import { tempDir } from '../../support/temp-state';
import { closePools, threadedPool } from '../../support/worker-pool';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});
afterAll(closePools);

/** A small desk with a full checkpoint and `layers` layered ones after it. */
async function desk(layers: number): Promise<string> {
  const stateDir = join(tempDir(), 'desk');
  const setup = Engine.open({ stateDir, mode: 'write', purpose: 'setup', create: true });
  generateDesk(setup.store, { size: 'small', seed: 4, asOf: '2026-11-20T21:00:00.000Z' });
  setup.checkpoints.create('manual', 'first');
  let t = Date.parse('2026-11-21T09:00:00.000Z');
  for (let i = 0; i < layers; i++) {
    simulate(setup.store, { ticks: 10, seed: i + 1 }, () => new Date((t += 1000)).toISOString());
    setup.checkpoints.create('automatic');
  }
  await setup.close();
  return stateDir;
}

function open(stateDir: string, workers: WorkerPool): Engine {
  const engine = Engine.open({ stateDir, mode: 'write', purpose: 'test', workers });
  engines.push(engine);
  return engine;
}

/** A CSV of `rows` positions in two accounts: more than one slice per account. */
function csv(rows: number): string {
  const lines = ['account,kind,symbol,quantity,avg_price'];
  for (let i = 0; i < rows; i++) lines.push(`ACC-${i % 2},position,SYM${i},${i + 1}.5,${(i % 97) + 1}.25`);
  return lines.join('\n') + '\n';
}

describe('the bundled worker', () => {
  it('parses a broker file on a thread into the snapshot parsing inline gives, in slices, with progress', async () => {
    const text = csv(3 * SLICE_ITEMS);
    const request = { fileName: 'big.csv', text };
    const progress: number[] = [];
    const pool = threadedPool();
    const there = await parseOffThread(pool, request, (f) => progress.push(f));
    expect(pool.threads.length).toBeGreaterThan(0);
    expect(there).toEqual(parseBrokerFile(request));
    expect(there.accounts.map((a) => a.positions!.length)).toEqual([1.5 * SLICE_ITEMS, 1.5 * SLICE_ITEMS]);
    expect(progress.length).toBeGreaterThan(0);
    expect(await parseOffThread(new WorkerPool(), request, () => undefined)).toEqual(there);
  });

  it('gives a parse error back with its code and where, as parsing inline throws it', async () => {
    const request = { fileName: 'bad.json', text: '{bad', format: 'lifeboat' as const };
    const inline = (() => {
      try {
        parseBrokerFile(request);
      } catch (err) {
        return err as LifeboatError;
      }
    })();
    const there = await parseOffThread(threadedPool(), request, () => undefined).catch((err: unknown) => err);
    expect(there).toBeInstanceOf(LifeboatError);
    expect(inline).toBeInstanceOf(LifeboatError);
    expect({ code: (there as LifeboatError).code, reason: (there as LifeboatError).reason, where: (there as LifeboatError).where }).toEqual({
      code: inline!.code,
      reason: inline!.reason,
      where: inline!.where,
    });
  });

  it('verifies every checkpoint on a thread with the verdicts verifying here gives, recorded in the catalog', async () => {
    const stateDir = await desk(3);
    const engine = open(stateDir, threadedPool());
    const expected = engine.checkpoints.verifyAll();
    const started = await engine.call('checkpoints.verify', { all: true });
    const progress: string[] = [];
    engine.events.subscribe((e) => {
      if (e.name === 'job.updated' && e.payload.jobId === started.jobId) progress.push(e.payload.progress.message);
    });
    const job = (await engine.jobs.wait(started.jobId)) as JobInfo<'verify'>;
    expect(job.state).toBe('succeeded');
    expect(job.result?.reports).toEqual(expected);
    expect(job.result?.ok).toBe(true);
    expect(engine.checkpoints.list().map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(progress.at(-1)).toBe('done');
  });

  it('names the corrupt chunk from a thread as verifying here does, and records it', async () => {
    const stateDir = await desk(1);
    const engine = open(stateDir, threadedPool());
    const first = engine.checkpoints.list()[0].checkpointId;
    const hash = engine.store.db.prepare("SELECT hash FROM chunks WHERE kind = 'rows' ORDER BY hash LIMIT 1").pluck().get() as string;
    engine.store.db.prepare('UPDATE chunks SET data = zeroblob(LENGTH(data)) WHERE hash = ?').run(hash);
    const expected = engine.checkpoints.verify(first);
    expect(expected.ok).toBe(false);
    const job = (await engine.jobs.wait((await engine.call('checkpoints.verify', { checkpointId: first })).jobId)) as JobInfo<'verify'>;
    expect(job.result?.reports).toEqual([expected]);
    const info = engine.checkpoints.get(first);
    expect(info.status).toBe('corrupt');
    expect(info.statusDetail).toBe(`${expected.problem!.table}, chunk ${expected.problem!.chunk.slice(0, 12)}: ${expected.problem!.reason}`);
  });

  it('fails a verify of an unknown checkpoint with not_found, from a thread', async () => {
    const engine = open(await desk(0), threadedPool());
    const job = await engine.jobs.wait((await engine.call('checkpoints.verify', { checkpointId: 'MAN_20000101_000000_dead' })).jobId);
    expect([job.state, job.errorCode]).toEqual(['failed', 'not_found']);
  });

  it('ends a cancelled verify’s task, keeps the verdicts recorded so far, and verifies again afterwards', async () => {
    const stateDir = await desk(6);
    const pool = threadedPool();
    const engine = open(stateDir, pool);
    const started = await engine.call('checkpoints.verify', { all: true });
    // Cancel as soon as the task reports from its thread.
    const off = engine.events.subscribe((e) => {
      if (e.name === 'job.updated' && e.payload.jobId === started.jobId && e.payload.progress.message.includes('%')) engine.jobs.cancel(started.jobId);
    });
    const job = (await engine.jobs.wait(started.jobId)) as JobInfo<'verify'>;
    off();
    expect(job.state).toBe('cancelled');
    const verified = new Set(job.result?.reports.map((r) => r.checkpointId));
    expect(verified.size).toBeLessThan(7);
    for (const c of engine.checkpoints.list()) expect([c.checkpointId, c.status]).toEqual([c.checkpointId, verified.has(c.checkpointId) ? 'ok' : 'unverified']);
    const again = (await engine.jobs.wait((await engine.call('checkpoints.verify', { all: true })).jobId)) as JobInfo<'verify'>;
    expect([again.state, again.result?.reports.length]).toEqual(['succeeded', 7]);
  });

  it('exports a checkpoint from a thread into the files exporting here writes', async () => {
    const stateDir = await desk(1);
    const engine = open(stateDir, threadedPool());
    const id = engine.checkpoints.list()[1].checkpointId;
    const there = await engine.call('checkpoints.export', { checkpointId: id });
    const texts = there.files.map((f) => readFileSync(f, 'utf8'));
    const here = engine.checkpoints.export(id, engine.paths.exports);
    expect(here).toEqual(there);
    expect(here.files.map((f) => readFileSync(f, 'utf8'))).toEqual(texts);
    expect(texts.length).toBeGreaterThan(0);
    await expect(engine.call('checkpoints.export', { checkpointId: 'MAN_20000101_000000_dead' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
