// The reconcile bench: how long a reconciliation of the large demo desk takes against a broker
// snapshot with ~1% differences — reading and importing the file, loading our books, matching,
// storing the run and its discrepancies, writing the reports — in each format, with the peak memory;
// and how fast a 100 MB CSV is parsed, inline and in the parse worker (how long the main thread
// stalls meanwhile).
//
//   npm run bench -- reconcile [--json] [--size large|small] [--repeat N] [--seed N] [--pct PCT]
//                              [--big-csv-mb N] [--big-repeat N] [--dir PATH] [--keep] [--profile DIR] [--out FILE]
//
// Figures are measured, never asserted: the target from the issue is printed next to them and
// marked met / not met, and the bench exits 0 unless something crashes. See bench/README.md.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import type { BrokerAccountSnapshot, BrokerFormat, BrokerSnapshot, CsvMapping, DiscrepancyKind, ReconcileReport, Tolerances } from '../shared/api/reconcile';
import { Engine } from '../electron/engine/engine';
import type { DeskSize } from '../electron/engine/demo/generate-desk';
import { parseBrokerFile } from '../electron/engine/reconcile/importers';
import { loadLocalBook } from '../electron/engine/reconcile/local-sources';
import { matchSnapshot } from '../electron/engine/reconcile/match';
import { reconcile, type ReconcileInput } from '../electron/engine/reconcile/reconcile';
import { reportCsv, reportJson } from '../electron/engine/reconcile/report-export';
import { getReport } from '../electron/engine/reconcile/runs-store';
import { loadMappings } from '../electron/engine/reconcile/symbol-mappings';
import { exactSnapshot } from '../electron/engine/demo/broker-snapshots/exact';
import { writeCcxt, writeCsv, writeLifeboat } from '../electron/engine/demo/broker-snapshots/writers';
import { parseOffThread } from '../electron/engine/reconcile/parse-off-thread';
import { WorkerPool } from '../electron/engine/workers/pool';
import { cpuMsSince, fmtBytes, fmtInt, fmtMs, heading, median, Profiler, Progress, round, settle, stopwatch, summarize, table, time } from './lib/util';
import { parseBenchArgs, type OutputOptions } from './lib/args';
import { AS_OF, buildDemoDesk } from './lib/desk';
import { cleanUp, emitReport, gcBetweenSamples, loadAverage, machine, makeWorkFolder, runMain } from './lib/run';
import { differenceKey, perturbSnapshot, type PlantedDifference } from './lib/recon-perturb';
import { maxRssBytes, MemoryPeaks, StallWatch } from './lib/recon-measure';
import { withTransactionSpans } from './lib/transaction-spans';

// ---- options -----------------------------------------------------------------------------------

const USAGE = `usage: npm run bench -- reconcile [options]
  --size large|small  demo desk to build (default large: 5 accounts, 10,000 positions, 200,000 orders)
  --repeat N          end-to-end runs per format; the median of each phase is reported (default 5)
  --seed N            demo desk and perturbation seed (default 7)
  --pct PCT           percent of positions and of open orders the broker snapshot differs in (default 1)
  --big-csv-mb N      size of the large CSV parsed on its own, in MiB; 0 skips it (default 100)
  --big-repeat N      inline parses of the large CSV; the median is reported (default 2)
  --dir PATH          where to make the temporary state folder (default the OS temp dir)
  --keep              keep the temporary folder (state, broker files, reports) afterwards
  --profile DIR       after the timed runs, profile one more run of each phase per format (and the
                      large CSV parse) into DIR as .cpuprofile files (bench/tools/cpuprofile-top.mjs)
  --json              one JSON document on stdout (progress stays on stderr)
  --out FILE          also write the JSON document to FILE (with or without --json)`;

interface Options extends OutputOptions {
  size: DeskSize;
  repeat: number;
  seed: number;
  pct: number;
  bigCsvMiB: number;
  bigRepeat: number;
}

function parseOptions(argv: string[]): Options {
  const args = parseBenchArgs('reconcile', USAGE, argv, { pct: 'string', 'big-csv-mb': 'string', 'big-repeat': 'string' });
  const size = args.size();
  const pct = args.percent('pct', 1, 50);
  return {
    size,
    repeat: args.int('repeat', 5, 1),
    seed: args.int('seed', 7, 0),
    pct,
    bigCsvMiB: args.int('big-csv-mb', 100, 0),
    bigRepeat: args.int('big-repeat', 2, 1),
    ...args.output(),
  };
}

