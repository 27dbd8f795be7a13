import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Discrepancy, ReconcileReport, Tolerances } from '../../../shared/api/reconcile';
import { BROKER_FORMATS } from '../../../shared/api/reconcile';
import { Dec, decimalProblem, toStored } from '../../../shared/decimal';
import { LifeboatError } from '../../../shared/result';
import { choiceFlag, expectPositionals, stringFlag } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit-codes';
import { table } from '../output';
import { writeFileAtomic } from '../../engine/store/atomic-file';
import { readInputFile } from '../../engine/state-files/limits';

const readText = (path: string, what: string): string => readInputFile(path, 'broker', what);

/** `--mapping FILE`: { columns?, symbols? }, or a bare CSV column mapping. */
function readMapping(path: string | undefined): { columns?: Record<string, string>; symbols?: Record<string, Record<string, string>> } {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(resolve(path), 'mapping file'));
  } catch (err) {
    if (err instanceof LifeboatError) throw err;
    throw new LifeboatError('bad_request', `the mapping file is not valid JSON (${(err as Error).message})`, path);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new LifeboatError('bad_request', 'the mapping file must be a JSON object', path);
  const m = parsed as Record<string, unknown>;
  if ('columns' in m || 'symbols' in m) return { columns: m.columns as Record<string, string>, symbols: m.symbols as Record<string, Record<string, string>> };
  return { columns: m as Record<string, string> };
}

/** `--tolerance [ACCOUNT:]FIELD=VALUE[%]`, e.g. quantity=0.001, price=0.5%, acct-1:cash=1. */
export function parseTolerances(specs: string[]): Tolerances {
  const out: Tolerances = {};
  for (const spec of specs) {
    const m = /^(?:([^:=]+):)?(quantity|price|cash)=([^%]+)(%?)$/.exec(spec);
    if (!m) throw new UsageError(`--tolerance takes [ACCOUNT:]quantity|price|cash=VALUE[%], got "${spec}"`);
    const [, account, field, value, percent] = m;
    const problem = decimalProblem(value, { nonNegative: true });
    if (problem) throw new UsageError(`--tolerance ${spec}: ${problem}`);
    const tolerance = percent ? { rel: toStored(new Dec(value).div(100)) } : { abs: value };
    const target = account ? ((out.accounts ??= {})[account] ??= {}) : out;
    (target as Record<string, unknown>)[field] = { ...((target as Record<string, object>)[field] ?? {}), ...tolerance };
  }
  return out;
}

function discrepanciesTable(discrepancies: Discrepancy[], limit = 60): string {
  const rows = discrepancies.slice(0, limit).map((f) => [
    f.itemId,
    f.accountId,
    f.kind,
    f.severity,
    f.symbol ?? '',
    f.orderRef ?? '',
    Object.entries(f.delta).map(([k, v]) => `${k} ${v.startsWith('-') ? '' : '+'}${v}`).join(' '),
    f.resolution ? `${f.resolution}${f.resolutionReason ? `: ${f.resolutionReason}` : ''}` : f.withinTolerance ? 'within tolerance' : 'open',
  ]);
  const more = discrepancies.length > limit ? `\n… and ${discrepancies.length - limit} more (use --json)` : '';
  return table(['item', 'account', 'kind', 'severity', 'symbol', 'order', 'delta', 'state'], rows) + more;
}

export function reportText(r: ReconcileReport): string {
  const ours = r.summary.local ?? { cashCovered: true, notes: [] };
  const cash = (covered: boolean) => (covered ? 'reported' : ours.cashCovered ? 'NOT REPORTED' : 'NOT COVERED (our side keeps no cash)');
  const coverage = Object.entries(r.summary.coverage).map(
    ([a, c]) => `  ${a}: positions ${c.positions ? 'reported' : 'NOT REPORTED'}, orders ${c.orders ? 'reported' : 'NOT REPORTED'}, cash ${cash(c.cash)}`,
  );
  return [
    `Run ${r.runId}: ${r.fileName} (${r.format}) against ${r.against}, strategy ${r.strategy}${r.checkpointId ? `, checkpoint ${r.checkpointId} taken first` : ''}`,
    ...coverage,
    ...ours.notes.map((n) => `  ${n}`),
    ...(r.summary.broker?.notes ?? []).map((n) => `  ${n}`),
    '',
    r.discrepancies.length ? discrepanciesTable(r.discrepancies) : 'No differences.',
    '',
    r.summary.verdict,
  ].join('\n');
}

