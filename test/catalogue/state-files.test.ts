// The catalogue of bad state files, each run two ways in — `state.import` (API) and the inbox of a
// running console — and each refused with bad_request, the fragment it names, and no write at all.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { processInboxOnce } from '../../electron/engine/state-files/inbox-scan';
import { closeCatalogueDesk, openCatalogueDesk, stateFingerprint } from './desk';
import { STATE_FILE_CASES } from './state-file-cases';

let engine: Engine;
beforeAll(async () => {
  engine = await openCatalogueDesk();
});
afterAll(async () => {
  await closeCatalogueDesk(engine);
});

const matches = (text: string, fragment: string | RegExp) => (typeof fragment === 'string' ? text.includes(fragment) : fragment.test(text));

describe.each(STATE_FILE_CASES)('bad state file: $name', (c) => {
  it('is refused by state.import naming it, and nothing is written', async () => {
    const before = stateFingerprint(engine);
    const account = engine.store.accounts()[0].accountId;
    const err = await engine.call('state.import', { fileName: c.fileName, content: c.content, accountId: account }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err, 'the file was accepted').not.toBeNull();
    expect(err!.code).toBe('bad_request');
    expect(matches(err!.message, c.fragment), `"${err!.message}" does not name ${c.fragment}`).toBe(true);
    expect(err!.message).not.toMatch(/\n\s+at /);
    expect(stateFingerprint(engine)).toEqual(before);
  });

  it('is rejected from the inbox with its reason beside it, and nothing is written', () => {
    const before = stateFingerprint(engine);
    const name = `cat-${Math.random().toString(36).slice(2)}-${c.fileName}`;
    writeFileSync(join(engine.paths.inbox, name), c.content);
    const events: { file: string; ok: boolean; reason?: string; movedTo?: string | null }[] = [];
    processInboxOnce(engine.store, engine.paths, (e) => events.push(e as never), { commit: (reason, write) => engine.commit(reason, write) });
    const mine = events.filter((e) => e.file === name);
    expect(mine).toHaveLength(1);
    expect(mine[0].ok).toBe(false);
    expect(matches(mine[0].reason ?? '', c.fragment), `"${mine[0].reason}" does not name ${c.fragment}`).toBe(true);
    expect(existsSync(join(engine.paths.inbox, name))).toBe(false);
    expect(mine[0].movedTo && readFileSync(`${mine[0].movedTo}.reason.txt`, 'utf8')).toContain(mine[0].reason);
    expect(stateFingerprint(engine)).toEqual(before);
  });
});
