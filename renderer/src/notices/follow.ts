// Turns the engine's events into notices (notices/model.ts) and clears the Activity badge when the
// Activity page opens. Started once at start-up, beside the live events.
import { onAnyEvent } from '../live/live';
import { useNav } from '../routing/nav';
import { noticeFor } from './model';
import { useNotices } from './store';

let seq = 0;

export function startNotices(): () => void {
  // A job reports its finish once per state; a repeat of the same report is not news.
  const announced = new Map<string, string>();
  const offEvents = onAnyEvent((event) => {
    if (event.name === 'job.updated') {
      const { jobId, state } = event.payload;
      if (state === 'running' || announced.get(jobId) === state) return;
      announced.set(jobId, state);
    }
    const page = useNav.getState().page;
    const n = noticeFor(event, page, new Date().toISOString(), `notice-${++seq}`);
    if (n) useNotices.getState().add(n, page === 'activity');
  });
  const offNav = useNav.subscribe((s) => {
    if (s.page === 'activity') useNotices.getState().seen();
  });
  return () => {
    offEvents();
    offNav();
  };
}
