// Checkpoint settings, read from the desk's settings with sensible defaults. A stored value is
// judged by the settings catalog (shared/settings/catalog.ts), so the timer and the staleness
// warning use exactly the value the Settings page and `lifeboat settings` say is in force.
import { checkSetting, settingSpec } from '../../../shared/settings/catalog';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_STALE_AFTER_SECONDS } from './policy';

/** What the settings are read from: the live store, or anything else with the desk's settings. */
interface Settings {
  settings(): Record<string, unknown>;
}

function seconds(store: Settings, key: string, fallback: number): number {
  const value = store.settings()[key];
  if (value === undefined) return fallback;
  const checked = checkSetting(settingSpec(key)!, value);
  return checked.ok ? (checked.value as number) : fallback;
}

export function staleAfterSeconds(store: Settings): number {
  return seconds(store, 'checkpoint.staleAfterSeconds', DEFAULT_STALE_AFTER_SECONDS);
}

export function autoIntervalSeconds(store: Settings): number {
  return seconds(store, 'checkpoint.autoIntervalSeconds', DEFAULT_INTERVAL_SECONDS);
}
