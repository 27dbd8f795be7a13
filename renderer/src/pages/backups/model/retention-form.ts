// The retention editor: the rules as boxes of text → BackupRetention, or the boxes that are not a
// whole number in range. Empty means "no such rule" (days: kept forever; keep-*: not applied).
import type { BackupRetention, BackupType } from '../../../../../shared/api/backups';
import { BACKUP_TYPES } from '../../../../../shared/api/backups';

export const KEEP_RULES = ['keepLast', 'keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly'] as const;
export type KeepRule = (typeof KEEP_RULES)[number];

export const KEEP_LABEL: Record<KeepRule, string> = {
  keepLast: 'Keep last',
  keepHourly: 'Hourly',
  keepDaily: 'Daily',
  keepWeekly: 'Weekly',
  keepMonthly: 'Monthly',
};

export interface RetentionForm {
  days: Record<BackupType, string>;
  keep: Record<KeepRule, string>;
}

/** The rules as the boxes show them. */
export function retentionToForm(r: BackupRetention): RetentionForm {
  const days = Object.fromEntries(BACKUP_TYPES.map((t) => [t, r.maxAgeDays[t] === undefined ? '' : String(r.maxAgeDays[t])])) as Record<BackupType, string>;
  const keep = Object.fromEntries(KEEP_RULES.map((k) => [k, r[k] === undefined ? '' : String(r[k])])) as Record<KeepRule, string>;
  return { days, keep };
}

/** A whole number typed in a box: digits only (no sign, no decimal point, no exponent). */
function wholeNumber(text: string, min: number, max: number): number | 'bad' | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^\d{1,6}$/.test(t)) return 'bad';
  const n = Number.parseInt(t, 10);
  return n < min || n > max ? 'bad' : n;
}

export function formToRetention(f: RetentionForm): { ok: true; retention: BackupRetention } | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const retention: BackupRetention = { maxAgeDays: {} };
  for (const t of BACKUP_TYPES) {
    const n = wholeNumber(f.days[t], 1, 36_500);
    if (n === 'bad') problems[`days.${t}`] = 'whole days, 1 to 36500 (empty: forever)';
    else if (n !== undefined) retention.maxAgeDays[t] = n;
  }
  for (const k of KEEP_RULES) {
    const n = wholeNumber(f.keep[k], 0, 100_000);
    if (n === 'bad') problems[`keep.${k}`] = 'a whole number, 0 to 100000 (empty: no rule)';
    else if (n !== undefined) retention[k] = n;
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, retention };
}
