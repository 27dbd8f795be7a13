// API handlers for reconciliation and symbol mappings.
import type { ChannelName, ParsedRequestOf, ResponseOf } from '../../shared/api/contract';
import type { CsvMapping } from '../../shared/api/reconcile';
import type { Engine } from './engine';
import { requireAccount } from './reconcile/accounts';
import { describeCoverage } from './reconcile/importers';
import { parseOffThread } from './reconcile/parse-off-thread';
import { recheck, reconcile } from './reconcile/reconcile';
import { reportCsv, reportJson } from './reconcile/report-export';
import { previewResolution, resolveFinding } from './reconcile/resolve';
import { getReport, listRuns } from './reconcile/runs-store';
import { listMappings, removeMapping, setMapping } from './reconcile/symbol-mappings';

type Handler<C extends ChannelName> = (engine: Engine, request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
type ReconcileChannels =
  | 'reconcile.inspect'
  | 'reconcile.run'
  | 'reconcile.list'
  | 'reconcile.get'
  | 'reconcile.recheck'
  | 'reconcile.preview'
  | 'reconcile.resolve'
  | 'reconcile.export'
  | 'symbols.list'
  | 'symbols.set'
  | 'symbols.remove';

export const reconcileHandlers: { [C in ReconcileChannels]: Handler<C> } = {
  'reconcile.inspect': async (engine, req) => {
    if (req.accountId !== undefined) requireAccount(engine.store.db, req.accountId, 'accountId');
    const snapshot = await parseOffThread({ fileName: req.fileName, text: req.content, format: req.format, mapping: req.columns as CsvMapping | undefined, accountId: req.accountId }, () => undefined);
    return { format: snapshot.format, asOf: snapshot.asOf, coverage: describeCoverage(snapshot), accounts: snapshot.accounts.map((a) => a.accountId) };
  },
  'reconcile.run': (engine, req) =>
    engine.jobs.start('reconcile', async (ctx) => {
      ctx.progress(0, 100, `reading ${req.fileName}`);
      const columns = req.columns as CsvMapping | undefined;
      const snapshot = await parseOffThread(
        { fileName: req.fileName, text: req.content, format: req.format, mapping: columns, accountId: req.accountId },
        (fraction) => ctx.progress(Math.round(fraction * 80), 100, `reading ${req.fileName}`),
      );
      ctx.progress(80, 100, 'matching');
      const report = reconcile(engine, { ...req, columns }, snapshot);
      engine.events.emit('reconcile.changed', { runId: report.runId });
      ctx.progress(100, 100, report.summary.verdict);
      return { runId: report.runId, summary: report.summary };
    }),
  'reconcile.list': (engine) => listRuns(engine.store.db),
  'reconcile.get': (engine, req) => getReport(engine.store.db, req.runId),
  'reconcile.recheck': (engine, req) => {
    const report = recheck(engine, req.runId);
    engine.events.emit('reconcile.changed', { runId: report.runId });
    return report;
  },
  'reconcile.preview': (engine, req) => previewResolution(engine, req.runId, req.itemId),
  'reconcile.resolve': (engine, req) => {
    // All or nothing: one refused item leaves every item of the request as it was.
    const out = engine.store.db.transaction(() => req.itemIds.map((itemId) => resolveFinding(engine, req.runId, itemId, req.resolution, req.reason)))();
    engine.events.emit('reconcile.changed', { runId: req.runId });
    return out;
  },
  'reconcile.export': (engine, req) => {
    const report = getReport(engine.store.db, req.runId);
    return req.format === 'csv'
      ? { fileName: `${req.runId}.csv`, contentType: 'text/csv', content: reportCsv(report) }
      : { fileName: `${req.runId}.json`, contentType: 'application/json', content: reportJson(report) };
  },
  'symbols.list': (engine, req) => listMappings(engine.store.db, req.accountId),
  'symbols.set': (engine, req) => {
    setMapping(engine.store.db, req);
    return listMappings(engine.store.db, req.accountId);
  },
  'symbols.remove': (engine, req) => {
    removeMapping(engine.store.db, req.accountId, req.brokerSymbol);
    return listMappings(engine.store.db, req.accountId);
  },
};
