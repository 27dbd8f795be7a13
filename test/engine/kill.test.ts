// The kill test (#15): writers killed with SIGKILL while they simulate, checkpoint, roll back,
// sync to a broker and import state files — 1,000 kills by default — and after every kill the
// folder is opened as the next writer would open it and must hold:
//   - the dead writer's lease is found and taken over (this process holds it now);
//   - PRAGMA integrity_check says ok;
//   - every checkpoint verifies (checkpoint verify --all) and none taken before the kill is gone;
//   - the audit chain verifies, and holds exactly the entries of the commits that are in the state;
//   - the state hash the triggers keep equals one recomputed from every row, and that root is the
//     state before or after the operation in flight, never a mix.
// The child prints the root each commit is about to make durable, and after it what it made
// durable (test/support/children/kill-worker.ts), so "before" and "after" come from the writer.
// Kill moments are lines of the child's own output — any line by number (each row a transaction
// writes has one), or its first or second "commit" or "committed" — drawn from a seeded generator:
//   LIFEBOAT_KILL_SEED=<seed> reruns a seed, LIFEBOAT_KILLS=<n> changes the number of kills.
// Half the children stop dead on their kill line, so the kill lands exactly there; the others run
// on, and where their SIGKILL lands after the line (inside COMMIT, say) is up to the scheduler.
//
// Speed: a tiny desk, fresh every 8 or 12 kills; the next child loads while the last one's folder is
// checked; two desks per operation take turns, and the checks run on a worker thread so the main
// thread is always free to kill on the line it chose.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { generateDesk } from '../../electron/engine/demo/generate-desk';
import { createRng } from '../../electron/engine/demo/rng';
import { simulate } from '../../electron/engine/demo/simulate';
import { COMPACT_AFTER_LAYERS } from '../../electron/engine/checkpoints/checkpoints';
import { findManifest } from '../../electron/engine/checkpoints/catalog';
import { layerChain } from '../../electron/engine/checkpoints/materialize';
import { writeDemoSnapshots } from '../../electron/engine/demo/broker-snapshots/write-demo-snapshots';
import { bundleChild, startChild, type Child } from '../support/child-process';
import { killLine, type KillAt } from '../support/kill-line';
import type { KillCheckFacts } from '../support/kill-check-worker';
import { tempDir } from '../support/temp-state';

type Op = 'simulate' | 'checkpoint' | 'rollback' | 'sync' | 'import';
const OPS: Op[] = ['simulate', 'checkpoint', 'rollback', 'sync', 'import'];
const LANES = 2;

const KILLS = Number(process.env.LIFEBOAT_KILLS ?? 1000);
const SEED = Number(process.env.LIFEBOAT_KILL_SEED ?? randomInt(1, 2 ** 31 - 1));
const PER_OP = Math.ceil(KILLS / OPS.length);
/**
 * A desk collects checkpoints with every kill; a fresh copy every so often keeps a check cheap.
 * Checkpointing starts from a desk whose layers are about to be compacted, so kills land in
 * compactions too, and starts afresh more often.
 */
const FRESH_DESK_EVERY: Record<Op, number> = { simulate: 12, checkpoint: 8, rollback: 12, sync: 12, import: 12 };
/** A kill on a line by number comes on one of the first this many: an operation and a half or so. */
const LINES: Record<Op, number> = { simulate: 40, checkpoint: 40, rollback: 130, sync: 70, import: 20 };
/** The audit action each commit appends, by the commit's reason. */
const ACTION: Record<string, string> = { 'simulate.tick': 'simulate.tick', 'rollback.apply': 'rollback.apply', 'reconcile.sync': 'reconcile.run', 'state.import': 'state.import' };

const IMPORT_FIXTURE = join(process.cwd(), 'test/fixtures/import/strategy-checkpoint.json');
const SYNC_FILES = ['lifeboat.json', 'ccxt.json'];

interface Template {
  dir: string;
  /** The same desk with a chain of layered checkpoints one short of compaction. */
  layered: string;
  a: { id: string; root: string };
  b: { id: string; root: string };
  account: string;
}

/** What the test knows of a desk between kills. */
interface Known {
  root: string;
  checkpoints: Set<string>;
  actions: Record<string, number>;
}

