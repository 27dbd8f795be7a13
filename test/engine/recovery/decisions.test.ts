// The detectors' decisions are pure: facts in, verdict out. Each is checked here without a disk,
// on facts written as a desk would show them; the planted-fault tests beside this file check the
// gathering against real files.
import { describe, expect, it } from 'vitest';
import { DETECTOR_IDS } from '../../../shared/api/recovery';
import { DETECTORS } from '../../../electron/engine/recovery/detectors';
import { decideArtifacts, type ArtifactCheck } from '../../../electron/engine/recovery/detectors/artifacts';
import { decideBackupFailing, decideBackupOverdue, decideBackupUntested, lateSchedules } from '../../../electron/engine/recovery/detectors/backups';
import type { DestinationFacts } from '../../../electron/engine/recovery/detectors/backup-facts';
import { decideBrokerDisagreement } from '../../../electron/engine/recovery/detectors/broker-disagreement';
import { decideCheckpointDamaged } from '../../../electron/engine/recovery/detectors/checkpoint-damaged';
import { decideClock } from '../../../electron/engine/recovery/detectors/clock';
import { decideDiskFull, MIN_FREE_FLOOR } from '../../../electron/engine/recovery/detectors/disk-full';
import { decideInbox } from '../../../electron/engine/recovery/detectors/inbox';
import { decideSettingsChanged } from '../../../electron/engine/recovery/detectors/settings-changed';
import { decideCheckpointStale, decideLiveStale } from '../../../electron/engine/recovery/detectors/stale';
import { decideUncleanShutdown } from '../../../electron/engine/recovery/detectors/unclean-shutdown';
import { resolveLimits } from '../../../electron/engine/recovery/limits';
import type { CheckpointInfo } from '../../../shared/api/checkpoints';

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

const checkpoint = (id: string, createdAt: string): CheckpointInfo => ({
  checkpointId: id,
  type: 'manual',
  label: null,
  createdAt,
  schemaVersion: 14,
  rootHash: 'r',
  counts: {},
  changedRows: 0,
  newBytes: 0,
  pinned: false,
  status: 'unverified',
  statusDetail: null,
  verifiedAt: null,
});

describe('checkpoints', () => {
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

  it('stale: none at all, or the newest older than the limit', () => {
    expect(decideCheckpointStale(null, NOW, LIMITS)).toMatchObject({ found: true, text: expect.stringMatching(/no checkpoint yet/) });
    const old = decideCheckpointStale(checkpoint('C1', '2026-12-04T10:30:00.000Z'), NOW, LIMITS);
    expect(old).toMatchObject({ found: true, text: expect.stringMatching(/C1 \(2026-12-04T10:30:00\.000Z\) is 1 h 30 min old; the limit is 1 h/) });
    expect(decideCheckpointStale(checkpoint('C1', '2026-12-04T11:30:00.000Z'), NOW, LIMITS).found).toBe(false);
    expect(decideCheckpointStale(checkpoint('C1', '2026-12-04T11:30:00.000Z'), NOW, { ...LIMITS, checkpointStaleAfterSeconds: 600 }).found).toBe(true);
  });
});

describe('live state stale', () => {
  it('is no row changed for longer than the limit, naming the newest change', () => {
    const v = decideLiveStale({ byAccount: { a: '2026-12-02T12:00:00.000Z', b: '2026-12-03T06:00:00.000Z' } }, NOW, LIMITS);
    expect(v).toMatchObject({ found: true, text: expect.stringMatching(/No live row changed for 1 day 6 h: the newest change is 2026-12-03T06:00:00\.000Z \(account b\)/) });
    expect(decideLiveStale({ byAccount: { a: '2026-12-04T06:00:00.000Z' } }, NOW, LIMITS).found).toBe(false);
    expect(decideLiveStale({ byAccount: {} }, NOW, LIMITS)).toMatchObject({ found: true, text: expect.stringMatching(/empty/) });
  });
});

describe('settings changed', () => {
  it('compares the recorded settings hash, and names the keys changed, added and removed', () => {
    const cp = { checkpointId: 'C1', createdAt: '2026-12-04T10:00:00.000Z', digest: 'aaa' };
    expect(decideSettingsChanged({ checkpoint: cp, liveDigest: 'aaa', inCheckpoint: null, live: null }).found).toBe(false);
    const v = decideSettingsChanged({ checkpoint: cp, liveDigest: 'bbb', inCheckpoint: { 'desk.name': '"A"', 'x.old': '1' }, live: { 'desk.name': '"B"', 'x.new': '2' } });
    expect(v).toMatchObject({ found: true, text: expect.stringMatching(/since checkpoint C1 .*: changed desk\.name; added x\.new; removed x\.old/) });
    expect(v.details.changed).toEqual([{ key: 'desk.name', before: '"A"', after: '"B"' }]);
    expect(decideSettingsChanged({ checkpoint: null }).found).toBe(false);
  });

  it('a secret setting (the webhook) is shown masked, before and after; a value that is not JSON too', () => {
    const cp = { checkpointId: 'C1', createdAt: '2026-12-04T10:00:00.000Z', digest: 'aaa' };
    const v = decideSettingsChanged({
      checkpoint: cp,
      liveDigest: 'bbb',
      inCheckpoint: { 'alerts.webhook': '"https://u:pw@hooks.example/h?token=0ld"', 'desk.name': '"A"' },
      live: { 'alerts.webhook': 'https://hooks.example/h?token=s3cret', 'desk.name': '"A"' },
    });
    expect(v.details.changed).toEqual([{ key: 'alerts.webhook', before: '"https://…@hooks.example/h?…"', after: '"https://hooks.example/h?…"' }]);
    expect(JSON.stringify(v)).not.toMatch(/s3cret|0ld|pw/);
  });
});

