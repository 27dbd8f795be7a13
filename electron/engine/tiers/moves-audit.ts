// Every move between tiers is counted (tier_counters) and, unless it is a single chunk a new
// checkpoint took back, audited as tiers.demote / tiers.promote with its counts and bytes.
// Call inside the move's transaction, so the record and the move commit together.
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/audit-log';

export interface MoveRecord {
  chunks: number;
  bytes: number;
  packs: string[];
  why: string;
}

export function recordMove(db: Database, direction: 'demote' | 'promote', move: MoveRecord, audit = true): void {
  const [from, to] = direction === 'demote' ? ['warm', 'cold'] : ['cold', 'warm'];
  const column = direction === 'demote' ? 'demotions = demotions + ?, demoted_bytes = demoted_bytes + ?' : 'promotions = promotions + ?, promoted_bytes = promoted_bytes + ?';
  const update = db.prepare(`UPDATE tier_counters SET ${column} WHERE tier = ?`);
  update.run(move.chunks, move.bytes, from);
  update.run(move.chunks, move.bytes, to);
  if (audit) appendAudit(db, `tiers.${direction}`, { from, to, chunks: move.chunks, bytes: move.bytes, packs: move.packs, why: move.why });
}
