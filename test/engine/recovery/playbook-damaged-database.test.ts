// The damaged-database playbook in-process on real state folders: where a killed run continues
// from (the newest unfinished damaged/<time>/ holding a database), and a desk whose database is
// gone with nothing to continue is refused naming the file, with nothing written.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { damagedDatabase, newDamagedDatabaseState, NOTE_FILE, NothingToRecover, releaseDamagedDatabase, unfinishedAside } from '../../../electron/engine/recovery/playbooks/damaged-database';
import { runPlaybook } from '../../../electron/engine/recovery/playbooks/playbook';
import { stateFolderPaths } from '../../../electron/engine/store/state-folder';
import { closedDesk, folderListing } from '../../support/closed-desk';
import { tempDir } from '../../support/temp-state';

const note = (finishedAt: string | null) => JSON.stringify({ detectedAt: '2026-12-04T10:00:00.000Z', evidence: 'x', files: ['lifeboat.db'], finishedAt });

describe('unfinishedAside', () => {
  it('the newest damaged/<time>/ whose recovery did not finish and that holds the database', () => {
    const dir = tempDir();
    const paths = stateFolderPaths(dir);
    expect(unfinishedAside(paths)).toBeNull();
    const make = (name: string, finished: string | null, withDb: boolean) => {
      const d = join(dir, 'damaged', name);
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, NOTE_FILE), note(finished));
      if (withDb) writeFileSync(join(d, 'lifeboat.db'), 'x');
      return d;
    };
    const older = make('2026-12-04T10-00-00.000Z', null, true);
    make('2026-12-04T11-00-00.000Z', '2026-12-04T11:00:01.000Z', true);
    make('2026-12-04T12-00-00.000Z', null, false);
    expect(unfinishedAside(paths)).toBe(older);
  });
});

describe('the playbook on a real desk', () => {
  it('a sound database: nothing to recover, and nothing written', async () => {
    const dir = await closedDesk();
    const before = folderListing(dir);
    const state = newDamagedDatabaseState(dir);
    await expect(runPlaybook(damagedDatabase, state)).rejects.toBeInstanceOf(NothingToRecover);
    releaseDamagedDatabase(state);
    expect(folderListing(dir)).toEqual(before);
  });

  it('a folder that is no desk (a wrong --state): refused, nothing written there', async () => {
    const empty = tempDir();
    const state = newDamagedDatabaseState(empty);
    await expect(runPlaybook(damagedDatabase, state)).rejects.toThrow(/no lifeboat\.db, and the folder shows no sign of having held a desk/);
    const missing = newDamagedDatabaseState(join(empty, 'nope'));
    await expect(runPlaybook(damagedDatabase, missing)).rejects.toThrow(/there is no state folder here/);
    expect(Object.keys(folderListing(empty))).toEqual(['.']);
  });

  it('a database gone with no unfinished recovery to continue: refused naming the file, the lease given back', async () => {
    const dir = await closedDesk();
    renameSync(join(dir, 'lifeboat.db'), join(dir, '..', 'elsewhere.db'));
    const state = newDamagedDatabaseState(dir);
    try {
      await expect(runPlaybook(damagedDatabase, state)).rejects.toThrow(/lifeboat\.db is missing and damaged\/ holds no unfinished recovery/);
    } finally {
      releaseDamagedDatabase(state);
    }
    expect(state.detectedAt).not.toBeNull();
    expect(Object.keys(folderListing(dir))).not.toContain('lifeboat.lock');
  });
});