describe('broker disagreement', () => {
  const run = { runId: 'REC_20261204_090000_abcd', createdAt: '2026-12-04T09:00:00.000Z', against: 'live', fileName: 'alpaca.json', strategy: 'warn' };
  const critical = { itemId: 'F0001', accountId: 'acct-1', kind: 'quantity_mismatch' as const, symbol: 'AAPL', orderRef: null, message: 'm' };

  it('open critical differences in the newest run are critical; none today is a warning; never is a warning', () => {
    expect(decideBrokerDisagreement({ newest: run, openCritical: [critical] }, NOW)).toMatchObject({ found: true, severity: 'critical', text: expect.stringMatching(/1 open critical difference: F0001 quantity_mismatch acct-1 AAPL/) });
    expect(decideBrokerDisagreement({ newest: run, openCritical: [] }, NOW).found).toBe(false);
    const yesterday = decideBrokerDisagreement({ newest: { ...run, createdAt: '2026-12-03T23:59:00.000Z' }, openCritical: [] }, NOW);
    expect(yesterday).toMatchObject({ found: true, severity: 'warning', text: expect.stringMatching(/No reconciliation ran today \(2026-12-04 UTC\)/) });
    expect(decideBrokerDisagreement({ newest: null, openCritical: [] }, NOW)).toMatchObject({ found: true, severity: 'warning' });
  });
});

describe('backups', () => {
  const destination = (over: Partial<DestinationFacts> = {}): DestinationFacts => ({
    name: 'nas',
    where: '/mnt/nas/lifeboat',
    createdAt: '2026-12-01T00:00:00.000Z',
    repositoryId: 'r1',
    schedules: [
      { type: 'incremental', cron: '* * * * *', enabled: true, lastRunAt: '2026-12-04T11:59:10.000Z' },
      { type: 'full', cron: '0 0 * * *', enabled: true, lastRunAt: '2026-12-04T00:00:05.000Z' },
    ],
    snapshots: 3,
    lastSuccessAt: '2026-12-04T11:59:12.000Z',
    lastFailure: null,
    lastTestRestore: { at: '2026-12-03T00:00:00.000Z', snapshotId: 's1', ok: true },
    lastGoodTestRestore: { at: '2026-12-03T00:00:00.000Z', snapshotId: 's1', ok: true },
    ...over,
  });

  it('overdue: a schedule whose run after the last one is later than the limit; none set up is only info', () => {
    expect(decideBackupOverdue([destination()], NOW, 900).found).toBe(false);
    const stopped = destination({ schedules: [{ type: 'incremental', cron: '* * * * *', enabled: true, lastRunAt: '2026-12-04T10:00:00.000Z' }] });
    const v = decideBackupOverdue([stopped], NOW, 900);
    expect(v).toMatchObject({ found: true, text: expect.stringMatching(/incremental to nas \(\* \* \* \* \*\) was due 2026-12-04T10:01:00\.000Z, 1 h 59 min ago; last ran 2026-12-04T10:00:00\.000Z/) });
    // A disabled schedule is never late; a destination that never ran is late from when it was added.
    expect(lateSchedules([destination({ schedules: [{ type: 'full', cron: '0 0 * * *', enabled: false, lastRunAt: null }] })], NOW, 900)).toEqual([]);
    expect(lateSchedules([destination({ schedules: [{ type: 'full', cron: '0 0 * * *', enabled: true, lastRunAt: null }] })], NOW, 900)[0]).toMatchObject({ dueAt: '2026-12-02T00:00:00.000Z', lastRunAt: null });
    expect(decideBackupOverdue([], NOW, 900)).toMatchObject({ found: true, severity: 'info' });
  });

  it('failing: the newest attempt failed, naming the message and the last success', () => {
    const failing = destination({ lastFailure: { at: '2026-12-04T11:59:50.000Z', message: 'the folder /mnt/nas/lifeboat is not there (a mount gone?)' } });
    expect(decideBackupFailing([failing])).toMatchObject({ found: true, text: expect.stringMatching(/nas \(\/mnt\/nas\/lifeboat\) failed at 2026-12-04T11:59:50\.000Z: the folder .* last success 2026-12-04T11:59:12\.000Z/) });
    expect(decideBackupFailing([destination({ lastFailure: { at: '2026-12-04T10:00:00.000Z', message: 'x' } })]).found).toBe(false);
  });

  it('untested: snapshots never test-restored are a warning, a failed last test restore critical', () => {
    expect(decideBackupUntested([destination()]).found).toBe(false);
    expect(decideBackupUntested([destination({ lastTestRestore: null, lastGoodTestRestore: null })])).toMatchObject({ found: true, severity: 'warning', text: expect.stringMatching(/nas \(3 snapshots\) has never been test-restored/) });
    expect(decideBackupUntested([destination({ lastTestRestore: { at: '2026-12-04T01:00:00.000Z', snapshotId: 's2', ok: false } })])).toMatchObject({ found: true, severity: 'critical' });
    expect(decideBackupUntested([destination({ snapshots: 0, lastTestRestore: null })]).found).toBe(false);
  });
});

