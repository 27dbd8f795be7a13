// Checkpoint settings, read from the desk's settings with sensible defaults.
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_STALE_AFTER_SECONDS } from './policy';

/** What the settings are read from: the live store, or anything else with the desk's settings. */
interface Settings {
  settings(): Record<string, unknown>;
}

function positiveInt(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

export function staleAfterSeconds(store: Settings): number {
  return positiveInt(store.settings()['checkpoint.staleAfterSeconds'], DEFAULT_STALE_AFTER_SECONDS);
}

export function autoIntervalSeconds(store: Settings): number {
  return positiveInt(store.settings()['checkpoint.autoIntervalSeconds'], DEFAULT_INTERVAL_SECONDS);
}
