// Automatic checkpoints while a console runs: every N seconds when the state changed, a daily one
// once per UTC day, and one on clean shutdown.
import type { Engine } from '../engine';
import { autoIntervalSeconds } from '../checkpoint-settings';
import { dueCheckpoint } from './policy';

export interface AutoCheckpoints {
  /** Takes a last checkpoint if anything changed, and stops the timer. */
  stop(): void;
}

export function startAutoCheckpoints(engine: Engine, onError: (err: unknown) => void): AutoCheckpoints {
  const take = (type: 'automatic' | 'daily', label: string | null) => {
    const info = engine.checkpoints.create(type, label);
    engine.events.emit('checkpoints.changed', { reason: `checkpoint.${type}`, checkpointId: info.checkpointId });
  };
  const tick = () => {
    try {
      const due = dueCheckpoint({
        changedRows: engine.checkpoints.changedRows(),
        lastDailyAt: engine.checkpoints.lastOfType('daily')?.createdAt ?? null,
        now: new Date(),
      });
      if (due) {
        take(due, null);
        engine.checkpoints.settle();
      }
    } catch (err) {
      onError(err);
    }
  };
  const timer = setInterval(tick, autoIntervalSeconds(engine) * 1000);
  return {
    stop() {
      clearInterval(timer);
      try {
        if (engine.checkpoints.changedRows() > 0) {
          take('automatic', 'clean shutdown');
          engine.checkpoints.settle();
        }
      } catch (err) {
        onError(err);
      }
    },
  };
}
