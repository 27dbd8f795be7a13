// The checkpoint retention setting, applied by itself: after each automatic checkpoint the console
// prunes what `checkpoint.retention` does not keep, as a job (it shows in the activity list) whose
// prune is audited (checkpoint.prune, with the policy). Pinned checkpoints are never pruned (the
// retention rules keep them), nor the newest one (kept here whatever the rules say), nor the one
// the live state is recorded against (prune.ts). No job at all when nothing would go.
import type { JobInfo } from '../../../shared/api/jobs';
import { checkSetting, settingSpec, type RetentionSetting } from '../../../shared/settings/catalog';
import type { DeskContext } from '../runtime/context';
import { settingValue } from '../settings/settings';
import type { RetentionPolicy } from './retention';

/** The policy in force, with the newest checkpoint always kept; null when the stored value is unusable. */
export function scheduledPolicy(setting: unknown): RetentionPolicy | null {
  const checked = checkSetting(settingSpec('checkpoint.retention')!, setting);
  if (!checked.ok) return null;
  const policy = checked.value as RetentionSetting;
  return { ...policy, keepLast: Math.max(1, policy.keepLast ?? 0) };
}

/** Starts the retention job when the setting would prune something now; null when nothing would go. */
export function applyRetention(desk: DeskContext): JobInfo<'checkpoint-retention'> | null {
  const policy = scheduledPolicy(settingValue(desk.store, 'checkpoint.retention'));
  if (!policy) return null;
  if (desk.checkpoints.prune(policy, true).remove.length === 0) return null;
  let result: JobInfo<'checkpoint-retention'>['result'] = null;
  return desk.jobs.start('checkpoint-retention', {
    steps: {
      prune: {
        run: () => {
          // Decided again inside the prune's own transaction: what goes is what the rules say now.
          const pruned = desk.checkpoints.prune(policy, false);
          result = { removed: pruned.remove, compacted: pruned.compacted, chunksRemoved: pruned.chunksRemoved, bytesFreed: pruned.bytesFreed };
          desk.events.emit('checkpoints.changed', { reason: 'checkpoint.retention', checkpointId: null });
        },
        check: () => `pruned ${result!.removed.length} checkpoints; ${result!.chunksRemoved} chunks (${result!.bytesFreed} bytes) freed`,
      },
    },
    result: () => result!,
  });
}
