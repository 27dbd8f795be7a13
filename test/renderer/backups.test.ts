import { describe, expect, it } from 'vitest';
import { forgetSummary, testRestoreVerdict } from '../../renderer/src/pages/backups/model/maintenance';
import { buildDestination, EMPTY_DESTINATION_FORM, withoutSecrets } from '../../renderer/src/pages/backups/model/destination-form';
import { durationText, ratioText } from '../../renderer/src/pages/backups/model/labels';
import { buildBackup, buildVerify, coverageFraction, damagedSnapshots } from '../../renderer/src/pages/backups/model/operations';
import { formToRetention, retentionToForm } from '../../renderer/src/pages/backups/model/retention-form';
import { restoreVerified, targetProblem } from '../../renderer/src/pages/backups/model/restore';
import { backupsViewHash, parseBackupsView, type BackupsView } from '../../renderer/src/pages/backups/model/route';

describe('the backups page in the address', () => {
  it('round-trips every view', () => {
    const views: BackupsView[] = [
      { kind: 'add' },
      { kind: 'snapshots', destination: 'offsite' },
      { kind: 'snapshots', destination: null },
      { kind: 'policies', destination: 'nas_1' },
      { kind: 'restore', destination: 'offsite', snapshotId: '0123abcd0123abcd' },
      { kind: 'restore', destination: 'offsite', snapshotId: null },
    ];
    for (const v of views) expect(parseBackupsView(backupsViewHash(v))).toEqual(v);
  });

  it('names no view for a bare or foreign address, and drops parts that are not names or ids', () => {
    expect(parseBackupsView('#/backups')).toBeNull();
    expect(parseBackupsView('#/checkpoints/detail/x')).toBeNull();
    expect(parseBackupsView('#/backups/snapshots/Bad Name')).toEqual({ kind: 'snapshots', destination: null });
    expect(parseBackupsView('#/backups/restore/offsite/not-hex')).toEqual({ kind: 'restore', destination: 'offsite', snapshotId: null });
  });
});

