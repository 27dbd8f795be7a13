// Verify as a job: every named checkpoint rehashed chunk by chunk, the event loop free between
// checkpoints so the console keeps answering, cancellable between and inside checkpoints.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { JobInfo, VerifyReport } from '../../../shared/api/contract';
import type { DeskContext } from '../runtime/context';

export function startVerify(desk: DeskContext, ids: string[]): JobInfo<'verify'> {
  const reports: VerifyReport[] = [];
  return desk.jobs.start('verify', {
    steps: {
      verify: {
        run: async (ctx) => {
          const verified = new Map();
          const tableAccs = new Map();
          for (const [i, id] of ids.entries()) {
            if (ctx.signal.aborted) return;
            ctx.progress(i, ids.length, `verifying ${id}`);
            reports.push(desk.checkpoints.verify(id, { verified, tableAccs, record: true, signal: ctx.signal }));
            desk.events.emit('checkpoints.changed', { reason: 'checkpoint.verify', checkpointId: id });
            await yieldToEventLoop();
          }
          ctx.progress(ids.length, ids.length, 'done');
        },
        check: () => {
          const bad = reports.filter((r) => !r.ok).length;
          return bad ? `${bad} of ${reports.length} checkpoints failed verification` : `${reports.length} checkpoints verified`;
        },
      },
    },
    result: () => ({ ok: reports.every((r) => r.ok), reports }),
  });
}
