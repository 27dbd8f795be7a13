// `npm run bench -- console`: does the console keep answering while it works? Builds a demo desk
// with a few checkpoints, serves it with the built CLI (`lifeboat serve`, a real process: run
// `npm run build` first), then runs verify-all and a checkpoint export over HTTP while polling
// /api/health every 50 ms. Prints each operation's duration and the health latencies meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeskSize } from '../electron/engine/demo/generate-desk';
import { simulate } from '../electron/engine/demo/simulate';
import { Engine } from '../electron/engine/engine';
import { parseBenchArgs, type OutputOptions } from './lib/args';
import { AS_OF, buildDemoDesk } from './lib/desk';
import { cleanUp, emitReport, loadAverage, machine, makeWorkFolder, runMain } from './lib/run';
import { fmtMs, heading, median, percentile, Progress, round, table } from './lib/util';

const USAGE = `usage: npm run bench -- console [options]     (after npm run build: it serves with dist/cli.cjs)
  --size large|small  demo desk to build (default large: 5 accounts, 10,000 positions, 200,000 orders)
  --repeat N          verify-all runs, and exports (default 3)
  --seed N            demo desk and simulator seed (default 7)
  --layers N          checkpoints taken after the first, 200 simulated ticks apart (default 4)
  --dir PATH          where to make the temporary state folder (default the OS temp dir)
  --keep              keep the state folder afterwards
  --json              one JSON document on stdout (progress stays on stderr)
  --out FILE          also write the JSON document to FILE`;

/** The target: the console answers /api/health well under this while verify-all runs. */
const HEALTH_TARGET_MS = 100;
const POLL_MS = 50;

interface Options extends OutputOptions {
  size: DeskSize;
  repeat: number;
  seed: number;
  layers: number;
}

const args = parseBenchArgs('console', USAGE, process.argv.slice(2), { layers: 'string' });
const opts: Options = { size: args.size(), repeat: args.int('repeat', 3, 1), seed: args.int('seed', 7, 0), layers: args.int('layers', 4, 0), ...args.output() };
const progress = new Progress();
const root = join(__dirname, '..', '..');
runMain('console', progress, main);

async function main(): Promise<void> {
  const started = Date.now();
  const cli = join(root, 'bin', 'lifeboat.cjs');
  if (!existsSync(join(root, 'dist', 'cli.cjs'))) args.fail('the CLI is not built: run `npm run build` first');
  const parent = makeWorkFolder(opts);
  const stateDir = join(parent, 'state');
  progress.line(`bench console: ${opts.size} desk, seed ${opts.seed}, ${opts.layers + 1} checkpoints, ${opts.repeat} runs each, state in ${stateDir}`);
  const checkpoints = await deskWithCheckpoints(stateDir);
  const served = await serve(cli, stateDir);
  try {
    const verify: Sample[] = [];
    for (let i = 0; i < opts.repeat; i++) {
      progress.status(`verify-all ${i + 1}/${opts.repeat}…`);
      verify.push(await whilePolling(served, async () => {
        const job = await call<{ jobId: string }>(served, 'checkpoints.verify', { all: true });
        for (;;) {
          const j = await call<{ state: string; error: string | null }>(served, 'jobs.get', { jobId: job.jobId });
          if (j.state === 'succeeded') return;
          if (j.state !== 'running') throw new Error(`verify-all ended ${j.state}: ${j.error}`);
          await sleep(100);
        }
      }));
    }
    const exports: Sample[] = [];
    for (let i = 0; i < opts.repeat; i++) {
      progress.status(`export ${i + 1}/${opts.repeat}…`);
      exports.push(await whilePolling(served, () => call(served, 'checkpoints.export', { checkpointId: checkpoints[0] })));
    }
    const report = {
      options: { size: opts.size, seed: opts.seed, checkpoints: checkpoints.length, repeat: opts.repeat, pollMs: POLL_MS },
      verifyAll: summary(verify),
      export: summary(exports),
      environment: { ...machine(), loadAverage: loadAverage(), totalSeconds: 0 },
    };
    emitReport(report, started, opts, progress, render);
  } finally {
    await served.stop();
    cleanUp(parent, opts, progress);
  }
}

