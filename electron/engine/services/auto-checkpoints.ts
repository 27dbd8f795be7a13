// Automatic checkpoints while a console runs: every N seconds when the state changed, a daily one
// once per UTC day, and one on clean shutdown.
import type { DeskContext } from '../runtime/context';
import { autoIntervalSeconds } from '../checkpoints/settings';
import { dueCheckpoint } from '../checkpoints/policy';

export interface AutoCheckpoints {
  /** Takes a last checkpoint if anything changed, and stops the timer. */
  stop(): void;
}

export function startAutoCheckpoints(desk: DeskContext, onError: (err: unknown) => void): AutoCheckpoints {
  const take = (type: 'automatic' | 'daily', label: string | null) => {
    const info = desk.checkpoints.create(type, label);
    desk.events.emit('checkpoints.changed', { reason: `checkpoint.${type}`, checkpointId: info.checkpointId });
  };
  const tick = () => {
    try {
      const due = dueCheckpoint({
        changedRows: desk.checkpoints.changedRows(),
        lastDailyAt: desk.checkpoints.lastOfType('daily')?.createdAt ?? null,
        now: new Date(),
      });
      if (due) {
        take(due, null);
        desk.checkpoints.settle();
      }
    } catch (err) {
      onError(err);
    }
  };
  const timer = setInterval(tick, autoIntervalSeconds(desk.store) * 1000);
  return {
    stop() {
      clearInterval(timer);
      try {
        if (desk.checkpoints.changedRows() > 0) {
          take('automatic', 'clean shutdown');
          desk.checkpoints.settle();
        }
      } catch (err) {
        onError(err);
      }
    },
  };
}
