// A drill off the main thread: copying the desk, restoring a backup into the sandbox and verifying
// it take seconds of synchronous SQLite work on a large desk, which the console's other channels
// must not wait behind. Progress (the playbook's step, before it runs) goes out on a MessagePort.
import type { MessagePort } from 'node:worker_threads';
import type { DrillOutcome } from '../../../shared/api/jobs';
import { DRILL_STEPS, practiseDamagedDatabase } from '../recovery/playbooks/practise';

export interface DrillInput {
  stateDir: string;
  port?: MessagePort;
}

export interface DrillMessage {
  step: number;
  total: number;
  says: string;
}

export function drillTask(input: DrillInput): Promise<DrillOutcome> {
  return practiseDamagedDatabase(input.stateDir, {
    before: (s) => input.port?.postMessage({ step: s.n, total: DRILL_STEPS, says: s.says } satisfies DrillMessage),
  });
}
