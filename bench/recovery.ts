// The recovery bench: how long the damaged-database playbook takes to bring a desk back, verified
// (RTO), and how much it loses (RPO), on the large demo desk. A backup to a folder, a churn after
// it (what RPO measures), then `lifeboat recover damaged-database --drill` — a sandbox copy with
// 64 KiB of the database overwritten, recovered step by step — a few times. Issue #11's goal: a
// damaged database on the large desk back and verified in < 10 s.
//
//   npm run -s bench -- recovery [--state DIR] [--size large|small] [--seed N] [--rounds N] [--ticks N] [--dir PATH] [--keep] [--json] [--out FILE]
//
// Figures are measured, never asserted (bench/README.md).
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DESK_USAGE, OUTPUT_USAGE, parseBenchArgs, type OutputOptions } from './lib/args';
import { prepareDesk } from './lib/serve';
import { cleanUp, emitReport, loadAverage, machine, makeWorkFolder, runMain } from './lib/run';
import { fmtBytes, heading, median, Progress, round, table } from './lib/util';

const USAGE = `usage: npm run bench -- recovery [options]
${DESK_USAGE}
  --rounds N           drills to run (default 3)
  --ticks N            simulated ticks between the backup and the fault (default 200)
${OUTPUT_USAGE}`;

interface Options extends OutputOptions {
  state: string | null;
  size: 'large' | 'small';
  seed: number;
  rounds: number;
  ticks: number;
}

interface Drill {
  rtoSeconds: number;
  rpoSeconds: number;
  /** Step → milliseconds. */
  steps: Record<string, number>;
  wallSeconds: number;
}

interface Report {
  bench: 'recovery';
  desk: { dbBytes: number; ticksAfterBackup: number };
  drills: Drill[];
  medianRtoSeconds: number;
  goalRtoSeconds: 10;
  environment: ReturnType<typeof machine> & { loadAverageStart: number[]; loadAverageEnd: number[]; totalSeconds: number };
}

const CLI = join(__dirname, '..', '..', 'bin', 'lifeboat.cjs');

function options(): Options {
  const args = parseBenchArgs('recovery', USAGE, process.argv.slice(2), { state: 'string', rounds: 'string', ticks: 'string' });
  const state = args.string('state');
  return { ...args.output(), state: state ? resolve(state) : null, size: args.size() as 'large' | 'small', seed: args.int('seed', 7, 0), rounds: args.int('rounds', 3, 1), ticks: args.int('ticks', 200, 0) };
}

function lifeboat(args: string[]): { stdout: string; seconds: number } {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`lifeboat ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return { stdout: r.stdout, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function main(): Promise<void> {
  const opts = options();
  const started = Date.now();
  const progress = new Progress();
  const loadStart = loadAverage();
  const parent = makeWorkFolder(opts);
  try {
    const state = join(parent, 'desk');
    const S = ['--state', state];
    prepareDesk(state, { state: opts.state, size: opts.size, seed: opts.seed }, (l) => progress.line(l));
    const pass = join(parent, 'pass');
    writeFileSync(pass, 'recovery bench passphrase\n');
    progress.line('a checkpoint, a folder destination and a full backup…');
    lifeboat(['checkpoint', 'create', '--label', 'before the bench', ...S]);
    lifeboat(['backup', 'destination', 'add', 'bench', '--folder', join(parent, 'repo'), ...S]);
    lifeboat(['backup', 'init', '--passphrase-file', pass, ...S]);
    lifeboat(['backup', 'create', '--type', 'full', ...S]);
    if (opts.ticks) {
      progress.line(`simulating ${opts.ticks} ticks after the backup (what the restored point misses)…`);
      lifeboat(['simulate', '--ticks', String(opts.ticks), ...S]);
    }
    const drills: Drill[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      progress.line(`drill ${i + 1} of ${opts.rounds}: damaged database, recovered in a sandbox…`);
      const run = lifeboat(['recover', 'damaged-database', '--drill', '--json', ...S]);
      const out = JSON.parse(run.stdout) as { record: { rtoSeconds: number; rpoSeconds: number }; steps: { name: string; durationMs: number }[] };
      drills.push({ rtoSeconds: out.record.rtoSeconds, rpoSeconds: out.record.rpoSeconds, steps: Object.fromEntries(out.steps.map((s) => [s.name, s.durationMs])), wallSeconds: round(run.seconds, 2) });
    }
    const report: Report = {
      bench: 'recovery',
      desk: { dbBytes: statSync(join(state, 'lifeboat.db')).size, ticksAfterBackup: opts.ticks },
      drills,
      medianRtoSeconds: median(drills.map((d) => d.rtoSeconds)),
      goalRtoSeconds: 10,
      environment: { ...machine(), loadAverageStart: loadStart, loadAverageEnd: loadAverage(), totalSeconds: 0 },
    };
    emitReport(report, started, opts, progress, render);
  } finally {
    cleanUp(parent, opts, progress);
  }
}

function render(r: Report): string {
  const stepNames = Object.keys(r.drills[0]?.steps ?? {});
  return [
    ...heading('Recovery: a damaged database on the demo desk, back and verified (lifeboat recover damaged-database --drill)'),
    `database ${fmtBytes(r.desk.dbBytes)}; ${r.desk.ticksAfterBackup} ticks traded after the backup`,
    '',
    table(
      ['drill', 'RTO', 'RPO', ...stepNames, 'process'],
      r.drills.map((d, i) => [String(i + 1), `${d.rtoSeconds.toFixed(2)} s`, `${d.rpoSeconds.toFixed(0)} s`, ...stepNames.map((n) => `${d.steps[n]} ms`), `${d.wallSeconds.toFixed(2)} s`]),
      [1, 2, ...stepNames.map((_, i) => i + 3), stepNames.length + 3],
    ),
    '',
    `median RTO ${r.medianRtoSeconds.toFixed(2)} s (goal < ${r.goalRtoSeconds} s); RPO is the age of the newest backup when the fault is seen`,
    `machine: ${r.environment.cores} cores, load ${r.environment.loadAverageStart.join(' ')} → ${r.environment.loadAverageEnd.join(' ')}; ${r.environment.totalSeconds} s in all`,
  ].join('\n');
}

runMain('recovery', new Progress(), main);
