// Taking a backup and verifying, as typed → the request, or the problem to show. And what a
// verify found, shaped for the page: coverage as a fraction, the damaged snapshots named.
import type { BackupType, Problem } from '../../../../../shared/api/backups';
import type { BackupCoverage } from '../../../../../shared/api/jobs';
import type { RequestOf } from '../../../../../shared/api/contract';

export interface BackupForm {
  type: BackupType;
  /** A destination's name, or 'all'. */
  destination: string;
  reason: string;
}

export function buildBackup(f: BackupForm): { ok: true; request: RequestOf<'backups.create'> } | { ok: false; problem: string } {
  const reason = f.reason.trim();
  if (f.type === 'emergency' && !reason) return { ok: false, problem: 'an emergency backup needs a reason' };
  if (reason.length > 500) return { ok: false, problem: 'a reason of at most 500 characters' };
  if (!f.destination) return { ok: false, problem: 'choose a destination' };
  return { ok: true, request: { type: f.type, destination: f.destination, ...(reason ? { reason } : {}) } };
}

export type VerifyMode = 'structure' | 'read-data' | 'subset';

export const VERIFY_MODE_LABEL: Record<VerifyMode, string> = {
  structure: 'Structure',
  'read-data': 'Read all data',
  subset: 'Read a subset',
};

export const VERIFY_MODE_MEANING: Record<VerifyMode, string> = {
  structure: 'every index and snapshot readable, every object they name in some pack (no pack is read)',
  'read-data': 'every pack read, decrypted and rehashed',
  subset: 'some packs read in full: n/t (the n-th of t slices) or P% (those verified longest ago first)',
};

const SUBSET = /^(\d{1,4}\/\d{1,4}|\d{1,3}(\.\d+)?%)$/;

export function buildVerify(destination: string, mode: VerifyMode, subset: string): { ok: true; request: RequestOf<'backups.verify'> } | { ok: false; problem: string } {
  if (mode === 'structure') return { ok: true, request: { destination, readData: false } };
  if (mode === 'read-data') return { ok: true, request: { destination, readData: true } };
  const s = subset.trim();
  if (!SUBSET.test(s)) return { ok: false, problem: 'a subset like 1/7 or 15%' };
  const slice = /^(\d+)\/(\d+)$/.exec(s);
  if (slice && (Number(slice[1]) < 1 || Number(slice[1]) > Number(slice[2]))) return { ok: false, problem: `n/t with 1 ≤ n ≤ t (e.g. 1/${slice[2]})` };
  if (!slice && (Number(s.slice(0, -1)) <= 0 || Number(s.slice(0, -1)) > 100)) return { ok: false, problem: 'a percentage above 0 and at most 100' };
  return { ok: true, request: { destination, readData: true, subset: s } };
}

/** Verified packs as a fraction of all (1 when there are none to verify). */
export function coverageFraction(c: BackupCoverage): number {
  return c.packs === 0 ? 1 : Math.min(1, Math.max(0, c.verified / c.packs));
}

/** Every snapshot a verify found damage in, each with the problems that affect it. */
export function damagedSnapshots(problems: readonly Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    for (const id of p.snapshots) {
      const list = out.get(id) ?? [];
      list.push(p);
      out.set(id, list);
    }
  }
  return out;
}
