// API handlers for reconciliation and symbol mappings.
import { runStrategy } from '../reconcile/default-strategy';
import type { CsvMapping } from '../../../shared/api/reconcile';
import type { HandlersOf } from './handler';
import { requireFileSize } from '../state-files/limits';
import { requireAccount } from '../reconcile/accounts';
import { describeCoverage } from '../reconcile/importers';
import { parseOffThread } from '../reconcile/parse-off-thread';
import { brokerNotes, recheck } from '../reconcile/reconcile';
import { startReconcile } from '../reconcile/reconcile-job';
import { reportCsv, reportJson } from '../reconcile/report-export';
import { previewResolution, resolveDiscrepancy } from '../reconcile/resolve';
import { getReport, listRuns } from '../reconcile/runs-store';
import { listMappings, removeMapping, setMapping } from '../reconcile/symbol-mappings';
import { withDeskTolerances } from '../settings/tolerances';

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

export const reconcileHandlers: HandlersOf<ReconcileChannels> = {
  'reconcile.inspect': async (desk, req) => {
    requireFileSize(req.fileName, req.content, 'broker');
    if (req.accountId !== undefined) requireAccount(desk.store.db, req.accountId, 'accountId');
    const snapshot = await parseOffThread(desk.workers, { fileName: req.fileName, text: req.content, format: req.format, mapping: req.columns as CsvMapping | undefined, accountId: req.accountId }, () => undefined);
    return { format: snapshot.format, asOf: snapshot.asOf, coverage: describeCoverage(snapshot), accounts: snapshot.accounts.map((a) => a.accountId), notes: brokerNotes(desk, snapshot) };
  },
  'reconcile.run': (desk, req) => {
    requireFileSize(req.fileName, req.content, 'broker');
    return startReconcile(desk, { ...req, strategy: runStrategy(desk.store, req.strategy, req.against), tolerances: withDeskTolerances(desk.store, req.tolerances) });
  },
  'reconcile.list': (desk) => listRuns(desk.store.db),
  'reconcile.get': (desk, req) => getReport(desk.store.db, req.runId),
  'reconcile.recheck': (desk, req) => {
    const report = recheck(desk, req.runId);
    desk.events.emit('reconcile.changed', { runId: report.runId });
    return report;
  },
  'reconcile.preview': (desk, req) => previewResolution(desk, req.runId, req.itemId),
  'reconcile.resolve': (desk, req) => {
    // All or nothing: one refused item leaves every item of the request as it was.
    const out = desk.commit(`reconcile.resolve ${req.runId}`, () => req.itemIds.map((itemId) => resolveDiscrepancy(desk, req.runId, itemId, req.resolution, req.reason)));
    desk.events.emit('reconcile.changed', { runId: req.runId });
    return out;
  },
  'reconcile.export': (desk, req) => {
    const report = getReport(desk.store.db, req.runId);
    return req.format === 'csv'
      ? { fileName: `${req.runId}.csv`, contentType: 'text/csv', content: reportCsv(report) }
      : { fileName: `${req.runId}.json`, contentType: 'application/json', content: reportJson(report) };
  },
  'symbols.list': (desk, req) => listMappings(desk.store.db, req.accountId),
  'symbols.set': (desk, req) => {
    setMapping(desk.store.db, req);
    return listMappings(desk.store.db, req.accountId);
  },
  'symbols.remove': (desk, req) => {
    removeMapping(desk.store.db, req.accountId, req.brokerSymbol);
    return listMappings(desk.store.db, req.accountId);
  },
};
