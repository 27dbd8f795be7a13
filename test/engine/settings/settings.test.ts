// Settings through the engine: a change is validated, written with exactly one audit entry and
// announced; a refused one writes nothing; reset brings the default back; the automatic checkpoint
// timer follows a changed interval at once; the retention preview agrees with a real prune.
import { describe, expect, it } from 'vitest';
import type { StateChanged } from '../../../shared/api/contract';
import { startAutoCheckpoints } from '../../../electron/engine/services/auto-checkpoints';
import { demoDesk } from '../../support/demo-desk';

const auditCount = (engine: ReturnType<typeof demoDesk>) => (engine.store.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

describe('settings', () => {
  it('lists every known key with its default filled in, then the unknown stored keys', async () => {
    const engine = demoDesk(7);
    const list = await engine.call('settings.list', {});
    const theme = list.find((s) => s.key === 'console.theme')!;
    expect(theme).toMatchObject({ known: true, section: 'Appearance', value: 'system', default: 'system', stored: false });
    expect(list.find((s) => s.key === 'checkpoint.autoIntervalSeconds')).toMatchObject({ value: 60, stored: true, problem: null });
    expect(list.find((s) => s.key === 'desk.name')).toMatchObject({ known: false, value: 'Demo desk' });
  });

  it('set writes the value and one settings.change audit entry, and announces the settings row', async () => {
    const engine = demoDesk(7);
    const before = auditCount(engine);
    const changed = engine.events.next('state.changed', (e: StateChanged) => e.tables.includes('settings'));
    const change = await engine.call('settings.set', { key: 'checkpoint.autoIntervalSeconds', value: 300 });
    expect(change).toMatchObject({ key: 'checkpoint.autoIntervalSeconds', from: 60, to: 300 });
    expect(engine.store.settings()['checkpoint.autoIntervalSeconds']).toBe(300);
    expect(auditCount(engine)).toBe(before + 1);
    const entry = (await engine.call('audit.list', { limit: 1 })).entries[0];
    expect(entry).toMatchObject({ seq: change.auditSeq, action: 'settings.change', details: { key: 'checkpoint.autoIntervalSeconds', from: 60, to: 300 } });
    expect((await changed).rows.settings).toEqual(['checkpoint.autoIntervalSeconds']);
  });

  it('refuses an invalid value or an unknown key naming it, and writes nothing', async () => {
    const engine = demoDesk(7);
    const settings = engine.store.settingsHash();
    const before = auditCount(engine);
    await expect(engine.call('settings.set', { key: 'checkpoint.autoIntervalSeconds', value: 'soon' })).rejects.toMatchObject({
      code: 'bad_request',
      where: 'checkpoint.autoIntervalSeconds',
      reason: expect.stringContaining('expected a whole number of seconds'),
    });
    await expect(engine.call('settings.set', { key: 'desk.name', value: 'x' })).rejects.toMatchObject({ code: 'bad_request', where: 'desk.name' });
    expect(engine.store.settingsHash()).toBe(settings);
    expect(auditCount(engine)).toBe(before);
  });

  it('masks a webhook token in the audit trail, what the channels answer, a checkpoint\'s rows and the export', async () => {
    const engine = demoDesk(7);
    const url = 'https://alerts:pw@hooks.example.com/desk?token=s3cret';
    const change = await engine.call('settings.set', { key: 'alerts.webhook', value: url });
    expect(change.to).toBe('https://…@hooks.example.com/desk?…');
    expect(engine.store.settings()['alerts.webhook']).toBe(url);
    const audit = JSON.stringify((await engine.call('audit.list', {})).entries);
    const list = JSON.stringify(await engine.call('settings.list', {}));
    const checkpoint = await engine.call('checkpoints.create', {});
    const rows = JSON.stringify(await engine.call('checkpoints.rows', { checkpointId: checkpoint.checkpointId, table: 'settings' }));
    const exported = JSON.stringify(await engine.call('state.export', {}));
    for (const text of [audit, list, JSON.stringify(change), rows, exported]) expect(text).not.toMatch(/s3cret|:pw@/);
    expect(rows).toContain('hooks.example.com/desk?…');
  });

  it('reset removes the stored value, so the default is in force, with a settings.reset entry', async () => {
    const engine = demoDesk(7);
    await engine.call('settings.set', { key: 'console.theme', value: 'dark' });
    const reset = await engine.call('settings.reset', { key: 'console.theme' });
    expect(reset).toMatchObject({ key: 'console.theme', from: 'dark', to: 'system' });
    expect('console.theme' in engine.store.settings()).toBe(false);
    expect((await engine.call('settings.list', {})).find((s) => s.key === 'console.theme')).toMatchObject({ value: 'system', stored: false });
    expect((await engine.call('audit.list', { limit: 1 })).entries[0]).toMatchObject({ action: 'settings.reset', details: { key: 'console.theme', from: 'dark', to: 'system' } });
  });

  it('a stored value the catalog refuses is reported, and the default is in force', async () => {
    const engine = demoDesk(7);
    engine.store.setSetting('checkpoint.staleAfterSeconds', 'an hour');
    expect((await engine.call('settings.list', {})).find((s) => s.key === 'checkpoint.staleAfterSeconds')).toMatchObject({ value: 3600, stored: true, problem: expect.stringContaining('got "an hour"') });
  });

  it('the automatic checkpoint timer runs at a changed interval without a restart', async () => {
    const engine = demoDesk(7);
    const auto = startAutoCheckpoints(engine, (err) => {
      throw err;
    });
    try {
      expect(auto.intervalSeconds).toBe(60);
      await engine.call('settings.set', { key: 'checkpoint.autoIntervalSeconds', value: 15 });
      expect(auto.intervalSeconds).toBe(15);
      await engine.call('settings.reset', { key: 'checkpoint.autoIntervalSeconds' });
      expect(auto.intervalSeconds).toBe(60);
    } finally {
      auto.stop();
    }
  });

  it('the retention preview names what a real prune then removes, and writes nothing', async () => {
    const engine = demoDesk(7);
    for (let i = 0; i < 4; i++) {
      await engine.call('settings.set', { key: 'checkpoint.staleAfterSeconds', value: 3600 + i });
      await engine.call('checkpoints.create', { label: `c${i}` });
    }
    const audit = auditCount(engine);
    const preview = await engine.call('settings.retentionPreview', { policy: { keepLast: 1 } });
    expect(auditCount(engine)).toBe(audit);
    expect(preview.total).toBe(4);
    expect(preview.remove).toHaveLength(3);
    expect(preview.bytes).toBeGreaterThan(0);
    const pruned = await engine.call('checkpoints.prune', { policy: { keepLast: 1 }, dryRun: false });
    expect(preview.remove.map((c) => c.checkpointId)).toEqual(pruned.remove);
    expect(preview.bytes).toBe(pruned.bytesFreed);
    // Without a policy it previews the stored one (the demo's keeps far more than 1).
    expect((await engine.call('settings.retentionPreview', {})).remove).toEqual([]);
    await expect(engine.call('settings.retentionPreview', { policy: { keepLast: 0 } })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
