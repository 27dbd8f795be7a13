// The detectors' decisions are pure: facts in, verdict out. Each is checked here without a disk,
// on facts written as a desk would show them; the planted-fault tests beside this file check the
// gathering against real files.
import { describe, expect, it } from 'vitest';
import { DETECTOR_IDS } from '../../../shared/api/recovery';
import { DETECTORS } from '../../../electron/engine/recovery/detectors';
import { decideCheckpointDamaged } from '../../../electron/engine/recovery/detectors/checkpoint-damaged';
import { decideUncleanShutdown } from '../../../electron/engine/recovery/detectors/unclean-shutdown';
import { resolveLimits } from '../../../electron/engine/recovery/limits';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const LIMITS = resolveLimits({});
const holder = { pid: 4242, host: 'trading-1', startedAt: '2026-12-04T08:00:00.000Z', processStart: '1', purpose: 'serve', nonce: 'abc' };

describe('the detector list', () => {
  it('runs every detector once, in the order the contract lists them, each pointing to a playbook', () => {
    expect(DETECTORS.map((d) => d.id)).toEqual([...DETECTOR_IDS]);
    for (const d of DETECTORS) expect(d.playbook).toMatch(/^[a-z-]+$/);
  });
});

describe('limits', () => {
  it('come from the settings where the desk has them, else the defaults; a caller overrides both', () => {
    expect(LIMITS).toEqual({ checkpointStaleAfterSeconds: 3600, liveStaleAfterSeconds: 86_400, backupLateAfterSeconds: 900, clockToleranceSeconds: 60, minFreeBytes: null });
    const set = resolveLimits({ 'checkpoint.staleAfterSeconds': 600, 'recovery.liveStaleAfterSeconds': 7200, 'recovery.minFreeBytes': 'lots' }, { clockToleranceSeconds: 5 });
    expect(set).toMatchObject({ checkpointStaleAfterSeconds: 600, liveStaleAfterSeconds: 7200, minFreeBytes: null, clockToleranceSeconds: 5 });
  });
});

describe('unclean shutdown', () => {
  it('is a lease naming a process that no longer runs, with the jobs it left running', () => {
    const v = decideUncleanShutdown({
      lease: { state: 'held', file: '/d/lifeboat.lock', holder, sameHost: true, alive: false },
      runningJobs: [{ jobId: 'job-1', kind: 'simulate', startedAt: '2026-12-04T09:00:00.000Z', step: 'simulate' }],
      walFrames: 12,
    });
    expect(v.found).toBe(true);
    expect(v.text).toMatch(/lifeboat\.lock names pid 4242 on trading-1 \(serve, since 2026-12-04T08:00:00\.000Z\), which no longer runs/);
    expect(v.text).toMatch(/simulate job-1 since 2026-12-04T09:00:00\.000Z, at step "simulate"/);
    expect(v.text).toMatch(/12 committed frames/);
  });

  it('is a half-written lock, or jobs left running with no lock; never a running holder or another host', () => {
    expect(decideUncleanShutdown({ lease: { state: 'unreadable', file: '/d/lifeboat.lock', reason: 'it is empty' }, runningJobs: [], walFrames: 0 }).found).toBe(true);
    const jobs = [{ jobId: 'job-2', kind: 'verify', startedAt: '2026-12-04T09:00:00.000Z', step: null }];
    expect(decideUncleanShutdown({ lease: { state: 'none' }, runningJobs: jobs, walFrames: 0 })).toMatchObject({ found: true, text: expect.stringMatching(/verify job-2 .* as still running/) });
    expect(decideUncleanShutdown({ lease: { state: 'held', file: 'x', holder, sameHost: true, alive: true }, runningJobs: jobs, walFrames: 3 }).found).toBe(false);
    const other = decideUncleanShutdown({ lease: { state: 'held', file: 'x', holder, sameHost: false, alive: true }, runningJobs: [], walFrames: 0 });
    expect(other).toMatchObject({ found: false, text: expect.stringMatching(/cannot tell whether it still runs/) });
    expect(decideUncleanShutdown({ lease: { state: 'none' }, runningJobs: null, walFrames: 0 }).found).toBe(false);
  });
});

describe('damaged checkpoints', () => {
  const verified = (id: string, createdAt: string, ok: boolean) => ({ checkpointId: id, type: 'manual', createdAt, ok, problem: ok ? null : 'positions, chunk 0123456789ab: its bytes do not hash to its name' });

  it('a damaged newest checkpoint is critical and names the newest good one and how far back it is', () => {
    const v = decideCheckpointDamaged([verified('C3', '2026-12-04T11:00:00.000Z', false), verified('C2', '2026-12-04T10:00:00.000Z', false), verified('C1', '2026-12-04T09:00:00.000Z', true)], NOW);
    expect(v).toMatchObject({ found: true, severity: 'critical' });
    expect(v.text).toMatch(/2 of 3 checkpoints fail verify, the newest of them C3 .*positions, chunk 0123456789ab/);
    expect(v.text).toMatch(/The newest good one is C1 \(2026-12-04T09:00:00\.000Z, 3 h ago, 2 checkpoints back\)/);
    expect(v.details).toMatchObject({ newestGood: { checkpointId: 'C1', ageSeconds: 10_800, checkpointsBack: 2 } });
  });

  it('an older damaged one under a sound newest is a warning; none good says so; all good is clear', () => {
    expect(decideCheckpointDamaged([verified('C2', '2026-12-04T10:00:00.000Z', true), verified('C1', '2026-12-04T09:00:00.000Z', false)], NOW)).toMatchObject({ found: true, severity: 'warning' });
    expect(decideCheckpointDamaged([verified('C1', '2026-12-04T09:00:00.000Z', false)], NOW).text).toMatch(/No checkpoint verifies/);
    expect(decideCheckpointDamaged([verified('C1', '2026-12-04T09:00:00.000Z', true)], NOW).found).toBe(false);
    expect(decideCheckpointDamaged([], NOW).found).toBe(false);
  });


});