// ---- the run -----------------------------------------------------------------------------------

/** The issue's target, for 10,000 positions and 200,000 orders. */
const TARGET_MS = 1000;
/** Default tolerances (quantities exact, prices within 1 bp, cash within a cent): {} uses them. */
const TOLERANCES: Tolerances = {};

const MiB = 1024 * 1024;

let opts: Options;
let progress: Progress;
let profiler: Profiler;

opts = parseOptions(process.argv.slice(2));
progress = new Progress();
profiler = new Profiler(opts.profile);
runMain('reconcile', progress, main);

async function main(): Promise<void> {
  const started = Date.now();
  const parent = makeWorkFolder(opts);
  const stateDir = join(parent, 'state');
  const files = join(parent, 'broker');
  mkdirSync(files);
  progress.line(`bench reconcile: ${opts.size} desk, seed ${opts.seed}, ${opts.pct}% differences, ${opts.repeat} runs per format, state in ${stateDir}`);

  const engine = Engine.open({ stateDir, mode: 'write', purpose: 'bench reconcile', create: true });
  try {
    emitReport(await run(engine, files), started, opts, progress, render);
  } finally {
    profiler.close();
    await engine.close();
    cleanUp(parent, opts, progress);
  }
}

interface FormatCase {
  format: BrokerFormat;
  label: string;
  file: string;
  text: string;
  columns?: CsvMapping;
  symbols?: Record<string, Record<string, string>>;
  accounts: BrokerAccountSnapshot[];
  planted: PlantedDifference[];
}

