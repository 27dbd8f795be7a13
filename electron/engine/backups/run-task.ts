// A backup job's work runs in the worker pool (workers/backup-tasks.ts) with a port for its
// progress: this starts the task, hands the messages on, and drains the port when it ends.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { StepContext } from '../jobs/steps';
import type { DeskContext } from '../runtime/context';
import type { BackupTaskMessage } from '../workers/backup-tasks';

/** Runs a backup task in the pool with a progress port; messages go to `onMessage`. */
export async function runTask<N extends 'backupCreate' | 'backupVerify' | 'backupRestore' | 'backupPrune'>(
  desk: DeskContext,
  name: N,
  input: Omit<Parameters<DeskContext['workers']['run']>[1], 'port'> & object,
  ctx: StepContext,
  onMessage: (m: BackupTaskMessage) => void,
) {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', onMessage);
  try {
    return await desk.workers.run(name, { ...(input as object), port: port2 } as never, { signal: ctx.signal, transfer: [port2] });
  } finally {
    for (let m; (m = receiveMessageOnPort(port1)); ) onMessage(m.message as BackupTaskMessage);
    port1.close();
  }
}