/** What a killed child said it did. */
interface Story {
  /** The root of the last commit the child saw through, and of the one it was making, if any. */
  committed: string;
  pending: { root: string; reason: string } | null;
  /** Per audit action, the commits the child saw through. */
  done: Map<string, number>;
  /** Checkpoints the child announced as taken. */
  taken: string[];
  /** What was running when the kill landed. */
  inFlight: string;
}

let script: string;
let template: Template;
let checker: Checker;
/** What a copy of each template holds, found on the first copy. */
const templateKnown = new Map<string, Known>();
const tally: Record<string, Record<string, number>> = {};

console.log(`kill test: seed ${SEED}, ${PER_OP * OPS.length} kills (${PER_OP} per operation); rerun with LIFEBOAT_KILL_SEED=${SEED}`);

/** The check worker: one folder at a time, answered in order. */
class Checker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (f: KillCheckFacts) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(path: string) {
    this.worker = new Worker(path, { env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') } });
    this.worker.on('message', (m: { id: number; facts?: KillCheckFacts; error?: string }) => {
      const w = this.waiting.get(m.id)!;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error));
      else w.resolve(m.facts!);
    });
    this.worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  inspect(dir: string): Promise<KillCheckFacts> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, dir });
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

beforeAll(async () => {
  script = bundleChild('test/support/children/kill-worker.ts', { codeCache: true, withWorker: true });
  checker = new Checker(bundleChild('test/support/kill-check-worker.ts'));
  // Kept for the whole file: tempDir()'s folders go after each test.
  const dir = join(mkdtempSync(join(tmpdir(), 'lifeboat-kill-')), 'template');
  const setup = Engine.open({ stateDir: dir, mode: 'write', purpose: 'kill test setup', create: true });
  const desk = generateDesk(setup.store, { size: 'tiny', seed: 21, asOf: '2026-11-20T21:00:00.000Z' });
  writeDemoSnapshots(setup, 21, desk.asOf);
  const a = setup.checkpoints.create('manual', 'A');
  let clock = Date.parse('2026-11-21T09:00:00.000Z');
  simulate(setup.store, { ticks: 40, seed: 8 }, () => new Date((clock += 1000)).toISOString());
  const b = setup.checkpoints.create('manual', 'B');
  const account = setup.store.accounts().find((x) => x.broker === 'Alpaca')!.accountId;
  await setup.close();
  const layered = join(dir, '..', 'layered');
  cpSync(dir, layered, { recursive: true });
  const more = Engine.open({ stateDir: layered, mode: 'write', purpose: 'kill test setup' });
  for (let i = 0; ; i++) {
    const newest = more.checkpoints.create('automatic');
    if (layerChain(more.store.db, newest.checkpointId, findManifest(more.store.db, newest.checkpointId)!).chain.length >= COMPACT_AFTER_LAYERS - 1) break;
    simulate(more.store, { ticks: 1, seed: i }, () => new Date((clock += 1000)).toISOString());
  }
  await more.close();
  template = { dir, layered, a: { id: a.checkpointId, root: a.rootHash }, b: { id: b.checkpointId, root: b.rootHash }, account };
});

afterAll(async () => {
  await checker?.stop();
  if (template) rmSync(join(template.dir, '..'), { recursive: true, force: true });
  const total = Object.values(tally).reduce((n, t) => n + (t[' kills'] ?? 0), 0);
  const lines = Object.entries(tally).map(([op, t]) => `  ${op}: ${Object.keys(t).sort().map((k) => `${k} ${t[k]}`).join(', ')}`);
  console.log(`kill test: seed ${SEED}, ${total} kills\n${lines.join('\n')}`);
});

function childArgs(op: Op): string[] {
  if (op === 'rollback') return [template.b.id, template.a.id];
  if (op === 'sync') return SYNC_FILES;
  if (op === 'import') return [IMPORT_FIXTURE, template.account];
  return [];
}

async function freshDesk(op: Op): Promise<{ dir: string; known: Known }> {
  const from = op === 'checkpoint' ? template.layered : template.dir;
  const dir = join(tempDir(), 'desk');
  mkdirSync(dir);
  cpSync(from, dir, { recursive: true });
  let known = templateKnown.get(from);
  if (!known) {
    const facts = await checker.inspect(dir);
    templateKnown.set(from, (known = { root: facts.full, checkpoints: new Set(facts.checkpoints), actions: facts.actions }));
  }
  return { dir, known: { ...known, checkpoints: new Set(known.checkpoints) } };
}

