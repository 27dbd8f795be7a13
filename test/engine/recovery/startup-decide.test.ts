// The start-up coordinator's decision, without a disk: the fast findings in, the state, what it does
// by itself and the playbook a person runs out; the worst state wins.
import { describe, expect, it } from 'vitest';
import type { DetectorId, Finding, FindingSeverity } from '../../../shared/api/recovery';
import { decideStartup } from '../../../electron/engine/recovery/startup/decide';

const f = (detector: DetectorId, severity: FindingSeverity = 'critical', more: Partial<Finding> = {}): Finding => ({
  detector,
  title: detector,
  severity,
  found: true,
  checked: true,
  evidence: { text: `${detector} seen.`, details: {} },
  playbook: 'damaged-database',
  checkedAt: '2026-12-04T10:00:00.000Z',
  ...more,
});
const decide = (...findings: Finding[]) => decideStartup({ fresh: false, findings });

describe('the start-up decision', () => {
  it('nothing found: happy, resume; no reconciliation today is said, and still happy', () => {
    expect(decide()).toMatchObject({ state: 'happy', playbook: null, automatic: [], next: 'Resume.', says: expect.stringMatching(/broker agreed/) });
    expect(decide(f('broker-disagreement', 'warning'))).toMatchObject({ state: 'happy', says: expect.stringMatching(/broker-disagreement seen\./) });
    expect(decide(f('unclean-shutdown', 'warning', { found: false })).state).toBe('happy');
    expect(decide(f('database-damaged', 'critical', { checked: false })).state).toBe('happy');
  });

  it('a new desk is no-state, whatever else', () => {
    expect(decideStartup({ fresh: true, findings: [f('database-damaged')] })).toMatchObject({ state: 'no-state', playbook: 'no-state', next: expect.stringMatching(/lifeboat recover no-state --broker FILE/) });
  });

  it('damaged: the database (damaged-database) before a critical WAL (lost-wal); a leftover -shm (warning) is not damage', () => {
    expect(decide(f('wal-lost-or-foreign'), f('database-damaged'), f('unclean-shutdown', 'warning'))).toMatchObject({ state: 'damaged', playbook: 'damaged-database', automatic: [] });
    expect(decide(f('unclean-shutdown', 'warning'), f('wal-lost-or-foreign'))).toMatchObject({ state: 'damaged', playbook: 'lost-wal', next: expect.stringMatching(/recover lost-wal/) });
    expect(decide(f('wal-lost-or-foreign', 'warning')).state).toBe('happy');
  });

  it('unclean: the safe part is automatic, no playbook left to run; what else was found is said', () => {
    const v = decide(f('unclean-shutdown', 'warning'), f('live-state-stale', 'warning'));
    expect(v).toMatchObject({ state: 'unclean', playbook: null, next: expect.stringMatching(/lifeboat doctor/) });
    expect(v.automatic).toEqual(["take over the dead holder's lease", 'mark the jobs it left running as interrupted', 'let SQLite replay its log']);
    expect(v.says).toBe('unclean-shutdown seen. live-state-stale seen.');
  });

  it('stale before partial; partial only for open critical differences', () => {
    expect(decide(f('broker-disagreement'), f('live-state-stale', 'warning'))).toMatchObject({ state: 'stale', playbook: 'stale-state', automatic: [] });
    expect(decide(f('broker-disagreement'))).toMatchObject({ state: 'partial', playbook: 'broker-disagreement', next: expect.stringMatching(/reconcile/) });
  });
});
