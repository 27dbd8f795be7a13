// The attack the hash chain alone does not stop: rewrite an entry and re-hash everything after it.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../../electron/engine/audit/audit-log';
import { lifeboat, lifeboatJson } from '../../support/cli';
import { tempDir } from '../../support/temp-state';

function desk(): string {
  const dir = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', dir, '--seed', '6']);
  lifeboatJson(['simulate', '--ticks', '5', '--state', dir]);
  return dir;
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  mac: string | null;
}

/** What someone with the sqlite3 shell and this source code can do: edit, then re-hash the chain and the head. */
function rewriteAndRehash(dir: string, edit: (rows: Row[]) => Row[]): void {
  const db = new Database(join(dir, 'lifeboat.db'));
  const rows = edit(db.prepare('SELECT seq, at, actor, action, details, mac FROM audit_log ORDER BY seq').all() as Row[]);
  db.transaction(() => {
    db.prepare('DELETE FROM audit_log').run();
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const hash = entryHash(prev, { ...r, details: JSON.parse(r.details) });
      // Signatures are kept as they were: the rewriter has no key to make new ones.
      db.prepare('INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(r.seq, r.at, r.actor, r.action, r.details, prev, hash, r.mac);
      prev = hash;
    }
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(JSON.stringify({ seq: rows[rows.length - 1].seq, hash: prev }));
  })();
  db.close();
}

describe('the audit trail is anchored', () => {
  it('a rewritten history, re-hashed end to end, no longer verifies: its signatures name the first entry changed', () => {
    const dir = desk();
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
    rewriteAndRehash(dir, (rows) => rows.map((r) => (r.seq === 3 ? { ...r, actor: 'mallory' } : r)));
    const r = lifeboat(['audit', 'verify', '--state', dir, '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: expect.stringMatching(/signature does not match/) } });
  });

  it('entries cut from the end, with the head reset to match, are caught by the head a checkpoint recorded', () => {
    const dir = desk();
    const cp = lifeboatJson(['checkpoint', 'create', '--state', dir]);
    lifeboatJson(['simulate', '--ticks', '3', '--state', dir]);
    const db = new Database(join(dir, 'lifeboat.db'));
    const cut = db.prepare(`SELECT seq FROM audit_log WHERE action = 'checkpoint.create' ORDER BY seq DESC`).pluck().get() as number;
    const keep = db.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(cut - 1) as { seq: number; hash: string };
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(cut);
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(JSON.stringify(keep));
    db.close();
    const r = lifeboat(['audit', 'verify', '--state', dir, '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).firstBad.reason).toMatch(new RegExp(`checkpoint ${cp.checkpointId} recorded entry ${cut}, and the log ends at ${cut - 1}`));
  });

  it('keeps its key outside the database, readable by its owner alone, and never in exports or the trail', () => {
    const dir = desk();
    const keyFile = join(dir, 'audit.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, 'lifeboat.db')).includes(Buffer.from(key))).toBe(false);
    expect(lifeboat(['state', 'export', '--state', dir]).stdout).not.toContain(key);
    expect(lifeboat(['audit', 'list', '--limit', '1000', '--state', dir, '--json']).stdout).not.toContain(key);
  });

  it('a missing or swapped key is named: verify fails, and writes are refused rather than leave unverifiable history', () => {
    const dir = desk();
    const keyFile = join(dir, 'audit.key');
    renameSync(keyFile, `${keyFile}.aside`);
    const verify = lifeboat(['audit', 'verify', '--state', dir, '--json']);
    expect(verify.code).toBe(3);
    expect(JSON.parse(verify.stdout).firstBad.reason).toMatch(/audit\.key is missing/);
    const before = lifeboat(['state', 'hash', '--state', dir]).stdout;
    const write = lifeboat(['simulate', '--ticks', '2', '--state', dir]);
    expect(write.code).toBe(3);
    expect(write.stderr).toMatch(/signed with key [0-9a-f]{16}, and audit\.key is missing. Restore audit\.key from a backup/);
    expect(existsSync(keyFile)).toBe(false);
    writeFileSync(keyFile, 'ab'.repeat(32) + '\n', { mode: 0o600 });
    expect(lifeboat(['simulate', '--ticks', '2', '--state', dir]).stderr).toMatch(/audit\.key holds another key/);
    expect(lifeboat(['state', 'hash', '--state', dir]).stdout).toBe(before);
    renameSync(`${keyFile}.aside`, keyFile);
    expect(lifeboat(['simulate', '--ticks', '2', '--state', dir]).code).toBe(0);
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
  });

  it('a log from before signatures is signed on its first write open, and verifies', () => {
    const dir = desk();
    const db = new Database(join(dir, 'lifeboat.db'));
    db.prepare('UPDATE audit_log SET mac = NULL').run();
    db.prepare(`DELETE FROM meta WHERE key = 'audit_key_id'`).run();
    db.close();
    renameSync(join(dir, 'audit.key'), join(tempDir(), 'old.key'));
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
    expect(lifeboat(['simulate', '--ticks', '1', '--state', dir]).code).toBe(0);
    expect(existsSync(join(dir, 'audit.key'))).toBe(true);
    const raw = new Database(join(dir, 'lifeboat.db'), { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) FROM audit_log WHERE mac IS NULL').pluck().get()).toBe(0);
    raw.close();
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);
  });
});
