// Verify as a job: every named checkpoint rehashed chunk by chunk in pool tasks
// (verify-threads.ts: the chunks split between two threads, then workers/verify-task.ts) reading
// on connections of their own, so the console keeps answering while
// it runs. This thread records each verdict as it comes, on the writer's connection; cancelling
// ends the task, and the verdicts already in stand.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { JobInfo, VerifyReport } from '../../../shared/api/contract';
import type { DeskContext } from '../runtime/context';
import type { VerifyMessage } from '../workers/verify-task';
import type { ReaderReport } from '../chunks/repository';
import { verifyOnPool } from './verify-threads';

export function startVerify(desk: DeskContext, ids: string[]): JobInfo<'verify'> {
  const verdicts = new Map<number, VerifyReport>();
  const reports = () => [...verdicts.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
  return desk.jobs.start('verify', {
    steps: {
      verify: {
        run: async (ctx) => {
          if (ctx.signal.aborted) return;
          const take = (index: number, report: VerifyReport) => {
            if (verdicts.has(index)) return;
            verdicts.set(index, report);
            desk.checkpoints.recordVerdict(report);
            desk.events.emit('checkpoints.changed', { reason: 'checkpoint.verify', checkpointId: report.checkpointId });
          };
          const onMessage = (m: VerifyMessage) => {
            if ('tiers' in m) tiers = m.tiers;
            else if ('report' in m) take(m.index, m.report);
            else ctx.progress(m.index, ids.length, `verifying ${ids[m.index]} (${m.total ? Math.floor((100 * m.done) / m.total) : 0}%)`);
          };
          let tiers: ReaderReport | null = null;
          let shardTiers: ReaderReport[] = [];
          const { port1, port2 } = new MessageChannel();
          port1.on('message', onMessage);
          ctx.progress(0, ids.length, `verifying ${ids[0] ?? ''}`);
          try {
            const done = await verifyOnPool(desk.workers, desk.paths.db, ids, port2, ctx.signal);
            done.reports.forEach((report, index) => take(index, report));
            shardTiers = done.tiers;
          } catch (err) {
            // Cancelled: the task was ended; what it verified before is recorded below.
            if (!ctx.signal.aborted) throw err;
          } finally {
            // Verdicts sent but not yet delivered are recorded too, then the port is let go.
            for (let m; (m = receiveMessageOnPort(port1)); ) onMessage(m.message as VerifyMessage);
            port1.close();
          }
          // What the worker read from the cold tier comes back to warm, on this (the writer's)
          // connection, and its tier counts join this one's.
          for (const report of [...shardTiers, ...(tiers ? [tiers] : [])]) desk.checkpoints.chunks.repository.absorb?.(report);
          if (!ctx.signal.aborted) ctx.progress(ids.length, ids.length, 'done');
        },
        check: () => {
          const all = reports();
          const bad = all.filter((r) => !r.ok).length;
          return bad ? `${bad} of ${all.length} checkpoints failed verification` : `${all.length} checkpoints verified`;
        },
      },
    },
    result: () => {
      const all = reports();
      return { ok: all.every((r) => r.ok), reports: all };
    },
  });
}
