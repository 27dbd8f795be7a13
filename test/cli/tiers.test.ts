// `lifeboat tiers` as real processes on a real state folder: demote old history to cold packs; the
// database file shrinks; verify, diff, rollback and export read whatever tier holds an object (the
// writers promote what they read); a cold folder gone away fails only what needs it, naming the
// cold tier, and is up again once back; and a backup carries the cold folder to a restore.
import Database from 'better-sqlite3';
import { chmodSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';
import { DEMOTE_ALL, deskWithHistory } from '../support/tiered-desk';

function counts(state: string): { cold: number; both: number; packs: string[]; referenced: string[] } {
  const db = new Database(join(state, 'lifeboat.db'), { readonly: true });
  try {
    return {
      cold: db.prepare('SELECT COUNT(*) FROM cold_chunks').pluck().get() as number,
      both: db.prepare('SELECT COUNT(*) FROM cold_chunks c JOIN chunks w ON w.hash = c.hash').pluck().get() as number,
      packs: readdirSync(join(state, 'cold')).filter((n) => n.endsWith('.pack')).sort(),
      referenced: (db.prepare('SELECT DISTINCT pack FROM cold_chunks ORDER BY pack').pluck().all() as string[]),
    };
  } finally {
    db.close();
  }
}

const verifyAll = (state: string) => lifeboat(['checkpoint', 'verify', '--all', '--state', state, '--json']);

describe('lifeboat tiers', () => {
  it('demotes old history, the database shrinks, and verify, diff and rollback work and promote what they read', async () => {
    const { state, ids } = await deskWithHistory(21, 5);
    const S = ['--state', state];
    const warmDiff = lifeboatJson(['checkpoint', 'diff', ids[0], ids[2], ...S]);
    const preview = lifeboatJson(['tiers', 'demote', ...S, ...DEMOTE_ALL]);
    expect(preview.demote.chunks).toBeGreaterThan(0);
    expect(counts(state).cold).toBe(0); // without --yes nothing moved

    const before = statSync(join(state, 'lifeboat.db')).size;
    const demoted = lifeboatJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    expect(demoted.chunks).toBe(preview.demote.chunks);
    expect(statSync(join(state, 'lifeboat.db')).size).toBeLessThan(before);
    expect(demoted.databaseBytesAfter).toBeLessThan(demoted.databaseBytesBefore);
    expect(counts(state)).toMatchObject({ cold: demoted.chunks, both: 0 });

    const status = lifeboatJson(['tiers', 'status', ...S]);
    expect(status.tiers.find((t: any) => t.tier === 'cold')).toMatchObject({ health: 'up', objects: demoted.chunks, demotions: demoted.chunks, packs: demoted.packs.length });
    expect(status.tiers.find((t: any) => t.tier === 'warm')).toMatchObject({ health: 'up', demotions: demoted.chunks });

    // A diff reads cold objects (a read-only process: it promotes nothing) and answers the same.
    expect(lifeboatJson(['checkpoint', 'diff', ids[0], ids[2], ...S])).toEqual(warmDiff);

    // Verify reads everything; the writer promotes what its worker read from cold.
    const verified = verifyAll(state);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout).reports).toHaveLength(ids.length);
    expect(counts(state).cold).toBe(0);
    // The verify worker's reads count: cold hits with their latencies, in the writer's counters.
    const afterVerify = lifeboatJson(['tiers', 'status', ...S]).tiers.find((t: any) => t.tier === 'cold');
    expect(afterVerify.hits).toBeGreaterThan(0);
    expect(afterVerify.latencyMicros.samples).toBeGreaterThan(0);
    expect(afterVerify.promotions).toBe(demoted.chunks);

    // A rollback to a demoted checkpoint: right root, and what it read is warm again.
    lifeboatJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    const cold = counts(state).cold;
    expect(cold).toBeGreaterThan(0);
    const target = lifeboatJson(['checkpoint', 'show', ids[0], ...S]);
    const rolled = lifeboatJson(['rollback', ids[0], '--yes', ...S]);
    expect(rolled.rootHash).toBe(target.rootHash);
    expect(lifeboatJson(['state', 'hash', ...S]).rootHash).toBe(target.rootHash);
    expect(counts(state).cold).toBeLessThan(cold);
    const promotedStatus = lifeboatJson(['tiers', 'status', ...S]);
    expect(promotedStatus.tiers.find((t: any) => t.tier === 'cold').promotions).toBeGreaterThan(0);
    expect(verifyAll(state).code).toBe(0);
    // Packs emptied by promotions on reads stay until the next move (a reader in an older snapshot
    // may still read them); the next demote removes them: every pack on disk is then one the index
    // points into.
    lifeboatJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    expect(counts(state).packs).toEqual(counts(state).referenced);
    expect(verifyAll(state).code).toBe(0);
  });

  it('promote CHECKPOINT brings its objects back; bad arguments are clear errors that change nothing', async () => {
    const { state, ids } = await deskWithHistory(22, 4);
    const S = ['--state', state];
    lifeboatJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    const cold = counts(state).cold;
    const promoted = lifeboatJson(['tiers', 'promote', ids[0], ...S]);
    expect(promoted.chunks).toBeGreaterThan(0);
    expect(counts(state).cold).toBe(cold - promoted.chunks);
    // A second promote finds nothing left to move for it.
    expect(lifeboatJson(['tiers', 'promote', ids[0], ...S]).chunks).toBe(0);

    const bad = lifeboat(['tiers', 'promote', 'NOT_A_CHECKPOINT', ...S]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/checkpoint id/);
    const days = lifeboat(['tiers', 'demote', '--yes', '--demote-after-days', 'soon', ...S]);
    expect(days.code).toBe(2);
    expect(days.stderr).toMatch(/demote-after-days/);
    expect(counts(state).cold).toBe(cold - promoted.chunks);
  });

  it('with the cold folder gone, what needs a cold-only object fails naming the cold tier; the rest works; back, all is well', async () => {
    const { state, ids } = await deskWithHistory(23, 4);
    const S = ['--state', state];
    const warmDiff = lifeboatJson(['checkpoint', 'diff', ids[0], ids[1], ...S]);
    lifeboatJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    const cold = counts(state).cold;
    renameSync(join(state, 'cold'), join(state, 'cold-away'));

    const diff = lifeboat(['checkpoint', 'diff', ids[0], ids[1], ...S]);
    expect(diff.code).not.toBe(0);
    expect(diff.stderr).toMatch(/the cold tier/);
    expect(diff.stderr).toContain(join(state, 'cold'));
    const verify = verifyAll(state);
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toMatch(/the cold tier/);
    const down = lifeboatJson(['tiers', 'status', ...S]);
    expect(down.tiers.find((t: any) => t.tier === 'cold')).toMatchObject({ health: 'down', lastError: expect.stringMatching(/the cold tier/) });
    expect(down.tiers.find((t: any) => t.tier === 'warm').health).toBe('up');

    // What the warm tier holds still works: the newest checkpoint against live, a new checkpoint.
    expect(lifeboat(['checkpoint', 'diff', ids[3], 'live', ...S]).code).toBe(0);
    expect(lifeboat(['checkpoint', 'create', ...S]).code).toBe(0);
    // No checkpoint was marked damaged for a tier it could not reach, and nothing moved.
    const list = lifeboatJson(['checkpoint', 'list', ...S]);
    expect(list.checkpoints.filter((c: any) => c.status === 'corrupt')).toEqual([]);
    expect(counts(state).cold).toBe(cold);

    renameSync(join(state, 'cold-away'), join(state, 'cold'));
    expect(lifeboatJson(['tiers', 'status', ...S]).tiers.find((t: any) => t.tier === 'cold').health).not.toBe('down');
    expect(lifeboatJson(['checkpoint', 'diff', ids[0], ids[1], ...S])).toEqual(warmDiff);
    expect(verifyAll(state).code).toBe(0);
  });

  it('a damaged pack is a verification failure naming the pack file', async () => {
    const { state, ids } = await deskWithHistory(24, 3);
    const S = ['--state', state];
    const demoted = lifeboatJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    const pack = join(state, 'cold', demoted.packs[0]);
    const bytes = readFileSync(pack);
    bytes[bytes.length - 10] ^= 0xff;
    chmodSync(pack, 0o644);
    writeFileSync(pack, bytes);
    const diff = lifeboat(['checkpoint', 'diff', ids[0], ids[1], ...S]);
    expect(diff.code).toBe(3);
    expect(diff.stderr).toContain(demoted.packs[0]);
  });

  it('a backup carries the cold folder, and a restore brings the desk with demoted history back whole', async () => {
    const { state, ids } = await deskWithHistory(25, 4);
    const S = ['--state', state];
    lifeboatJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    const cold = counts(state).cold;
    const root = tempDir();
    const pass = join(root, 'pass');
    writeFileSync(pass, 'the tiers test passphrase\n');
    chmodSync(pass, 0o600);
    expect(lifeboat(['backup', 'destination', 'add', 'usb', '--folder', join(root, 'usb'), ...S]).code).toBe(0);
    expect(lifeboat(['backup', 'init', '--passphrase-file', pass, ...S]).code).toBe(0);
    const created = lifeboatJson(['backup', 'create', '--type', 'full', '--passphrase-file', pass, ...S]);
    const to = join(root, 'restored');
    const restored = lifeboat(['backup', 'restore', created.destinations[0].snapshot.id, '--to', to, '--passphrase-file', pass, ...S, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(counts(to)).toMatchObject({ cold, packs: counts(state).packs });
    const verified = verifyAll(to);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout).reports.map((r: any) => r.checkpointId)).toEqual(ids);

    // A snapshot (the live state alone, no history) carries no cold index either: its restore has no
    // cold tier pointing at packs it never got.
    const snap = lifeboatJson(['backup', 'create', '--type', 'snapshot', '--passphrase-file', pass, ...S]);
    const snapTo = join(root, 'from-snapshot');
    const fromSnap = lifeboat(['backup', 'restore', snap.destinations[0].snapshot.id, '--to', snapTo, '--passphrase-file', pass, ...S, '--json']);
    expect(fromSnap.code, fromSnap.stderr).toBe(0);
    expect(counts(snapTo).cold).toBe(0);
    expect(lifeboatJson(['tiers', 'status', '--state', snapTo]).tiers.find((t: any) => t.tier === 'cold').health).toBe('up');
  });
});
