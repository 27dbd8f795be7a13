// The desk's default tolerances (setting reconciliation.tolerance) under a run's own: a field the
// run names (quantity, price, cash) keeps the run's tolerance, the others take the desk's. Only a
// stored, valid setting applies; without one the matcher's built-in defaults stand, as before.
import type { Tolerances } from '../../../shared/api/reconcile';
import { checkSetting, settingSpec, TOLERANCE_FIELDS, type ToleranceSetting } from '../../../shared/settings/catalog';

export function withDeskTolerances(store: { settings(): Record<string, unknown> }, run: Tolerances): Tolerances {
  const stored = store.settings()['reconciliation.tolerance'];
  if (stored === undefined) return run;
  const checked = checkSetting(settingSpec('reconciliation.tolerance')!, stored);
  if (!checked.ok) return run;
  const desk = checked.value as ToleranceSetting;
  const out: Tolerances = { ...run };
  for (const field of TOLERANCE_FIELDS) if (out[field] === undefined && desk[field] !== undefined) out[field] = desk[field];
  return out;
}