/** Reads the child's lines: what it committed, what it was committing, what it finished. */
function readStory(lines: readonly string[], known: Known, where: string): Story {
  const story: Story = { committed: known.root, pending: null, done: new Map(), taken: [], inFlight: 'starting' };
  let current: { op: string; commits: number } | null = null;
  for (const line of lines) {
    if (line === 'loaded') continue;
    const [, kind, first, second, third] = line.split(' ');
    if (kind === 'ready') {
      expect(first, `${where}: the child opened the state the last check found`).toBe(known.root);
      story.inFlight = 'between operations';
    } else if (kind === 'begin') {
      current = { op: first, commits: 0 };
      story.inFlight = first;
    } else if (kind === 'compacting') {
      story.inFlight = 'checkpoint compaction';
    } else if (kind === 'compacted') {
      story.inFlight = current ? current.op : 'between operations';
    } else if (kind === 'writing') {
      story.inFlight = `${first} writes`;
    } else if (kind === 'commit') {
      story.pending = { root: first, reason: second };
      story.inFlight = `${second} commit`;
      if (current && current.op !== 'simulate') {
        // One operation, one commit: the operation's before and after are the commit's.
        current.commits++;
        expect(current.commits, `${where}: ${current.op} commits once (${line})`).toBeLessThanOrEqual(current.op === 'checkpoint' ? 0 : 1);
      }
    } else if (kind === 'committed') {
      expect(first, `${where}: ${line} is what the commit said it would make durable`).toBe(story.pending?.root);
      const action = ACTION[story.pending!.reason];
      story.done.set(action, (story.done.get(action) ?? 0) + 1);
      story.committed = first;
      story.pending = null;
      story.inFlight = current ? current.op : 'between operations';
    } else if (kind === 'end') {
      if (first === 'checkpoint') story.taken.push(third);
      current = null;
      story.inFlight = 'between operations';
    }
  }
  return story;
}

/** Asserts what must hold after a kill; returns what the next kill starts from. */
function judge(op: Op, child: Child, frozen: boolean, facts: KillCheckFacts, known: Known, where: string): Known {
  const story = readStory(child.lines, known, where);
  const context = `${where}; in flight: ${story.inFlight}; the child's last lines:\n  ${child.lines.slice(-6).join('\n  ')}\n`;
  expect(facts.leaseBefore, `${context}the dead writer's lease is on the folder`).toBe(child.process.pid);
  expect(facts.leaseAfter, `${context}the lease is taken over by this process`).toBe(process.pid);
  expect(facts.pid).toBe(process.pid);
  expect(facts.integrity, `${context}integrity_check`).toBe('ok');
  expect(facts.badCheckpoints, `${context}checkpoint verify --all`).toEqual([]);
  const ids = new Set(facts.checkpoints);
  const missing = [...known.checkpoints, ...story.taken].filter((id) => !ids.has(id));
  expect(missing, `${context}every checkpoint taken before the kill is there`).toEqual([]);
  if (op === 'checkpoint') expect(ids.size, `${context}at most the checkpoint in flight is new`).toBeLessThanOrEqual(known.checkpoints.size + story.taken.length + 1);
  expect(facts.audit.firstBad ?? null, `${context}audit verify`).toBeNull();
  expect(facts.audit.ok, `${context}audit verify`).toBe(true);

  expect(facts.incremental, `${context}the state hash the triggers kept is the one recomputed from every row`).toBe(facts.full);
  const root = facts.full;
  const allowed = story.pending ? [story.committed, story.pending.root] : [story.committed];
  const roots = `before ${story.committed}, after ${story.pending?.root ?? '(no commit under way)'}, found ${root}`;
  expect(allowed, `${context}the state is the before or the after of the operation in flight: ${roots}`).toContain(root);
  if (op === 'rollback') expect([template.a.root, template.b.root], `${context}a rollback leaves A or B`).toContain(root);
  const landed = story.pending !== null && root === story.pending.root && root !== story.committed;
  // Stopped on its "commit" line, the writer never reached COMMIT: nothing of that commit is there.
  if (frozen && child.lines.at(-1)?.split(' ')[1] === 'commit') expect(root, `${context}a writer stopped before COMMIT leaves the before`).toBe(story.committed);

  // Each commit appends its audit entry inside its transaction: the log holds exactly the
  // entries of the commits whose writes are in the state.
  for (const action of new Set(Object.values(ACTION))) {
    const expected = (known.actions[action] ?? 0) + (story.done.get(action) ?? 0) + (landed && ACTION[story.pending!.reason] === action ? 1 : 0);
    const got = facts.actions[action] ?? 0;
    // A commit in flight that changes no row leaves the same root either way: its entry may be there or not.
    const unchanged = story.pending !== null && story.pending.root === story.committed && ACTION[story.pending.reason] === action;
    if (unchanged) expect([expected, expected + 1], `${context}audit entries ${action}`).toContain(got);
    else expect(got, `${context}audit entries ${action}`).toBe(expected);
  }

  const t = (tally[op] ??= {});
  const count = (key: string) => (t[key] = (t[key] ?? 0) + 1);
  count(' kills');
  count(`in ${story.inFlight}`);
  count(frozen ? 'stopped on the line' : 'running on');
  if (story.pending) count(landed ? 'commit in flight, durable' : 'commit in flight, undone');
  return { root, checkpoints: ids, actions: facts.actions };
}

