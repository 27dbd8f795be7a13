// The backup kill test (#14): processes killed with SIGKILL while they back up, restore, verify and
// prune a real folder repository — 300 kills by default — and after every kill the repository is
// opened as the next job would open it and must hold:
//   - the dead holder's lock is taken over by the next job, and no lock is left behind;
//   - `verify --read-data` finds nothing wrong (every pack, index file and snapshot reads back and
//     authenticates; no snapshot refers to an object that is missing);
//   - no snapshot that was there before the kill is gone (but the one prune was forgetting);
//   - every snapshot that appeared restores, and its restored root hash is the desk's root at the
//     time of the backup: nothing half-visible;
//   - a restore target is either absent or a whole, verified state folder.
// The child (test/support/children/backup-kill-worker.ts) runs the console's own task code; it
// prints a line before and after every destination call and every progress message, and is killed
// on one of them, drawn from a seeded generator: LIFEBOAT_KILL_SEED reruns a seed,
// LIFEBOAT_BACKUP_KILLS changes the number of kills. Half the children stop dead on their line; the
// others run on, and where the signal lands after it is up to the scheduler.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderDestination } from '../../../electron/engine/backups/destinations/folder-destination';
import { BackupRepository } from '../../../electron/engine/backups/repository/repository';
import { readLocks } from '../../../electron/engine/backups/repository/lock';
import { createRng } from '../../../electron/engine/demo/rng';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { Engine } from '../../../electron/engine/engine';
import { backupCreateTask, backupRestoreTask, backupVerifyTask } from '../../../electron/engine/workers/backup-tasks';
import type { BackupType } from '../../../shared/api/backups';
import { bundleChild, startChild, type Child } from '../../support/child-process';
import { killLine, type KillAt } from '../../support/kill-line';
import { tempDir } from '../../support/temp-state';

type Op = 'backup' | 'restore' | 'verify' | 'prune';
const OPS: Op[] = ['backup', 'restore', 'verify', 'prune'];
const KILLS = Number(process.env.LIFEBOAT_BACKUP_KILLS ?? 300);
const SEED = Number(process.env.LIFEBOAT_KILL_SEED ?? randomInt(1, 2 ** 31 - 1));
const PER_OP = Math.ceil(KILLS / OPS.length);
const PASS = 'kill test passphrase';
/** A kill comes on one of the first this many lines: one operation and a half (measured on the tiny desk: 47, 85, 83, 100). */
const LINES: Record<Op, number> = { backup: 70, restore: 130, verify: 125, prune: 150 };
/** A repository grows with every kill; a fresh copy every so often keeps a check cheap. */
const FRESH_EVERY = 15;

let script: string;
let root: string;
/** A tiny desk with a checkpoint, and a repository holding a snapshot of each type. */
let template: { state: string; repo: string };
let clock = Date.parse('2026-11-20T21:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();
const tally: Record<string, Record<string, number>> = {};

const destinationOf = (repo: string) => ({ kind: 'folder' as const, name: 'kill', path: repo });

async function changeDesk(state: string, seed: number): Promise<string> {
  const engine = Engine.open({ stateDir: state, mode: 'write', purpose: 'backup kill test' });
  try {
    simulate(engine.store, { ticks: 2, seed }, now);
    return engine.checkpoints.stateHash().rootHash;
  } finally {
    await engine.close();
  }
}

async function backupNow(state: string, repo: string, type: BackupType) {
  return backupCreateTask({ destination: destinationOf(repo), passphrase: PASS, dbPath: join(state, 'lifeboat.db'), stateDir: state, type, reason: null });
}

beforeAll(async () => {
  script = bundleChild('test/support/children/backup-kill-worker.ts', { codeCache: true });
  // Not tempDir(): that is removed after each test, and the template serves all four.
  root = mkdtempSync(join(tmpdir(), 'lifeboat-backup-kill-'));
  template = { state: join(root, 'template', 'state'), repo: join(root, 'template', 'repo') };
  const setup = Engine.open({ stateDir: template.state, mode: 'write', purpose: 'backup kill test setup', create: true });
  generateDesk(setup.store, { size: 'tiny', seed: 31, asOf: '2026-11-20T21:00:00.000Z' });
  await setup.call('checkpoints.create', { label: 'base' });
  await setup.close();
  mkdirSync(template.repo, { recursive: true });
  await BackupRepository.init(new FolderDestination(template.repo), PASS);
  for (const type of ['full', 'incremental', 'differential', 'snapshot'] as const) {
    await changeDesk(template.state, clock);
    await backupNow(template.state, template.repo, type);
  }
}, 120_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  // The figures the note quotes: where the kills landed.
  for (const [op, counts] of Object.entries(tally)) console.log(`backup kill test, ${op}: ${JSON.stringify(counts)}`);
});

