// A reconciliation run as a job: read the broker file off the main thread, then match it against
// our books (and act by strategy) in one commit.
import type { ParsedRequestOf } from '../../../shared/api/contract';
import type { BrokerSnapshot, CsvMapping, ReconcileStrategy } from '../../../shared/api/reconcile';
import type { JobInfo, ReconcileOutcome } from '../../../shared/api/jobs';
import type { DeskContext } from '../runtime/context';
import { parseOffThread } from './parse-off-thread';
import { reconcile } from './reconcile';

/** `req.strategy` is decided: the request's, or the desk's default (default-strategy.ts). */
export function startReconcile(desk: DeskContext, req: ParsedRequestOf<'reconcile.run'> & { strategy: ReconcileStrategy }): JobInfo<'reconcile'> {
  const columns = req.columns as CsvMapping | undefined;
  let snapshot: BrokerSnapshot | null = null;
  let outcome: ReconcileOutcome | null = null;
  return desk.jobs.start('reconcile', {
    steps: {
      read: {
        run: async (ctx) => {
          ctx.progress(0, 100, `reading ${req.fileName}`);
          snapshot = await parseOffThread(
            desk.workers,
            { fileName: req.fileName, text: req.content, format: req.format, mapping: columns, accountId: req.accountId },
            (fraction) => ctx.progress(Math.round(fraction * 80), 100, `reading ${req.fileName}`),
          );
        },
        check: () => `${snapshot!.accounts.length} account(s) as of ${snapshot!.asOf}`,
      },
      match: {
        run: (ctx) => {
          ctx.progress(80, 100, 'matching');
          const report = reconcile(desk, { ...req, columns }, snapshot!);
          desk.events.emit('reconcile.changed', { runId: report.runId });
          ctx.progress(100, 100, report.summary.verdict);
          outcome = { runId: report.runId, summary: report.summary };
        },
        check: () => `run ${outcome!.runId}: ${outcome!.summary.verdict}`,
      },
    },
    result: () => outcome!,
  });
}
