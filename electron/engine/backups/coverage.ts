// Verify coverage: which packs a read-data verify has read, and when. A subset is deterministic:
//  - "n/t": the packs whose id falls in the n-th of t slices — t runs with n = 1..t read every pack;
//  - "P%": the P% of packs read longest ago (never-read first, then by id) — 100/P runs read them all,
//    so a schedule of daily 15% verifies covers 100% within 7 days, whatever was added meanwhile.
import type { Database } from 'better-sqlite3';
import type { BackupCoverage } from '../../../shared/api/jobs';

export const COVERAGE_PERIOD_DAYS = 30;

export function choosePacks(all: string[], subset: string | undefined, verifiedAt: Record<string, string>): string[] {
  if (!subset) return all;
  const slice = /^(\d+)\/(\d+)$/.exec(subset);
  if (slice) {
    const n = Number(slice[1]);
    const t = Number(slice[2]);
    return all.filter((id) => parseInt(id.slice(0, 8), 16) % t === (n - 1) % t);
  }
  const percent = Number(subset.replace('%', ''));
  const count = Math.min(all.length, Math.ceil((all.length * percent) / 100));
  return [...all]
    .sort((a, b) => {
      const x = verifiedAt[a] ?? '';
      const y = verifiedAt[b] ?? '';
      return x === y ? (a < b ? -1 : 1) : x < y ? -1 : 1;
    })
    .slice(0, count);
}

export function verifiedPacks(db: Database, destination: string): Record<string, string> {
  const rows = db.prepare('SELECT pack_id, verified_at FROM backup_verified_packs WHERE destination = ?').all(destination) as { pack_id: string; verified_at: string }[];
  return Object.fromEntries(rows.map((r) => [r.pack_id, r.verified_at]));
}

export function recordVerifiedPacks(db: Database, destination: string, packs: string[], at: string): void {
  const put = db.prepare('INSERT INTO backup_verified_packs (destination, pack_id, verified_at) VALUES (?, ?, ?) ON CONFLICT (destination, pack_id) DO UPDATE SET verified_at = excluded.verified_at');
  for (const p of packs) put.run(destination, p, at);
}

export function coverageOf(db: Database, destination: string, packs: number, now: Date, periodDays = COVERAGE_PERIOD_DAYS): BackupCoverage {
  const since = new Date(now.getTime() - periodDays * 86_400_000).toISOString();
  const verified = (db.prepare('SELECT COUNT(*) AS n FROM backup_verified_packs WHERE destination = ? AND verified_at >= ?').get(destination, since) as { n: number }).n;
  const ever = (db.prepare('SELECT COUNT(*) AS n FROM backup_verified_packs WHERE destination = ?').get(destination) as { n: number }).n;
  return { packs, verified: Math.min(verified, packs), periodDays, neverVerified: Math.max(0, packs - ever) };
}
