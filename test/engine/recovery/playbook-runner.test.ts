// The playbook definition and its runner (on jobs/steps.ts), the recovery history file and the
// drill's fault, without the CLI: steps run in order and say what they do before doing it; a
// failing step undoes the finished ones newest first; the history appends whole lines.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { damagedDatabase } from '../../../electron/engine/recovery/playbooks/damaged-database';
import { DRILL_BYTES, injectDamage } from '../../../electron/engine/recovery/playbooks/drill';
import { appendRecoveryHistory, HISTORY_FILE, readRecoveryHistory, type RecoveryRecord } from '../../../electron/engine/recovery/playbooks/history';
import { MAX_ATTEMPTS, planOf, runPlaybook, type Playbook } from '../../../electron/engine/recovery/playbooks/playbook';
import { lostWal } from '../../../electron/engine/recovery/playbooks/lost-wal';
import { uncleanShutdown } from '../../../electron/engine/recovery/playbooks/unclean-shutdown';
import { tempDir } from '../../support/temp-state';

describe('the damaged-database playbook', () => {
  it('is six numbered steps; the two that change the desk wait for a person', () => {
    expect(planOf(damagedDatabase).map((s) => [s.n, s.id, s.auto])).toEqual([
      [1, 'confirm', true],
      [2, 'lease', true],
      [3, 'move-aside', false],
      [4, 'restore', false],
      [5, 'verify', true],
      [6, 'record', true],
    ]);
    for (const s of damagedDatabase.steps) expect(s.says.length).toBeGreaterThan(20);
    expect(damagedDatabase.id).toBe('damaged-database');
  });
});

describe('the in-place playbooks', () => {
  it('unclean-shutdown and lost-wal: numbered steps; only the first runs without a person, the checks run by themselves', () => {
    expect(planOf(uncleanShutdown).map((s) => [s.n, s.id, s.auto])).toEqual([
      [1, 'confirm', true],
      [2, 'lease', false],
      [3, 'integrity', true],
      [4, 'verify-checkpoint', true],
      [5, 'reconcile', false],
      [6, 'resume', false],
      [7, 'record', true],
    ]);
    expect(planOf(lostWal).map((s) => s.id)).toEqual(['confirm', 'lease', 'move-aside', 'integrity', 'verify-checkpoint', 'reconcile', 'resume', 'record']);
    expect(lostWal.steps[2].auto).toBe(false);
    // The steps that may fail for a passing reason retry, at most three runs; the record is never run twice.
    for (const p of [uncleanShutdown, lostWal]) {
      for (const s of p.steps) expect(s.retry?.attempts ?? 1, `${p.id} ${s.id}`).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect(p.steps.find((s) => s.id === 'record')!.retry).toBeUndefined();
    }
  });
});

describe('runPlaybook', () => {
  type Log = string[];
  const book = (failAt: string | null): Playbook<Log> => ({
    id: 'damaged-database',
    title: 'test',
    steps: ['a', 'b', 'c'].map((id) => ({
      id,
      says: `do ${id}`,
      auto: true,
      run: (log: Log) => {
        log.push(`run ${id}`);
        if (id === failAt) throw new Error(`${id} failed`);
      },
      check: (log: Log) => {
        log.push(`check ${id}`);
        return `${id} done`;
      },
      undo: (log: Log) => {
        log.push(`undo ${id}`);
      },
    })),
  });

  it('says each step before it runs it, then checks it; a range runs only its steps', async () => {
    const log: Log = [];
    const reports = await runPlaybook(book(null), log, { from: 2 }, { before: (s) => log.push(`say ${s.n} ${s.says}`), after: (s, r) => log.push(`said ${s.n} ${r.message}`) });
    expect(log).toEqual(['say 2 do b', 'run b', 'check b', 'said 2 b done', 'say 3 do c', 'run c', 'check c', 'said 3 c done']);
    expect(reports.map((r) => [r.name, r.state, r.message])).toEqual([
      ['b', 'succeeded', 'b done'],
      ['c', 'succeeded', 'c done'],
    ]);
  });

  it('a failing step: the error is thrown and the finished steps are undone, newest first', async () => {
    const log: Log = [];
    await expect(runPlaybook(book('c'), log)).rejects.toThrow('c failed');
    expect(log).toEqual(['run a', 'check a', 'run b', 'check b', 'run c', 'undo b', 'undo a']);
  });
});

describe('the recovery history', () => {
  const record = (n: number): RecoveryRecord => ({
    playbook: 'damaged-database',
    detectedAt: `2026-12-04T10:00:0${n}.000Z`,
    startedAt: `2026-12-04T10:00:0${n}.000Z`,
    verifiedAt: `2026-12-04T10:00:0${n + 1}.000Z`,
    restoredPointTime: '2026-12-04T09:00:00.000Z',
    rtoSeconds: 1,
    rpoSeconds: 3600 + n,
    restoredFrom: { kind: 'backup', snapshotId: `s${n}` },
    damagedFiles: `damaged/${n}`,
    resumed: false,
    evidence: 'quick_check',
  });

  it('appends one whole line per recovery, atomically (no temp file left)', () => {
    const dir = tempDir();
    expect(readRecoveryHistory(dir)).toEqual([]);
    appendRecoveryHistory(dir, record(1));
    appendRecoveryHistory(dir, record(2));
    expect(readRecoveryHistory(dir)).toEqual([record(1), record(2)]);
    expect(readFileSync(join(dir, HISTORY_FILE), 'utf8').split('\n')).toHaveLength(3);
    expect(readdirSync(dir)).toEqual([HISTORY_FILE]);
  });
});

describe("the drill's fault", () => {
  it('overwrites 64 KiB on a page boundary in the middle of the file, and nothing else', () => {
    const file = join(tempDir(), 'lifeboat.db');
    const before = Buffer.alloc(1024 * 1024, 7);
    writeFileSync(file, before);
    const { offset, bytes } = injectDamage(file);
    expect(bytes).toBe(DRILL_BYTES);
    expect(offset % 4096).toBe(0);
    expect(Math.abs(offset + bytes / 2 - before.length / 2)).toBeLessThan(4096);
    const after = readFileSync(file);
    expect(after.length).toBe(before.length);
    expect(after.subarray(0, offset).equals(before.subarray(0, offset))).toBe(true);
    expect(after.subarray(offset + bytes).equals(before.subarray(offset + bytes))).toBe(true);
    expect(after.subarray(offset, offset + bytes).equals(before.subarray(offset, offset + bytes))).toBe(false);
  });

  it('refuses a file too small to damage in its middle, naming it', () => {
    const file = join(tempDir(), 'lifeboat.db');
    writeFileSync(file, Buffer.alloc(4096));
    expect(() => injectDamage(file)).toThrow(/too small/);
  });
});
