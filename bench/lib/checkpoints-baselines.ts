// The checkpoints bench's baselines: how trading bots save state today (the whole state as JSON,
// written atomically) and SQLite's own online copies (db.backup, VACUUM INTO), each made durable.
import { existsSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../shared/canonical-json';
import type { LiveStore } from '../../electron/engine/live/live-store';
import { exportState } from '../../electron/engine/live/state-export';
import { writeFileAtomic } from '../../electron/engine/store/atomic-file';
import { fmtMs, fsyncFile, median, type Progress, round, summarize, time, timeAsync } from './util';

export interface BaselineResult {
  medianMs: number;
  medianCpuMs: number;
  samplesMs: number[];
  samplesCpuMs: number[];
  /** Median per phase, where the operation has phases. */
  phasesMs?: Record<string, number>;
  bytes: number;
}

export interface BaselineSetup {
  store: LiveStore;
  /** lifeboat.db, whose size (with its WAL) is reported. */
  dbPath: string;
  /** A folder for the copies. */
  scratch: string;
  repeat: number;
  progress: Progress;
}

export async function runBaselines({ store, dbPath, scratch, repeat, progress }: BaselineSetup) {
  const db = store.db;
  const jsonFile = join(scratch, 'state.json');

  const jsonSnapshot = (label: string, serialize: (s: unknown) => string): BaselineResult => {
    const samples: { ms: number; cpuMs: number; export: number; serialize: number; write: number }[] = [];
    let bytes = 0;
    for (let i = 0; i < repeat; i++) {
      progress.status(`baseline ${label} ${i + 1}/${repeat}…`);
      const phases = { export: 0, serialize: 0, write: 0 };
      const t = time(() => {
        const t0 = performance.now();
        const state = exportState(store);
        const t1 = performance.now();
        const text = serialize(state);
        const t2 = performance.now();
        writeFileAtomic(jsonFile, text);
        const t3 = performance.now();
        Object.assign(phases, { export: t1 - t0, serialize: t2 - t1, write: t3 - t2 });
        return Buffer.byteLength(text, 'utf8');
      });
      samples.push({ ms: t.ms, cpuMs: t.cpuMs, ...phases });
      bytes = t.value;
    }
    const m = (k: 'export' | 'serialize' | 'write') => round(median(samples.map((s) => s[k])));
    return { ...summarize(samples), phasesMs: { exportState: m('export'), serialize: m('serialize'), writeFileAtomic: m('write') }, bytes };
  };

  const fileBaseline = async (label: string, file: string, op: () => Promise<unknown> | unknown): Promise<BaselineResult> => {
    const samples: { ms: number; cpuMs: number }[] = [];
    let bytes = 0;
    for (let i = 0; i < repeat; i++) {
      progress.status(`baseline ${label} ${i + 1}/${repeat}…`);
      if (existsSync(file)) unlinkSync(file);
      samples.push(
        await timeAsync(async () => {
          await op();
          fsyncFile(file); // durable, like the JSON snapshot and a checkpoint's commit
        }),
      );
      bytes = fileSize(file);
    }
    if (existsSync(file)) unlinkSync(file);
    return { ...summarize(samples), bytes };
  };

  const jsonStringify = jsonSnapshot('JSON.stringify', (s) => JSON.stringify(s));
  const jsonCanonical = jsonSnapshot('canonicalJson', (s) => canonicalJson(s));
  rmSync(jsonFile, { force: true });
  const backupFile = join(scratch, 'backup.db');
  const backup = await fileBaseline('db.backup', backupFile, () => db.backup(backupFile));
  const backupOneStep = await fileBaseline('db.backup (one step)', backupFile, () => db.backup(backupFile, { progress: () => 0x7fffffff }));
  const vacuumFile = join(scratch, 'vacuum.db');
  const vacuumInto = await fileBaseline('VACUUM INTO', vacuumFile, () => db.prepare('VACUUM INTO ?').run(vacuumFile));
  const databaseBytes = fileSize(dbPath) + fileSize(`${dbPath}-wal`);
  progress.line(
    `baselines: JSON ${fmtMs(jsonStringify.medianMs)}, canonical JSON ${fmtMs(jsonCanonical.medianMs)}, db.backup ${fmtMs(backup.medianMs)}, VACUUM INTO ${fmtMs(vacuumInto.medianMs)}`,
  );
  return { databaseBytes, jsonStringify, jsonCanonical, backup, backupOneStep, vacuumInto };
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
