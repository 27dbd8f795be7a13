// The serve-load bench: how `lifeboat serve` answers while it is busy. A demo desk (large by
// default) is served; a simulation of N ticks writes while C clients each make R requests — the
// console's own mix: desk status, a window of positions, a page of orders, the checkpoint list,
// the audit trail, health — and every answer's latency is recorded. Afterwards: did every tick
// commit, does the audit chain verify (nothing lost)?
//
//   npm run -s bench -- serve-load [--state DIR] [--size large|small] [--seed N] [--ticks N]
//                                  [--clients N] [--requests N] [--dir PATH] [--keep] [--json] [--out FILE]
//
// Figures are measured, never asserted (see bench/README.md). Issue #15 point 13 measured p50
// 2.4 s, p99 6.2 s and a slowest request of 24.4 s for 20 clients × 200 requests beside 2,000 ticks.
import { join, resolve } from 'node:path';
import type { DeskSize } from '../electron/engine/demo/generate-desk';
import { parseBenchArgs, type OutputOptions } from './lib/args';
import { cleanUp, emitReport, loadAverage, machine, makeWorkFolder, runMain } from './lib/run';
import { call, prepareDesk, serve, type Served } from './lib/serve';
import { fmtInt, fmtMs, heading, percentile, Progress, round, table } from './lib/util';

const USAGE = `usage: npm run bench -- serve-load [options]
  --state DIR         a demo desk to copy and serve (default: build one in the temporary folder)
  --size large|small  demo desk to build when --state is not given (default large)
  --seed N            demo desk seed (default 7)
  --ticks N           simulation ticks written during the run (default 2000)
  --clients N         concurrent clients (default 20)
  --requests N        requests per client (default 200)
  --dir PATH          where to make the temporary folder (default the OS temp dir)
  --keep              keep the temporary folder afterwards
  --json              one JSON document on stdout (progress stays on stderr)
  --out FILE          also write the JSON document to FILE`;

interface Options extends OutputOptions {
  state: string | null;
  size: DeskSize;
  seed: number;
  ticks: number;
  clients: number;
  requests: number;
}

function options(): Options {
  const args = parseBenchArgs('serve-load', USAGE, process.argv.slice(2), { state: 'string', ticks: 'string', clients: 'string', requests: 'string' });
  const state = args.string('state');
  return {
    ...args.output(),
    state: state ? resolve(state) : null,
    size: args.size(),
    seed: args.int('seed', 7, 0),
    ticks: args.int('ticks', 2000, 1),
    clients: args.int('clients', 20, 1),
    requests: args.int('requests', 200, 1),
  };
}

/** The console's read mix, round-robin per client. */
const MIX: [string, unknown][] = [
  ['desk.status', {}],
  ['positions.list', { limit: 300 }],
  ['orders.list', { limit: 300 }],
  ['checkpoints.list', {}],
  ['audit.list', { limit: 100 }],
  ['health', null],
];

interface Sample {
  channel: string;
  ms: number;
  ok: boolean;
}

async function timed(s: Served, channel: string, request: unknown): Promise<Sample> {
  const t0 = performance.now();
  try {
    if (channel === 'health') {
      const r = await fetch(`${s.origin}/api/health`);
      await r.arrayBuffer();
      return { channel, ms: performance.now() - t0, ok: r.ok };
    }
    await call(s, channel, request);
    return { channel, ms: performance.now() - t0, ok: true };
  } catch {
    return { channel, ms: performance.now() - t0, ok: false };
  }
}

async function client(s: Served, index: number, requests: number, out: Sample[]): Promise<void> {
  for (let i = 0; i < requests; i++) {
    const [channel, request] = MIX[(index + i) % MIX.length];
    out.push(await timed(s, channel, request));
  }
}

