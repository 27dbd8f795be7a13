// A drill as the console's job: the practice runs on a pool thread (workers/drill-task.ts) on a
// sandbox copy; this thread then keeps what it measured — a line in the recovery history marked as
// a drill, and an audit entry — so "restorable" is a recorded fact with its RTO and RPO.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { DrillOutcome, JobInfo } from '../../../shared/api/contract';
import { appendAudit } from '../audit/audit-log';
import type { DeskContext } from '../runtime/context';
import type { DrillMessage } from '../workers/drill-task';
import { appendRecoveryHistory } from './playbooks/history';

export function startDrill(desk: DeskContext): JobInfo<'drill'> {
  let outcome: DrillOutcome | null = null;
  return desk.jobs.start('drill', {
    steps: {
      practise: {
        run: async (ctx) => {
          const { port1, port2 } = new MessageChannel();
          const onMessage = (m: DrillMessage) => ctx.progress(m.step - 1, m.total, `step ${m.step} of ${m.total}: ${m.says}`);
          port1.on('message', onMessage);
          ctx.progress(0, null, 'copying the desk into a sandbox and damaging it there');
          try {
            outcome = await desk.workers.run('drill', { stateDir: desk.paths.dir, port: port2 }, { signal: ctx.signal, transfer: [port2] });
          } finally {
            for (let m; (m = receiveMessageOnPort(port1)); ) onMessage(m.message as DrillMessage);
            port1.close();
          }
        },
        check: () => (outcome!.passed ? `the sandbox came back verified: RTO ${outcome!.record!.rtoSeconds.toFixed(2)} s` : `drill failed: ${outcome!.failure}`),
      },
      record: {
        run: () => {
          const o = outcome!;
          if (o.record) appendRecoveryHistory(desk.paths.dir, { ...o.record, drill: true });
          desk.commit('recovery.drill', () => {
            appendAudit(desk.store.db, 'recovery.drill', {
              playbook: o.playbook,
              passed: o.passed,
              rtoSeconds: o.record?.rtoSeconds ?? null,
              rpoSeconds: o.record?.rpoSeconds ?? null,
              restoredFrom: o.record?.restoredFrom ?? null,
              failure: o.failure,
            });
          });
        },
      },
    },
    result: () => outcome!,
  });
}
