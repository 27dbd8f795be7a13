// The Settings page's pure shaping: the catalog's sections with their settings, a field's text as
// typed (a draft) from a value and back. The page sends what was typed; the engine's catalog check
// is the one judge of a value, so the error beside a field is always the engine's own words.
import type { SettingView } from '../../../../../shared/api/settings';
import { RETENTION_RULES, SETTING_SECTIONS, TOLERANCE_FIELDS, type SettingKind } from '../../../../../shared/settings/catalog';

/** A field's text per part: '' for a one-input field, a rule ("keepDaily") or "cash.abs". */
export type Draft = Record<string, string>;

export const RETENTION_LABELS: Record<(typeof RETENTION_RULES)[number], string> = {
  keepLast: 'Last',
  keepHourly: 'Hourly',
  keepDaily: 'Daily',
  keepWeekly: 'Weekly',
  keepMonthly: 'Monthly',
};

export const TOLERANCE_PARTS = TOLERANCE_FIELDS.flatMap((f) => (['abs', 'rel'] as const).map((p) => `${f}.${p}`));

export interface Section {
  title: string;
  settings: SettingView[];
}

/** The catalog's sections in order (those with settings), then the stored keys Lifeboat does not know. */
export function sectionsOf(list: readonly SettingView[]): Section[] {
  const out: Section[] = SETTING_SECTIONS.map((title) => ({ title, settings: list.filter((s) => s.section === title) })).filter((s) => s.settings.length);
  const unknown = list.filter((s) => !s.known);
  if (unknown.length) out.push({ title: 'Other stored settings', settings: unknown });
  return out;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** The draft showing `value`. A secret's value arrives masked: its field starts empty. */
export function draftOf(kind: SettingKind | null, value: unknown, secret = false): Draft {
  if (kind === 'retention') {
    const v = (value ?? {}) as Record<string, unknown>;
    return Object.fromEntries(RETENTION_RULES.map((r) => [r, text(v[r])]));
  }
  if (kind === 'tolerance') {
    const v = (value ?? {}) as Record<string, Record<string, unknown> | undefined>;
    return Object.fromEntries(TOLERANCE_PARTS.map((p) => {
      const [field, part] = p.split('.');
      return [p, text(v[field]?.[part])];
    }));
  }
  return { '': secret ? '' : text(value) };
}

/** A whole number as typed becomes a number; anything else is sent as typed, for the engine to refuse by name. */
const wholeOrText = (s: string): unknown => (/^-?\d{1,15}$/.test(s.trim()) ? Number(s.trim()) : s);

/** The value a draft asks for. Blank means "none" where the setting allows none (null), or "no rule". */
export function valueOf(kind: SettingKind | null, draft: Draft): unknown {
  switch (kind) {
    case 'seconds':
    case 'number':
      return wholeOrText(draft[''] ?? '');
    case 'bytes':
      return (draft[''] ?? '').trim() === '' ? null : wholeOrText(draft['']);
    case 'command':
    case 'url':
    case 'text':
      return (draft[''] ?? '').trim() === '' ? null : draft[''].trim();
    case 'retention': {
      const out: Record<string, unknown> = {};
      for (const r of RETENTION_RULES) if ((draft[r] ?? '').trim() !== '') out[r] = wholeOrText(draft[r]);
      return out;
    }
    case 'tolerance': {
      const out: Record<string, Record<string, string>> = {};
      for (const p of TOLERANCE_PARTS) {
        const t = (draft[p] ?? '').trim();
        if (t === '') continue;
        const [field, part] = p.split('.');
        (out[field] ??= {})[part] = t;
      }
      return out;
    }
    default:
      return draft[''] ?? '';
  }
}

export const sameDraft = (a: Draft, b: Draft): boolean => Object.keys({ ...a, ...b }).every((k) => (a[k] ?? '') === (b[k] ?? ''));

/** A value as one line of text ("60", "none", a compact JSON object). */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "3600 s (1h)": seconds with a reading in larger units. */
export function readSeconds(s: number): string {
  if (s < 60) return `${s} s`;
  const units: [number, string][] = [[86_400, 'd'], [3600, 'h'], [60, 'min']];
  const [size, unit] = units.find(([size]) => s >= size)!;
  const n = s / size;
  return `${s} s (${Number.isInteger(n) ? n : n.toFixed(1)} ${unit})`;
}
