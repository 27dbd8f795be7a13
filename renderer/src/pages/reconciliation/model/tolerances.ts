// Tolerances as a person types them (absolute, and relative in percent) → the API's Tolerances
// (absolute and relative as a fraction, exact decimal strings), with a problem per bad box.
import type { Tolerance, Tolerances } from '../../../../../shared/api/reconcile';
import { canonical, decimalProblem, Dec, toStored } from '../../../../../shared/decimal';
import { formatDecimal } from '../../../../../shared/decimal-text';

export const TOL_FIELDS = ['quantity', 'price', 'cash'] as const;
export type TolField = (typeof TOL_FIELDS)[number];
export const TOL_FIELD_LABEL: Record<TolField, string> = { quantity: 'Quantity', price: 'Price', cash: 'Cash' };

export interface TolInput {
  abs: string;
  /** Percent of the broker's value, as typed ("0.5" is 0.5 %). */
  relPct: string;
}

export interface TolRow {
  /** '' for the desk-wide default, else the account it overrides. */
  scope: string;
  quantity: TolInput;
  price: TolInput;
  cash: TolInput;
}

export const emptyInput = (): TolInput => ({ abs: '', relPct: '' });
export const emptyRow = (scope: string): TolRow => ({ scope, quantity: emptyInput(), price: emptyInput(), cash: emptyInput() });

/** Where a problem is: "<scope>.<field>.<abs|rel>" ('desk' for the default row). */
export const problemKey = (scope: string, field: TolField, part: 'abs' | 'rel') => `${scope || 'desk'}.${field}.${part}`;

function readBox(text: string): { value: string | null; problem: string | null } {
  const t = text.trim();
  if (t === '') return { value: null, problem: null };
  const problem = decimalProblem(t, { nonNegative: true });
  return problem ? { value: null, problem } : { value: canonical(t), problem: null };
}

function readInput(input: TolInput, scope: string, field: TolField, problems: Record<string, string>): Tolerance | undefined {
  const abs = readBox(input.abs);
  const rel = readBox(input.relPct);
  if (abs.problem) problems[problemKey(scope, field, 'abs')] = abs.problem;
  if (rel.problem) problems[problemKey(scope, field, 'rel')] = rel.problem;
  const out: Tolerance = {};
  if (abs.value !== null) out.abs = abs.value;
  if (rel.value !== null) out.rel = toStored(new Dec(rel.value).div(100));
  return out.abs !== undefined || out.rel !== undefined ? out : undefined;
}

export function buildTolerances(rows: readonly TolRow[]): { tolerances: Tolerances; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const tolerances: Tolerances = {};
  for (const row of rows) {
    const target: Partial<Record<TolField, Tolerance>> = {};
    for (const field of TOL_FIELDS) {
      const t = readInput(row[field], row.scope, field, problems);
      if (t) target[field] = t;
    }
    if (row.scope === '') Object.assign(tolerances, target);
    else if (Object.keys(target).length) (tolerances.accounts ??= {})[row.scope] = target;
  }
  return { tolerances, problems };
}

/**
 * What the engine uses for a box left empty (electron/engine/reconcile/tolerance.ts): quantities
 * exact, prices within 1 bp, cash within a cent. Shown as hints only; an empty box sends nothing.
 */
export const ENGINE_DEFAULTS: Record<TolField, TolInput> = {
  quantity: { abs: '0', relPct: '' },
  price: { abs: '', relPct: '0.01' },
  cash: { abs: '0.01', relPct: '' },
};

/** "± 0.01" / "± 0.5 %" / "± 0.01 or 0.5 %" / "exact" / "default". */
export function describeTolerance(t: Tolerance | undefined): string {
  if (!t || (t.abs === undefined && t.rel === undefined)) return 'default';
  const zero = (v: string | undefined) => v === undefined || new Dec(v).isZero();
  if (zero(t.abs) && zero(t.rel)) return 'exact';
  const parts: string[] = [];
  if (t.abs !== undefined) parts.push(formatDecimal(t.abs));
  if (t.rel !== undefined) parts.push(`${formatDecimal(toStored(new Dec(t.rel).times(100)))} %`);
  return `± ${parts.join(' or ')}`;
}

/** One line per scope: "quantity exact · price ± 0.5 % · cash ± 1". */
export function describeTolerances(t: Tolerances): { scope: string; text: string }[] {
  const line = (x: Partial<Record<TolField, Tolerance>>) => TOL_FIELDS.map((f) => `${f} ${describeTolerance(x[f])}`).join(' · ');
  return [{ scope: '', text: line(t) }, ...Object.entries(t.accounts ?? {}).map(([scope, x]) => ({ scope, text: line(x) }))];
}

/** A named preset (shared/settings/tolerance-presets.ts) as the desk-wide row's boxes: relative ones in percent, exact. */
export function presetRow(tolerances: Partial<Record<TolField, Tolerance>>): TolRow {
  const row = emptyRow('');
  for (const field of TOL_FIELDS) {
    const t = tolerances[field];
    row[field] = { abs: t?.abs ?? '', relPct: t?.rel !== undefined ? toStored(new Dec(t.rel).times(100)) : '' };
  }
  return row;
}
