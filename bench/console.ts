// `npm run bench -- console`: does the console keep answering while it works? Builds a demo desk
// with a few checkpoints, serves it with the built CLI (`lifeboat serve`, a real process: run
// `npm run build` first), then runs verify-all and a checkpoint export over HTTP while polling
// /api/health every 50 ms. Prints each operation's duration and the health latencies meanwhile.
// Then every page of the console is loaded cold in Chromium (bench/lib/page-load.ts): its first
// meaningful content, and the longest task while its long table scrolls (issue #13).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeskSize } from '../electron/engine/demo/generate-desk';
import { simulate } from '../electron/engine/demo/simulate';
import { Engine } from '../electron/engine/engine';
import { parseBenchArgs, type OutputOptions } from './lib/args';
import { AS_OF, buildDemoDesk } from './lib/desk';
import { MEANINGFUL, measurePages, type PageLoad } from './lib/page-load';
import { cleanUp, emitReport, loadAverage, machine, makeWorkFolder, runMain } from './lib/run';
import { fmtBytes, fmtInt, fmtMs, heading, median, percentile, Progress, round, table } from './lib/util';

const USAGE = `usage: npm run bench -- console [options]     (after npm run build: it serves with dist/cli.cjs)
  --size large|small  demo desk to build (default large: 5 accounts, 10,000 positions, 200,000 orders)
  --repeat N          verify-all runs, and exports (default 3)
  --seed N            demo desk and simulator seed (default 7)
  --layers N          checkpoints taken after the first, 200 simulated ticks apart (default 4)
  --state DIR         serve a copy of this desk (e.g. one from \`lifeboat demo --size large\`) instead of building one
  --only WHAT         responsiveness (verify-all and export) or pages (cold page loads); default both
  --pages LIST        the pages to load, comma-separated ids (default every page)
  --page-repeat N     cold loads of each page; the median is reported (default 3)
  --chromium PATH     the browser for the page loads (default /usr/bin/chromium)
  --dir PATH          where to make the temporary state folder (default the OS temp dir)
  --keep              keep the state folder afterwards
  --json              one JSON document on stdout (progress stays on stderr)
  --out FILE          also write the JSON document to FILE`;

/** The issue's target: the console answers /api/health well under this while verify-all runs. */
const HEALTH_TARGET_MS = 100;
/** Issue #13's targets: a page's first meaningful content, and no long task over this while scrolling. */
const MEANINGFUL_TARGET_MS = 1000;
const SCROLL_TASK_TARGET_MS = 200;
const POLL_MS = 50;

interface Options extends OutputOptions {
  size: DeskSize;
  repeat: number;
  seed: number;
  layers: number;
  state: string | null;
  only: 'responsiveness' | 'pages' | null;
  pages: string[];
  pageRepeat: number;
  chromium: string;
}

const args = parseBenchArgs('console', USAGE, process.argv.slice(2), { layers: 'string', state: 'string', only: 'string', pages: 'string', 'page-repeat': 'string', chromium: 'string' });
const opts: Options = {
  size: args.size(),
  repeat: args.int('repeat', 3, 1),
  seed: args.int('seed', 7, 0),
  layers: args.int('layers', 4, 0),
  state: args.string('state') ? resolve(args.string('state')!) : null,
  only: onlyOption(args.string('only')),
  pages: pagesOption(args.string('pages')),
  pageRepeat: args.int('page-repeat', 3, 1),
  chromium: args.string('chromium') ?? '/usr/bin/chromium',
  ...args.output(),
};

function onlyOption(only: string | undefined): Options['only'] {
  if (only === undefined) return null;
  if (only === 'responsiveness' || only === 'pages') return only;
  return args.fail(`--only takes responsiveness or pages, got "${only}"`);
}

function pagesOption(list: string | undefined): string[] {
  if (list === undefined) return Object.keys(MEANINGFUL);
  const ids = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(id in MEANINGFUL));
  if (ids.length === 0 || unknown.length > 0) args.fail(`--pages: unknown page ${unknown.join(', ') || '(none given)'}; the pages are ${Object.keys(MEANINGFUL).join(', ')}`);
  return ids;
}
const progress = new Progress();
const root = join(__dirname, '..', '..');
runMain('console', progress, main);

async function main(): Promise<void> {
  const started = Date.now();
  const cli = join(root, 'bin', 'lifeboat.cjs');
  if (!existsSync(join(root, 'dist', 'cli.cjs'))) args.fail('the CLI is not built: run `npm run build` first');
  const parent = makeWorkFolder(opts);
  const stateDir = join(parent, 'state');
  progress.line(`bench console: ${opts.state ? `a copy of ${opts.state}` : `${opts.size} desk, seed ${opts.seed}, ${opts.layers + 1} checkpoints`}, ${opts.repeat} runs each, state in ${stateDir}`);
  const built = opts.state ? copyDesk(opts.state, stateDir) : await deskWithCheckpoints(stateDir);
  const served = await serve(cli, stateDir);
  try {
    const checkpoints = built ?? (await call<{ checkpoints: { checkpointId: string }[] }>(served, 'checkpoints.list', {})).checkpoints.map((c) => c.checkpointId);
    const responsiveness = opts.only === 'pages' ? null : await measureResponsiveness(served, checkpoints);
    const pages = opts.only === 'responsiveness'
      ? null
      : (await measurePages({ origin: `http://127.0.0.1:${served.port}`, token: served.token, chromium: opts.chromium, ids: opts.pages, repeat: opts.pageRepeat, say: (s) => progress.status(s) })).median;
    const report: Report = {
      options: { size: opts.state ? `copy of ${opts.state}` : opts.size, seed: opts.seed, checkpoints: checkpoints.length, repeat: opts.repeat, pollMs: POLL_MS, pageRepeat: opts.pageRepeat },
      verifyAll: responsiveness?.verifyAll ?? null,
      export: responsiveness?.export ?? null,
      pages,
      environment: { ...machine(), loadAverage: loadAverage(), totalSeconds: 0 },
    };
    emitReport(report, started, opts, progress, render);
  } finally {
    await served.stop();
    cleanUp(parent, opts, progress);
  }
}