interface Known {
  /** Snapshot id → the root hash it recorded. */
  snapshots: Map<string, string>;
  /** The desk's root now (the child never writes the desk). */
  deskRoot: string;
}

async function snapshotsOf(repo: string) {
  return (await BackupRepository.open(new FolderDestination(repo), PASS)).snapshots();
}

async function fresh(op: Op, n: number): Promise<{ state: string; repo: string; work: string; known: Known }> {
  const dir = join(root, `${op}-${n}`);
  const state = join(dir, 'state');
  const repo = join(dir, 'repo');
  cpSync(template.state, state, { recursive: true });
  cpSync(template.repo, repo, { recursive: true });
  const work = join(dir, 'restores');
  mkdirSync(work);
  const deskRoot = await changeDesk(state, n);
  return { state, repo, work, known: { snapshots: new Map((await snapshotsOf(repo)).map((s) => [s.id, s.rootHash])), deskRoot } };
}

/** The child's own lines between destination calls (their words after the kind are ids). */
const MILESTONES = new Set(['backup', 'snapshot', 'target', 'restored', 'verified', 'forgetting', 'pruned']);

/** What the killed child said about its work. */
function readStory(lines: readonly string[]) {
  const story = { forgetting: new Set<string>(), targets: [] as { snapshot: string; dir: string }[], inFlight: 'starting' };
  for (const line of lines) {
    const [, kind, a, b] = line.split(' ');
    if (kind === 'forgetting' && a !== '-') story.forgetting.add(a);
    else if (kind === 'target') story.targets.push({ snapshot: a, dir: b });
    if (kind !== 'progress') story.inFlight = MILESTONES.has(kind) ? kind : `${kind} ${(a ?? '').split('/')[0]}`.trim();
  }
  return story;
}

async function judge(op: Op, child: Child, at: { repo: string; state: string }, known: Known, where: string): Promise<Known> {
  const story = readStory(child.lines);
  const context = `${where}; in flight: ${story.inFlight}; the child's last lines:\n  ${child.lines.slice(-6).join('\n  ')}\n`;
  const dest = new FolderDestination(at.repo);
  const locksLeft = await readLocks(dest);

  // The next job takes the dead holder's lock over, and verifies the whole repository.
  const said: unknown[] = [];
  const verify = await backupVerifyTask({ destination: destinationOf(at.repo), passphrase: PASS, readData: true, verifiedAt: {}, port: { postMessage: (m: unknown) => said.push(m) } as never });
  const tookOver = said.filter((m) => typeof m === 'object' && m !== null && 'tookOver' in m);
  expect(tookOver.length, `${context}each lock the dead child left is taken over`).toBe(locksLeft.length);
  expect(await readLocks(dest), `${context}no lock is left after the next job`).toEqual([]);
  expect(verify.problems, `${context}verify --read-data`).toEqual([]);
  expect(verify.ok).toBe(true);

  const snapshots = await snapshotsOf(at.repo);
  const ids = new Map(snapshots.map((s) => [s.id, s.rootHash]));
  const gone = [...known.snapshots.keys()].filter((id) => !ids.has(id) && !story.forgetting.has(id));
  expect(gone, `${context}no snapshot but the one being forgotten is gone`).toEqual([]);
  for (const s of snapshots) {
    if (known.snapshots.has(s.id)) continue;
    expect(op, `${context}only a backup makes a snapshot`).toBe('backup');
    // A new snapshot is of the desk as it is (the child does not write it), and restores whole.
    expect(s.rootHash, `${context}snapshot ${s.id} recorded the desk's root`).toBe(known.deskRoot);
    const target = join(tempDir('lifeboat-backup-kill-check-'), 'restored');
    const report = await backupRestoreTask({ destination: destinationOf(at.repo), passphrase: PASS, snapshotId: s.id, target, options: {} });
    expect(report.restoredRoot, `${context}snapshot ${s.id} restores to its root`).toBe(s.rootHash);
    expect(report.integrity).toBe('ok');
    rmSync(target, { recursive: true, force: true });
  }

  // A restore target is there whole or not at all.
  for (const t of story.targets) {
    if (!existsSync(t.dir)) continue;
    const restored = Engine.open({ stateDir: t.dir, mode: 'read', purpose: 'backup kill test check' });
    try {
      expect(restored.checkpoints.stateHash().rootHash, `${context}restore target ${t.dir} holds snapshot ${t.snapshot} whole`).toBe(known.snapshots.get(t.snapshot));
    } finally {
      await restored.close();
    }
  }

  const t = (tally[op] ??= {});
  const count = (key: string) => (t[key] = (t[key] ?? 0) + 1);
  count(' kills');
  if (story.targets.some((x) => existsSync(x.dir))) count('restore landed');
  count(`in ${story.inFlight}`);
  if (locksLeft.length) count('lock taken over');
  if (snapshots.length > known.snapshots.size) count('snapshot landed');
  if (story.forgetting.size && gone.length === 0 && snapshots.length < known.snapshots.size) count('forget landed');
  return { snapshots: ids, deskRoot: known.deskRoot };
}

