// Each test gets its own state folder under the system temp dir, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase } from '../../electron/engine/store/database';
import { ensureStateFolder, type StateFolder } from '../../electron/engine/store/state-folder';
import { LiveStore } from '../../electron/engine/live/live-store';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'lifeboat-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh state folder with a migrated database and a LiveStore on it. */
export function tempStore(): { paths: StateFolder; store: LiveStore } {
  const paths = ensureStateFolder(join(tempDir(), 'state'));
  const store = new LiveStore(openDatabase(paths.db));
  return { paths, store };
}