describe('disk nearly full', () => {
  it('estimates from the database size (16 MiB at least), or takes the figure set', () => {
    const facts = { dir: '/srv/desk', freeBytes: 100 * 1024 * 1024, databaseBytes: 150 * 1024 * 1024, walBytes: 4 * 1024 * 1024 };
    expect(decideDiskFull(facts, null)).toMatchObject({ found: true, text: expect.stringMatching(/Only 100\.0 MiB .* free on the file system of \/srv\/desk; .*154\.0 MiB/) });
    expect(decideDiskFull({ ...facts, databaseBytes: 1024 }, null).found).toBe(false);
    expect(decideDiskFull({ ...facts, freeBytes: MIN_FREE_FLOOR - 1, databaseBytes: 1024, walBytes: 0 }, null).found).toBe(true);
    expect(decideDiskFull({ ...facts, databaseBytes: 1024 }, 200 * 1024 * 1024).found).toBe(true);
    expect(decideDiskFull({ ...facts, freeBytes: null }, null)).toMatchObject({ found: false, checked: false });
  });
});

describe('artifacts', () => {
  const art = (version: number, stored: ArtifactCheck['stored']): ArtifactCheck => ({ name: 'btc/model.onnx', version, strategyId: 'st-1', createdAt: '2026-12-01T00:00:00.000Z', sha256: 'a'.repeat(64), stored });
  const good = { sha256: 'a'.repeat(64), bytes: 10, recordedBytes: 10 };

  it('the newest version missing or failing its checksum is critical; an older one alone a warning', () => {
    expect(decideArtifacts([art(1, good), art(2, good)]).found).toBe(false);
    expect(decideArtifacts([art(1, good), art(2, null)])).toMatchObject({ found: true, severity: 'critical', text: expect.stringMatching(/btc\/model\.onnx v2 \(the newest\) of st-1: its bytes are missing/) });
    expect(decideArtifacts([art(1, { ...good, sha256: 'b'.repeat(64) }), art(2, good)])).toMatchObject({ found: true, severity: 'warning', text: expect.stringMatching(/v1 of st-1: its bytes hash to bbbbbbbbbbbb/) });
  });
});

describe('inbox', () => {
  it('finds files refused since the last accepted one, newest first with its reason', () => {
    const rejected = [
      { file: '/d/inbox/rejected/a.json', refusedAt: '2026-12-04T10:00:00.000Z', reason: 'not valid JSON' },
      { file: '/d/inbox/rejected/b.json', refusedAt: '2026-12-04T11:00:00.000Z', reason: 'positions[0].quantity: not a decimal' },
    ];
    const v = decideInbox({ rejected, lastAccepted: { file: '/d/inbox/processed/x', acceptedAt: '2026-12-04T10:30:00.000Z' } }, NOW);
    expect(v).toMatchObject({ found: true, text: expect.stringMatching(/refused 1 file since the last one it accepted \(\/d\/inbox\/rejected\/b\.json at 2026-12-04T11:00:00\.000Z\).*1 h ago: positions\[0\]\.quantity/) });
    expect(decideInbox({ rejected, lastAccepted: { file: 'x', acceptedAt: '2026-12-04T11:30:00.000Z' } }, NOW).found).toBe(false);
    expect(decideInbox({ rejected, lastAccepted: null }, NOW).text).toMatch(/refused 2 files since it started/);
  });
});

describe('clock behind', () => {
  it('is a recorded event further ahead of now than the tolerance', () => {
    const times = [{ what: 'audit entry #7', at: '2026-12-04T13:00:00.000Z' }, { what: 'checkpoint C1', at: '2026-12-04T11:00:00.000Z' }];
    expect(decideClock(times, NOW, 60)).toMatchObject({ found: true, text: expect.stringMatching(/1 h behind the newest recorded event: audit entry #7 at 2026-12-04T13:00:00\.000Z/) });
    expect(decideClock([{ what: 'x', at: '2026-12-04T12:00:30.000Z' }], NOW, 60).found).toBe(false);
    expect(decideClock([], NOW, 60).found).toBe(false);
  });
});
