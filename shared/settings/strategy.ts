// The setting reconciliation.defaultStrategy speaks the catalog's words (WARN_ONLY, SYNC_TO_BROKER,
// HALT_AND_ALERT); a run's request speaks the API's (warn, sync, halt). One mapping for the engine
// and the wizard.
import type { ReconcileStrategy } from '../api/reconcile';
import type { RECONCILE_STRATEGIES } from './catalog';

const BY_SETTING: Record<(typeof RECONCILE_STRATEGIES)[number], ReconcileStrategy> = {
  WARN_ONLY: 'warn',
  SYNC_TO_BROKER: 'sync',
  HALT_AND_ALERT: 'halt',
};

/** The run strategy a setting value stands for; warn for anything else. */
export function strategyOfSetting(value: unknown): ReconcileStrategy {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(BY_SETTING, value) ? BY_SETTING[value as keyof typeof BY_SETTING] : 'warn';
}
