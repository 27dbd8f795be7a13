// Making a damaged/<UTC time>/ folder so that a kill at any moment leaves no folder the next run
// cannot account for: the folder is made under a hidden name with its note inside, then renamed
// into place (a kill leaves either nothing, or the folder with its note; a hidden `.making-*` left
// by a kill holds only our note and is removed by the next run). And, for damaged-database, the
// folder a killed run made but moved nothing into yet, for the rerun to carry on into rather than
// make a second one (found by the kill test: test/cli/recover-kills.test.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsyncDir, writeFileAtomic } from '../../store/atomic-file';

const MAKING = '.making-';

/** Makes `dir` (a damaged/<time>/ folder) holding `noteFile` with `note`, in one rename. */
export function makeAsideFolder(dir: string, noteFile: string, note: Record<string, unknown>): void {
  const root = dirname(dir);
  const stateDir = dirname(root);
  if (!existsSync(root)) {
    mkdirSync(root, { recursive: true });
    fsyncDir(stateDir);
  }
  for (const name of readdirSync(root)) if (name.startsWith(MAKING)) rmSync(join(root, name), { recursive: true, force: true });
  if (existsSync(dir)) {
    // Made by a run from before the folder was made in one rename: its note written into it.
    if (!existsSync(join(dir, noteFile))) writeFileAtomic(join(dir, noteFile), JSON.stringify(note, null, 1));
    return;
  }
  const making = join(root, `${MAKING}${basename(dir)}`);
  mkdirSync(making);
  writeFileAtomic(join(making, noteFile), JSON.stringify(note, null, 1));
  renameSync(making, dir);
  fsyncDir(root);
}

/**
 * The newest folder under `root` whose note is unfinished, that no other playbook wrote (lost-wal's
 * notes name their playbook) and that holds none of `files`: a killed run made it and moved
 * nothing into it. Its note, to carry on with the first run's detection time.
 */
export function unmovedAside(root: string, noteFile: string, files: readonly string[]): { dir: string; note: Record<string, unknown> } | null {
  if (!existsSync(root)) return null;
  for (const name of readdirSync(root).filter((n) => !n.startsWith('.')).sort().reverse()) {
    const dir = join(root, name);
    let note: Record<string, unknown>;
    try {
      note = JSON.parse(readFileSync(join(dir, noteFile), 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (note.finishedAt !== null || note.playbook !== undefined) continue;
    if (files.some((f) => existsSync(join(dir, f)))) continue;
    return { dir, note };
  }
  return null;
}
