// A demo desk in its own state folder, built, optionally worked on, and closed the way a writer
// closes it (lease released, WAL folded in and removed): the desk doctor finds at rest. Faults are
// planted in it afterwards, as they happen to a desk nobody holds.
import Database from 'better-sqlite3';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { generateDesk, type DeskSize } from '../../electron/engine/demo/generate-desk';
import { tempDir } from './temp-state';

export interface ClosedDeskOptions {
  size?: DeskSize;
  seed?: number;
  /** The desk's "now" (default: the real now, so the desk is fresh). */
  asOf?: string;
  /** Runs on the open desk before it is closed (take checkpoints, reconcile ...). */
  work?: (engine: Engine) => void | Promise<void>;
}

export async function closedDesk(options: ClosedDeskOptions = {}): Promise<string> {
  const dir = join(tempDir(), 'desk');
  const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: 'test', create: true });
  try {
    generateDesk(engine.store, { size: options.size ?? 'tiny', seed: options.seed ?? 1, asOf: options.asOf ?? new Date().toISOString() });
    await options.work?.(engine);
  } finally {
    await engine.close();
  }
  return dir;
}

/** Edits the database the way a person with the sqlite3 shell would: another connection, no Lifeboat functions, foreign keys off. */
export function tamper(dir: string, sql: string, ...args: unknown[]): void {
  const raw = new Database(join(dir, 'lifeboat.db'));
  try {
    raw.pragma('foreign_keys = OFF');
    raw.prepare(sql).run(...args);
  } finally {
    raw.close();
  }
}

/** Every file under `dir` with its size and modification time: what "nothing was written" compares. */
export function folderListing(dir: string): Record<string, { size: number; mtimeMs: number }> {
  const out: Record<string, { size: number; mtimeMs: number }> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const st = statSync(path);
      out[relative(dir, path) + (st.isDirectory() ? '/' : '')] = { size: st.isDirectory() ? 0 : st.size, mtimeMs: st.mtimeMs };
      if (st.isDirectory()) walk(path);
    }
  };
  walk(dir);
  out['.'] = { size: 0, mtimeMs: statSync(dir).mtimeMs };
  return out;
}