async function lane(op: Op, kills: number): Promise<void> {
  const rng = createRng(SEED, `backup ${op}`);
  let n = 0;
  let at = await fresh(op, n);
  const spawn = () => startChild(script, [at.repo, at.state, op, PASS, at.work]);
  let next = spawn();
  try {
    for (let k = 1; k <= kills; k++) {
      const child = next;
      // Most lines are reads; every other kill of a backup or a prune comes on one of its writes.
      const onWrite = (op === 'backup' || op === 'prune') && rng.chance(0.5);
      const killAt: KillAt = onWrite ? { kind: op === 'prune' && rng.chance(0.7) ? 'delete' : 'put', n: 1 + rng.int(0, 3) } : { kind: 'line', n: 1 + rng.int(0, LINES[op] - 1) };
      const frozen = rng.chance(0.5);
      const where = `${op} kill ${k} of ${kills} (LIFEBOAT_KILL_SEED=${SEED}, killed on ${killAt.kind} ${killAt.n}${frozen ? ', stopped there' : ''})`;
      await child.line((l) => l === 'loaded');
      child.process.stdin.write(`go ${killAt.kind} ${killAt.n} ${frozen ? 1 : 0}\n`);
      await child.line(killLine(killAt)).catch((err: Error) => {
        throw new Error(`${where}: the child ended before its kill line: ${err.message}\nits last lines:\n  ${child.lines.slice(-6).join('\n  ')}`);
      });
      child.process.kill('SIGKILL');
      const { signal } = await child.closed;
      expect(signal, `${where}: ${child.stderr()}`).toBe('SIGKILL');
      const renew = k % FRESH_EVERY === 0;
      // The next child loads while this one's repository is checked (it touches nothing before "go").
      if (k < kills && !renew) next = spawn();
      at.known = await judge(op, child, at, at.known, where);
      if (renew) {
        rmSync(join(root, `${op}-${n}`), { recursive: true, force: true });
        at = await fresh(op, ++n);
        if (k < kills) next = spawn();
      } else if (op === 'backup') {
        at.known.deskRoot = await changeDesk(at.state, k);
      } else if (op === 'prune' && at.known.snapshots.size < 4) {
        const r = await backupNow(at.state, at.repo, 'incremental');
        at.known.snapshots.set(r.snapshot.id, r.snapshot.rootHash);
      }
    }
  } finally {
    next.process.kill('SIGKILL');
  }
}

describe('backup processes killed with SIGKILL at random moments', () => {
  for (const op of OPS) {
    // Each kill costs a process start, a read-data verify and a restore or two: minutes in all.
    it(`leave every snapshot restorable and the repository verifiable after ${PER_OP} kills during ${op}`, async () => {
      await lane(op, PER_OP);
    }, 600_000);
  }
});
