// The audit trail: append-only and hash-chained. Each entry's hash covers the previous hash and
// the entry's canonical content, and the head (seq, hash) is kept in `meta`, so an edited, deleted
// or truncated entry breaks the chain and `audit verify` names the first one at fault.
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../../../shared/canonical-json';
import type { AuditEntry } from '../../../shared/domain';
import type { AuditPage, AuditVerification } from '../../../shared/api/contract';
import { AUDIT_KEY_FILE, entryMac, keyOf, macMatches, recordedKeyId } from './audit-key';

/**
 * Records the chain head as it stands in something kept apart from the log (a checkpoint now,
 * later a backup), so a log cut short or rewritten no longer matches what was recorded.
 */
export function anchorAudit(db: Database, anchor: string, head: { seq: number; hash: string }): void {
  db.prepare('INSERT OR REPLACE INTO audit_anchors (anchor, seq, hash) VALUES (?, ?, ?)').run(anchor, head.seq, head.hash);
}

function checkAnchors(db: Database, lastSeq: number): { seq: number; reason: string } | null {
  const hashAt = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck();
  for (const a of db.prepare('SELECT anchor, seq, hash FROM audit_anchors ORDER BY seq').iterate() as IterableIterator<{ anchor: string; seq: number; hash: string }>) {
    if (a.seq > lastSeq) return { seq: lastSeq + 1, reason: `${a.anchor} recorded entry ${a.seq}, and the log ends at ${lastSeq} (entries removed)` };
    if (hashAt.get(a.seq) !== a.hash) return { seq: a.seq, reason: `it differs from the entry ${a.anchor} recorded (history rewritten)` };
  }
  return null;
}

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'audit_head';

export function currentActor(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export function entryHash(prevHash: string, e: Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'action' | 'details'>): string {
  const content = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, details: e.details });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  details: JSON.parse(r.details),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Appends an entry. Call inside the transaction that makes the change it records, so the change
 * and its entry commit together or not at all.
 */
export function appendAudit(db: Database, action: string, details: unknown, at = new Date().toISOString()): AuditEntry {
  const head = readHead(db);
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const actor = currentActor();
  // Round-trip the details through JSON so the hash covers exactly what is stored.
  const stored = canonicalJson(details ?? null);
  const entry = { seq, at, actor, action, details: JSON.parse(stored) as unknown };
  const hash = entryHash(prevHash, entry);
  const key = keyOf(db);
  if (key) {
    db.prepare(
      'INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(seq, at, actor, action, stored, prevHash, hash, entryMac(key, hash));
  } else {
    // Only inside a migration, before the log has its key (and perhaps its mac column): signed when the key is made.
    db.prepare('INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      seq, at, actor, action, stored, prevHash, hash,
    );
  }
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    HEAD_KEY,
    JSON.stringify({ seq, hash }),
  );
  return { ...entry, prevHash, hash };
}

function readHead(db: Database): { seq: number; hash: string } | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(HEAD_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { seq: number; hash: string }) : null;
}

export function listAudit(db: Database, q: { beforeSeq?: number; limit: number; action?: string }): AuditPage {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.beforeSeq !== undefined) {
    where.push('seq < ?');
    args.push(q.beforeSeq);
  }
  if (q.action) {
    // "simulate.*" matches every action that starts with "simulate."; otherwise the match is exact.
    const prefix = q.action.endsWith('*') ? q.action.slice(0, -1) : null;
    if (prefix !== null) {
      where.push("action LIKE ? ESCAPE '\\'");
      args.push(prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
    } else {
      where.push('action = ?');
      args.push(q.action);
    }
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT ?`).all(...args, q.limit) as Row[];
  // The total counts what the filter matches, whatever page this is.
  const filter = q.action ? `WHERE ${where[where.length - 1]}` : '';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${filter}`).get(...(q.action ? [args[args.length - 1]] : [])) as { n: number }).n;
  return { entries: rows.map(toEntry), total };
}

/**
 * Walks the whole chain; reports the first entry whose link, hash or signature does not hold, and
 * any anchor (the head a checkpoint recorded) the log no longer matches.
 */
export function verifyAudit(db: Database): AuditVerification {
  const keyId = recordedKeyId(db);
  const key = keyOf(db);
  if (keyId !== null && key?.id !== keyId) {
    return {
      ok: false,
      entries: 0,
      headSeq: readHead(db)?.seq ?? null,
      firstBad: { seq: 1, reason: `the log is signed with key ${keyId}, and ${AUDIT_KEY_FILE} ${key ? `holds another key (${key.id})` : 'is missing'}: its signatures cannot be checked` },
    };
  }
  const signed = keyId !== null && key !== null ? key : null;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  const bad = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries,
    headSeq: readHead(db)?.seq ?? null,
    firstBad: { seq, reason },
  });
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    entries++;
    if (row.seq !== expectedSeq) return bad(expectedSeq, `entry ${expectedSeq} is missing (next is ${row.seq})`);
    if (row.prev_hash !== prevHash) return bad(row.seq, 'its link to the previous entry does not match');
    let details: unknown;
    try {
      details = JSON.parse(row.details);
    } catch {
      return bad(row.seq, 'its details are not valid JSON');
    }
    if (canonicalJson(details) !== row.details) return bad(row.seq, 'its details were rewritten');
    const hash = entryHash(prevHash, { seq: row.seq, at: row.at, actor: row.actor, action: row.action, details });
    if (hash !== row.hash) return bad(row.seq, 'its content does not match its hash (edited)');
    if (signed && !macMatches(signed, row.hash, row.mac)) return bad(row.seq, 'its signature does not match: it was written or re-hashed without the audit key');
    prevHash = row.hash;
    expectedSeq++;
  }
  const head = readHead(db);
  const lastSeq = expectedSeq - 1;
  if ((head?.seq ?? 0) !== lastSeq) {
    return bad(lastSeq + 1, `the log ends at entry ${lastSeq} but its head says ${head?.seq ?? 0} (entries removed)`);
  }
  if (head && head.hash !== prevHash) return bad(lastSeq, 'the last entry does not match the recorded head');
  const anchorProblem = checkAnchors(db, lastSeq);
  if (anchorProblem) return bad(anchorProblem.seq, anchorProblem.reason);
  return { ok: true, entries, headSeq: head?.seq ?? null, firstBad: null };
}
