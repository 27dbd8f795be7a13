// The checkpoints bench's measurements (see bench/checkpoints.ts for the command and its options).
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { Checkpoints } from '../../electron/engine/checkpoints/checkpoints';
import { LiveStore } from '../../electron/engine/live/live-store';
import { openDatabase } from '../../electron/engine/store/database';
import { WorkerPool } from '../../electron/engine/workers/pool';
import { ensureStateFolder, type StateFolder } from '../../electron/engine/store/state-folder';
import type { DeskSize } from '../../electron/engine/demo/generate-desk';
import { createRng } from '../../electron/engine/demo/rng';
import { simulateTick } from '../../electron/engine/demo/simulate';
import { CHECKPOINT_TABLES } from '../../electron/engine/checkpoints/tables';
import type { RollbackResult } from '../../electron/engine/checkpoints/rollback';
import { MessageChannel } from 'node:worker_threads';
import type { CheckpointDiff, VerifyReport } from '../../shared/api/checkpoints';
import { verifyOnPool } from '../../electron/engine/checkpoints/verify-threads';
import { fmtBytes, fmtInt, fmtMs, median, percentile, Profiler, Progress, round, settle, summarize, time, timeAsIs, timeAsync } from './util';
import { type OutputOptions } from './args';
import { AS_OF, buildDemoDesk } from './desk';
import { gcBetweenSamples, loadAverage, machine } from './run';
import { withTransactionSpans } from './transaction-spans';
import { fileSize, runBaselines } from './checkpoints-baselines';
import { storageByTable } from './checkpoints-storage';


export interface Options extends OutputOptions {
  size: DeskSize;
  rounds: number;
  repeat: number;
  seed: number;
  churnPct: number;
}

/** Simulated seconds per tick. */
const TICK_SECONDS = 1;

export interface RunContext {
  opts: Options;
  progress: Progress;
  profiler: Profiler;
}

