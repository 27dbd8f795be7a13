// The audit key: a random 256-bit key kept in `<state>/audit.key`, outside the database, that signs
// every audit entry (HMAC-SHA256 over its chain hash). Whoever can edit lifeboat.db but not read the
// key cannot rewrite history and re-hash the chain: the MACs no longer match. The database records
// the key's id (never the key), so a lost or swapped key file is told apart from an unsigned log.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { writeFileAtomic } from '../store/atomic-file';

export const AUDIT_KEY_FILE = 'audit.key';
const KEY_ID = 'audit_key_id';

export interface AuditKey {
  id: string;
  key: Buffer;
}

/**
 * The key file a connection found, once `attachAuditKey` ran. Entries appended before that (by a
 * migration of a log not yet signed) are signed when the key is made; a migration of a signed log
 * that appends entries must run after the key is attached.
 */
const keys = new WeakMap<Database, AuditKey | null>();

export const keyOf = (db: Database): AuditKey | null => keys.get(db) ?? null;

export const keyIdOf = (key: Buffer): string => createHash('sha256').update('lifeboat audit key\n').update(key).digest('hex').slice(0, 16);

export const entryMac = (key: AuditKey, hash: string): string => createHmac('sha256', key.key).update(hash).digest('hex');

export function macMatches(key: AuditKey, hash: string, mac: string | null): boolean {
  if (mac === null || mac.length !== 64) return false;
  return timingSafeEqual(Buffer.from(entryMac(key, hash), 'hex'), Buffer.from(mac, 'hex'));
}

/** The key id this database's log is signed with, or null for a log never signed (before the key). */
export function recordedKeyId(db: Database): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY_ID) as { value: string } | undefined;
  return row?.value ?? null;
}

function readKeyFile(path: string): AuditKey | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new LifeboatError('verification_failed', 'the audit key file is damaged: it should hold 64 hex digits', path);
  const key = Buffer.from(text, 'hex');
  return { id: keyIdOf(key), key };
}

/**
 * Finds the database's audit key beside it and attaches it to the connection. Opened for writing, a
 * log not yet signed gets a key (written first, durably) and every entry so far is signed with it.
 * A log signed with a key that is missing or another one is refused for writing: new entries would
 * not verify.
 */
export function attachAuditKey(db: Database, dbPath: string, mode: 'read' | 'write'): void {
  const path = join(dirname(dbPath), AUDIT_KEY_FILE);
  const recorded = recordedKeyId(db);
  let key = readKeyFile(path);
  if (recorded !== null && key?.id !== recorded && mode === 'write') {
    const what = key ? `holds another key (id ${key.id})` : 'is missing';
    throw new LifeboatError(
      'verification_failed',
      `the audit trail is signed with key ${recorded}, and ${AUDIT_KEY_FILE} ${what}. Restore ${AUDIT_KEY_FILE} from a backup of this state folder; Lifeboat will not write unverifiable history`,
      path,
    );
  }
  if (recorded === null && mode === 'write') {
    if (!key) {
      const fresh = randomBytes(32);
      writeFileAtomic(path, fresh.toString('hex') + '\n', 0o600);
      key = { id: keyIdOf(fresh), key: fresh };
    }
    const signing = key;
    db.transaction(() => {
      const sign = db.prepare('UPDATE audit_log SET mac = ? WHERE seq = ?');
      for (const row of db.prepare('SELECT seq, hash FROM audit_log WHERE mac IS NULL').all() as { seq: number; hash: string }[]) {
        sign.run(entryMac(signing, row.hash), row.seq);
      }
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY_ID, signing.id);
    })();
  }
  // Read-only, a key that is missing or another one is kept as found: verify names the mismatch.
  keys.set(db, key);
}
