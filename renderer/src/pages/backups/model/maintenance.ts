// What a test restore and a forget reported, in the words the page shows. A test restore is
// VERIFIED only when the sandbox opened, checked ok and rehashed to the recorded root; a forget's
// dry run says what the real one would remove.
import type { JobKinds } from '../../../../../shared/api/jobs';
import { formatBytes } from '../../../format/bytes';
import { restoreVerified } from './restore';

export type TestRestoreResult = JobKinds['test-restore']['result'];
export type ForgetResult = JobKinds['backup-prune']['result'];

export function testRestoreVerdict(r: TestRestoreResult): { verified: boolean; text: string } {
  const verified = r.ok && restoreVerified(r);
  if (verified) {
    return { verified, text: `snapshot ${r.snapshotId} restored into a sandbox: ${r.rows.toLocaleString('en-US')} rows, ${r.files} files, integrity ok, root ${r.restoredRoot!.slice(0, 12)} as recorded` };
  }
  const why = r.integrity !== 'ok' ? `integrity_check: ${r.integrity ?? 'not run'}` : `restored root ${r.restoredRoot?.slice(0, 12) ?? 'none'}, recorded ${r.expectedRoot.slice(0, 12)}`;
  return { verified, text: `snapshot ${r.snapshotId} did not restore as recorded: ${why}` };
}

export function forgetSummary(r: ForgetResult): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const [forget, remove] = r.dryRun ? ['would forget', 'remove'] : ['forgot', 'removed'];
  return `${forget} ${plural(r.forgotten.length, 'snapshot')} (${r.snapshotsKept} kept) and ${remove} ${plural(r.packsRemoved, 'pack')} (${formatBytes(r.bytesFreed)})`;
}