interface Stats {
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const stats = (xs: number[]): Stats => ({ n: xs.length, p50Ms: round(percentile(xs, 50), 1), p99Ms: round(percentile(xs, 99), 1), maxMs: round(Math.max(0, ...xs), 1) });

async function main(): Promise<void> {
  const started = Date.now();
  const progress = new Progress();
  const opts = options();
  const loadStart = loadAverage();
  const parent = makeWorkFolder(opts);
  const stateDir = join(parent, 'state');
  prepareDesk(stateDir, opts, (line) => progress.line(line));
  const served = await serve(stateDir);
  try {
    const auditBefore = (await call<{ counts: { auditEntries: number } }>(served, 'desk.status', {})).counts.auditEntries;
    // Idle first: the same mix with nothing writing, for comparison.
    progress.line(`idle: ${opts.clients} clients × ${Math.ceil(opts.requests / 10)} requests…`);
    const idle: Sample[] = [];
    await Promise.all(Array.from({ length: opts.clients }, (_, i) => client(served, i, Math.ceil(opts.requests / 10), idle)));

    progress.line(`loaded: ${opts.clients} clients × ${opts.requests} requests beside a ${opts.ticks}-tick simulation…`);
    const job = await call<{ jobId: string }>(served, 'simulate.start', { ticks: opts.ticks, seed: opts.seed });
    const loaded: Sample[] = [];
    const t0 = performance.now();
    await Promise.all(Array.from({ length: opts.clients }, (_, i) => client(served, i, opts.requests, loaded)));
    const clientsMs = performance.now() - t0;
    let state = 'running';
    let ticks = 0;
    while (state === 'running') {
      const j = await call<{ state: string; result: { ticks: number } | null }>(served, 'jobs.get', { jobId: job.jobId });
      state = j.state;
      ticks = j.result?.ticks ?? 0;
      if (state === 'running') await new Promise((r) => setTimeout(r, 250)); // polling a job over HTTP, as a script would
    }
    const writerMs = performance.now() - t0;
    const audit = await call<{ ok: boolean }>(served, 'audit.verify', {});
    const status = await call<{ counts: { auditEntries: number } }>(served, 'desk.status', {});
    const byChannel = [...new Set(loaded.map((s) => s.channel))].map((channel) => ({ channel, ...stats(loaded.filter((s) => s.channel === channel).map((s) => s.ms)) }));
    const report: Report = {
      bench: 'serve-load',
      environment: { ...machine(), loadAverageAtStart: loadStart, totalSeconds: 0 },
      options: { size: opts.state ? `copy of ${opts.state}` : opts.size, ticks: opts.ticks, clients: opts.clients, requests: opts.requests },
      idle: stats(idle.map((s) => s.ms)),
      loaded: { ...stats(loaded.map((s) => s.ms)), failed: loaded.filter((s) => !s.ok).length, clientsSeconds: round(clientsMs / 1000, 1), byChannel },
      writer: { state, ticksCommitted: ticks, ticksAsked: opts.ticks, seconds: round(writerMs / 1000, 1), auditEntriesAdded: status.counts.auditEntries - auditBefore, auditVerifies: audit.ok },
    };
    emitReport(report, started, opts, progress, render);
  } finally {
    served.server.kill('SIGTERM');
    cleanUp(parent, opts, progress);
  }
}

interface Report {
  bench: string;
  environment: ReturnType<typeof machine> & { loadAverageAtStart: unknown; totalSeconds: number };
  options: { size: string; ticks: number; clients: number; requests: number };
  idle: Stats;
  loaded: Stats & { failed: number; clientsSeconds: number; byChannel: (Stats & { channel: string })[] };
  writer: { state: string; ticksCommitted: number; ticksAsked: number; seconds: number; auditEntriesAdded: number; auditVerifies: boolean };
}

function render(r: Report): string {
  const row = (name: string, s: Stats) => [name, fmtInt(s.n), fmtMs(s.p50Ms), fmtMs(s.p99Ms), fmtMs(s.maxMs)];
  return [
    ...heading(`serve-load: ${r.options.clients} clients × ${r.options.requests} requests beside ${r.options.ticks} ticks (${r.options.size} desk)`),
    table(['requests', 'n', 'p50', 'p99', 'max'], [row('idle', r.idle), row('under load', r.loaded), ...r.loaded.byChannel.map((c) => row(`  ${c.channel}`, c))], [1, 2, 3, 4]),
    '',
    `failed requests under load: ${r.loaded.failed}`,
    `writer: ${r.writer.state}, ${fmtInt(r.writer.ticksCommitted)} of ${fmtInt(r.writer.ticksAsked)} ticks committed in ${r.writer.seconds} s; audit entries added ${fmtInt(r.writer.auditEntriesAdded)}; audit chain verifies: ${r.writer.auditVerifies}`,
    `issue #15 point 13 measured before: p50 2.4 s, p99 6.2 s, slowest 24.4 s (large desk, 20 × 200 beside 2,000 ticks)`,
  ].join('\n');
}

runMain('serve-load', new Progress(), main);
