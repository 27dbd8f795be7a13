// Notices from the engine's events and the toast stack's rules: what makes a toast, where it links,
// which count on the Activity badge, at most three shown with the rest waiting, repeats counted up.
import { describe, expect, it } from 'vitest';
import type { JobInfo, LifeboatEvent } from '../../shared/api/contract';
import { addToast, autoHides, countsOnBadge, dismissToast, listedInActivity, MAX_QUEUED, MAX_VISIBLE, noticeFor, visibleToasts, type Notice } from '../../renderer/src/notices/model';

const NOW = '2026-12-04T10:00:00.000Z';
const rejected = (file: string): LifeboatEvent => ({ name: 'inbox.rejected', payload: { file, reason: 'not valid JSON' } });
const job = (over: Partial<JobInfo>): LifeboatEvent =>
  ({
    name: 'job.updated',
    payload: { jobId: 'job-1', kind: 'verify', state: 'succeeded', startedAt: NOW, finishedAt: '2026-12-04T10:00:02.000Z', progress: { done: 1, total: 1, message: '' }, error: null, result: { reports: [{ ok: true }] }, steps: [], ...over },
  }) as unknown as LifeboatEvent;

const make = (event: LifeboatEvent, page = 'dashboard', id = 'n1') => noticeFor(event, page, NOW, id)!;

describe('notices from events', () => {
  it('a refused inbox file is a failure, linked to Activity, listed there and counted on the badge', () => {
    const n = make(rejected('bot-7.json'));
    expect(n).toMatchObject({ kind: 'inbox-rejected', tone: 'failure', where: 'inbox/bot-7.json', link: { page: 'activity' }, at: NOW });
    expect(n.detail).toContain('not valid JSON');
    expect(countsOnBadge(n) && listedInActivity(n) && !autoHides(n)).toBe(true);
  });

  it('a failed automatic checkpoint carries its reason and time', () => {
    const n = make({ name: 'checkpoints.failed', payload: { type: 'daily', reason: 'disk full', at: '2026-12-04T09:59:00.000Z' } });
    expect(n).toMatchObject({ kind: 'checkpoint-failed', tone: 'failure', title: 'Daily checkpoint failed', at: '2026-12-04T09:59:00.000Z' });
    expect(n.detail).toContain('disk full');
  });

  it('a job finishing away from its page makes a toast linking there; on its page, or still running, none', () => {
    const n = make(job({}));
    expect(n).toMatchObject({ kind: 'job-finished', tone: 'info', title: 'Verify checkpoints succeeded', link: { page: 'checkpoints' }, at: '2026-12-04T10:00:02.000Z' });
    expect(n.detail).toBe('1 checked, 0 damaged');
    expect(countsOnBadge(n) || listedInActivity(n)).toBe(false);
    expect(noticeFor(job({}), 'checkpoints', NOW, 'x')).toBeNull();
    expect(noticeFor(job({ state: 'running', finishedAt: null }), 'dashboard', NOW, 'x')).toBeNull();
  });

  it('a failed job is a failure with its error; a simulation that went well is not news', () => {
    const failed = make(job({ kind: 'backup', state: 'failed', error: 'destination unreachable', result: null }));
    expect(failed).toMatchObject({ tone: 'failure', detail: 'destination unreachable', link: { page: 'backups' } });
    expect(countsOnBadge(failed)).toBe(true);
    expect(noticeFor(job({ kind: 'simulate', result: null }), 'dashboard', NOW, 'x')).toBeNull();
  });

  it('other events make none', () => {
    expect(noticeFor({ name: 'checkpoints.changed', payload: { reason: 'x', checkpointId: null } }, 'dashboard', NOW, 'x')).toBeNull();
  });
});

describe('the toast stack', () => {
  const toasts = (n: number): Notice[] => Array.from({ length: n }, (_, i) => make(rejected(`f${i}.json`), 'dashboard', `n${i}`)).reduce<Notice[]>(addToast, []);

  it('shows the newest three, the rest waiting, and brings one forward when one goes', () => {
    const q = toasts(5);
    const { shown, waiting } = visibleToasts(q);
    expect(shown.map((t) => t.id)).toEqual(['n2', 'n3', 'n4']);
    expect(shown).toHaveLength(MAX_VISIBLE);
    expect(waiting).toBe(2);
    expect(visibleToasts(dismissToast(q, 'n4')).shown.map((t) => t.id)).toEqual(['n1', 'n2', 'n3']);
  });

  it('counts the same thing again on the toast already there, moved to the newest place', () => {
    let q = toasts(2);
    q = addToast(q, make(rejected('f0.json'), 'dashboard', 'again'));
    expect(q.map((t) => [t.id, t.count])).toEqual([
      ['n1', 1],
      ['n0', 2],
    ]);
  });

  it('keeps at most MAX_QUEUED, dropping info before failures', () => {
    let q = [make(job({}), 'dashboard', 'info')];
    for (let i = 0; i < MAX_QUEUED; i++) q = addToast(q, make(rejected(`g${i}.json`), 'dashboard', `g${i}`));
    expect(q).toHaveLength(MAX_QUEUED);
    expect(q.some((t) => t.id === 'info')).toBe(false);
    q = addToast(q, make(rejected('last.json'), 'dashboard', 'last'));
    expect(q[0].id).toBe('g1');
    expect(q[q.length - 1].id).toBe('last');
  });
});