export const reconcileRun: Command = {
  path: ['reconcile'],
  summary: "Compare our books with a broker snapshot; exit 3 while discrepancies above tolerance remain",
  usage:
    `lifeboat reconcile --broker FILE [--format ${BROKER_FORMATS.join('|')}] [--mapping FILE] [--against live|CHECKPOINT|freqtrade:PATH] ` +
    '[--strategy warn|sync|halt] [--tolerance [ACCOUNT:]FIELD=VALUE[%] ...] [--account A] [--state DIR] [--json]',
  flags: {
    broker: { type: 'string' },
    format: { type: 'string' },
    mapping: { type: 'string' },
    against: { type: 'string' },
    strategy: { type: 'string' },
    tolerance: { type: 'string', multiple: true },
    account: { type: 'string' },
  },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const broker = stringFlag(ctx.parsed.values.broker);
    if (!broker) throw new UsageError(`--broker FILE is required: ${this.usage}`);
    const format = choiceFlag(ctx.parsed.values.format, 'format', BROKER_FORMATS);
    // None given: the engine takes the desk's reconciliation.defaultStrategy.
    const strategy = choiceFlag(ctx.parsed.values.strategy, 'strategy', ['warn', 'sync', 'halt'] as const);
    const tolerances = parseTolerances((ctx.parsed.values.tolerance as unknown as string[] | undefined) ?? []);
    const path = resolve(broker);
    const content = readText(path, 'broker file');
    const mappingFile = stringFlag(ctx.parsed.values.mapping);
    const mapping = readMapping(mappingFile);
    const request = {
      fileName: basename(path),
      content,
      format,
      columns: mapping.columns,
      symbols: mapping.symbols,
      against: stringFlag(ctx.parsed.values.against) ?? 'live',
      strategy,
      tolerances,
      accountId: stringFlag(ctx.parsed.values.account),
    };
    const job = await ctx.writeJob('reconcile.run', request, 'cli reconcile').catch((err: unknown) => {
      // The engine names the request's symbol mappings "symbols": here they came from the mapping file.
      if (err instanceof LifeboatError && err.where === 'symbols' && mappingFile) throw new LifeboatError(err.code, err.reason, mappingFile, err.details);
      throw err;
    });
    const { runId } = job.result;
    const report = await ctx.read((engine) => engine.call('reconcile.get', { runId }));
    ctx.out.result(report, () => reportText(report));
    return report.summary.unresolved > 0 ? EXIT.verificationFailed : EXIT.ok;
  },
};

export const reconcileList: Command = {
  path: ['reconcile', 'list'],
  summary: 'List reconciliation runs, newest first',
  usage: 'lifeboat reconcile list [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const runs = await ctx.read((engine) => engine.call('reconcile.list', {}));
    ctx.out.result(runs, () =>
      runs.length
        ? table(
            ['run', 'created (UTC)', 'file', 'against', 'strategy', 'open', 'verdict'],
            runs.map((r) => [r.runId, r.createdAt.replace('T', ' ').slice(0, 19), r.fileName, r.against, r.strategy, String(r.summary.unresolved), r.summary.verdict]),
            [5],
          )
        : 'No reconciliation runs yet.',
    );
  },
};

export const reconcileShow: Command = {
  path: ['reconcile', 'show'],
  summary: 'Show a run: coverage, discrepancies and resolutions',
  usage: 'lifeboat reconcile show RUN [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    const [runId] = expectPositionals(ctx.parsed, 1, this.usage);
    const report = await ctx.read((engine) => engine.call('reconcile.get', { runId }));
    ctx.out.result(report, () => reportText(report));
  },
};

export const reconcileRecheck: Command = {
  path: ['reconcile', 'recheck'],
  summary: "Re-run a reconciliation's snapshot against the state now (after resolutions)",
  usage: 'lifeboat reconcile recheck RUN [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    const [runId] = expectPositionals(ctx.parsed, 1, this.usage);
    const report = await ctx.write('reconcile.recheck', { runId }, 'cli reconcile recheck');
    ctx.out.result(report, () => reportText(report));
    return report.summary.unresolved > 0 ? EXIT.verificationFailed : EXIT.ok;
  },
};

