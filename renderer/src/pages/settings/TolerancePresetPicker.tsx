// The named tolerance presets (shared/settings/tolerance-presets.ts) for the desk's default
// tolerances: one click saves the preset's tolerances as the setting (audited like every change);
// the preset the value in force is, if any, shows as chosen ("custom" otherwise).
import type { SettingView } from '../../../../shared/api/settings';
import type { ToleranceSetting } from '../../../../shared/settings/catalog';
import { matchingPreset, TOLERANCE_PRESETS } from '../../../../shared/settings/tolerance-presets';
import { useSettings } from './store/settings';

export function TolerancePresetPicker({ s }: { s: SettingView }) {
  const save = useSettings((st) => st.save);
  const busy = useSettings((st) => st.busy === s.key);
  const current = matchingPreset(s.value as ToleranceSetting);
  return (
    <div className="st-presets" data-testid={`setting-presets-${s.key}`} data-preset={current?.id ?? 'custom'}>
      <span className="st-presets-label">Preset</span>
      <div className="segmented" role="radiogroup" aria-label="Tolerance preset">
        {TOLERANCE_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            role="radio"
            aria-checked={current?.id === p.id}
            className={`seg${current?.id === p.id ? ' active' : ''}`}
            disabled={busy}
            title={p.hint}
            onClick={() => void save(s.key, p.tolerances)}
            data-testid={`setting-preset-${p.id}`}
          >
            {p.label}
          </button>
        ))}
      </div>
      <span className="dim" data-testid="setting-preset-hint">
        {current ? current.hint : 'Custom tolerances (none of the presets).'}
      </span>
    </div>
  );
}
