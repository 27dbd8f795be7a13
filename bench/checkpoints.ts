// The checkpoints bench: how much a checkpoint, a diff, a rollback and a verify cost on the large
// demo desk, how the chunk store grows with churn, and how that compares with the two usual ways
// of saving trading state (a JSON snapshot written atomically; an SQLite online backup).
//
//   npm run -s bench -- checkpoints [--json] [--size large|small] [--rounds N] [--repeat N]
//                                   [--seed N] [--churn PCT] [--dir PATH] [--keep] [--profile DIR] [--out FILE]
//
// Figures are measured, never asserted: the targets from the issue are printed next to them and
// marked met / not met, and the bench exits 0 unless something crashes. See bench/README.md.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Profiler, Progress } from './lib/util';
import { parseBenchArgs } from './lib/args';
import { cleanUp, emitReport, makeWorkFolder, runMain } from './lib/run';
import { render } from './lib/checkpoints-report';
import { openState, run, type Options } from './lib/checkpoints-run';

// ---- options -----------------------------------------------------------------------------------

const USAGE = `usage: npm run bench -- checkpoints [options]
  --size large|small  demo desk to build (default large: 5 accounts, 10,000 positions, 200,000 orders)
  --rounds N          checkpoints taken at ~1% churn each for the storage figure (default 100)
  --repeat N          samples of each cheap timed operation; the median is reported (default 3)
  --seed N            demo desk and simulator seed (default 7)
  --churn PCT         churn per round, percent of all rows (default 1)
  --dir PATH          where to make the temporary state folder (default the OS temp dir)
  --keep              keep the temporary state folder afterwards (its path is printed)
  --profile DIR       write a CPU profile (.cpuprofile) of every timed checkpoint operation into DIR
                      (timings then include the profiler's overhead)
  --json              one JSON document on stdout (progress stays on stderr)
  --out FILE          also write the JSON document to FILE (with or without --json)`;

function parseOptions(argv: string[]): Options {
  const args = parseBenchArgs('checkpoints', USAGE, argv, { rounds: 'string', churn: 'string' });
  const size = args.size();
  const churnPct = args.percent('churn', 1, 100);
  return {
    size,
    rounds: args.int('rounds', 100, 0),
    repeat: args.int('repeat', 3, 1),
    seed: args.int('seed', 7, 0),
    churnPct,
    ...args.output(),
  };
}

// ---- the run -----------------------------------------------------------------------------------


const opts = parseOptions(process.argv.slice(2));
const progress = new Progress();
const profiler = new Profiler(opts.profile);

runMain('checkpoints', progress, main);

async function main(): Promise<void> {
  const started = Date.now();
  const parent = makeWorkFolder(opts);
  const stateDir = join(parent, 'state');
  const scratch = join(parent, 'baseline');
  mkdirSync(scratch);
  progress.line(`bench checkpoints: ${opts.size} desk, seed ${opts.seed}, ${opts.rounds} rounds at ${opts.churnPct}% churn, state in ${stateDir}`);

  const engine = await openState(stateDir, progress);
  try {
    emitReport(await run({ opts, progress, profiler }, engine, scratch), started, opts, progress, render);
  } finally {
    profiler.close();
    await engine.close();
    cleanUp(parent, opts, progress);
  }
}

