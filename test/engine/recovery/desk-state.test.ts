// The detectors of the desk's state against time, each against a real planted fault in a real
// state folder: a desk gone quiet, an old checkpoint, settings changed after the newest
// checkpoint, and an audit entry dated in the future.
import { describe, expect, it } from 'vitest';
import type { DoctorReport, Finding } from '../../../shared/api/recovery';
import { appendAudit } from '../../../electron/engine/audit/audit-log';
import { runDoctor } from '../../../electron/engine/recovery/doctor';
import type { Engine } from '../../../electron/engine/engine';
import { closedDesk, folderListing } from '../../support/closed-desk';

const of = (r: DoctorReport, id: Finding['detector']) => r.findings.find((f) => f.detector === id)!;
const HOUR = 3600_000;

describe('staleness', () => {
  it('the newest checkpoint older than an hour; the setting checkpoint.staleAfterSeconds moves the limit', async () => {
    const dir = await closedDesk({ work: (engine) => void engine.checkpoints.create('manual') });
    const later = new Date(Date.now() + 2 * HOUR);
    expect(of(runDoctor(dir), 'checkpoint-stale').found).toBe(false);
    const stale = of(runDoctor(dir, { now: later }), 'checkpoint-stale');
    expect(stale).toMatchObject({ found: true, severity: 'warning', playbook: 'stale-state', evidence: { text: expect.stringMatching(/is 2 h old; the limit is 1 h/) } });

    const patient = await closedDesk({
      work: (engine) => {
        engine.commit('settings', () => {
          engine.store.setSetting('checkpoint.staleAfterSeconds', 3 * 3600);
          appendAudit(engine.store.db, 'settings.set', { key: 'checkpoint.staleAfterSeconds' });
        });
        engine.checkpoints.create('manual');
      },
    });
    expect(of(runDoctor(patient, { now: later }), 'checkpoint-stale')).toMatchObject({ found: false, evidence: { text: expect.stringMatching(/limit 3 h/) } });
  });

  it('no checkpoint at all is stale too', async () => {
    expect(of(runDoctor(await closedDesk()), 'checkpoint-stale')).toMatchObject({ found: true, evidence: { text: expect.stringMatching(/no checkpoint yet/) } });
  });

  it('a desk whose live rows have not changed for a day is stale', async () => {
    const dir = await closedDesk({ asOf: new Date(Date.now() - 3 * 24 * HOUR).toISOString() });
    const found = of(runDoctor(dir), 'live-state-stale');
    expect(found).toMatchObject({ found: true, severity: 'warning', evidence: { text: expect.stringMatching(/No live row changed for 3 days: the newest change is .* \(account .*\); the limit is 1 day/) } });
    expect(of(runDoctor(await closedDesk()), 'live-state-stale').found).toBe(false);
  });
});

describe('settings changed since the newest checkpoint', () => {
  it('names the keys changed and added, and clears once a checkpoint records them', async () => {
    const change = (engine: Engine) =>
      engine.commit('settings', () => {
        engine.store.setSetting('desk.name', 'Desk after the deploy');
        engine.store.setSetting('recovery.liveStaleAfterSeconds', 7200);
        appendAudit(engine.store.db, 'settings.set', {});
      });
    let id = '';
    const dir = await closedDesk({
      work: (engine) => {
        id = engine.checkpoints.create('manual').checkpointId;
        change(engine);
      },
    });
    const found = of(runDoctor(dir), 'settings-changed');
    expect(found).toMatchObject({ found: true, severity: 'warning', playbook: 'settings-changed' });
    expect(found.evidence.text).toMatch(new RegExp(`since checkpoint ${id} .*: changed desk\\.name; added recovery\\.liveStaleAfterSeconds`));
    expect(found.evidence.details).toMatchObject({ changed: [{ key: 'desk.name', after: '"Desk after the deploy"' }] });

    const recorded = await closedDesk({
      work: (engine) => {
        engine.checkpoints.create('manual');
        change(engine);
        engine.checkpoints.create('manual');
      },
    });
    expect(of(runDoctor(recorded), 'settings-changed').found).toBe(false);
  });
});

describe('the clock behind the newest recorded event', () => {
  it('an audit entry dated an hour ahead of this machine is found, naming it', async () => {
    const future = new Date(Date.now() + HOUR).toISOString();
    const dir = await closedDesk({ work: (engine) => void engine.commit('test', () => appendAudit(engine.store.db, 'test.future', {}, future)) });
    const before = folderListing(dir);
    const found = of(runDoctor(dir), 'clock-behind');
    expect(found).toMatchObject({ found: true, severity: 'warning', playbook: 'clock-behind' });
    expect(found.evidence.text).toMatch(new RegExp(`is (59 min|1 h) behind the newest recorded event: audit entry #\\d+ at ${future.replace(/\./g, '\\.')}`));
    expect(folderListing(dir)).toEqual(before);
  });

  it('a clock set back (now injected) against a checkpoint taken in its future', async () => {
    const dir = await closedDesk({ work: (engine) => void engine.checkpoints.create('manual') });
    expect(of(runDoctor(dir), 'clock-behind').found).toBe(false);
    expect(of(runDoctor(dir, { now: new Date(Date.now() - 2 * HOUR) }), 'clock-behind').found).toBe(true);
  });
});
