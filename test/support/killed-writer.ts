// A writer that holds a state folder with a job running, killed with SIGKILL: what a crash leaves
// (its lease, -wal, -shm and a job marked running). The recovery tests plant an unclean shutdown so.
import { expect } from 'vitest';
import { bundleChild, startChild } from './child-process';

export async function killedWriter(dir: string): Promise<{ pid: number; jobId: string }> {
  const child = startChild(bundleChild('test/support/children/slow-job.ts'), [dir]);
  const jobId = (await child.line((l) => l.startsWith('running '))).split(' ')[1];
  const pid = child.process.pid!;
  child.process.kill('SIGKILL');
  expect((await child.exited).signal).toBe('SIGKILL');
  return { pid, jobId };
}