async function run(engine: Engine, dir: string) {
  const db = engine.store.db;
  const stages: { stage: string; maxRssBytes: number }[] = [];
  const stage = (name: string) => stages.push({ stage: name, maxRssBytes: maxRssBytes() });
  stage('start');
  const loadAtStart = loadAverage();

  // -- the desk ---------------------------------------------------------------------------------
  const gen = buildDemoDesk(engine.store, opts.size, opts.seed, progress);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const desk = {
    generateMs: round(gen.ms),
    accounts: count('SELECT COUNT(*) FROM accounts'),
    positions: count('SELECT COUNT(*) FROM positions'),
    orders: count('SELECT COUNT(*) FROM orders'),
    openOrders: count('SELECT COUNT(*) FROM orders WHERE is_open = 1'),
    cashBalances: count('SELECT COUNT(*) FROM cash_balances'),
  };
  progress.line(
    `desk built in ${fmtMs(gen.ms)}: ${desk.accounts} accounts, ${fmtInt(desk.positions)} positions, ${fmtInt(desk.orders)} orders (${fmtInt(desk.openOrders)} open), ${desk.cashBalances} cash balances`,
  );
  stage('desk built');

  // -- the broker snapshots -----------------------------------------------------------------------
  progress.status('writing the broker snapshots…');
  const book = loadLocalBook(engine, 'live');
  const exact = exactSnapshot(book);
  const accounts = engine.store.accounts();
  const kindOf = new Map(accounts.map((a) => [a.accountId, a.kind]));
  const localOrderIds = new Map(book.orders.map((o) => [o.clientOrderId ?? o.orderId, o.orderId]));
  const perturb = (which: BrokerAccountSnapshot[], closedOrders: boolean) =>
    perturbSnapshot(which, { seed: opts.seed, pct: opts.pct, closedOrders, knownSymbols: book.knownSymbols, localOrderIds, isCrypto: (id) => kindOf.get(id) === 'crypto' });

  // The exact snapshot must match with no discrepancies, or planted-vs-found would mean nothing.
  const exactDiscrepancies = matchSnapshot(book, { format: 'lifeboat', fileName: 'exact', asOf: AS_OF, accounts: exact }, loadMappings(db), TOLERANCES).length;
  const brokerRows = {
    positions: exact.reduce((n, a) => n + (a.positions?.length ?? 0), 0),
    orders: exact.reduce((n, a) => n + (a.orders?.length ?? 0), 0),
    cash: exact.reduce((n, a) => n + (a.cash?.length ?? 0), 0),
  };
  const all = perturb(exact, true);
  const cases: FormatCase[] = [];
  const write = (c: FormatCase) => {
    writeFileSync(join(dir, c.file), c.text);
    cases.push(c);
  };
  write({ format: 'lifeboat', label: 'Lifeboat JSON', file: 'lifeboat.json', text: writeLifeboat(all.accounts, AS_OF), accounts: all.accounts, planted: all.planted });
  {
    const { csv, mapping } = writeCsv(all.accounts);
    writeFileSync(join(dir, 'broker-mapping.json'), mapping);
    const m = JSON.parse(mapping) as { columns: CsvMapping; symbols: Record<string, Record<string, string>> };
    write({ format: 'csv', label: 'CSV + mapping', file: 'broker.csv', text: csv, columns: m.columns, symbols: m.symbols, accounts: all.accounts, planted: all.planted });
  }
  const crypto = exact.filter((a) => kindOf.get(a.accountId) === 'crypto');
  if (crypto.length) {
    // CCXT's fetchOpenOrders lists open orders only: a closed order is left out instead.
    const c = perturb(crypto, false);
    write({ format: 'ccxt', label: `CCXT (${crypto.length} crypto accounts)`, file: 'ccxt.json', text: writeCcxt(c.accounts, Date.parse(AS_OF)), accounts: c.accounts, planted: c.planted });
  }
  progress.line(
    `broker snapshots: ${cases.map((c) => `${c.file} ${fmtBytes(Buffer.byteLength(c.text))}`).join(', ')}; ${all.planted.length} differences planted ` +
      `(exact snapshot: ${exactDiscrepancies} discrepancies)`,
  );
  stage('snapshots written');

  // -- per format -------------------------------------------------------------------------------
  const formats = [];
  for (const c of cases) {
    formats.push(benchFormat(engine, dir, c));
    stage(`${c.format} runs`);
  }

  // -- the large CSV ----------------------------------------------------------------------------
  const bigCsv = opts.bigCsvMiB > 0 ? await benchBigCsv(dir, all.accounts) : null;
  if (bigCsv) stage('large CSV');

  const full = formats.filter((f) => f.coversWholeDesk);
  const targets = [
    ...formats.map((f) => ({
      target: `import + match + report < 1 s, ${f.coversWholeDesk ? `${fmtInt(desk.positions)} positions / ${fmtInt(desk.orders)} orders` : `crypto accounts only (${fmtInt(f.rows.positions)} broker positions)`}: ${f.label}`,
      value: f.phasesMs.total,
      cpuMs: f.phasesMs.cpu,
      unit: 'ms',
      met: f.phasesMs.total < TARGET_MS,
      appliesToWholeDesk: f.coversWholeDesk,
    })),
    {
      target: 'slowest whole-desk format, end to end < 1 s',
      value: full.length ? Math.max(...full.map((f) => f.phasesMs.total)) : NaN,
      cpuMs: full.length ? Math.max(...full.map((f) => f.phasesMs.cpu)) : NaN,
      unit: 'ms',
      met: full.length ? Math.max(...full.map((f) => f.phasesMs.total)) < TARGET_MS : null,
      appliesToWholeDesk: true,
    },
  ];

  return {
    bench: 'reconcile',
    options: { size: opts.size, seed: opts.seed, pct: opts.pct, repeat: opts.repeat, bigCsvMiB: opts.bigCsvMiB, bigRepeat: opts.bigRepeat, tolerances: 'defaults', profiled: profiler.enabled },
    environment: {
      ...machine(),
      totalMemoryBytes: totalmem(),
      stateDir: engine.paths.dir,
      gcBetweenSamples: gcBetweenSamples(),
      /** 1/5/15-minute load averages: above the core count, wall times include waiting for a core. */
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadAverage(),
      totalSeconds: 0,
    },
    desk: { ...desk, brokerView: brokerRows, exactSnapshotDiscrepancies: exactDiscrepancies },
    planted: { total: all.planted.length, byKind: byKind(all.planted), changes: all.changes },
    formats,
    bigCsv,
    memory: { stages, finalMaxRssBytes: maxRssBytes() },
    targets,
  };
}

type Report = Awaited<ReturnType<typeof run>>;

// ---- one format ---------------------------------------------------------------------------------