async function lane(op: Op, laneNo: number, kills: number, stop: { failed: boolean }): Promise<void> {
  const rng = createRng(SEED, `${op} ${laneNo}`);
  let { dir, known } = await freshDesk(op);
  const spawn = (k: number) => {
    const childSeed = (SEED + k * 7919 + laneNo * 104_729) % 2 ** 31;
    return { child: startChild(script, [dir, op, String(childSeed), ...childArgs(op)]), childSeed };
  };
  let next = spawn(1);
  try {
    for (let k = 1; k <= kills && !stop.failed; k++) {
      const { child, childSeed } = next;
      const pick = rng.float();
      const at: KillAt = pick < 0.6 ? { kind: 'line', n: 2 + rng.int(0, LINES[op] - 1) } : { kind: pick < 0.8 ? 'commit' : 'committed', n: rng.chance(0.25) ? 2 : 1 };
      const frozen = rng.chance(0.5);
      const where = `${op} kill ${k} of ${kills} on desk ${laneNo} (LIFEBOAT_KILL_SEED=${SEED}, child seed ${childSeed}, killed on ${at.kind} ${at.n}${frozen ? ', stopped there' : ''})`;
      await child.line((l) => l === 'loaded');
      child.process.stdin.write(`go ${at.kind} ${at.n} ${frozen ? 1 : 0}\n`);
      await child.line(killLine(at)).catch((err: Error) => {
        throw new Error(`${where}: the child ended before its kill line: ${err.message}\nits last lines:\n  ${child.lines.slice(-6).join('\n  ')}`);
      });
      child.process.kill('SIGKILL');
      const { signal } = await child.closed;
      expect(signal, `${where}: ${child.stderr()}`).toBe('SIGKILL');
      const fresh = k < kills && k % FRESH_DESK_EVERY[op] === 0;
      // The next child loads while this one's folder is checked.
      if (k < kills && !fresh) next = spawn(k + 1);
      known = judge(op, child, frozen, await checker.inspect(dir), known, where);
      if (fresh) {
        ({ dir, known } = await freshDesk(op));
        next = spawn(k + 1);
      }
    }
  } catch (err) {
    // The other desk stops at its next kill: one failure is reported, not two interleaved.
    stop.failed = true;
    throw err;
  } finally {
    next.child.process.kill('SIGKILL');
  }
}

describe('writers killed with SIGKILL at random moments', () => {
  for (const op of OPS) {
    const lanes = Array.from({ length: LANES }, (_, i) => Math.floor(PER_OP / LANES) + (i < PER_OP % LANES ? 1 : 0));
    // Each kill costs a process start and a full check: minutes in all on a loaded 2-core machine.
    it(`leave a whole, verifiable state after ${PER_OP} kills during ${op}`, async () => {
      const stop = { failed: false };
      await Promise.all(lanes.map((n, i) => lane(op, i, n, stop)));
    }, 180_000);
  }
});
