// The strategy a run takes when its request names none: the desk's setting
// reconciliation.defaultStrategy (WARN_ONLY, SYNC_TO_BROKER or HALT_AND_ALERT in the catalog's
// words). Sync and halt change the live state, so a run against a checkpoint or a Freqtrade file
// that names none warns, whatever the setting: a default never makes a run refuse to start.
import type { ReconcileStrategy } from '../../../shared/api/reconcile';
import { strategyOfSetting } from '../../../shared/settings/strategy';
import { settingValue } from '../settings/settings';

export function defaultStrategy(store: { settings(): Record<string, unknown> }): ReconcileStrategy {
  return strategyOfSetting(settingValue(store, 'reconciliation.defaultStrategy'));
}

/** The run's strategy: the one it names, else the desk's default where it may act (against live), else warn. */
export function runStrategy(store: { settings(): Record<string, unknown> }, given: ReconcileStrategy | undefined, against: string): ReconcileStrategy {
  if (given) return given;
  return against === 'live' ? defaultStrategy(store) : 'warn';
}
