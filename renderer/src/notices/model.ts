// What the console tells a person about things that happened out of sight — a file the inbox
// refused, an automatic checkpoint that failed, a job that finished while its page was closed — as
// notices, and the rules of the toast stack they show in. Pure: the store and the stack apply them.
import type { JobInfo, JobKind, LifeboatEvent } from '../../../shared/api/contract';
import { KIND_LABELS, resultSummary } from '../pages/activity/model/jobs';

export type NoticeKind = 'inbox-rejected' | 'checkpoint-failed' | 'job-finished';
/** A failure stays until dismissed and counts on the Activity badge; info hides by itself. */
export type NoticeTone = 'failure' | 'info';

export interface Notice {
  id: string;
  kind: NoticeKind;
  tone: NoticeTone;
  /** What happened: "Inbox refused a file", "Verify checkpoints succeeded". */
  title: string;
  /** Where: the file, the checkpoint type, the page. */
  where: string;
  /** Why, or what it did. */
  detail: string;
  /** When it happened (ISO, UTC). */
  at: string;
  /** The page that shows it, and the link's words. */
  link: { page: string; label: string };
  /** How many times the same thing happened in a row (a bot dropping the same bad file). */
  count: number;
}

/** Where each kind of job is started and shown; a finish there needs no toast. */
export const JOB_PAGES: Record<JobKind, { page: string; label: string }> = {
  simulate: { page: 'activity', label: 'Activity' },
  verify: { page: 'checkpoints', label: 'Checkpoints' },
  rollback: { page: 'checkpoints', label: 'Checkpoints' },
  reconcile: { page: 'reconciliation', label: 'Reconciliation' },
  backup: { page: 'backups', label: 'Backups' },
  'backup-verify': { page: 'backups', label: 'Backups' },
  restore: { page: 'backups', label: 'Backups' },
  'test-restore': { page: 'backups', label: 'Backups' },
  'backup-prune': { page: 'backups', label: 'Backups' },
  'restore-live': { page: 'backups', label: 'Backups' },
  drill: { page: 'recovery', label: 'Recovery' },
  recovery: { page: 'recovery', label: 'Recovery' },
  'tiers-demote': { page: 'storage', label: 'Storage' },
  'tiers-promote': { page: 'storage', label: 'Storage' },
  'checkpoint-retention': { page: 'checkpoints', label: 'Checkpoints' },
};

const ACTIVITY = { page: 'activity', label: 'Activity' };

/** "inbox/bot-7.json" from the name (or path) the engine gives. */
export function inboxName(file: string): string {
  const parts = file.split(/[\\/]/);
  return `inbox/${parts[parts.length - 1]}`;
}

/**
 * The notice an event makes, or null: a rejected inbox file, a failed automatic checkpoint, and a
 * job that finished while its own page (`onPage`) is not open. A simulation that succeeded is the
 * demo's bot trading: the pages show what it did, so it makes no notice.
 */
export function noticeFor(event: LifeboatEvent, onPage: string, nowIso: string, id: string): Notice | null {
  switch (event.name) {
    case 'inbox.rejected': {
      const { file, reason } = event.payload;
      return { id, kind: 'inbox-rejected', tone: 'failure', title: 'Inbox refused a file', where: inboxName(file), detail: `${reason}; moved to inbox/rejected`, at: nowIso, link: ACTIVITY, count: 1 };
    }
    case 'checkpoints.failed': {
      const { type, reason, at } = event.payload;
      return { id, kind: 'checkpoint-failed', tone: 'failure', title: `${type === 'daily' ? 'Daily' : 'Automatic'} checkpoint failed`, where: 'checkpoint timer', detail: `${reason}; nothing was taken`, at, link: ACTIVITY, count: 1 };
    }
    case 'job.updated':
      return jobNotice(event.payload, onPage, id);
    default:
      return null;
  }
}

function jobNotice(job: JobInfo, onPage: string, id: string): Notice | null {
  if (job.state === 'running') return null;
  const home = JOB_PAGES[job.kind] ?? ACTIVITY;
  if (home.page === onPage) return null;
  if (job.kind === 'simulate' && job.state === 'succeeded') return null;
  const failed = job.state === 'failed' || job.state === 'interrupted';
  return {
    id,
    kind: 'job-finished',
    tone: failed ? 'failure' : 'info',
    title: `${KIND_LABELS[job.kind] ?? job.kind} ${job.state}`,
    where: `${home.label} · job ${job.jobId}`,
    detail: (failed ? job.error : resultSummary(job)) ?? job.error ?? job.progress.message,
    at: job.finishedAt ?? job.startedAt,
    link: home,
    count: 1,
  };
}

// ---- the toast stack ---------------------------------------------------------------------------

/** At most this many toasts on screen; the rest wait behind them. */
export const MAX_VISIBLE = 3;
/** At most this many wait; past it the oldest info toast goes, then the oldest of any. */
export const MAX_QUEUED = 30;
/** How long an info toast stays. */
export const INFO_MS = 6000;

export const autoHides = (n: Notice): boolean => n.tone === 'info';

const sameThing = (a: Notice, b: Notice) => a.kind === b.kind && a.title === b.title && a.where === b.where && a.detail === b.detail;

/** The queue with `n` added, newest last; the same thing again counts up the toast already there. */
export function addToast(queue: readonly Notice[], n: Notice): Notice[] {
  const same = queue.find((q) => sameThing(q, n));
  let next = same ? [...queue.filter((q) => q !== same), { ...n, id: same.id, count: same.count + n.count }] : [...queue, n];
  while (next.length > MAX_QUEUED) {
    const info = next.findIndex(autoHides);
    next = next.filter((_, i) => i !== (info >= 0 ? info : 0));
  }
  return next;
}

export const dismissToast = (queue: readonly Notice[], id: string): Notice[] => queue.filter((q) => q.id !== id);

/** The toasts on screen: the newest MAX_VISIBLE, newest at the bottom; `waiting` is how many are behind them. */
export function visibleToasts(queue: readonly Notice[]): { shown: Notice[]; waiting: number } {
  const shown = queue.slice(-MAX_VISIBLE);
  return { shown, waiting: queue.length - shown.length };
}

/** Notices that count on the Activity badge until the Activity page is opened. */
export const countsOnBadge = (n: Notice): boolean => n.tone === 'failure';

/** Notices the Activity page lists beside the jobs (the jobs list has the jobs themselves). */
export const listedInActivity = (n: Notice): boolean => n.kind !== 'job-finished';
