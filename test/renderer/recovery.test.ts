// The Recovery page's reading of the detectors' report: problems first, then what could not be
// looked at, then what is fine; and a headline that counts them.
import { describe, expect, it } from 'vitest';
import { doctorHeadline, findingState, orderedFindings, playbookName } from '../../renderer/src/pages/recovery/model/findings';
import type { DoctorReport, Finding } from '../../shared/api/recovery';

const finding = (detector: Finding['detector'], severity: Finding['severity'], found: boolean, checked = true): Finding => ({
  detector,
  title: detector,
  severity,
  found,
  checked,
  evidence: { text: `${detector} evidence`, details: {} },
  playbook: 'damaged-database',
  checkedAt: '2026-12-04T10:00:00.000Z',
});

const report = (findings: Finding[]): DoctorReport => ({
  stateDir: '/desk',
  checkedAt: '2026-12-04T10:00:00.000Z',
  readFrom: 'a scratch copy',
  findings,
  found: {
    critical: findings.filter((f) => f.found && f.severity === 'critical').length,
    warning: findings.filter((f) => f.found && f.severity === 'warning').length,
    info: findings.filter((f) => f.found && f.severity === 'info').length,
  },
  problems: findings.some((f) => f.found && f.severity !== 'info'),
});

describe('the Recovery page', () => {
  it('puts what is wrong first, then what could not be checked, then what is fine', () => {
    const r = report([
      finding('unclean-shutdown', 'critical', false),
      finding('database-damaged', 'critical', false, false),
      finding('checkpoint-stale', 'warning', true),
      finding('backup-overdue', 'info', true),
      finding('broker-disagreement', 'critical', true),
    ]);
    expect(orderedFindings(r).map((f) => [f.detector, findingState(f)])).toEqual([
      ['broker-disagreement', 'critical'],
      ['checkpoint-stale', 'warning'],
      ['backup-overdue', 'info'],
      ['database-damaged', 'not-checked'],
      ['unclean-shutdown', 'ok'],
    ]);
    expect(doctorHeadline(r)).toBe('2 problems: 1 critical, 1 warning (and 1 note); 1 detector could not look.');
  });

  it('says when nothing is wrong, and names playbooks in words', () => {
    expect(doctorHeadline(report([finding('unclean-shutdown', 'critical', false), finding('disk-full', 'warning', false)]))).toBe('No problem found by 2 detectors.');
    expect(playbookName('damaged-database')).toBe('damaged database');
  });
});