describe('adding a destination', () => {
  const folder = { ...EMPTY_DESTINATION_FORM, name: 'nas', path: '/mnt/nas/desk', passphrase: 'correct horse', passphraseAgain: 'correct horse' };

  it('builds a folder destination and its init', () => {
    const r = buildDestination(folder);
    expect(r).toEqual({ ok: true, value: { add: { name: 'nas', folder: { path: '/mnt/nas/desk' } }, init: { passphrase: 'correct horse', keepPassphrase: true } } });
  });

  it('builds an S3 destination with every setting the channel takes', () => {
    const r = buildDestination({ ...folder, kind: 's3', endpoint: 'http://127.0.0.1:7480', bucket: 'e2e-abc', prefix: 'desk-1/', accessKeyId: ' AK ', secretAccessKey: 'sk', archive: true, keepPassphrase: false });
    expect(r.ok && r.value.add).toEqual({ name: 'nas', s3: { endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', bucket: 'e2e-abc', prefix: 'desk-1/', accessKeyId: 'AK', secretAccessKey: 'sk', archive: true } });
    expect(r.ok && r.value.init.keepPassphrase).toBe(false);
    const locked = buildDestination({ ...folder, kind: 's3', endpoint: 'http://127.0.0.1:7480', bucket: 'e2e-abc', accessKeyId: 'AK', secretAccessKey: 'sk', objectLockDays: ' 30 ' });
    expect(locked.ok && locked.value.add.s3).toMatchObject({ objectLockDays: 30 });
  });

  it('names each box the engine would refuse', () => {
    const r = buildDestination({ ...EMPTY_DESTINATION_FORM, kind: 's3', name: 'Off Site', endpoint: 'ftp://x', bucket: 'A', prefix: 'no-slash', passphrase: 'short', objectLockDays: '2.5' });
    expect(r.ok).toBe(false);
    expect(Object.keys(!r.ok ? r.problems : {}).sort()).toEqual(['accessKeyId', 'bucket', 'endpoint', 'name', 'objectLockDays', 'passphrase', 'prefix', 'secretAccessKey']);
    const mismatch = buildDestination({ ...folder, passphraseAgain: 'correct horsE' });
    expect(!mismatch.ok && mismatch.problems).toEqual({ passphraseAgain: 'the two passphrases differ' });
  });

  it('empties every secret once sent', () => {
    const sent = withoutSecrets({ ...folder, kind: 's3', secretAccessKey: 'sk' });
    expect([sent.passphrase, sent.passphraseAgain, sent.secretAccessKey]).toEqual(['', '', '']);
    expect(sent.name).toBe('nas');
  });
});

describe('taking a backup and verifying', () => {
  it('needs a reason for an emergency backup', () => {
    expect(buildBackup({ type: 'emergency', destination: 'all', reason: '  ' })).toEqual({ ok: false, problem: 'an emergency backup needs a reason' });
    expect(buildBackup({ type: 'emergency', destination: 'all', reason: ' broker down ' })).toEqual({ ok: true, request: { type: 'emergency', destination: 'all', reason: 'broker down' } });
    expect(buildBackup({ type: 'full', destination: 'nas', reason: '' })).toEqual({ ok: true, request: { type: 'full', destination: 'nas' } });
  });

  it('asks for structure, all data, or a valid subset', () => {
    expect(buildVerify('nas', 'structure', '')).toEqual({ ok: true, request: { destination: 'nas', readData: false } });
    expect(buildVerify('nas', 'read-data', 'ignored')).toEqual({ ok: true, request: { destination: 'nas', readData: true } });
    expect(buildVerify('nas', 'subset', ' 1/7 ')).toEqual({ ok: true, request: { destination: 'nas', readData: true, subset: '1/7' } });
    expect(buildVerify('nas', 'subset', '15%').ok).toBe(true);
    for (const bad of ['', '8/7', '0/7', '0%', '101%', 'half']) expect(buildVerify('nas', 'subset', bad).ok).toBe(false);
  });

  it('shapes coverage and names the damaged snapshots', () => {
    expect(coverageFraction({ packs: 8, verified: 2, periodDays: 30, neverVerified: 6 })).toBe(0.25);
    expect(coverageFraction({ packs: 0, verified: 0, periodDays: 30, neverVerified: 0 })).toBe(1);
    const a = { where: 'data/ab/ab12', message: 'hash mismatch', snapshots: ['s1', 's2'] };
    const b = { where: 'index/cd', message: 'unreadable', snapshots: ['s2'] };
    const m = damagedSnapshots([a, b, { where: 'x', message: 'stray', snapshots: [] }]);
    expect([...m.keys()]).toEqual(['s1', 's2']);
    expect(m.get('s2')).toEqual([a, b]);
  });
});

describe('retention rules as typed', () => {
  it('reads whole numbers only, empty meaning no rule', () => {
    const form = retentionToForm({ maxAgeDays: { incremental: 7, full: 90 }, keepDaily: 7 });
    expect(form.days.incremental).toBe('7');
    expect(form.days.snapshot).toBe('');
    expect(formToRetention(form)).toEqual({ ok: true, retention: { maxAgeDays: { incremental: 7, full: 90 }, keepDaily: 7 } });
    const bad = formToRetention({ ...form, days: { ...form.days, full: '1.5' }, keep: { ...form.keep, keepLast: '-1', keepWeekly: '1e3' } });
    expect(!bad.ok && Object.keys(bad.problems).sort()).toEqual(['days.full', 'keep.keepLast', 'keep.keepWeekly']);
    expect(formToRetention({ ...form, keep: { ...form.keep, keepLast: '0' } })).toMatchObject({ ok: true, retention: { keepLast: 0 } });
  });
});

describe('the restore wizard', () => {
  it('needs a full folder path, or the snapshot id typed again', () => {
    expect(targetProblem('folder', '', '', 'abcd')).toMatch(/folder/);
    expect(targetProblem('folder', 'relative/dir', '', 'abcd')).toMatch(/full path/);
    expect(targetProblem('folder', '/srv/restore', '', 'abcd')).toBeNull();
    expect(targetProblem('live', '', 'abc', 'abcd')).toMatch(/type the snapshot id abcd/);
    expect(targetProblem('live', '', ' abcd ', 'abcd')).toBeNull();
  });

  it('calls a restore verified only when the roots match and the database checks ok', () => {
    const r = { dryRun: false, restoredRoot: 'aa', expectedRoot: 'aa', integrity: 'ok' };
    expect(restoreVerified(r)).toBe(true);
    expect(restoreVerified({ ...r, restoredRoot: 'ab' })).toBe(false);
    expect(restoreVerified({ ...r, integrity: 'row 3 missing' })).toBe(false);
    expect(restoreVerified({ ...r, dryRun: true })).toBe(false);
  });

  it('formats ratios and durations for reading', () => {
    expect(ratioText(null)).toBe('—');
    expect(ratioText(3.14159)).toBe('3.1×');
    expect(ratioText(12.6)).toBe('13×');
    expect(durationText(0.4213)).toBe('0.42 s');
    expect(durationText(125)).toBe('2m 05s');
  });
});

describe('test restores and forgets, as the page says them', () => {
  const report = { snapshotId: 'aaaa', target: '/tmp/x', dryRun: false, files: 3, bytes: 10, tables: 5, rows: 1234, expectedRoot: 'ab'.repeat(32), restoredRoot: 'ab'.repeat(32), integrity: 'ok', movedAside: null, seconds: 1, destination: 'd', ok: true };

  it('calls a test restore VERIFIED only when it opened, checked ok and rehashed to the recorded root', () => {
    expect(testRestoreVerdict(report)).toEqual({ verified: true, text: expect.stringContaining('1,234 rows, 3 files, integrity ok') });
    expect(testRestoreVerdict({ ...report, restoredRoot: 'cd'.repeat(32) })).toEqual({ verified: false, text: expect.stringContaining('restored root cdcdcdcdcdcd, recorded abababababab') });
    expect(testRestoreVerdict({ ...report, integrity: '*** in database main *** Page 7: btreeInitPage() returns error code 11' }).text).toContain('integrity_check: *** in database main');
    expect(testRestoreVerdict({ ...report, ok: false }).verified).toBe(false);
  });

  it('says what a forget would do on a dry run, and what it did', () => {
    const r = { dryRun: true, snapshotsKept: 4, packsRemoved: 1, bytesFreed: 2048, packsPartlyUsed: 0, bytesUnused: 0, unindexedRemoved: 0, destination: 'd', forgotten: ['a1'] };
    expect(forgetSummary(r)).toBe('would forget 1 snapshot (4 kept) and remove 1 pack (2.0 KB)');
    expect(forgetSummary({ ...r, dryRun: false, forgotten: ['a1', 'b2'], packsRemoved: 0, bytesFreed: 0 })).toBe('forgot 2 snapshots (4 kept) and removed 0 packs (0 B)');
  });
});
