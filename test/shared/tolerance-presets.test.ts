import { describe, expect, it } from 'vitest';
import { checkSetting, settingSpec } from '../../shared/settings/catalog';
import { matchingPreset, presetById, TOLERANCE_PRESETS } from '../../shared/settings/tolerance-presets';
import { strategyOfSetting } from '../../shared/settings/strategy';
import { buildTolerances, presetRow } from '../../renderer/src/pages/reconciliation/model/tolerances';

describe('named tolerance presets', () => {
  it('are strict, normal and loose, each a valid reconciliation.tolerance value', () => {
    expect(TOLERANCE_PRESETS.map((p) => p.id)).toEqual(['strict', 'normal', 'loose']);
    for (const p of TOLERANCE_PRESETS) expect(checkSetting(settingSpec('reconciliation.tolerance')!, p.tolerances).ok, p.id).toBe(true);
  });

  it('name the tolerances that are exactly one of them, and no other', () => {
    expect(matchingPreset(settingSpec('reconciliation.tolerance')!.default as never)?.id).toBe('normal');
    expect(matchingPreset({ quantity: { abs: '0' }, price: { abs: '0' }, cash: { abs: '0' } })?.id).toBe('strict');
    expect(matchingPreset({ quantity: { abs: '0' }, price: { rel: '0.0002' }, cash: { abs: '0.01' } })).toBeNull();
    expect(matchingPreset(null)).toBeNull();
  });

  it('fill the wizard’s boxes (relative in percent) so that the run sends exactly the preset', () => {
    const loose = presetById('loose')!;
    const row = presetRow(loose.tolerances);
    expect(row.price).toEqual({ abs: '', relPct: '0.5' });
    expect(buildTolerances([row]).tolerances).toEqual(loose.tolerances);
  });
});

describe('the default strategy setting', () => {
  it('maps the catalog’s words to a run’s strategy, and anything else to warn', () => {
    expect(['WARN_ONLY', 'SYNC_TO_BROKER', 'HALT_AND_ALERT', 'toString', null].map(strategyOfSetting)).toEqual(['warn', 'sync', 'halt', 'warn', 'warn']);
  });
});
