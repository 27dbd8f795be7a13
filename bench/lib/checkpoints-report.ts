// The checkpoints bench's report as a table on stdout (the JSON document is the Report itself).
import type { Report } from './checkpoints-run';
import type { BaselineResult } from './checkpoints-baselines';
import { fmtBytes, fmtInt, fmtMs, fmtRatio, heading, median, round, table } from './util';

export function render(r: Report): string {
  const out: string[] = [];
  const section = (title: string) => out.push(...heading(title));
  const pct = (n: number, of: number) => `${round((n / of) * 100, 2)}%`;
  const list = (xs: number[]) => xs.map(fmtMs).join(', ');
  const yes = (ok: boolean) => (ok ? 'yes' : 'NO');
  const env = r.environment;

  out.push(
    `Lifeboat checkpoints bench — ${r.options.size} desk (seed ${r.options.seed}), ${fmtInt(r.desk.totalRows)} rows; ` +
      `${r.options.rounds} rounds at ${r.options.churnPercent}% churn; median of ${r.options.repeat} where repeated` +
      (r.options.profiled ? ' (PROFILED: timings include the profiler)' : ''),
    `${env.node} on ${env.platform}, ${env.cores} × ${env.cpu}; load average ${env.loadAverageAtStart.join(' ')} at start, ` +
      `${env.loadAverageAtEnd.join(' ')} at end; ${env.totalSeconds} s in all`,
    `state folder: ${env.stateDir}`,
    `desk: ${Object.entries(r.desk.rows).map(([t, n]) => `${t} ${fmtInt(n)}`).join(', ')} (built in ${fmtMs(r.desk.generateMs)})`,
  );

  section('Checkpoint operations (wall time; cpu = CPU time of this process)');
  const inc = r.incrementalCheckpoint;
  const rb = r.rollback;
  const big = rb.acrossAllRounds;
  const rows: string[][] = [
    [
      '1. first checkpoint (full capture)',
      fmtMs(r.firstCheckpoint.ms),
      fmtMs(r.firstCheckpoint.cpuMs),
      '1',
      `${fmtInt(r.firstCheckpoint.rows)} rows, ${fmtInt(r.firstCheckpoint.chunks)} chunks; ${fmtBytes(r.firstCheckpoint.storedBytes)} stored (${fmtBytes(r.firstCheckpoint.rawBytes)} raw)`,
    ],
    [
      '2. incremental checkpoint (a layer; packing thread), ~1% changed',
      fmtMs(inc.medianMs),
      fmtMs(inc.medianCpuMs),
      list(inc.samplesMs),
      `${inc.changedRows.map(fmtInt).join(' / ')} rows changed (${inc.changedPercent}%); +${inc.newBytes.map(fmtBytes).join(' / ')}; ${inc.simulatorTicks.join(' / ')} simulator ticks`,
    ],
    [
      '   same, packed in this thread',
      fmtMs(inc.packedInThisThread.medianMs),
      fmtMs(inc.packedInThisThread.medianCpuMs),
      list(inc.packedInThisThread.samplesMs),
      'as a one-shot `lifeboat checkpoint create` packs it; the console uses a packing thread',
    ],
    ['   checkpoint with nothing changed', fmtMs(r.emptyCheckpoint.medianMs), fmtMs(r.emptyCheckpoint.medianCpuMs), list(r.emptyCheckpoint.samplesMs), 'the fixed cost of any checkpoint'],
    [
      '   compaction (settle, every 16 layers)',
      r.compaction.count ? fmtMs(r.compaction.medianMs) : '-',
      '',
      r.compaction.count ? `${r.compaction.count} in ${r.options.rounds} rounds` : 'none (no rounds)',
      r.compaction.count
        ? `settle() stores chunk lists for the newest checkpoint every ${r.compaction.layers[0]} layers; max ${fmtMs(r.compaction.maxMs)}; +${fmtBytes(median(r.compaction.bytes))} median`
        : '',
    ],
    [
      '3. diff of checkpoints 1% apart, cold',
      fmtMs(r.diff.cold.medianMs),
      fmtMs(r.diff.cold.medianCpuMs),
      list(r.diff.cold.samplesMs),
      `${fmtInt(r.diff.rows)} rows in the diff (${r.diff.tables.map((t) => `${t.table} ${t.added + t.removed + t.changed}`).join(', ')}); ${fmtInt(r.diff.chunksDecoded)} chunks decoded`,
    ],
    ['   same, warm chunk cache', fmtMs(r.diff.warm.medianMs), fmtMs(r.diff.warm.medianCpuMs), list(r.diff.warm.samplesMs), ''],
    ...(r.wideDiff
      ? [[`   diff across all ${r.options.rounds} rounds, cold`, fmtMs(r.wideDiff.ms), fmtMs(r.wideDiff.cpuMs), '1', `${fmtInt(r.wideDiff.rows)} rows in the diff; ${fmtInt(r.wideDiff.chunksDecoded)} chunks decoded`]]
      : []),
    [
      '4. rollback to the first checkpoint',
      fmtMs(rb.medianMs),
      fmtMs(rb.medianCpuMs),
      list(rb.samplesMs),
      `${rb.samples.map(rollbackRows).join(' / ')}; live hash = target root: ${yes(rb.samples.every((s) => s.hashMatchesTarget))}`,
    ],
    [
      '   of which before the checkpoint',
      fmtMs(rb.medianOtherMs),
      '',
      list(rb.samples.map((s) => s.otherMs)),
      'outside both transactions: checking the target',
    ],
    ['   of which the pre_rollback checkpoint', fmtMs(rb.medianPreRollbackCheckpointMs), '', list(rb.samples.map((s) => s.preRollbackCheckpointMs)), 'captures the ~1% churn since the last checkpoint'],
    ['   of which apply + hash check', fmtMs(rb.medianApplyMs), '', list(rb.samples.map((s) => s.applyMs)), 'diff (from layers), write rows, compare the live root, audit, commit'],
    [
      '   undo (rollback to the pre_rollback)',
      fmtMs(rb.undo.medianMs),
      fmtMs(rb.undo.medianCpuMs),
      list(rb.undo.samplesMs),
      `hash matches: ${yes(rb.undo.samples.every((s) => s.hashMatchesTarget))}`,
    ],
  ];
  if (big) {
    rows.push([
      `   rollback across all ${r.options.rounds} rounds`,
      fmtMs(big.totalMs),
      fmtMs(big.cpuMs),
      '1',
      `before ${fmtMs(big.otherMs)} + pre_rollback ${fmtMs(big.preRollbackCheckpointMs)} + apply ${fmtMs(big.applyMs)}; ${rollbackRows(big)}; hash matches: ${yes(big.hashMatchesTarget)}; undo ${fmtMs(big.undoMs)}`,
    ]);
  }
  rows.push([
    '5. verify one checkpoint (the full one)',
    fmtMs(r.verify.medianMs),
    fmtMs(r.verify.medianCpuMs),
    list(r.verify.samplesMs),
    `${fmtInt(r.verify.chunksChecked)} chunks and index pages reread and rehashed, every row's LtHash summed, on the pool's threads; ${r.verify.ok ? 'ok' : 'FAILED'}`,
  ]);
  rows.push(['   same, in this thread', fmtMs(r.verify.inThisThread.ms), fmtMs(r.verify.inThisThread.cpuMs), '1', 'the work of one verify on one core (the console and the CLI verify on the pool’s threads)']);
  rows.push(['   verify a layer (the 1% one)', fmtMs(r.verify.layer.medianMs), fmtMs(r.verify.layer.medianCpuMs), list(r.verify.layer.samplesMs), 'its parent in full, then its layer applied to the table hashes']);
  if (r.verify.all) {
    rows.push([
      '   verify --all',
      fmtMs(r.verify.all.ms),
      fmtMs(r.verify.all.cpuMs),
      '1',
      `${r.verify.all.checkpoints} checkpoints, ${fmtInt(r.verify.all.chunks)} chunk reads (a shared chunk is hashed once); ${r.verify.all.ok ? 'ok' : 'FAILED'}`,
    ]);
  }
  out.push(table(['operation', 'time', 'cpu', 'samples', 'details'], rows, [1, 2]));

  const s = r.storage;
  section(`6. Storage after ${s.rounds} checkpoints at ~${r.options.churnPercent}% churn each`);
  out.push(
    table(
      ['figure', 'bytes', 'details'],
      [
        ['first checkpoint (its stored bytes)', fmtBytes(s.firstCheckpointBytes), ''],
        ['chunk repository: stored bytes', fmtBytes(s.chunkStoreBytes), s.byKind.map((k) => `${k.kind} ${fmtInt(k.chunks)} chunks, ${fmtBytes(k.storedBytes)}`).join('; ')],
        ['manifests: SUM(LENGTH(manifest_json))', fmtBytes(s.manifestBytes), `${s.checkpoints} checkpoints in the catalog (the rounds and the steps before)`],
        ['total', fmtBytes(s.totalBytes), `${fmtRatio(s.ratioToFirst)} the first checkpoint`],
        ['lifeboat.db on disk (+ WAL)', fmtBytes(s.databaseFileBytes), 'live state, audit trail and chunk store, with SQLite overhead'],
        [
          `${s.fullCopiesForComparison.copies} full copies, for comparison`,
          fmtBytes(s.fullCopiesForComparison.jsonBytes),
          `JSON snapshots (VACUUM INTO copies: ${fmtBytes(s.fullCopiesForComparison.vacuumIntoBytes)})`,
        ],
      ],
      [1],
    ),
    '',
    'Where the bytes are (chunks referenced by the first checkpoint, and by all checkpoints together):',
    table(
      ['table', 'first: chunks', 'first: bytes', 'all: chunks', 'all: row chunks', 'all: index pages', 'all: layers', 'growth'],
      s.byTable.map((t) => [
        t.table,
        fmtInt(t.firstChunks),
        fmtBytes(t.firstBytes),
        fmtInt(t.allChunks),
        fmtBytes(t.allRowChunkBytes),
        fmtBytes(t.allIndexPageBytes),
        fmtBytes(t.allLayerBytes),
        `+${fmtBytes(t.allRowChunkBytes + t.allIndexPageBytes + t.allLayerBytes - t.firstBytes)}`,
      ]),
      [1, 2, 3, 4, 5, 6, 7],
    ),
  );
  if (s.perRound) {
    const p = s.perRound;
    out.push(
      '',
      `per round: checkpoint median ${fmtMs(p.medianCheckpointMs)} (cpu ${fmtMs(p.medianCheckpointCpuMs)}), p90 ${fmtMs(p.p90CheckpointMs)}, max ${fmtMs(p.maxCheckpointMs)}; ` +
        `${fmtInt(p.medianChangedRows)} rows changed (median, ${pct(p.medianChangedRows, r.desk.totalRows)}) in ${p.medianTicks} ticks; ` +
        `+${fmtBytes(p.medianNewBytes)} median / ${fmtBytes(p.meanNewBytes)} mean new bytes; ${p.seconds} s for all rounds`,
    );
  }

  const b = r.baselines;
  section('7. Baselines (same desk, measured before its first checkpoint)');
  const baselineRows: [string, BaselineResult][] = [
    ['JSON: exportState + JSON.stringify + writeFileAtomic', b.jsonStringify],
    ['JSON: exportState + canonicalJson + writeFileAtomic', b.jsonCanonical],
    ['SQLite db.backup(path), default 100 pages/step', b.backup],
    ['SQLite db.backup(path), all pages in one step', b.backupOneStep],
    ['SQLite VACUUM INTO path', b.vacuumInto],
  ];
  out.push(
    table(
      ['baseline', 'time', 'cpu', 'samples', 'bytes', 'details'],
      baselineRows.map(([name, x]) => [
        name,
        fmtMs(x.medianMs),
        fmtMs(x.medianCpuMs),
        list(x.samplesMs),
        fmtBytes(x.bytes),
        x.phasesMs ? Object.entries(x.phasesMs).map(([k, v]) => `${k} ${fmtMs(v)}`).join(' + ') : 'then fsync of the copy',
      ]),
      [1, 2, 4],
    ),
    `(lifeboat.db before the first checkpoint: ${fmtBytes(b.databaseBytes)})`,
  );

  section('Ratios and targets (informational: the bench never fails on them)');
  out.push(
    table(
      ['target', 'measured', 'met'],
      r.targets.map((t) => [t.target, t.unit === 'ms' ? fmtMs(t.value) : fmtRatio(t.value), t.met === null ? 'n/a' : t.met ? 'met' : 'NOT MET']),
      [1],
    ),
    `(ratio = baseline median time / median time of all ${r.incrementalCheckpoint.allSamples.count} incremental checkpoints at ~1% churn, ` +
      `steps 2 and 6: ${fmtMs(r.incrementalCheckpoint.allSamples.medianMs)}; p90 ${fmtMs(r.incrementalCheckpoint.allSamples.p90Ms)})`,
  );
  return out.join('\n');
}

function rollbackRows(s: { rowsApplied: { added: number; removed: number; changed: number } }): string {
  const a = s.rowsApplied;
  return `${fmtInt(a.added + a.removed + a.changed)} rows (+${fmtInt(a.added)} −${fmtInt(a.removed)} ~${fmtInt(a.changed)})`;
}
