// Kills across the playbooks (#11): `lifeboat recover PLAYBOOK --yes` as a real process on a real
// faulty desk, killed with SIGKILL at a moment drawn from a seeded generator — on its Nth "step"
// line, or a random delay after it (measured from the line, never from the start) — then run again
// to the end. After every kill and rerun the desk must hold:
//   - the rerun exits 0 (it resumes, or finds nothing left to recover);
//   - it is not half-recovered: lifeboat.db is there, no lease, no progress note, no scratch
//     restore folder, no unfinished note in damaged/;
//   - it opens, its audit chain verifies, and its live root is the restored snapshot's
//     (damaged-database) or the one before the fault (the in-place playbooks);
//   - the damaged file is still there, byte for byte, in damaged/<time>/ (the damaged database;
//     lost-wal's -shm), and only one such folder was made;
//   - the recovery is recorded once.
// Faulty desks: one template per playbook (a small demo desk with a checkpoint, a reconciliation
// and a folder backup), copied per kill. LIFEBOAT_KILL_SEED=<seed> replays a run,
// LIFEBOAT_RECOVER_KILLS=<n> changes the kills per playbook.
import { spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../electron/engine/demo/rng';
import { Engine } from '../../electron/engine/engine';
import { injectDamage } from '../../electron/engine/recovery/playbooks/drill';
import { readRecoveryHistory } from '../../electron/engine/recovery/playbooks/history';
import { bundleChild, startChild } from '../support/child-process';
import { CLI, lifeboat, lifeboatJson } from '../support/cli';

type PlaybookUnderTest = 'damaged-database' | 'unclean-shutdown' | 'lost-wal';
const PLAYBOOKS: PlaybookUnderTest[] = ['damaged-database', 'unclean-shutdown', 'lost-wal'];
const KILLS = Number(process.env.LIFEBOAT_RECOVER_KILLS ?? 80);
const SEED = Number(process.env.LIFEBOAT_KILL_SEED ?? randomInt(1, 2 ** 31 - 1));
/** Each playbook's steps: each prints a "step n/m" line before it runs. */
const STEPS: Record<PlaybookUnderTest, number> = { 'damaged-database': 6, 'unclean-shutdown': 7, 'lost-wal': 8 };
/** Kills run this many at a time (each lane one desk after another): the machine has two cores. */
const LANES = 2;

interface Template {
  dir: string;
  /** The live root the desk must have once recovered. */
  root: string;
  /** The file the playbook sets aside, and its bytes' hash. */
  aside: { name: string; sha: string } | null;
}

let work = '';
const templates = {} as Record<PlaybookUnderTest, Template>;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function copy(from: string, name: string): string {
  const dir = join(mkdtempSync(join(work, `${name}-`)), 'desk');
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** The live root, read as any reader reads it (a copy: reading in place may leave a -shm behind). */
async function rootOf(dir: string): Promise<string> {
  const engine = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test' });
  try {
    return (await engine.call('state.hash', {})).rootHash;
  } finally {
    await engine.close();
  }
}

async function killedWriter(dir: string): Promise<void> {
  const child = startChild(bundleChild('test/support/children/slow-job.ts'), [dir]);
  await child.line((l) => l.startsWith('running '));
  child.process.kill('SIGKILL');
  expect((await child.exited).signal).toBe('SIGKILL');
}

beforeAll(async () => {
  console.log(`recover kill test: seed ${SEED}, ${KILLS} kills per playbook (${KILLS * PLAYBOOKS.length} in all); rerun with LIFEBOAT_KILL_SEED=${SEED}`);
  work = mkdtempSync(join(tmpdir(), 'lifeboat-recover-kills-'));
  const base = join(work, 'base');
  const S = ['--state', base];
  const pass = join(work, 'pass');
  writeFileSync(pass, 'the recover kill test passphrase\n', { mode: 0o600 });
  expect(lifeboat(['demo', ...S]).code).toBe(0);
  expect(lifeboat(['checkpoint', 'create', ...S]).code).toBe(0);
  expect(lifeboat(['reconcile', '--broker', join(base, 'demo-broker', 'ccxt.json'), ...S]).code).toBe(3);
  expect(lifeboat(['backup', 'destination', 'add', 'usb', '--folder', join(work, 'usb'), ...S]).code).toBe(0);
  expect(lifeboat(['backup', 'init', '--passphrase-file', pass, ...S]).code).toBe(0);
  const snapshot = lifeboatJson(['backup', 'create', '--type', 'full', ...S]).destinations[0].snapshot;

  const damaged = copy(base, 'template-damaged');
  injectDamage(join(damaged, 'lifeboat.db'));
  templates['damaged-database'] = { dir: damaged, root: snapshot.rootHash, aside: { name: 'lifeboat.db', sha: sha(join(damaged, 'lifeboat.db')) } };

  // A writer killed with a job running: its lease, -wal (SQLite replays it: nothing lost) and job left.
  const unclean = copy(base, 'template-unclean');
  await killedWriter(unclean);
  templates['unclean-shutdown'] = { dir: unclean, root: await rootOf(copy(unclean, 'root')), aside: null };

  // That writer's -wal deleted, its -shm left: the desk is back at what lifeboat.db holds alone.
  const lost = copy(unclean, 'template-lost-wal');
  rmSync(join(lost, 'lifeboat.db-wal'));
  const alone = copy(lost, 'root');
  rmSync(join(alone, 'lifeboat.db-shm'));
  templates['lost-wal'] = { dir: lost, root: await rootOf(alone), aside: { name: 'lifeboat.db-shm', sha: sha(join(lost, 'lifeboat.db-shm')) } };
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface KillPlan {
  /** Killed on its Nth "step n/m" line... */
  afterStepLines: number;
  /** ...at once (null), or this many milliseconds after it. */
  delayMs: number | null;
}

function plan(rng: Rng, steps: number): KillPlan {
  return { afterStepLines: rng.int(1, steps), delayMs: rng.chance(0.5) ? null : rng.int(0, 60) };
}

/** Starts the playbook, kills it as planned; says whether the kill landed before it finished. */
async function killAt(playbook: PlaybookUnderTest, dir: string, p: KillPlan): Promise<'killed' | 'finished first'> {
  const child = startChild(CLI, ['recover', playbook, '--yes', '--state', dir]);
  let seen = 0;
  try {
    await child.line((l) => /^step \d+\/\d+ /.test(l) && ++seen === p.afterStepLines);
  } catch {
    // It printed fewer step lines than planned and exited: it finished (or failed) before the kill.
    const { code } = await child.exited;
    expect(code, child.stderr()).toBe(0);
    return 'finished first';
  }
  if (p.delayMs !== null) await new Promise((resolve) => setTimeout(resolve, p.delayMs!));
  child.process.kill('SIGKILL');
  const { signal, code } = await child.exited;
  if (signal === 'SIGKILL') return 'killed';
  expect(code, child.stderr()).toBe(0);
  return 'finished first';
}

async function expectWhole(playbook: PlaybookUnderTest, dir: string, t: Template, what: string): Promise<void> {
  const names = readdirSync(dir);
  expect(names, what).toContain('lifeboat.db');
  expect(names.filter((n) => n === 'lifeboat.lock' || n === '.lifeboat-playbook.json' || n.startsWith('.lifeboat-recover-')), what).toEqual([]);
  const asides = existsSync(join(dir, 'damaged')) ? readdirSync(join(dir, 'damaged')) : [];
  for (const a of asides) {
    const note = JSON.parse(readFileSync(join(dir, 'damaged', a, 'recovery.json'), 'utf8')) as { finishedAt: string | null };
    expect(note.finishedAt, `${what}: damaged/${a}/recovery.json is unfinished`).not.toBeNull();
  }
  if (t.aside) {
    expect(asides, what).toHaveLength(1);
    expect(sha(join(dir, 'damaged', asides[0], t.aside.name)), `${what}: the file set aside`).toBe(t.aside.sha);
  } else expect(asides, what).toEqual([]);

  const engine = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test' });
  try {
    expect((await engine.call('state.hash', {})).rootHash, `${what}: the live root`).toBe(t.root);
    expect(await engine.call('audit.verify', {}), what).toMatchObject({ ok: true, firstBad: null });
  } finally {
    await engine.close();
  }
  const records = readRecoveryHistory(dir);
  expect(records.map((r) => r.playbook), `${what}: recorded once`).toEqual([playbook]);
}

describe('lifeboat recover, killed at random moments and run again', () => {
  for (const playbook of PLAYBOOKS) {
    it(`${playbook}: ${KILLS} kills; every rerun finishes, the desk whole, the damaged file kept`, async () => {
      const rng = createRng(SEED, playbook);
      const plans = Array.from({ length: KILLS }, () => plan(rng, STEPS[playbook]));
      const landed = { killed: 0, 'finished first': 0 };
      let next = 0;
      const lane = async () => {
        while (next < plans.length) {
          const i = next++;
          const p = plans[i];
          const dir = copy(templates[playbook].dir, playbook);
          const what = `${playbook} kill #${i} (seed ${SEED}: ${p.afterStepLines} step lines${p.delayMs === null ? '' : ` + ${p.delayMs} ms`}) in ${dir}`;
          landed[await killAt(playbook, dir, p)]++;
          const again = await run(['recover', playbook, '--yes', '--state', dir]);
          expect(again.code, `${what}: the rerun: ${again.stderr}`).toBe(0);
          await expectWhole(playbook, dir, templates[playbook], what);
          rmSync(join(dir, '..'), { recursive: true, force: true });
        }
      };
      await Promise.all(Array.from({ length: LANES }, lane));
      console.log(`${playbook}: ${landed.killed} killed, ${landed['finished first']} finished before their kill`);
      expect(landed.killed).toBeGreaterThan(KILLS / 2);
    }, 600_000);
  }
});