export const reconcileResolve: Command = {
  path: ['reconcile', 'resolve'],
  summary: "Resolve one discrepancy: take the broker's value, keep ours, or ignore it with a reason",
  usage: 'lifeboat reconcile resolve RUN ITEM (--accept-broker | --keep-local | --ignore REASON) [--state DIR] [--json]',
  flags: { 'accept-broker': { type: 'boolean' }, 'keep-local': { type: 'boolean' }, ignore: { type: 'string' } },
  async run(ctx) {
    const [runId, itemId] = expectPositionals(ctx.parsed, 2, this.usage);
    const v = ctx.parsed.values;
    const chosen = [v['accept-broker'] === true, v['keep-local'] === true, typeof v.ignore === 'string'].filter(Boolean).length;
    if (chosen !== 1) throw new UsageError(`choose exactly one of --accept-broker, --keep-local, --ignore REASON: ${this.usage}`);
    const resolution = v['accept-broker'] ? 'accept_broker' : v['keep-local'] ? 'keep_local' : 'ignore';
    const [f] = await ctx.write('reconcile.resolve', { runId, itemIds: [itemId], resolution, reason: stringFlag(v.ignore) }, 'cli reconcile resolve');
    ctx.out.result(f, () => `${f.itemId} (${f.kind}) resolved: ${f.resolution}${f.resolutionReason ? ` — ${f.resolutionReason}` : ''}.`);
  },
};

export const reconcileExport: Command = {
  path: ['reconcile', 'export'],
  summary: 'Export a run as CSV or JSON (to stdout, or --out FILE)',
  usage: 'lifeboat reconcile export RUN (--csv | --json) [--out FILE] [--state DIR]',
  flags: { csv: { type: 'boolean' }, out: { type: 'string' } },
  async run(ctx) {
    const [runId] = expectPositionals(ctx.parsed, 1, this.usage);
    const csv = ctx.parsed.values.csv === true;
    if (csv === ctx.out.json) throw new UsageError(`choose --csv or --json: ${this.usage}`);
    const file = await ctx.read((engine) => engine.call('reconcile.export', { runId, format: csv ? 'csv' : 'json' }));
    const out = stringFlag(ctx.parsed.values.out);
    if (out) {
      writeFileAtomic(resolve(out), file.content);
      process.stderr.write(`Wrote ${resolve(out)}\n`);
    } else process.stdout.write(file.content);
  },
};

export const reconcileSymbols: Command = {
  path: ['reconcile', 'symbols'],
  summary: 'List, set or remove symbol mappings (broker symbol → desk symbol) per account',
  usage: 'lifeboat reconcile symbols [--account A] [--set BROKER=SYMBOL | --remove BROKER] [--state DIR] [--json]',
  flags: { account: { type: 'string' }, set: { type: 'string' }, remove: { type: 'string' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const accountId = stringFlag(ctx.parsed.values.account);
    const set = stringFlag(ctx.parsed.values.set);
    const remove = stringFlag(ctx.parsed.values.remove);
    if ((set || remove) && !accountId) throw new UsageError('--set and --remove need --account');
    let list;
    if (set) {
      const m = /^(.+?)=(.+)$/.exec(set);
      if (!m) throw new UsageError(`--set takes BROKER=SYMBOL, got "${set}"`);
      list = await ctx.write('symbols.set', { accountId: accountId!, brokerSymbol: m[1], symbol: m[2] }, 'cli reconcile symbols');
    } else if (remove) {
      list = await ctx.write('symbols.remove', { accountId: accountId!, brokerSymbol: remove }, 'cli reconcile symbols');
    } else {
      list = await ctx.read((engine) => engine.call('symbols.list', { accountId }));
    }
    ctx.out.result(list, () => (list.length ? table(['account', 'broker symbol', 'desk symbol'], list.map((m) => [m.accountId, m.brokerSymbol, m.symbol])) : 'No symbol mappings.'));
  },
};
