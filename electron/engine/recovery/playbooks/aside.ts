// lost-wal's files set aside: the orphan -shm and a foreign -wal are renamed (never deleted) into
// damaged/<UTC time>/ beside a recovery.json note (what was seen, which files, finished or not),
// as damaged-database keeps a damaged database.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moveFileDurably, writeFileAtomic } from '../../store/atomic-file';
import { makeAsideFolder } from './aside-folder';
import { DAMAGED_FOLDER, NOTE_FILE, stamp } from './damaged-database';
import type { RecoveryRecord } from './history';
import type { InPlaceState } from './in-place-state';

export const SIDE_FILES = ['lifeboat.db-wal', 'lifeboat.db-shm'] as const;

const readNote = (dir: string): Record<string, unknown> => {
  try {
    return JSON.parse(readFileSync(join(dir, NOTE_FILE), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * Moves the -wal and -shm beside lifeboat.db into the run's damaged/<time>/ (made first, with its
 * note). Where it goes is saved in the progress note (`saveProgress`) before the folder is made, so
 * a run killed at any point here is continued by the rerun into the same folder, never a second.
 */
export function moveSideFilesAside(s: InPlaceState, saveProgress: () => void): void {
  if (!s.aside) {
    s.aside = join(s.paths.dir, DAMAGED_FOLDER, stamp(s.now()));
    saveProgress();
  }
  if (!existsSync(join(s.aside, NOTE_FILE))) {
    const files = SIDE_FILES.filter((f) => existsSync(join(s.paths.dir, f)));
    makeAsideFolder(s.aside, NOTE_FILE, { playbook: s.playbook, detectedAt: s.detectedAt, evidence: s.evidence, files, finishedAt: null });
  }
  for (const name of SIDE_FILES) {
    const from = join(s.paths.dir, name);
    if (!existsSync(from)) continue;
    const to = join(s.aside, existsSync(join(s.aside, name)) ? `${name}.later-${stamp(s.now())}` : name);
    moveFileDurably(from, to);
    s.movedNow.push(name);
  }
}

/** Undo: the files moved by this run go back where they were, and the note says so. */
export function moveSideFilesBack(s: InPlaceState): void {
  if (!s.aside) return;
  for (const name of s.movedNow) if (!existsSync(join(s.paths.dir, name))) moveFileDurably(join(s.aside, name), join(s.paths.dir, name));
  writeFileAtomic(join(s.aside, NOTE_FILE), JSON.stringify({ ...readNote(s.aside), finishedAt: s.now().toISOString(), movedBack: true }, null, 1));
  s.movedNow = [];
}

export function finishAsideNote(aside: string, finishedAt: string, record: RecoveryRecord | null, extra: Record<string, unknown> = {}): void {
  writeFileAtomic(join(aside, NOTE_FILE), JSON.stringify({ ...readNote(aside), finishedAt, record, ...extra }, null, 1));
}