/** A demo desk with a full checkpoint and `layers` layered ones, built in this process. */
async function deskWithCheckpoints(stateDir: string): Promise<string[]> {
  const engine = Engine.open({ stateDir, mode: 'write', purpose: 'bench console', create: true });
  try {
    buildDemoDesk(engine.store, opts.size, opts.seed, progress);
    const ids = [engine.checkpoints.create('manual', 'bench: first').checkpointId];
    let clock = Date.parse(AS_OF);
    for (let i = 0; i < opts.layers; i++) {
      progress.status(`checkpoint ${i + 2}/${opts.layers + 1}: simulating…`);
      simulate(engine.store, { ticks: 200, seed: opts.seed + i }, () => new Date((clock += 1000)).toISOString());
      ids.push(engine.checkpoints.create('manual', `bench: layer ${i + 1}`).checkpointId);
    }
    return ids;
  } finally {
    await engine.close();
  }
}

interface Served {
  port: number;
  token: string;
  stop(): Promise<void>;
}

async function serve(cli: string, stateDir: string): Promise<Served> {
  progress.status('starting lifeboat serve…');
  const proc: ChildProcess = spawn(process.execPath, [cli, 'serve', '--state', stateDir, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    void exited.then(() => reject(new Error('lifeboat serve exited before listening')));
  });
  const { port, token } = JSON.parse(line) as { port: number; token: string };
  const served = { port, token, stop: async () => void (proc.kill('SIGTERM'), await exited) };
  await health(served); // it answers: its start-up work (the live check) is done
  return served;
}

async function call<T = unknown>(s: Served, channel: string, body: unknown): Promise<T> {
  const r = await fetch(`http://127.0.0.1:${s.port}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message}`);
  return answer.value;
}

/** One /api/health round trip in ms (retried once on a reset: a keep-alive socket the server just closed). */
async function health(s: Served): Promise<number> {
  const t = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await (await fetch(`http://127.0.0.1:${s.port}/api/health`)).json();
      return performance.now() - t;
    } catch (err) {
      if (attempt > 0) throw err;
    }
  }
}

interface Sample {
  ms: number;
  healthMs: number[];
}

/** Runs `work` while polling /api/health every POLL_MS (or back to back when one takes longer). */
async function whilePolling(s: Served, work: () => Promise<unknown>): Promise<Sample> {
  const healthMs: number[] = [];
  let done = false;
  const t0 = performance.now();
  const running = work().finally(() => (done = true));
  while (!done) {
    const t = performance.now();
    healthMs.push(await health(s));
    const rest = POLL_MS - (performance.now() - t);
    if (rest > 0 && !done) await sleep(rest);
  }
  await running;
  return { ms: performance.now() - t0, healthMs };
}

function summary(samples: Sample[]) {
  const all = samples.flatMap((s) => s.healthMs);
  return {
    medianMs: round(median(samples.map((s) => s.ms))),
    samplesMs: samples.map((s) => round(s.ms)),
    health: { polls: all.length, p50Ms: round(percentile(all, 50)), p90Ms: round(percentile(all, 90)), maxMs: round(Math.max(...all)) },
    healthMaxPerRunMs: samples.map((s) => round(Math.max(...s.healthMs))),
  };
}

function render(r: { options: { size: string; checkpoints: number }; verifyAll: ReturnType<typeof summary>; export: ReturnType<typeof summary>; environment: { loadAverage: number[]; cores: number; totalSeconds: number } }): string {
  const row = (name: string, s: ReturnType<typeof summary>) => [
    name,
    fmtMs(s.medianMs),
    s.samplesMs.map(fmtMs).join(', '),
    String(s.health.polls),
    fmtMs(s.health.p50Ms),
    fmtMs(s.health.p90Ms),
    fmtMs(s.health.maxMs),
  ];
  const met = r.verifyAll.health.maxMs < HEALTH_TARGET_MS ? 'met' : 'NOT MET';
  return [
    ...heading(`Console responsiveness (${r.options.size} desk, ${r.options.checkpoints} checkpoints; load ${r.environment.loadAverage.join(' ')} on ${r.environment.cores} cores)`),
    table(['operation', 'median', 'samples', 'health polls', 'health p50', 'p90', 'max'], [row('verify-all', r.verifyAll), row('checkpoint export', r.export)], [1, 3, 4, 5, 6]),
    '',
    `Target: /api/health under ${HEALTH_TARGET_MS} ms while verify-all runs: ${met} (max ${fmtMs(r.verifyAll.health.maxMs)}).`,
    `Total ${r.environment.totalSeconds} s.`,
  ].join('\n');
}
