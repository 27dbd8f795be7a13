// The catalogue of bad broker files: each is refused when inspected and when run, naming what is
// wrong, and no run, correction or audit entry is stored.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { BROKER_CASES } from './broker-cases';
import { closeCatalogueDesk, openCatalogueDesk, stateFingerprint } from './desk';

let engine: Engine;
let demo: string;
beforeAll(async () => {
  engine = await openCatalogueDesk();
  demo = join(engine.paths.dir, 'demo-broker');
});
afterAll(async () => {
  await closeCatalogueDesk(engine);
});

const says = (text: string, fragment: string | RegExp) => (typeof fragment === 'string' ? text.includes(fragment) : fragment.test(text));

describe.each(BROKER_CASES)('bad broker file: $name', (c) => {
  it('is refused by reconcile.inspect and reconcile.run naming what is wrong, and nothing is stored', async () => {
    const before = stateFingerprint(engine);
    const content = c.content(demo);
    const inspected = await engine.call('reconcile.inspect', { fileName: c.fileName, content }).then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    if (c.inspect !== false) {
      expect(inspected, 'the file was accepted').not.toBeNull();
      expect(inspected!.code).toBe('bad_request');
      expect(says(inspected!.message, c.fragment), `"${inspected!.message}" does not name ${c.fragment}`).toBe(true);
    }
    const job = await engine.call('reconcile.run', { fileName: c.fileName, content, strategy: 'sync' });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.state).toBe('failed');
    expect(done.errorCode).toBe('bad_request');
    expect(says(`${done.errorWhere}: ${done.error}`, c.fragment), `"${done.error}" does not name ${c.fragment}`).toBe(true);
    expect(`${done.errorWhere}: ${done.error}`).not.toMatch(/\n\s+at |internal:/);
    expect(stateFingerprint(engine)).toEqual(before);
  });
});