interface Report {
  options: { size: string; seed: number; checkpoints: number; repeat: number; pollMs: number; pageRepeat: number };
  verifyAll: ReturnType<typeof summary> | null;
  export: ReturnType<typeof summary> | null;
  pages: PageLoad[] | null;
  environment: ReturnType<typeof machine> & { loadAverage: number[]; totalSeconds: number };
}

/** A copy of a desk made elsewhere, so every run starts from the same one (its checkpoints are listed once served). */
function copyDesk(from: string, stateDir: string): null {
  progress.status(`copying ${from}…`);
  cpSync(from, stateDir, { recursive: true });
  return null;
}

/** verify-all and an export, each `repeat` times, while /api/health is polled. */
async function measureResponsiveness(served: Served, checkpoints: string[]) {
  {
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
    if (checkpoints.length > 0) {
      for (let i = 0; i < opts.repeat; i++) {
        progress.status(`export ${i + 1}/${opts.repeat}…`);
        exports.push(await whilePolling(served, () => call(served, 'checkpoints.export', { checkpointId: checkpoints[0] })));
      }
    }
    return { verifyAll: summary(verify), export: exports.length > 0 ? summary(exports) : null };
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

function render(r: Report): string {
  const row = (name: string, s: ReturnType<typeof summary>) => [
    name,
    fmtMs(s.medianMs),
    s.samplesMs.map(fmtMs).join(', '),
    String(s.health.polls),
    fmtMs(s.health.p50Ms),
    fmtMs(s.health.p90Ms),
    fmtMs(s.health.maxMs),
  ];
  const lines: string[] = [];
  if (r.verifyAll) {
    const met = r.verifyAll.health.maxMs < HEALTH_TARGET_MS ? 'met' : 'NOT MET';
    lines.push(
      ...heading(`Console responsiveness (${r.options.size} desk, ${r.options.checkpoints} checkpoints; load ${r.environment.loadAverage.join(' ')} on ${r.environment.cores} cores)`),
      table(['operation', 'median', 'samples', 'health polls', 'health p50', 'p90', 'max'], [row('verify-all', r.verifyAll), ...(r.export ? [row('checkpoint export', r.export)] : [])], [1, 3, 4, 5, 6]),
      '',
      `Target: /api/health under ${HEALTH_TARGET_MS} ms while verify-all runs: ${met} (max ${fmtMs(r.verifyAll.health.maxMs)}).`,
    );
  }
  if (r.pages) lines.push(...renderPages(r.pages, r.options.pageRepeat));
  lines.push(`Total ${r.environment.totalSeconds} s.`);
  return lines.join('\n');
}

function renderPages(pages: PageLoad[], repeat: number): string[] {
  const meaningful = pages.map((p) => p.meaningfulMs ?? Infinity);
  const scrolled = pages.filter((p) => p.scroll);
  const worstScroll = Math.max(0, ...scrolled.map((p) => p.scroll!.longestTaskMs));
  return [
    ...heading(`Cold page loads in Chromium at 1440×900 (median of ${repeat} per page)`),
    table(
      ['page', 'first meaningful content', 'script', 'longest task (load)', 'rows scrolled', 'longest task (scroll)', 'long tasks (scroll)'],
      pages.map((p) => [
        p.page,
        p.meaningfulMs === null ? 'never' : fmtMs(p.meaningfulMs),
        fmtBytes(p.scriptBytes),
        fmtMs(p.longestLoadTaskMs),
        p.scroll ? fmtInt(p.scroll.rows) : '-',
        p.scroll ? fmtMs(p.scroll.longestTaskMs) : '-',
        p.scroll ? String(p.scroll.longTasks) : '-',
      ]),
      [1, 2, 3, 4, 5, 6],
    ),
    '',
    `Target: first meaningful content under ${fmtMs(MEANINGFUL_TARGET_MS)} on every page: ${Math.max(...meaningful) < MEANINGFUL_TARGET_MS ? 'met' : 'NOT MET'} (slowest ${fmtMs(Math.max(...meaningful))}).`,
    `Target: no long task over ${fmtMs(SCROLL_TASK_TARGET_MS)} while scrolling: ${worstScroll <= SCROLL_TASK_TARGET_MS ? 'met' : 'NOT MET'} (longest ${fmtMs(worstScroll)}).`,
  ];
}