interface PipelineSample {
  read: number;
  parse: number;
  reconcile: number;
  /** Loading our books alone (a read), timed just before the run. */
  loadBook: number;
  /** The run's one commit: our books loaded, matched and the run stored in one transaction. */
  store: number;
  /** reconcile() outside its commit: account checks, hashing the file. */
  matchAndRest: number;
  reportCsv: number;
  reportJson: number;
  total: number;
  /** CPU time (user + system) of the whole run: on a busy machine, wall time minus waiting for a core. */
  cpu: number;
}

function benchFormat(engine: Engine, dir: string, c: FormatCase) {
  const db = engine.store.db;
  const path = join(dir, c.file);
  const bytes = Buffer.byteLength(c.text);
  const input = (content: string): ReconcileInput => ({
    fileName: c.file,
    content,
    columns: c.columns,
    symbols: c.symbols,
    against: 'live',
    strategy: 'warn',
    tolerances: TOLERANCES,
  });
  const parseInput = (text: string) => ({ fileName: c.file, text, mapping: c.columns });
  const mem = new MemoryPeaks();
  settle();
  const baseline = mem.sample();
  const samples: PipelineSample[] = [];
  let last: { report: ReconcileReport; parsed: BrokerSnapshot; csv: string; json: string } | null = null;

  for (let i = 0; i < opts.repeat; i++) {
    progress.status(`${c.label}: end-to-end run ${i + 1}/${opts.repeat}…`);
    last = null;
    settle();
    mem.sample();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const text = readFileSync(path, 'utf8');
    const t1 = performance.now();
    const parsed = parseBrokerFile(parseInput(text));
    const tb = performance.now();
    loadLocalBook(engine, 'live');
    const loadBook = performance.now() - tb;
    const t2 = performance.now();
    mem.sample();
    const { value: report, spansMs } = withTransactionSpans(db, () => reconcile(engine, input(text), parsed));
    const t3 = performance.now();
    mem.sample();
    const csv = reportCsv(report);
    const t4 = performance.now();
    const json = reportJson(report);
    const t5 = performance.now();
    const cpuMs = cpuMsSince(cpu0);
    mem.sample();
    // The one commit path: the book is loaded, matched and the run stored in one transaction.
    if (spansMs.length !== 1) throw new Error(`expected reconcile() to run one top-level transaction (its commit), saw ${spansMs.length}`);
    const [store] = spansMs;
    samples.push({
      read: t1 - t0,
      parse: tb - t1,
      reconcile: t3 - t2,
      loadBook,
      store,
      matchAndRest: t3 - t2 - store,
      reportCsv: t4 - t3,
      reportJson: t5 - t4,
      total: t5 - t0,
      cpu: cpuMs,
    });
    last = { report, parsed, csv, json };
  }
  const { report, parsed, csv, json } = last!;
  // What the run holds on to while the report is open (after a GC): the snapshot, the report and its two exports.
  settle();
  const retained = process.memoryUsage().heapUsed - baseline.heapUsed;
  writeFileSync(join(dir, `${c.format}-report.csv`), csv);
  writeFileSync(join(dir, `${c.format}-report.json`), json);

  // -- the phases on their own --------------------------------------------------------------------
  const standalone = <T>(label: string, fn: () => T) => {
    const samples = [];
    for (let i = 0; i < opts.repeat; i++) {
      progress.status(`${c.label}: ${label} ${i + 1}/${opts.repeat}…`);
      samples.push(time(fn));
    }
    return summarize(samples);
  };
  const mappings = loadMappings(db, c.symbols);
  const book = loadLocalBook(engine, 'live');
  const alone = {
    loadLocalBook: standalone('loadLocalBook', () => loadLocalBook(engine, 'live')),
    matchSnapshot: standalone('matchSnapshot', () => matchSnapshot(book, parsed, mappings, TOLERANCES)),
    sha256OfFile: standalone('sha256', () => createHash('sha256').update(c.text).digest('hex')),
    getReport: standalone('getReport', () => getReport(db, report.runId)),
  };
  const rssAfter = maxRssBytes();
  const medians = (pick: 'medianMs' | 'medianCpuMs') => Object.fromEntries(Object.entries(alone).map(([k, v]) => [k, v[pick]])) as Record<keyof typeof alone, number>;

  // -- discrepancies against what was planted ------------------------------------------------------------
  const plantedKeys = new Map(c.planted.map((p) => [differenceKey(p), p]));
  const foundKeys = new Map(report.discrepancies.map((f) => [differenceKey(f), f]));
  const missed = [...plantedKeys.keys()].filter((k) => !foundKeys.has(k));
  const unexpected = [...foundKeys.keys()].filter((k) => !plantedKeys.has(k));

  if (profiler.enabled) {
    progress.status(`${c.label}: profiling…`);
    const text = profiler.run(`${c.format}-read`, () => readFileSync(path, 'utf8'));
    const p = profiler.run(`${c.format}-parse`, () => parseBrokerFile(parseInput(text)));
    const r = profiler.run(`${c.format}-reconcile`, () => reconcile(engine, input(text), p));
    profiler.run(`${c.format}-report`, () => [reportCsv(r), reportJson(r)]);
    profiler.run(`${c.format}-loadLocalBook`, () => loadLocalBook(engine, 'live'));
    profiler.run(`${c.format}-matchSnapshot`, () => matchSnapshot(book, p, mappings, TOLERANCES));
  }

  const m = (k: keyof PipelineSample) => round(median(samples.map((s) => s[k])));
  const rows = {
    positions: parsed.accounts.reduce((n, a) => n + (a.positions?.length ?? 0), 0),
    orders: parsed.accounts.reduce((n, a) => n + (a.orders?.length ?? 0), 0),
    cash: parsed.accounts.reduce((n, a) => n + (a.cash?.length ?? 0), 0),
  };
  const out = {
    format: c.format,
    label: c.label,
    file: c.file,
    bytes,
    accounts: parsed.accounts.length,
    coversWholeDesk: parsed.accounts.length === engine.store.accounts().length,
    rows,
    planted: { total: c.planted.length, byKind: byKind(c.planted) },
    discrepancies: {
      total: report.discrepancies.length,
      byKind: byKind(report.discrepancies),
      aboveTolerance: report.summary.aboveTolerance,
      matchedPlanted: c.planted.length - missed.length,
      missed: missed.slice(0, 20),
      missedCount: missed.length,
      unexpected: unexpected.slice(0, 20),
      unexpectedCount: unexpected.length,
    },
    phasesMs: {
      read: m('read'),
      parse: m('parse'),
      reconcile: m('reconcile'),
      loadBook: m('loadBook'),
      matchAndRest: m('matchAndRest'),
      store: m('store'),
      reportCsv: m('reportCsv'),
      reportJson: m('reportJson'),
      total: m('total'),
      cpu: m('cpu'),
    },
    samplesMs: samples.map((s) => round(s.total)),
    parseMBps: round(bytes / MiB / (m('parse') / 1000), 1),
    standaloneMs: medians('medianMs'),
    standaloneCpuMs: medians('medianCpuMs'),
    reportBytes: { csv: Buffer.byteLength(csv), json: Buffer.byteLength(json) },
    memory: {
      ...mem.snapshot(),
      baselineHeapUsedBytes: baseline.heapUsed,
      baselineRssBytes: baseline.rss,
      heapRetainedAfterRunBytes: retained,
      maxRssBytes: rssAfter,
    },
  };
  progress.line(
    `${c.label}: ${fmtMs(out.phasesMs.total)} end to end (parse ${fmtMs(out.phasesMs.parse)}, reconcile ${fmtMs(out.phasesMs.reconcile)}, reports ${fmtMs(out.phasesMs.reportCsv + out.phasesMs.reportJson)}); ` +
      `${out.discrepancies.total} discrepancies for ${out.planted.total} planted; peak heap ${fmtBytes(out.memory.heapUsedBytes)}, rss ${fmtBytes(out.memory.rssBytes)}`,
  );
  return out;
}