export async function run({ opts, progress, profiler }: RunContext, engine: BenchState, scratch: string) {
  const db = engine.store.db;
  const cp = engine.checkpoints;
  const rng = createRng(opts.seed);
  let clock = Date.parse(AS_OF);
  const loadAtStart = loadAverage();

  // -- the desk ---------------------------------------------------------------------------------
  const gen = profiler.run('desk', () => buildDemoDesk(engine.store, opts.size, opts.seed, progress));
  const deskRows = countRows(db);
  progress.line(`desk built in ${fmtMs(gen.ms)}: ${fmtInt(sum(deskRows))} rows`);

  /**
   * Runs simulator ticks (fixed clock) until the change log holds ≥ churnPct% of all rows. It
   * collects garbage first: the checkpoint after it is timed as it comes (see timeAsIs).
   */
  const churn = () => {
    settle();
    const target = Math.max(1, Math.ceil((sum(countRows(db)) * opts.churnPct) / 100));
    const t0 = performance.now();
    let ticks = 0;
    while (cp.changedRows() < target) {
      clock += TICK_SECONDS * 1000;
      simulateTick(engine.store, rng, new Date(clock).toISOString());
      if (++ticks > 1_000_000) throw new Error(`the simulator made no progress towards ${target} changed rows`);
    }
    return { ticks, ms: performance.now() - t0, target };
  };

  // -- 7. baselines, on the freshly built desk (before any checkpoint: the database holds only the
  //       live state and its audit trail, as a bot's own database would) --------------------------
  const baselines = await runBaselines({ store: engine.store, dbPath: engine.paths.db, scratch, repeat: opts.repeat, progress });

  // -- 1. first checkpoint (full capture) -------------------------------------------------------
  progress.status('first checkpoint (full capture)…');
  const first = time(() => profiler.run('first-checkpoint', () => cp.create('manual', 'bench: first (full capture)')));
  const firstInfo = first.value;
  const firstRows = cp.chunks.repository.stats().byKind.find((k) => k.kind === 'rows');
  const firstChunks = { n: firstRows?.chunks ?? 0, raw: firstRows?.rawBytes ?? 0 };
  progress.line(`first checkpoint: ${fmtMs(first.ms)}, ${fmtBytes(firstInfo.newBytes)} stored`);

  // -- 2. incremental checkpoints at ~1% churn, and one with nothing changed ------------------------
  const incremental: { ms: number; cpuMs: number; changedRows: number; newBytes: number; ticks: number; simMs: number; id: string }[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    progress.status(`incremental checkpoint ${i + 1}/${opts.repeat}: churning…`);
    const c = churn();
    const t = timeAsIs(() => profiler.run('incremental-checkpoint', () => cp.create('automatic', `bench: incremental ${i + 1}`)));
    incremental.push({ ...t, changedRows: t.value.changedRows, newBytes: t.value.newBytes, ticks: c.ticks, simMs: c.ms, id: t.value.checkpointId });
  }
  const incMs = median(incremental.map((s) => s.ms));
  progress.line(`incremental checkpoint: median ${fmtMs(incMs)} (${incremental.map((s) => fmtMs(s.ms)).join(', ')})`);
  // The same, packed in this thread, as a one-shot command (`lifeboat checkpoint create`) packs it.
  cp.close();
  const inThisThread: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    progress.status(`incremental checkpoint packed in this thread ${i + 1}/${opts.repeat}: churning…`);
    churn();
    inThisThread.push(timeAsIs(() => profiler.run('incremental-checkpoint-this-thread', () => cp.create('automatic', `bench: incremental, this thread ${i + 1}`))));
  }
  await cp.startPackingThread(engine.workers);
  progress.line(`incremental checkpoint packed in this thread: median ${fmtMs(median(inThisThread.map((s) => s.ms)))}`);
  const empty: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    progress.status(`checkpoint with nothing changed ${i + 1}/${opts.repeat}…`);
    empty.push(time(() => profiler.run('empty-checkpoint', () => cp.create('automatic', `bench: nothing changed ${i + 1}`))));
  }

  // -- 3. diff of two checkpoints 1% apart --------------------------------------------------------
  const diffFrom = firstInfo.checkpointId;
  const diffTo = incremental[0].id;
  const diffCold: { ms: number; cpuMs: number }[] = [];
  const diffWarm: { ms: number; cpuMs: number }[] = [];
  let diffOut: CheckpointDiff | null = null;
  for (let i = 0; i < opts.repeat; i++) {
    progress.status(`diff ${i + 1}/${opts.repeat}…`);
    cp.chunks.forget(); // cold: nothing in the engine's chunk cache
    const cold = time(() => profiler.run('diff-cold', () => cp.diff(diffFrom, diffTo)));
    diffCold.push(cold);
    diffOut = cold.value;
    diffWarm.push(time(() => profiler.run('diff-warm', () => cp.diff(diffFrom, diffTo))));
  }
  progress.line(`diff: median ${fmtMs(median(diffCold.map((d) => d.ms)))} cold, ${fmtMs(median(diffWarm.map((d) => d.ms)))} warm`);

  // -- 4. rollback to the first checkpoint, and its undo --------------------------------------------
  // Each sample starts the same way a real rollback would: the live state has drifted ~1% since the
  // last checkpoint, so the automatic pre_rollback checkpoint has that churn to capture. After the
  // undo, a checkpoint (not timed) clears the change log for the next sample.
  const rollbacks: RollbackTiming[] = [];
  const undos: RollbackTiming[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    progress.status(`rollback ${i + 1}/${opts.repeat}: churning…`);
    churn();
    progress.status(`rollback ${i + 1}/${opts.repeat}…`);
    const r = timedRollback(db, () => profiler.run('rollback', () => cp.rollback(firstInfo.checkpointId, {})));
    r.hashOk = r.result.rootHash === firstInfo.rootHash && cp.stateHash().rootHash === firstInfo.rootHash;
    rollbacks.push(r);
    progress.status(`rollback ${i + 1}/${opts.repeat}: undo…`);
    const pre = cp.get(r.result.preRollbackId);
    const u = timedRollback(db, () => cp.rollback(pre.checkpointId, {}));
    u.hashOk = u.result.rootHash === pre.rootHash && cp.stateHash().rootHash === pre.rootHash;
    undos.push(u);
    cp.create('manual', `bench: after rollback sample ${i + 1}`);
  }
  progress.line(`rollback: median ${fmtMs(median(rollbacks.map((r) => r.ms)))}`);

  // -- 5. verify one checkpoint (the full one: every chunk of the desk) ----------------------------
  // As the console and `lifeboat checkpoint verify` run it: on the worker pool's threads.
  const verifies: { ms: number; cpuMs: number; chunks: number; ok: boolean }[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    progress.status(`verify ${i + 1}/${opts.repeat}…`);
    const v = await timeAsync(() => verifyOnThreads(engine, [firstInfo.checkpointId]));
    verifies.push({ ...v, chunks: v.value[0].chunksChecked, ok: v.value[0].ok });
  }
  progress.line(`verify: median ${fmtMs(median(verifies.map((v) => v.ms)))}`);
  // The same in this thread, once (and profiled with --profile): the work verify does, on one core.
  progress.status('verify in this thread…');
  const inlineVerify = time(() => profiler.run('verify', () => cp.verify(firstInfo.checkpointId)));
  const layerVerifies: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    progress.status(`verify of a layer ${i + 1}/${opts.repeat}…`);
    layerVerifies.push(await timeAsync(() => verifyOnThreads(engine, [diffTo])));
  }

  // -- 6. storage after N checkpoints at ~1% churn each -----------------------------------------
  // As the console does: after each checkpoint, settle() compacts the newest one when 16 layers
  // separate it from stored chunk lists. Timed apart: it runs after the checkpoint, not inside it.
  const rounds: { ms: number; cpuMs: number; changedRows: number; newBytes: number; ticks: number }[] = [];
  const compactions: { ms: number; cpuMs: number; bytes: number; layers: number }[] = [];
  const roundSettles: number[] = [];
  const roundsStarted = performance.now();
  for (let i = 0; i < opts.rounds; i++) {
    const c = churn();
    const t = timeAsIs(() => cp.create('automatic', `bench: round ${i + 1}`));
    rounds.push({ ms: t.ms, cpuMs: t.cpuMs, changedRows: t.value.changedRows, newBytes: t.value.newBytes, ticks: c.ticks });
    const settled = time(() => profiler.run('settle-round', () => cp.settle()));
    const compacted = settled.value;
    if (compacted) compactions.push({ ms: settled.ms, cpuMs: settled.cpuMs, bytes: compacted.bytes, layers: compacted.layers });
    else roundSettles.push(settled.ms);
    const elapsed = (performance.now() - roundsStarted) / 1000;
    const eta = (elapsed / (i + 1)) * (opts.rounds - i - 1);
    progress.status(
      `storage round ${i + 1}/${opts.rounds}: ${c.ticks} ticks, ${fmtInt(t.value.changedRows)} rows, checkpoint ${fmtMs(t.ms)}, +${fmtBytes(t.value.newBytes)} (eta ${Math.round(eta)} s)`,
    );
  }
  const roundsSeconds = (performance.now() - roundsStarted) / 1000;
  const chunkStats = cp.chunks.repository.stats();
  const byKind = chunkStats.byKind.map((k) => ({ kind: k.kind, n: k.chunks, stored: k.storedBytes, raw: k.rawBytes }));
  const chunkBytes = chunkStats.storedBytes;
  const manifestBytes = db.prepare('SELECT SUM(LENGTH(CAST(manifest_json AS BLOB))) FROM checkpoints').pluck().get() as number;
  const checkpointCount = db.prepare('SELECT COUNT(*) FROM checkpoints').pluck().get() as number;
  const dbFileBytes = fileSize(engine.paths.db) + fileSize(`${engine.paths.db}-wal`);
  const byTable = storageByTable(db, cp.chunks, firstInfo.checkpointId);
  if (opts.rounds) progress.line(`storage: ${fmtBytes(chunkBytes + manifestBytes)} after ${checkpointCount} checkpoints`);

  // -- extra: diff and verify across every round ---------------------------------------------------
  let wideDiff: { ms: number; cpuMs: number; rows: number; chunksDecoded: number; to: string } | null = null;
  let verifyAll: { ms: number; cpuMs: number; checkpoints: number; chunks: number; ok: boolean } | null = null;
  if (opts.rounds) {
    const last = cp.list().at(-1)!.checkpointId;
    progress.status(`diff across all ${opts.rounds} rounds…`);
    cp.chunks.forget();
    const d = time(() => profiler.run('diff-wide', () => cp.diff(firstInfo.checkpointId, last)));
    wideDiff = { ms: d.ms, cpuMs: d.cpuMs, rows: d.value.rows.length, chunksDecoded: d.value.chunksDecoded, to: last };
    progress.status('verify --all…');
    const v = await timeAsync(() => verifyOnThreads(engine, cp.list().map((c) => c.checkpointId)));
    verifyAll = { ms: v.ms, cpuMs: v.cpuMs, checkpoints: v.value.length, chunks: sum(v.value.map((x) => x.chunksChecked)), ok: v.value.every((x) => x.ok) };
    progress.line(`diff across all rounds: ${fmtMs(d.ms)}; verify --all: ${fmtMs(v.ms)}`);
  }

  // -- extra: rollback across every round (a much larger change set) ------------------------------
  let bigRollback: (RollbackTiming & { undoMs: number }) | null = null;
  if (opts.rounds) {
    progress.status(`rollback across all ${opts.rounds} rounds…`);
    const r = timedRollback(db, () => cp.rollback(firstInfo.checkpointId, {}));
    r.hashOk = r.result.rootHash === firstInfo.rootHash && cp.stateHash().rootHash === firstInfo.rootHash;
    const u = timedRollback(db, () => cp.rollback(r.result.preRollbackId, {}));
    bigRollback = { ...r, undoMs: u.ms };
  }

  // -- the report ---------------------------------------------------------------------------------
  const totalRows = sum(deskRows);
  const rollbackMs = median(rollbacks.map((r) => r.ms));
  const diffMs = median(diffCold.map((d) => d.ms));
  const verifyMs = median(verifies.map((v) => v.ms));
  const storedAfter = chunkBytes + manifestBytes;
  const storageRatio = storedAfter / firstInfo.newBytes;
  // The ratios' basis: every incremental checkpoint at ~1% churn, step 2's and step 6's rounds alike
  // (the same operation, timed the same way): a median of 3 samples swings with the machine.
  const allIncremental = [...incremental, ...rounds].map((s) => s.ms);
  const incBasisMs = median(allIncremental);
  const speedups = (
    [
      ['JSON.stringify snapshot', baselines.jsonStringify],
      ['canonicalJson snapshot', baselines.jsonCanonical],
      ['SQLite db.backup()', baselines.backup],
      ['SQLite db.backup() in one step', baselines.backupOneStep],
      ['SQLite VACUUM INTO', baselines.vacuumInto],
    ] as const
  ).map(([baseline, b]) => ({ baseline, baselineMs: b.medianMs, incrementalMs: round(incBasisMs), ratio: round(b.medianMs / incBasisMs, 2) }));
  const targets = [
    ...speedups.map((s) => ({ target: `incremental checkpoint ≥ 20× faster than ${s.baseline}`, value: s.ratio, unit: '×', met: s.ratio >= 20 })),
    {
      target: `stored bytes after ${opts.rounds} checkpoints ≤ 3× the first`,
      value: round(storageRatio, 2),
      unit: '×',
      met: opts.rounds > 0 ? storageRatio <= 3 : null,
    },
    ...speedups.filter((s) => s.baseline === 'SQLite db.backup()').map((s) => ({ target: `incremental checkpoint ≥ 50× faster than ${s.baseline} (#13)`, value: s.ratio, unit: '×', met: s.ratio >= 50 })),
    { target: 'rollback < 2 s', value: round(rollbackMs), unit: 'ms', met: rollbackMs < 2000 },
    { target: 'rollback < 1 s (#13)', value: round(rollbackMs), unit: 'ms', met: rollbackMs < 1000 },
    { target: 'verify of the full checkpoint < 2 s (#13)', value: round(verifyMs), unit: 'ms', met: verifyMs < 2000 },
    { target: 'building the demo desk < 15 s (#13)', value: round(gen.ms), unit: 'ms', met: gen.ms < 15000 },
    { target: 'diff < 200 ms', value: round(diffMs), unit: 'ms', met: diffMs < 200 },
  ];

  return {
    bench: 'checkpoints',
    options: { size: opts.size, seed: opts.seed, rounds: opts.rounds, repeat: opts.repeat, churnPercent: opts.churnPct, profiled: profiler.enabled },
    environment: {
      ...machine(),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadAverage(),
      stateDir: engine.paths.dir,
      gcBetweenSamples: gcBetweenSamples(),
      totalSeconds: 0,
    },
    desk: { generateMs: round(gen.ms), rows: deskRows, totalRows },
    firstCheckpoint: {
      ms: round(first.ms),
      cpuMs: round(first.cpuMs),
      storedBytes: firstInfo.newBytes,
      rawBytes: firstChunks.raw,
      rows: sum(firstInfo.counts),
      chunks: firstChunks.n,
      checkpointId: firstInfo.checkpointId,
    },
    incrementalCheckpoint: {
      ...summarize(incremental),
      changedRows: incremental.map((s) => s.changedRows),
      changedPercent: round((median(incremental.map((s) => s.changedRows)) / totalRows) * 100, 2),
      newBytes: incremental.map((s) => s.newBytes),
      simulatorTicks: incremental.map((s) => s.ticks),
      simulatorMs: incremental.map((s) => round(s.simMs)),
      packedInThisThread: summarize(inThisThread),
      /** The median of all incremental checkpoints (step 2 and the rounds): what the ratios divide by. */
      allSamples: { count: allIncremental.length, medianMs: round(incBasisMs), p90Ms: round(percentile(allIncremental, 90)) },
    },
    emptyCheckpoint: summarize(empty),
    diff: {
      from: diffFrom,
      to: diffTo,
      cold: summarize(diffCold),
      warm: summarize(diffWarm),
      rows: diffOut?.rows.length ?? 0,
      chunksDecoded: diffOut?.chunksDecoded ?? 0,
      tables: (diffOut?.tables ?? []).filter((t) => t.added + t.removed + t.changed > 0),
    },
    rollback: {
      target: firstInfo.checkpointId,
      ...summarize(rollbacks),
      medianPreRollbackCheckpointMs: round(median(rollbacks.map((r) => r.preMs))),
      medianApplyMs: round(median(rollbacks.map((r) => r.applyMs))),
      medianOtherMs: round(median(rollbacks.map((r) => r.ms - r.preMs - r.applyMs))),
      samples: rollbacks.map(rollbackSample),
      undo: { ...summarize(undos), samples: undos.map(rollbackSample) },
      acrossAllRounds: bigRollback && { ...rollbackSample(bigRollback), undoMs: round(bigRollback.undoMs) },
    },
    verify: {
      checkpointId: firstInfo.checkpointId,
      ...summarize(verifies),
      chunksChecked: verifies[0]?.chunks ?? 0,
      ok: verifies.every((v) => v.ok) && inlineVerify.value.ok,
      inThisThread: { ms: round(inlineVerify.ms), cpuMs: round(inlineVerify.cpuMs) },
      layer: { checkpointId: diffTo, ...summarize(layerVerifies) },
      all: verifyAll && { ...verifyAll, ms: round(verifyAll.ms), cpuMs: round(verifyAll.cpuMs) },
    },
    wideDiff: wideDiff && { ...wideDiff, ms: round(wideDiff.ms), cpuMs: round(wideDiff.cpuMs) },
    compaction: {
      roundSettleMedianMs: round(median(roundSettles)),
      count: compactions.length,
      medianMs: round(median(compactions.map((c) => c.ms))),
      maxMs: round(compactions.length ? Math.max(...compactions.map((c) => c.ms)) : 0),
      samplesMs: compactions.map((c) => round(c.ms)),
      bytes: compactions.map((c) => c.bytes),
      layers: compactions.map((c) => c.layers),
    },
    storage: {
      rounds: opts.rounds,
      checkpoints: checkpointCount,
      chunkStoreBytes: chunkBytes,
      manifestBytes,
      totalBytes: storedAfter,
      firstCheckpointBytes: firstInfo.newBytes,
      ratioToFirst: round(storageRatio, 3),
      byKind: byKind.map((k) => ({ kind: k.kind, chunks: k.n, storedBytes: k.stored, rawBytes: k.raw })),
      byTable,
      databaseFileBytes: dbFileBytes,
      perRound: rounds.length
        ? {
            medianCheckpointMs: round(median(rounds.map((r) => r.ms))),
            p90CheckpointMs: round(percentile(rounds.map((r) => r.ms), 90)),
            maxCheckpointMs: round(Math.max(...rounds.map((r) => r.ms))),
            medianCheckpointCpuMs: round(median(rounds.map((r) => r.cpuMs))),
            medianChangedRows: median(rounds.map((r) => r.changedRows)),
            medianNewBytes: median(rounds.map((r) => r.newBytes)),
            meanNewBytes: round(sum(rounds.map((r) => r.newBytes)) / rounds.length),
            medianTicks: median(rounds.map((r) => r.ticks)),
            seconds: round(roundsSeconds, 1),
          }
        : null,
      fullCopiesForComparison: {
        copies: opts.rounds + 1,
        jsonBytes: baselines.jsonStringify.bytes * (opts.rounds + 1),
        vacuumIntoBytes: baselines.vacuumInto.bytes * (opts.rounds + 1),
      },
    },
    baselines,
    speedups,
    targets,
  };
}

