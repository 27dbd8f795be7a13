// The Settings page's shaping: sections in catalog order, a field's text from a value and back
// (whole numbers as numbers, tolerances as decimal strings, blanks as "none" or "no rule").
import { describe, expect, it } from 'vitest';
import type { SettingView } from '../../shared/api/settings';
import { draftOf, readSeconds, sectionsOf, showValue, valueOf } from '../../renderer/src/pages/settings/model/fields';

const view = (key: string, section: SettingView['section'], known = true): SettingView => ({
  key, known, section, label: key, description: '', unit: null, kind: null, choices: null, expected: null, value: null, default: null, stored: false, problem: null, secret: false,
});

describe('settings page model', () => {
  it('groups settings by the catalog sections in order, unknown keys last', () => {
    const list = [view('console.theme', 'Appearance'), view('desk.name', null, false), view('checkpoint.retention', 'Checkpoints'), view('alerts.webhook', 'Alerts')];
    expect(sectionsOf(list).map((s) => [s.title, s.settings.map((x) => x.key)])).toEqual([
      ['Checkpoints', ['checkpoint.retention']],
      ['Alerts', ['alerts.webhook']],
      ['Appearance', ['console.theme']],
      ['Other stored settings', ['desk.name']],
    ]);
  });

  it('reads a retention into its five rules and back, blanks leaving a rule out', () => {
    const draft = draftOf('retention', { keepLast: 60, keepDaily: 14 });
    expect(draft).toEqual({ keepLast: '60', keepHourly: '', keepDaily: '14', keepWeekly: '', keepMonthly: '' });
    expect(valueOf('retention', { ...draft, keepDaily: '', keepWeekly: '8' })).toEqual({ keepLast: 60, keepWeekly: 8 });
    // Not a whole number: sent as typed, for the engine to refuse by name.
    expect(valueOf('retention', { keepLast: 'ten' })).toEqual({ keepLast: 'ten' });
  });

  it('keeps tolerances as the decimal strings typed', () => {
    const draft = draftOf('tolerance', { quantity: { abs: '0' }, cash: { abs: '0.01' } });
    expect(draft['cash.abs']).toBe('0.01');
    expect(valueOf('tolerance', { ...draft, 'price.rel': '0.000100000000000000001' })).toEqual({ quantity: { abs: '0' }, price: { rel: '0.000100000000000000001' }, cash: { abs: '0.01' } });
  });

  it('reads seconds, bytes, commands and addresses; blank is none where none is allowed', () => {
    expect(valueOf('seconds', { '': ' 120 ' })).toBe(120);
    expect(valueOf('seconds', { '': '2m' })).toBe('2m');
    expect(valueOf('bytes', { '': '' })).toBeNull();
    expect(valueOf('command', { '': '  ' })).toBeNull();
    expect(valueOf('url', { '': ' https://h/x ' })).toBe('https://h/x');
    // A secret arrives masked: its field starts empty rather than holding the mask.
    expect(draftOf('url', 'https://h/x?…', true)).toEqual({ '': '' });
  });

  it('shows values and seconds for reading', () => {
    expect(showValue(null)).toBe('none');
    expect(showValue({ keepLast: 1 })).toBe('{"keepLast":1}');
    expect(readSeconds(45)).toBe('45 s');
    expect(readSeconds(3600)).toBe('3600 s (1 h)');
    expect(readSeconds(90)).toBe('90 s (1.5 min)');
  });
});