// ---- the large CSV ------------------------------------------------------------------------------

/** Writes the large CSV: copies of the whole desk's snapshot under renamed accounts, until it reaches the size. */
function writeBigCsv(file: string, accounts: BrokerAccountSnapshot[]) {
  const one = Buffer.byteLength(writeCsv(accounts).csv);
  const copies = Math.max(1, Math.ceil((opts.bigCsvMiB * MiB) / one));
  const many = Array.from({ length: copies }, (_, k) => accounts.map((a) => ({ ...a, accountId: `${a.accountId}-copy${String(k).padStart(3, '0')}` })));
  const { csv, mapping } = writeCsv(many.flat());
  writeFileSync(file, csv);
  return { copies, columns: (JSON.parse(mapping) as { columns: CsvMapping }).columns, bytes: Buffer.byteLength(csv), lines: countLines(csv) };
}

async function benchBigCsv(dir: string, accounts: BrokerAccountSnapshot[]) {
  progress.status(`writing a ${opts.bigCsvMiB} MiB CSV…`);
  const file = join(dir, 'big.csv');
  // Generated in a function of its own, so its copy of the text is garbage before the timed parses.
  const { copies, columns, bytes, lines } = writeBigCsv(file, accounts);

  const mem = new MemoryPeaks();
  settle();
  const before = mem.sample();
  const read = time(() => readFileSync(file, 'utf8'));
  const text = read.value;
  const parses: number[] = [];
  const parseCpu: number[] = [];
  let rows = 0;
  let heapWithSnapshot = 0;
  for (let i = 0; i < opts.bigRepeat; i++) {
    progress.status(`parsing the ${fmtBytes(bytes)} CSV inline ${i + 1}/${opts.bigRepeat}…`);
    const t = time(() => parseBrokerFile({ fileName: 'big.csv', text, mapping: columns }));
    mem.sample();
    parses.push(t.ms);
    parseCpu.push(t.cpuMs);
    rows = t.value.accounts.reduce((n, a) => n + (a.positions?.length ?? 0) + (a.orders?.length ?? 0) + (a.cash?.length ?? 0), 0);
    settle();
    heapWithSnapshot = Math.max(heapWithSnapshot, process.memoryUsage().heapUsed - before.heapUsed);
  }
  const parseMs = median(parses);
  const maxRssAfterInline = maxRssBytes();

  // -- the same parse off the main thread, as the console runs it (reconcile.run → parseOffThread) --
  progress.status(`parsing the ${fmtBytes(bytes)} CSV in the parse worker…`);
  // The engine's worker pool on the worker build/bench.mjs bundles next to this bench.
  const workers = new WorkerPool({ script: join(__dirname, 'worker.cjs') });
  settle(); // before the watch starts: a forced GC is not the parse's stall
  const watch = new StallWatch(5);
  let progressEvents = 0;
  watch.start();
  const stop = stopwatch();
  const off = stop(await parseOffThread(workers, { fileName: 'big.csv', text, mapping: columns }, () => progressEvents++));
  const stalls = watch.stop();
  await workers.close();
  mem.sample();
  const workerRows = off.value.accounts.reduce((n, a) => n + (a.positions?.length ?? 0) + (a.orders?.length ?? 0) + (a.cash?.length ?? 0), 0);

  if (profiler.enabled) {
    progress.status('profiling the large CSV parse…');
    profiler.run('big-csv-parse', () => parseBrokerFile({ fileName: 'big.csv', text, mapping: columns }));
  }

  const out = {
    bytes,
    lines,
    rows,
    copiesOfTheDesk: copies,
    readMs: round(read.ms),
    inline: {
      medianMs: round(parseMs),
      samplesMs: parses.map((x) => round(x)),
      cpuMs: round(median(parseCpu)),
      mbPerSecond: round(bytes / MiB / (parseMs / 1000), 1),
      rowsPerSecond: Math.round(rows / (parseMs / 1000)),
    },
    worker: {
      totalMs: round(off.ms),
      /** CPU of the whole process meanwhile: the worker's parse and the main thread's share. */
      cpuMs: round(off.cpuMs),
      rows: workerRows,
      progressEvents,
      ...Object.fromEntries(Object.entries(stalls).map(([k, v]) => [k, round(v)])),
    } as { totalMs: number; cpuMs: number; rows: number; progressEvents: number; maxStallMs: number; stallsOver50Ms: number; stallsOver100Ms: number; ticks: number },
    memory: {
      ...mem.snapshot(),
      baselineHeapUsedBytes: before.heapUsed,
      heapHeldBySnapshotBytes: heapWithSnapshot,
      maxRssAfterInlineBytes: maxRssAfterInline,
      maxRssBytes: maxRssBytes(),
    },
  };
  progress.line(
    `large CSV: ${fmtBytes(bytes)}, ${fmtInt(rows)} rows parsed in ${fmtMs(out.inline.medianMs)} (${out.inline.mbPerSecond} MiB/s); ` +
      `in the worker ${fmtMs(out.worker.totalMs)}, longest main-thread stall ${fmtMs(out.worker.maxStallMs)}`,
  );
  return out;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function byKind(xs: { kind: DiscrepancyKind }[]): Partial<Record<DiscrepancyKind, number>> {
  const out: Partial<Record<DiscrepancyKind, number>> = {};
  for (const x of xs) out[x.kind] = (out[x.kind] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

// ---- the table on stdout --------------------------------------------------------------------------

function render(r: Report): string {
  const out: string[] = [];
  const section = (title: string) => out.push(...heading(title));
  const kinds = (k: Partial<Record<string, number>>) => Object.entries(k).map(([kind, n]) => `${kind} ${n}`).join(', ');
  /** A table with a row per format: its label, then `cells`; `right` counts the label as column 0. */
  const perFormat = (headers: string[], cells: (f: Report['formats'][number]) => string[], right: number[]) =>
    table(['format', ...headers], r.formats.map((f) => [f.label, ...cells(f)]), right);

  out.push(
    `Lifeboat reconcile bench — ${r.options.size} desk (seed ${r.options.seed}): ${r.desk.accounts} accounts, ${fmtInt(r.desk.positions)} positions, ` +
      `${fmtInt(r.desk.orders)} orders (${fmtInt(r.desk.openOrders)} open), ${r.desk.cashBalances} cash balances; broker snapshot ${r.options.pct}% different; median of ${r.options.repeat} runs`,
    `${r.environment.node} on ${r.environment.platform}, ${r.environment.cores} × ${r.environment.cpu}, ${fmtBytes(r.environment.totalMemoryBytes)}; ` +
      `load average ${r.environment.loadAverageAtStart.join(' ')} at the start, ${r.environment.loadAverageAtEnd.join(' ')} at the end; ` +
      `state in ${r.environment.stateDir}; ${r.environment.totalSeconds} s in all`,
    `broker's view of the desk: ${fmtInt(r.desk.brokerView.positions)} net positions, ${fmtInt(r.desk.brokerView.orders)} open orders, ${r.desk.brokerView.cash} cash balances; ` +
      `the exact snapshot (no differences) gives ${r.desk.exactSnapshotDiscrepancies} discrepancies`,
    `planted: ${r.planted.total} differences (${kinds(r.planted.byKind)})`,
  );

  section('End to end, per format (median ms)');
  const cols = ['read', 'parse', 'loadBook', 'matchAndRest', 'store', 'reportCsv', 'reportJson', 'total', 'cpu'] as const;
  out.push(
    perFormat(
      ['file', 'read', 'parse', 'load book (alone)', 'outside the commit', 'commit (book, match, store)', 'CSV report', 'JSON report', 'total', 'CPU time', 'target < 1 s', 'samples (total)'],
      (f) => [
        fmtBytes(f.bytes),
        ...cols.map((k) => fmtMs(f.phasesMs[k])),
        f.phasesMs.total < TARGET_MS ? 'met' : 'NOT MET',
        f.samplesMs.map(fmtMs).join(', '),
      ],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ),
    'read = readFileSync; parse = parseBrokerFile; load book, match+ and store split reconcile(engine, input, parsed) by its two transactions:',
    'load book = loadLocalBook (its transaction), store = run + discrepancies + audit (its transaction), match+ = the rest (matchSnapshot, sha256 of the file, account checks, mappings).',
    'total = read through JSON report, wall clock; CPU time = user + system CPU of the same run (wall time minus waiting when the machine is busy).',
  );

  section('Phases on their own (median ms) and figures per format');
  out.push(
    perFormat(
      ['loadLocalBook', 'matchSnapshot', 'sha256(file)', 'getReport', 'parse MiB/s', 'broker rows (pos / orders / cash)', 'report bytes (CSV / JSON)'],
      (f) => [
        ...(['loadLocalBook', 'matchSnapshot', 'sha256OfFile', 'getReport'] as const).map((k) => `${fmtMs(f.standaloneMs[k])} (cpu ${fmtMs(f.standaloneCpuMs[k])})`),
        String(f.parseMBps),
        `${fmtInt(f.rows.positions)} / ${fmtInt(f.rows.orders)} / ${fmtInt(f.rows.cash)}`,
        `${fmtBytes(f.reportBytes.csv)} / ${fmtBytes(f.reportBytes.json)}`,
      ],
      [1, 2, 3, 4, 5],
    ),
  );

  section('Discrepancies against the planted differences');
  out.push(
    perFormat(
      ['planted', 'discrepancies', 'matched', 'missed', 'unexpected', 'discrepancies by kind'],
      (f) => [...[f.planted.total, f.discrepancies.total, f.discrepancies.matchedPlanted, f.discrepancies.missedCount, f.discrepancies.unexpectedCount].map(String), kinds(f.discrepancies.byKind)],
      [1, 2, 3, 4, 5],
    ),
  );
  for (const f of r.formats) {
    if (f.discrepancies.missedCount) out.push(`${f.label} missed: ${f.discrepancies.missed.join('; ')}${f.discrepancies.missedCount > f.discrepancies.missed.length ? ' …' : ''}`);
    if (f.discrepancies.unexpectedCount) out.push(`${f.label} unexpected: ${f.discrepancies.unexpected.join('; ')}${f.discrepancies.unexpectedCount > f.discrepancies.unexpected.length ? ' …' : ''}`);
  }

  section('Memory (high-water marks sampled around each phase; maxRSS = getrusage, whole process so far)');
  out.push(
    perFormat(
      ['peak rss', 'peak heapUsed', 'heap before', 'heap kept by the run (after GC)', 'maxRSS after'],
      (f) => [f.memory.rssBytes, f.memory.heapUsedBytes, f.memory.baselineHeapUsedBytes, f.memory.heapRetainedAfterRunBytes, f.memory.maxRssBytes].map(fmtBytes),
      [1, 2, 3, 4, 5],
    ),
    `maxRSS by stage: ${r.memory.stages.map((s) => `${s.stage} ${fmtBytes(s.maxRssBytes)}`).join(', ')}`,
  );

  if (r.bigCsv) {
    const b = r.bigCsv;
    section(`Large CSV (${fmtBytes(b.bytes)}, ${fmtInt(b.rows)} rows: ${b.copiesOfTheDesk} copies of the desk's snapshot)`);
    out.push(
      table(
        ['figure', 'value', 'details'],
        [
          ['read (readFileSync utf8)', fmtMs(b.readMs), ''],
          ['parseBrokerFile inline', fmtMs(b.inline.medianMs), `${b.inline.mbPerSecond} MiB/s, ${fmtInt(b.inline.rowsPerSecond)} rows/s; CPU ${fmtMs(b.inline.cpuMs)}; samples ${b.inline.samplesMs.map(fmtMs).join(', ')}`],
          ['parseOffThread (parse worker)', fmtMs(b.worker.totalMs), `${fmtInt(b.worker.rows)} rows back, ${b.worker.progressEvents} progress events; CPU (both threads) ${fmtMs(b.worker.cpuMs)}`],
          ['  longest main-thread stall meanwhile', fmtMs(b.worker.maxStallMs), `${b.worker.stallsOver50Ms} stalls > 50 ms, ${b.worker.stallsOver100Ms} > 100 ms (5 ms timer, ${fmtInt(b.worker.ticks)} ticks)`],
          ['heap held by the parsed snapshot', fmtBytes(b.memory.heapHeldBySnapshotBytes), `peak heapUsed ${fmtBytes(b.memory.heapUsedBytes)}, peak rss ${fmtBytes(b.memory.rssBytes)}`],
          ['maxRSS after', fmtBytes(b.memory.maxRssBytes), `after the inline parses: ${fmtBytes(b.memory.maxRssAfterInlineBytes)}`],
        ],
        [1],
      ),
    );
  }

  section('Targets (informational: the bench never fails on them)');
  out.push(
    table(
      ['target', 'measured', 'CPU time', 'met'],
      r.targets.map((t) => [t.target, fmtMs(t.value), fmtMs(t.cpuMs), t.met === null ? 'n/a' : t.met ? 'met' : 'NOT MET']),
      [1, 2],
    ),
  );
  return out.join('\n');
}
