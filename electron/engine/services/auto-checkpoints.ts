// Automatic checkpoints while a console runs: every N seconds when the state changed, a daily one
// once per UTC day, and one on clean shutdown.
import type { DeskContext } from '../runtime/context';
import { autoIntervalSeconds } from '../checkpoints/settings';
import { dueCheckpoint } from '../checkpoints/policy';

export interface AutoCheckpoints {
  /** The interval the timer runs at now (the setting checkpoint.autoIntervalSeconds). */
  readonly intervalSeconds: number;
  /** Takes a last checkpoint if anything changed, and stops the timer. */
  stop(): void;
}

export function startAutoCheckpoints(desk: DeskContext, onError: (err: unknown) => void): AutoCheckpoints {
  // A failure is announced too, so an open console shows it (a toast, the activity list), not only stderr.
  const failed = (type: 'automatic' | 'daily', err: unknown) => {
    desk.events.emit('checkpoints.failed', { type, reason: err instanceof Error ? err.message : String(err), at: new Date().toISOString() });
    onError(err);
  };
  const take = (type: 'automatic' | 'daily', label: string | null) => {
    const info = desk.checkpoints.create(type, label);
    desk.events.emit('checkpoints.changed', { reason: `checkpoint.${type}`, checkpointId: info.checkpointId });
  };
  const tick = () => {
    let due: 'automatic' | 'daily' | null = null;
    try {
      due = dueCheckpoint({
        changedRows: desk.checkpoints.changedRows(),
        lastDailyAt: desk.checkpoints.lastOfType('daily')?.createdAt ?? null,
        now: new Date(),
      });
      if (due) {
        take(due, null);
        desk.checkpoints.settle();
      }
    } catch (err) {
      failed(due ?? 'automatic', err);
    }
  };
  let seconds = autoIntervalSeconds(desk.store);
  let timer = setInterval(tick, seconds * 1000);
  // A changed interval (the Settings page, `lifeboat settings set`) takes effect at once, without
  // a restart: every settings write announces its row in state.changed.
  const off = desk.events.subscribe((e) => {
    if (e.name !== 'state.changed' || !e.payload.tables.includes('settings')) return;
    const rows = e.payload.rows.settings;
    if (rows && !rows.includes('checkpoint.autoIntervalSeconds')) return;
    const next = autoIntervalSeconds(desk.store);
    if (next === seconds) return;
    seconds = next;
    clearInterval(timer);
    timer = setInterval(tick, seconds * 1000);
  });
  return {
    get intervalSeconds() {
      return seconds;
    },
    stop() {
      off();
      clearInterval(timer);
      try {
        if (desk.checkpoints.changedRows() > 0) {
          take('automatic', 'clean shutdown');
          desk.checkpoints.settle();
        }
      } catch (err) {
        failed('automatic', err);
      }
    },
  };
}
