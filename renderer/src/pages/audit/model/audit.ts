// Shaping the audit trail for display.
import type { AuditEntry } from '../../../../../shared/domain';

/** Union of two lists of entries by seq, newest first. The log is append-only, so this is exact. */
export function mergeAuditEntries(loaded: readonly AuditEntry[], fetched: readonly AuditEntry[]): AuditEntry[] {
  const bySeq = new Map<number, AuditEntry>();
  for (const e of loaded) bySeq.set(e.seq, e);
  for (const e of fetched) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}

/** The distinct actions seen, for the action filter's suggestions. */
export function knownActions(entries: readonly AuditEntry[]): string[] {
  return [...new Set(entries.map((e) => e.action))].sort();
}
