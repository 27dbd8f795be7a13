import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAudit } from '../../../electron/engine/audit/audit-log';
import { tempStore } from '../../support/temp-state';

function storeWithEntries(n: number) {
  const { store, paths } = tempStore();
  for (let i = 1; i <= n; i++) store.db.transaction(() => appendAudit(store.db, 'test.op', { i, amount: `${i}.5` }))();
  return { store, paths };
}

/** Edits the database the way a person with the sqlite3 shell would: another connection. */
function tamper(path: string, sql: string, ...args: unknown[]) {
  const raw = new Database(path);
  raw.prepare(sql).run(...args);
  raw.close();
}

describe('audit trail', () => {
  it('chains entries and verifies an untouched log', () => {
    const { store } = storeWithEntries(5);
    const page = listAudit(store.db, { limit: 10 });
    expect(page.entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(page.entries[0].prevHash).toBe(page.entries[1].hash);
    expect(verifyAudit(store.db)).toEqual({ ok: true, entries: 5, headSeq: 5, firstBad: null });
  });

  it('filters by exact action or by prefix, and counts what the filter matches', () => {
    const { store } = storeWithEntries(3);
    store.db.transaction(() => appendAudit(store.db, 'test.other', {}))();
    store.db.transaction(() => appendAudit(store.db, 'checkpoint.create', {}))();
    expect(listAudit(store.db, { limit: 10, action: 'test.op' })).toMatchObject({ total: 3 });
    const prefixed = listAudit(store.db, { limit: 2, action: 'test.*' });
    expect(prefixed.total).toBe(4);
    expect(prefixed.entries.map((e) => e.action)).toEqual(['test.other', 'test.op']);
    expect(listAudit(store.db, { limit: 10, action: 'test_*' }).total).toBe(0);
  });

  it('names an entry whose details were edited', () => {
    const { store, paths } = storeWithEntries(6);
    tamper(paths.db, `UPDATE audit_log SET details = '{"amount":"999.5","i":3}' WHERE seq = 3`);
    expect(verifyAudit(store.db).firstBad).toEqual({ seq: 3, reason: expect.stringMatching(/edited/) });
  });

  it('names an entry whose actor or time was edited', () => {
    const { store, paths } = storeWithEntries(4);
    tamper(paths.db, `UPDATE audit_log SET actor = 'mallory' WHERE seq = 2`);
    expect(verifyAudit(store.db).firstBad?.seq).toBe(2);
  });

  it('notices an entry deleted from the middle', () => {
    const { store, paths } = storeWithEntries(5);
    tamper(paths.db, 'DELETE FROM audit_log WHERE seq = 3');
    expect(verifyAudit(store.db).firstBad).toEqual({ seq: 3, reason: expect.stringMatching(/missing/) });
  });

  it('notices entries cut from the end', () => {
    const { store, paths } = storeWithEntries(5);
    tamper(paths.db, 'DELETE FROM audit_log WHERE seq >= 4');
    expect(verifyAudit(store.db)).toMatchObject({ ok: false, firstBad: { seq: 4, reason: expect.stringMatching(/removed/) } });
  });

  it('notices a rewritten entry even when its hash was recomputed without the chain', () => {
    const { store, paths } = storeWithEntries(3);
    tamper(paths.db, `UPDATE audit_log SET hash = 'ab' || substr(hash, 3) WHERE seq = 2`);
    expect(verifyAudit(store.db).firstBad?.seq).toBe(2);
  });

  it('rolls the entry back with the change it records', () => {
    const { store } = storeWithEntries(2);
    expect(() =>
      store.db.transaction(() => {
        appendAudit(store.db, 'test.op', { i: 3 });
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(verifyAudit(store.db)).toMatchObject({ ok: true, entries: 2 });
  });
});
