// A writer for the kill test: holds the state folder and runs one kind of operation over and over
// until it is killed —
//   simulate   a simulation job, one commit per tick
//   checkpoint a trading tick, then a checkpoint (which compacts a long chain of layers)
//   rollback   rollback.apply jobs, alternately to checkpoints A and B
//   sync       reconcile.run with strategy sync, alternately against two demo broker files
//   import     state.import of a bot's state file whose cash and positions change each time
// It loads, says "loaded", and opens the folder only on "go ..." from stdin, so the parent
// can start the next child while it checks the last one. Every line after that is numbered; stdout
// is a pipe, written synchronously, so a line the parent reads after the kill was printed before
// it. Each write statement says so once it has run ("wrote TABLE"), so kills land between the rows
// of a transaction too. The parent kills on a line: by number ("go line N FREEZE") or the Nth of a
// kind ("go commit N FREEZE"); with FREEZE 1 the child stops dead right after printing it, so the
// kill lands exactly there, else it runs on until the signal arrives.
// Each commit says "writing" as its transaction begins; once its writes are done and before COMMIT
// it prints the root the commit is about to make durable ("commit ROOT"), and after COMMIT
// "committed ROOT". So the parent knows the before and the after of whatever was in flight when
// the kill landed, and a child that died before its "commit" line died before COMMIT.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../../electron/engine/engine';
import { CommitPath } from '../../../electron/engine/runtime/commit';
import { WorkerPool } from '../../../electron/engine/workers/pool';
import { createRng } from '../../../electron/engine/demo/rng';
import { simulateTick } from '../../../electron/engine/demo/simulate';
import type { JobInfo } from '../../../shared/api/contract';
import { killLine, type KillAt } from '../kill-line';

const [dir, op, seedText, ...args] = process.argv.slice(2);
const seed = Number(seedText);
let seq = 0;
let freezeOn: ((line: string) => boolean) | null = null;
const say = (line: string) => {
  process.stdout.write(`${++seq} ${line}\n`);
  if (freezeOn?.(`${seq} ${line}`)) {
    // Wait for the SIGKILL; a parent that has gone away leaves us here for a minute, no longer.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    process.exit(3);
  }
};

let engine: Engine | null = null;
const root = () => engine!.checkpoints.stateHash().rootHash;

const run = CommitPath.prototype.run;
CommitPath.prototype.run = function <T>(this: CommitPath, reason: string, write: () => T, options?: Parameters<CommitPath['run']>[2]): T {
  const write2 = () => {
    say(`writing ${reason.split(' ')[0]}`);
    const out = write();
    say(`commit ${root()} ${reason.split(' ')[0]}`);
    return out;
  };
  const result = run.call(this, reason, write2, options) as T;
  say(`committed ${root()}`);
  return result;
};

const WRITE = /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+(?!temp\.)(?:main\.)?"?(\w+)/i;

process.stdout.write('loaded\n');
process.stdin.once('data', (data) => {
  const [, kind, n, freeze] = String(data).trim().split(' ');
  if (freeze === '1') freezeOn = killLine({ kind: kind as KillAt['kind'], n: Number(n) });
  engine = Engine.open({ stateDir: dir, mode: 'write', purpose: `kill test ${op}`, workers: new WorkerPool({ script: join(__dirname, 'worker.cjs') }) });
  // better-sqlite3's statements share one prototype: announce each write once it has run.
  const statement = Object.getPrototypeOf(engine.store.db.prepare('SELECT 1')) as { run: (...a: unknown[]) => unknown };
  const runStatement = statement.run;
  statement.run = function (this: { source: string }, ...a: unknown[]) {
    const out = runStatement.apply(this, a);
    const table = WRITE.exec(this.source)?.[1];
    if (table) say(`wrote ${table}`);
    return out;
  };
  main(engine).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  });
});

async function main(desk: Engine): Promise<void> {
  // A compaction (checkpoints.create settles a long chain of layers) says when it starts and ends.
  const compact = desk.checkpoints.compact.bind(desk.checkpoints);
  desk.checkpoints.compact = (id) => {
    say(`compacting ${id}`);
    const done = compact(id);
    say(`compacted ${id}`);
    return done;
  };
  // Every other child that takes checkpoints packs their layers on a second thread, as the console does.
  if (['checkpoint', 'rollback', 'sync'].includes(op) && seed % 2 === 0) await desk.checkpoints.startPackingThread(desk.workers);
  // A job's progress messages are moments to kill at too.
  let lastProgress = '';
  desk.events.subscribe((e) => {
    if (e.name !== 'job.updated') return;
    const message = `${e.payload.kind}: ${e.payload.progress.message}`;
    if (message !== lastProgress && e.payload.progress.message) say(`progress ${message}`);
    lastProgress = message;
  });
  const finish = async (job: JobInfo) => {
    const done = await desk.jobs.wait(job.jobId);
    if (done.state !== 'succeeded') throw new Error(`${done.kind} job ${done.state}: ${done.error}`);
  };
  const rng = createRng(seed);
  let clock = Date.UTC(2026, 10, 22, 9) + (seed % 100_000) * 10_000_000;

  const operations: Record<string, (n: number) => Promise<void>> = {
    checkpoint: async (n) => {
      desk.commit('simulate.tick', () => simulateTick(desk.store, rng, new Date((clock += 1000)).toISOString()));
      say(`begin checkpoint ${n}`);
      const c = await desk.call('checkpoints.create', { type: 'automatic' });
      say(`end checkpoint ${n} ${c.checkpointId}`);
    },
    rollback: async (n) => {
      const target = args[n % 2];
      say(`begin rollback ${n}`);
      await finish(await desk.call('rollback.apply', { checkpointId: target, confirm: target }));
      say(`end rollback ${n} ${root()}`);
    },
    sync: async (n) => {
      const file = args[n % 2];
      say(`begin sync ${n}`);
      const content = readFileSync(join(dir, 'demo-broker', file), 'utf8');
      await finish(await desk.call('reconcile.run', { fileName: file, content, strategy: 'sync' }));
      say(`end sync ${n} ${root()}`);
    },
    import: async (n) => {
      const [path, accountId] = args;
      const file = JSON.parse(readFileSync(path, 'utf8'));
      const k = seed * 10 + n;
      file.cash_balance = `${25_000 + k}.5`;
      file.positions[0].quantity = String(100 + (k % 97));
      if (k % 3 === 0) file.positions.pop();
      say(`begin import ${n}`);
      await desk.call('state.import', { fileName: `state-${n}.json`, content: JSON.stringify(file), accountId });
      say(`end import ${n} ${root()}`);
    },
  };

  say(`ready ${root()}`);
  if (op === 'simulate') {
    say('begin simulate 1');
    await finish(await desk.call('simulate.start', { ticks: 1_000_000, seed }));
    return;
  }
  const once = operations[op];
  if (!once) throw new Error(`unknown operation ${op}`);
  for (let n = 1; ; n++) await once(n);
}
