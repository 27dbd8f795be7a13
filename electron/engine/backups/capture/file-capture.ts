// The state folder's files beside the database (audit key, inbox, exports, cold storage, broker
// files): each cut into content-defined chunks (a gear rolling hash, as FastCDC and restic do), so
// a file that grew or changed in one place sends only the chunks around the change.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { BackupType } from '../../../../shared/api/backups';
import type { ObjectWriter } from '../repository/writer';
import type { FileEntry } from './tree';

/**
 * Never backed up: the database (captured as rows), its WAL and shared memory, the lease, temp
 * files, and damaged/ — the damaged database a recovery moved aside, kept on this disk for
 * inspection (a backup is of good state; sending it would add a damaged copy to every repository).
 */
export function isExcluded(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  return (
    path === 'lifeboat.db' ||
    path === 'lifeboat.db-wal' ||
    path === 'lifeboat.db-shm' ||
    path === 'lifeboat.db-journal' ||
    path === 'lifeboat.lock' ||
    path === 'backup-secrets.json' ||
    path.startsWith('damaged/') ||
    name.endsWith('.tmp') ||
    // A scratch file or folder of ours (a restore's, a recovery's), with all that is inside it.
    parts.some((p) => p.startsWith('.lifeboat-'))
  );
}

/** A `snapshot` backup is the live state alone: of the files, only the audit key it needs to verify. */
const SNAPSHOT_FILES = new Set(['audit.key']);

export function listFiles(stateDir: string, type: BackupType): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const rel = relative(stateDir, abs).split(sep).join('/');
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile() && !isExcluded(rel) && (type !== 'snapshot' || SNAPSHOT_FILES.has(rel))) out.push(rel);
    }
  };
  walk(stateDir);
  return out;
}

// Gear table: 256 fixed pseudo-random 32-bit values (a linear congruential sequence, so the
// boundaries are the same in every run and every version).
const GEAR = (() => {
  const t = new Uint32Array(256);
  let x = 0x9e3779b9;
  for (let i = 0; i < 256; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    t[i] = x;
  }
  return t;
})();

/** Content-defined cut points of `data`: chunks of `target` bytes on average, between target/4 and target*4. */
export function cutPoints(data: Buffer, target: number): number[] {
  const min = target >> 2;
  const max = target << 2;
  const bits = Math.round(Math.log2(target - min));
  const mask = ((1 << bits) - 1) << (32 - bits);
  const cuts: number[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(data.length, start + max);
    let h = 0;
    for (let i = start + min; i < end; i++) {
      h = ((h << 1) + GEAR[data[i]]) >>> 0;
      if ((h & mask) === 0) {
        end = i + 1;
        break;
      }
    }
    if (start + min >= data.length) end = data.length;
    cuts.push(end);
    start = end;
  }
  return cuts;
}

export async function captureFiles(stateDir: string, writer: ObjectWriter, type: BackupType, fileChunkBytes: number): Promise<{ files: FileEntry[]; bytesRead: number }> {
  const files: FileEntry[] = [];
  let bytesRead = 0;
  for (const path of listFiles(stateDir, type)) {
    const abs = join(stateDir, ...path.split('/'));
    const st = lstatSync(abs);
    const data = readFileSync(abs);
    bytesRead += data.length;
    const chunks: string[] = [];
    let from = 0;
    for (const to of cutPoints(data, fileChunkBytes)) {
      chunks.push(await writer.add('file', data.subarray(from, to)));
      from = to;
    }
    files.push({ path, size: data.length, mode: st.mode & 0o777, mtimeMs: Math.floor(st.mtimeMs), chunks });
  }
  return { files, bytesRead };
}