export type Report = Awaited<ReturnType<typeof run>>;

// ---- rollback timing --------------------------------------------------------------------------

interface RollbackTiming {
  ms: number;
  cpuMs: number;
  /** The automatic pre_rollback checkpoint (the rollback's first top-level transaction). */
  preMs: number;
  /** Diff, apply, root-hash check and audit (its second top-level transaction, commit included). */
  applyMs: number;
  result: RollbackResult;
  hashOk: boolean;
}

function rollbackSample(r: RollbackTiming) {
  return {
    totalMs: round(r.ms),
    cpuMs: round(r.cpuMs),
    preRollbackCheckpointMs: round(r.preMs),
    applyMs: round(r.applyMs),
    otherMs: round(r.ms - r.preMs - r.applyMs),
    rowsApplied: r.result.applied,
    hashMatchesTarget: r.hashOk,
  };
}

/**
 * Times a rollback and splits it into its two top-level transactions (the pre_rollback checkpoint,
 * then the apply) with withTransactionSpans.
 */
function timedRollback(db: Database, fn: () => RollbackResult): RollbackTiming {
  const { value: t, spansMs: spans } = withTransactionSpans(db, () => time(fn));
  if (spans.length < 2) throw new Error(`expected the rollback to run two top-level transactions, saw ${spans.length}`);
  return { ms: t.ms, cpuMs: t.cpuMs, preMs: spans[0], applyMs: spans[spans.length - 1], result: t.value, hashOk: false };
}

