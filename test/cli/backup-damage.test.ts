// A damaged folder repository, through `lifeboat backup` as a real process: no repository at all,
// a tampered index file and a cut-short pack are each named (file and snapshots), exit non-zero
// and write nothing; the next backup sends again what the damaged pack held and restores, and
// forgetting what is lost for good and pruning leaves a repository that verifies whole.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';

let root = '';
let desk = '';
let dest = '';
let pass = '';
const snapshots: { id: string; rootHash: string }[] = [];
const S = () => ['--state', desk, '--passphrase-file', pass];

function files(dir: string, under: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name));
    }
  };
  walk(join(dir, under));
  return out.sort();
}

function listing(dir: string): string[] {
  return files(dir, '').map((p) => `${p} ${statSync(p).size} ${statSync(p).mtimeMs}`);
}

function refused(args: string[], code: number, fragment: RegExp) {
  const before = listing(dest);
  const r = lifeboat([...args, ...S()]);
  expect(r.code, r.stdout + r.stderr).toBe(code);
  expect(r.stdout + r.stderr).toMatch(fragment);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/internal:/);
  expect(listing(dest), 'nothing written').toEqual(before);
  return r;
}

function backup(type: string) {
  const r = lifeboatJson(['backup', 'create', '--type', type, ...S()]);
  const s = r.destinations[0].snapshot;
  snapshots.push({ id: s.id, rootHash: s.rootHash });
  return s;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lifeboat-backup-damage-'));
  desk = join(root, 'desk');
  dest = join(root, 'usb');
  pass = join(root, 'pass');
  writeFileSync(pass, 'the damage test passphrase\n');
  chmodSync(pass, 0o600);
  expect(lifeboat(['demo', '--state', desk]).code).toBe(0);
  expect(lifeboat(['backup', 'destination', 'add', 'usb', '--folder', dest, '--state', desk]).code).toBe(0);
  expect(lifeboat(['backup', 'init', ...S()]).code).toBe(0);
  backup('full');
  expect(lifeboat(['simulate', '--ticks', '10', '--state', desk]).code).toBe(0);
  backup('incremental');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a damaged backup repository', () => {
  it('a folder with no repository in it says so and how to make one', () => {
    const blank = join(root, 'blank');
    mkdirSync(blank);
    expect(lifeboat(['backup', 'destination', 'add', 'blank', '--folder', blank, '--state', desk]).code).toBe(0);
    for (const args of [['backup', 'list'], ['backup', 'create'], ['backup', 'verify']]) {
      const r = lifeboat([...args, '--destination', 'blank', ...S()]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(blank);
      expect(r.stderr).toMatch(/no backup repository here.*backup init/);
      expect(readdirSync(blank)).toEqual([]);
    }
    expect(lifeboat(['backup', 'destination', 'remove', 'blank', '--state', desk]).code).toBe(0);
  });

  it('a tampered index file is named by verify (exit 3) and stops a backup and a restore, writing nothing', () => {
    const index = files(dest, 'index')[0];
    const good = readFileSync(index);
    const bad = Buffer.from(good);
    bad[Math.floor(bad.length / 2)] ^= 0x01;
    writeFileSync(index, bad);
    try {
      const id = index.slice(index.lastIndexOf('/') + 1);
      refused(['backup', 'verify'], 3, new RegExp(`index/${id}`));
      refused(['backup', 'create'], 3, new RegExp(`index/${id}`));
      const to = join(root, 'from-tampered');
      refused(['backup', 'restore', snapshots[0].id, '--to', to], 3, new RegExp(`index/${id}`));
      expect(() => readdirSync(to)).toThrow();
    } finally {
      writeFileSync(index, good);
    }
    expect(lifeboat(['backup', 'verify', ...S()]).code).toBe(0);
  });

  it('a cut-short pack is named with the snapshots it breaks; the next backup sends its objects again and restores; forgetting the broken and pruning leaves a clean repository', () => {
    // The full's biggest pack: both snapshots need it.
    const pack = files(dest, 'data').sort((a, b) => statSync(b).size - statSync(a).size)[0];
    const packId = pack.slice(pack.lastIndexOf('/') + 1);
    const size = statSync(pack).size;
    truncateSync(pack, Math.floor(size / 2));

    const found = refused(['backup', 'verify'], 3, new RegExp(`${packId}.*is ${Math.floor(size / 2)} bytes, its index says ${size}`));
    for (const s of snapshots) expect(found.stdout + found.stderr).toContain(s.id);
    const to = join(root, 'from-damaged');
    const restore = lifeboat(['backup', 'restore', snapshots[0].id, '--to', to, ...S()]);
    expect(restore.code).not.toBe(0);
    expect(restore.stderr).toMatch(new RegExp(packId.slice(0, 12)));
    expect(() => readdirSync(to)).toThrow();

    // The next backup does not build on what is lost: it sends those objects again, and restores.
    const healed = backup('incremental');
    expect(healed.objectsAdded).toBeGreaterThan(healed.objects / 2);
    expect(lifeboatJson(['backup', 'restore', healed.id, '--to', join(root, 'healed'), ...S()]).restoredRoot).toBe(healed.rootHash);
    // The damaged pack is still there; what only it held (the full's own tree) is lost for good, so
    // only a snapshot taken before the damage may still be named.
    const after = lifeboat(['backup', 'verify', '--json', ...S()]);
    expect(after.code).toBe(3);
    const problems = JSON.parse(after.stdout).problems as { where: string; snapshots: string[] }[];
    const broken = [...new Set(problems.flatMap((p) => p.snapshots))];
    expect(problems.some((p) => p.where.includes(packId))).toBe(true);
    expect(broken.every((id) => id === snapshots[0].id || id === snapshots[1].id), JSON.stringify(problems)).toBe(true);

    // Forgetting what is broken and pruning drops the damaged pack; what is left verifies whole.
    const pruned = lifeboatJson(['backup', 'forget', ...broken, ...S()]);
    expect(pruned.packsRemoved).toBeGreaterThanOrEqual(1);
    expect(lifeboat(['backup', 'verify', '--read-data', ...S()]).code).toBe(0);
    for (const s of snapshots.filter((x) => !broken.includes(x.id))) {
      const out = join(root, `restored-${s.id}`);
      expect(lifeboatJson(['backup', 'restore', s.id, '--to', out, ...S()]).restoredRoot).toBe(s.rootHash);
    }
  });
});
