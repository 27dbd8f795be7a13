// The desk's settings with their defaults filled in, and a change or reset of one: validated
// against the catalog (shared/settings/catalog.ts), written through the one commit path together
// with its audit entry, so a refused value writes nothing and an accepted one is never unrecorded.
import type { SettingChange, SettingView } from '../../../shared/api/settings';
import { LifeboatError } from '../../../shared/result';
import { checkSetting, SETTINGS, settingSpec, type SettingSpec } from '../../../shared/settings/catalog';
import { maskSettingValue } from '../../../shared/settings/mask';
import { appendAudit } from '../audit/audit-log';
import type { DeskContext } from '../runtime/context';

interface Stored {
  settings(): Record<string, unknown>;
}

function viewOf(spec: SettingSpec, stored: Record<string, unknown>): SettingView {
  const has = Object.prototype.hasOwnProperty.call(stored, spec.key);
  const checked = has ? checkSetting(spec, stored[spec.key]) : null;
  const value = checked?.ok ? checked.value : spec.default;
  return {
    key: spec.key,
    known: true,
    section: spec.section,
    label: spec.label,
    description: spec.description,
    unit: spec.unit,
    kind: spec.kind,
    choices: spec.choices ?? null,
    expected: spec.expected,
    value: maskSettingValue(spec.secret, value),
    default: spec.default,
    stored: has,
    problem: checked && !checked.ok ? checked.message : null,
    secret: spec.secret === true,
  };
}

function unknownView(key: string, value: unknown): SettingView {
  return { key, known: false, section: null, label: key, description: 'Not a setting Lifeboat knows: shown as stored, not editable here.', unit: null, kind: null, choices: null, expected: null, value, default: undefined, stored: true, problem: null, secret: false };
}

/** Every known setting (catalog order) with its value in force, then the unknown stored keys. */
export function listSettings(store: Stored): SettingView[] {
  const stored = store.settings();
  const known = SETTINGS.map((s) => viewOf(s, stored));
  const unknown = Object.keys(stored)
    .filter((k) => !settingSpec(k))
    .sort()
    .map((k) => unknownView(k, stored[k]));
  return [...known, ...unknown];
}

/** The value in force for a known key: the stored one when valid, else the default (never masked). */
export function settingValue(store: Stored, key: string): unknown {
  const spec = requireSpec(key);
  const stored = store.settings();
  if (!Object.prototype.hasOwnProperty.call(stored, key)) return spec.default;
  const checked = checkSetting(spec, stored[key]);
  return checked.ok ? checked.value : spec.default;
}

function requireSpec(key: string): SettingSpec {
  const spec = settingSpec(key);
  if (!spec) throw new LifeboatError('bad_request', `not a setting Lifeboat knows (see \`lifeboat settings\` for the keys)`, key);
  return spec;
}

export function changeSetting(desk: DeskContext, key: string, value: unknown): SettingChange {
  const spec = requireSpec(key);
  const checked = checkSetting(spec, value);
  if (!checked.ok) throw new LifeboatError('bad_request', checked.message, key);
  return desk.commit(`settings.change ${key}`, () => {
    const from = settingValue(desk.store, key);
    desk.store.setSetting(key, checked.value);
    return record(desk, 'settings.change', spec, from, checked.value);
  });
}

export function resetSetting(desk: DeskContext, key: string): SettingChange {
  const spec = requireSpec(key);
  return desk.commit(`settings.reset ${key}`, () => {
    const from = settingValue(desk.store, key);
    desk.store.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    return record(desk, 'settings.reset', spec, from, spec.default);
  });
}

/** The audit entry (secret values masked), and the change as the caller sees it (masked too). */
function record(desk: DeskContext, action: string, spec: SettingSpec, from: unknown, to: unknown): SettingChange {
  const details = { key: spec.key, from: maskSettingValue(spec.secret, from), to: maskSettingValue(spec.secret, to) };
  const entry = appendAudit(desk.store.db, action, details);
  return { ...details, auditSeq: entry.seq };
}