// ---- helpers ------------------------------------------------------------------------------------

/**
 * A state folder opened the way Engine.open opens it for writing (openDatabase: WAL,
 * synchronous=FULL, foreign keys, migrations), with the engine's LiveStore and Checkpoints service
 * on it — without the lease, jobs and API handlers, which a bench does not need.
 */
interface BenchState {
  paths: StateFolder;
  store: LiveStore;
  checkpoints: Checkpoints;
  workers: WorkerPool;
  close(): Promise<void>;
}

export async function openState(stateDir: string, progress: Progress): Promise<BenchState> {
  const paths = ensureStateFolder(stateDir);
  const db = openDatabase(paths.db);
  // As the console does: its checkpoints pack their layers on a second thread, the worker pool's
  // (build/bench.mjs bundles the worker next to this bench), once it serves.
  const workers = new WorkerPool({ script: join(__dirname, 'worker.cjs') });
  const checkpoints = new Checkpoints(db);
  if (!(await checkpoints.startPackingThread(workers, (why) => progress.line(`packing thread: ${why}`)))) progress.line('packing thread: none (no bundled worker); packing in this thread');
  return {
    paths,
    store: new LiveStore(db),
    checkpoints,
    workers,
    async close() {
      // As Engine.close: fold the WAL back into the database, then close.
      checkpoints.close();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      await workers.close();
    },
  };
}

/** Verify as the verify job runs it (checkpoints/verify-threads.ts), the verdicts not recorded. */
async function verifyOnThreads(engine: BenchState, ids: string[]): Promise<VerifyReport[]> {
  const { port1, port2 } = new MessageChannel();
  try {
    return (await verifyOnPool(engine.workers, engine.paths.db, ids, port2)).reports;
  } finally {
    port1.close();
  }
}

function countRows(db: Database): Record<string, number> {
  return Object.fromEntries(
    CHECKPOINT_TABLES.map((t) => [t.name, db.prepare(`SELECT COUNT(*) FROM ${t.name}`).pluck().get() as number]),
  );
}

function sum(xs: number[] | Record<string, number>): number {
  return (Array.isArray(xs) ? xs : Object.values(xs)).reduce((a, b) => a + b, 0);
}
