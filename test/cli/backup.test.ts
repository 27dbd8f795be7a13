// `lifeboat backup` as a real process on a real desk and a folder repository: the happy path end
// to end, and the bad inputs each with its exit code, a message naming what and where, no stack
// trace, and nothing written.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';

let root = '';
let desk = '';
let dest = '';
let pass = '';
let snapshotId = '';
const S = () => ['--state', desk];

/** Every file under `dir` with its size and mtime: what "nothing written" compares. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${p.slice(dir.length)} ${statSync(p).size} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

function refused(args: string[], code: number, fragment: RegExp) {
  const before = listing(dest);
  const r = lifeboat([...args, ...S()]);
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(fragment);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/internal:/);
  expect(listing(dest)).toEqual(before);
  return r;
}

beforeAll(() => {
  // One desk and repository for the file (each test builds on the one before): not a per-test temp dir.
  root = mkdtempSync(join(tmpdir(), 'lifeboat-backup-cli-'));
  desk = join(root, 'desk');
  dest = join(root, 'usb');
  pass = join(root, 'pass');
  writeFileSync(pass, 'the cli test passphrase\n');
  chmodSync(pass, 0o600);
  expect(lifeboat(['demo', ...S()]).code).toBe(0);
  expect(lifeboat(['backup', 'destination', 'add', 'usb', '--folder', dest, ...S()]).code).toBe(0);
  const init = lifeboat(['backup', 'init', '--passphrase-file', pass, ...S()]);
  expect(init.code, init.stderr).toBe(0);
  expect(init.stdout).toMatch(/Recovery key/);
  const created = lifeboatJson(['backup', 'create', '--type', 'full', ...S()]);
  snapshotId = created.destinations[0].snapshot.id;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('lifeboat backup', () => {
  it('backs up, lists, verifies and restores a desk to the same root hash', () => {
    expect(lifeboat(['simulate', '--ticks', '10', ...S()]).code).toBe(0);
    const incr = lifeboatJson(['backup', 'create', ...S()]);
    expect(incr.destinations[0].snapshot.type).toBe('incremental');
    const list = lifeboatJson(['backup', 'list', ...S()]);
    expect(list.map((s: { id: string }) => s.id)).toEqual([snapshotId, incr.destinations[0].snapshot.id]);
    expect(lifeboat(['backup', 'verify', '--read-data', ...S()]).code).toBe(0);
    const to = join(root, 'restored');
    const restored = lifeboatJson(['backup', 'restore', incr.destinations[0].snapshot.id, '--to', to, ...S()]);
    expect(restored.restoredRoot).toBe(incr.destinations[0].snapshot.rootHash);
    expect(lifeboatJson(['state', 'hash', '--state', to]).rootHash).toBe(lifeboatJson(['state', 'hash', ...S()]).rootHash);
    expect(lifeboat(['audit', 'verify', '--state', to]).code).toBe(0);
  });

  it('a dry-run forget says what the real one removes and writes nothing; a pinned snapshot is refused', () => {
    const [full1, incr1] = lifeboatJson(['backup', 'list', ...S()]).map((s: { id: string }) => s.id);
    const full2 = lifeboatJson(['backup', 'create', '--type', 'full', ...S()]).destinations[0].snapshot.id;
    const before = listing(dest);
    const dry = lifeboatJson(['backup', 'forget', full1, incr1, '--dry-run', ...S()]);
    // The second full wrote every object anew: with the first two gone, their packs are needed by nothing.
    expect(dry.forgotten).toEqual([full1, incr1]);
    expect(dry.snapshotsKept).toBe(1);
    expect(dry.packsRemoved).toBeGreaterThan(0);
    expect(listing(dest)).toEqual(before);

    expect(lifeboat(['backup', 'pin', full1, ...S()]).code).toBe(0);
    refused(['backup', 'forget', full1], 1, new RegExp(`snapshot ${full1} is pinned`));
    expect(lifeboat(['backup', 'unpin', full1, ...S()]).code).toBe(0);

    const done = lifeboatJson(['backup', 'forget', full1, incr1, ...S()]);
    expect(done.forgotten).toEqual([full1, incr1]);
    expect({ packs: done.packsRemoved, bytes: done.bytesFreed }).toEqual({ packs: dry.packsRemoved, bytes: dry.bytesFreed });
    expect(lifeboatJson(['backup', 'list', ...S()]).map((s: { id: string }) => s.id)).toEqual([full2]);
    expect(lifeboat(['backup', 'verify', '--read-data', ...S()]).code).toBe(0);
    snapshotId = full2;
  });

  it('a wrong passphrase exits 5 and writes nothing', () => {
    const wrong = join(root, 'wrong');
    writeFileSync(wrong, 'not it\n');
    refused(['backup', 'list', '--passphrase-file', wrong], 5, /wrong passphrase/);
    refused(['backup', 'create', '--passphrase-file', wrong], 5, /wrong passphrase/);
  });

  it('refuses an unknown snapshot, an unsafe restore target, an emergency without a reason, and a bad cron', () => {
    refused(['backup', 'show', 'ffffffff'], 1, /no snapshot ffffffff/);
    refused(['backup', 'restore', snapshotId, '--to', desk], 1, /live state folder/);
    refused(['backup', 'restore', snapshotId, '--to', join(desk, 'exports', 'x')], 1, /live state folder/);
    const full = join(root, 'full');
    expect(lifeboat(['demo', '--state', full]).code).toBe(0);
    refused(['backup', 'restore', snapshotId, '--to', full], 1, /not empty/);
    refused(['backup', 'create', '--type', 'emergency'], 1, /needs a reason/);
    refused(['backup', 'create', '--type', 'weekly'], 2, /weekly/);
    refused(['backup', 'schedule', 'set', 'full', '61 * * * *', '--destination', 'usb'], 1, /"61 \* \* \* \*" is not a cron expression.*minute/);
  });

  it('finds a flipped byte in a pack, exits 3 naming it and the snapshots it touches, and a restore refuses it', () => {
    const packs: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (d.includes('data')) packs.push(join(d, e.name));
      }
    };
    walk(dest);
    expect(packs.length).toBeGreaterThan(0);
    // The full's first pack: every snapshot uses some of it.
    const pack = packs.sort((a, b) => statSync(b).size - statSync(a).size)[0];
    const bytes = readFileSync(pack);
    bytes[Math.floor(bytes.length / 3)] ^= 0xff;
    writeFileSync(pack, bytes);
    const r = lifeboat(['backup', 'verify', '--read-data', ...S()]);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toContain(snapshotId);
    const to = join(root, 'from-damaged');
    const restore = lifeboat(['backup', 'restore', snapshotId, '--to', to, ...S()]);
    expect(restore.code).not.toBe(0);
    expect(restore.stderr).not.toMatch(/\n\s+at /);
    expect(() => readdirSync(to)).toThrow();
  });

  it('a destination folder gone is an error naming it', () => {
    const gone = join(root, 'gone');
    expect(lifeboat(['backup', 'destination', 'add', 'gone', '--folder', gone, ...S()]).code).toBe(0);
    const r = lifeboat(['backup', 'list', '--destination', 'gone', '--passphrase-file', pass, ...S()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(gone);
    expect(r.stderr).toMatch(/does not exist/);
  });
});
