// Named tolerance presets (issue #13, Settings: "tolerance presets"): a few sets of tolerances a
// person picks by name, in Settings (as the desk's default, reconciliation.tolerance) and in the
// reconciliation wizard (filling the run's own boxes). Exact decimal strings, as every tolerance.
import { TOLERANCE_FIELDS, type ToleranceSetting } from './catalog';

export interface TolerancePreset {
  id: 'strict' | 'normal' | 'loose';
  label: string;
  /** What the preset is for, in a line. */
  hint: string;
  tolerances: ToleranceSetting;
}

export const TOLERANCE_PRESETS: readonly TolerancePreset[] = [
  {
    id: 'strict',
    label: 'Strict',
    hint: 'Any difference at all is a discrepancy: for audits and month-end.',
    tolerances: { quantity: { abs: '0' }, price: { abs: '0' }, cash: { abs: '0' } },
  },
  {
    id: 'normal',
    label: 'Normal',
    hint: 'Quantities exact, prices within 0.01 %, cash within a cent: the everyday check.',
    tolerances: { quantity: { abs: '0' }, price: { rel: '0.0001' }, cash: { abs: '0.01' } },
  },
  {
    id: 'loose',
    label: 'Loose',
    hint: 'Dust and rounding ignored (quantities 0.1 %, prices 0.5 %, cash 1.00): for noisy broker reports.',
    tolerances: { quantity: { rel: '0.001' }, price: { rel: '0.005' }, cash: { abs: '1' } },
  },
];

export const presetById = (id: string): TolerancePreset | null => TOLERANCE_PRESETS.find((p) => p.id === id) ?? null;

const same = (a: { abs?: string; rel?: string } | undefined, b: { abs?: string; rel?: string } | undefined) =>
  (a?.abs ?? null) === (b?.abs ?? null) && (a?.rel ?? null) === (b?.rel ?? null);

/** The preset these tolerances are exactly, or null ("custom"). Values compared as canonical decimal strings. */
export function matchingPreset(tolerances: ToleranceSetting | null | undefined): TolerancePreset | null {
  if (!tolerances) return null;
  return TOLERANCE_PRESETS.find((p) => TOLERANCE_FIELDS.every((f) => same(p.tolerances[f], tolerances[f]))) ?? null;
}
