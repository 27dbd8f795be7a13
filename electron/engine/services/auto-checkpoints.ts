// Automatic checkpoints while a console runs: every N seconds when the state changed, a daily one
// once per UTC day, and one on clean shutdown; after each, the retention setting is applied
// (checkpoints/retention-schedule.ts). A desk with no checkpoint at all gets its first one
// (the start-up checkpoint) at once, not an interval later; until it is written desk.status says
// it is being taken, so the console does not warn that there is none.
import type { DeskContext } from '../runtime/context';
import { autoIntervalSeconds } from '../checkpoints/settings';
import { dueCheckpoint } from '../checkpoints/policy';
import { applyRetention } from '../checkpoints/retention-schedule';

export interface AutoCheckpoints {
  /** The interval the timer runs at now (the setting checkpoint.autoIntervalSeconds). */
  readonly intervalSeconds: number;
  /** Takes a last checkpoint if anything changed, and stops the timer. */
  stop(): void;
}

/** The desks whose first checkpoint a running timer is about to take or is taking. */
const takingFirst = new WeakSet<DeskContext>();

/** Whether this process's timer is taking the desk's first checkpoint (desk.status: takingFirst). */
export function isTakingFirstCheckpoint(desk: DeskContext): boolean {
  return takingFirst.has(desk);
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
      return;
    } finally {
      // Taken, or failed (announced as checkpoints.failed): either way no longer "being taken".
      takingFirst.delete(desk);
    }
    // The retention setting, applied after each automatic checkpoint (a job of its own: its failure
    // shows in the activity list; deciding whether one is needed failing goes to onError).
    if (due) {
      try {
        applyRetention(desk);
      } catch (err) {
        onError(err);
      }
    }
  };
  // The start-up checkpoint: on the next turn of the event loop, so the console answers first.
  let startUp: ReturnType<typeof setTimeout> | null = null;
  if (desk.mode === 'write' && !desk.readOnly && desk.checkpoints.count() === 0) {
    takingFirst.add(desk);
    startUp = setTimeout(() => {
      startUp = null;
      tick();
    }, 0);
  }
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
      if (startUp) clearTimeout(startUp);
      takingFirst.delete(desk);
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
