// 7. Settings changed since the newest checkpoint. Checkpoints record no separate settings hash:
// each manifest records, per table, the state hash of its rows, and the triggers keep the same hash
// of the live settings rows. Those two are compared; when they differ, the checkpoint's settings
// rows are read back and compared key by key with the live ones, so the finding names the keys.
import { getCheckpoint, newestCheckpoint } from '../../checkpoints/catalog';
import { Checkpoints } from '../../checkpoints/checkpoints';
import { readTable } from '../../checkpoints/read-checkpoint';
import { EMPTY_DIGEST, liveTableHashes } from '../../checkpoints/state-hash';
import { settingSpec } from '../../../../shared/settings/catalog';
import { maskSettingValue } from '../../../../shared/settings/mask';
import type { Detector, Verdict } from '../detector';

/** Setting key → its value as stored (JSON text). */
export type SettingsRows = Record<string, string>;

export type SettingsFacts =
  | { checkpoint: null }
  | { checkpoint: { checkpointId: string; createdAt: string; digest: string }; liveDigest: string; inCheckpoint: SettingsRows | null; live: SettingsRows | null };

/**
 * A stored value (JSON text) as a finding may show it: a secret setting's (a webhook URL may carry
 * a token) masked as the Settings page masks it, so neither doctor's report nor a history or audit
 * entry quoting the finding carries it. Text that is not JSON is masked whole.
 */
export function shownSettingValue(key: string, json: string | undefined): string | undefined {
  if (json === undefined || !settingSpec(key)?.secret) return json;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = json;
  }
  return JSON.stringify(maskSettingValue(true, typeof value === 'string' ? value : JSON.stringify(value)));
}

export function decideSettingsChanged(f: SettingsFacts): Verdict {
  if (!f.checkpoint) return { found: false, text: 'There is no checkpoint to compare the settings with.', details: {} };
  const cp = f.checkpoint;
  const details = { checkpointId: cp.checkpointId, createdAt: cp.createdAt, checkpointDigest: cp.digest, liveDigest: f.liveDigest };
  if (cp.digest === f.liveDigest) return { found: false, text: `The settings are as checkpoint ${cp.checkpointId} (${cp.createdAt}) recorded them.`, details };
  const before = f.inCheckpoint ?? {};
  const after = f.live ?? {};
  const added = Object.keys(after).filter((k) => !(k in before)).sort();
  const removed = Object.keys(before).filter((k) => !(k in after)).sort();
  const changed = Object.keys(after).filter((k) => k in before && before[k] !== after[k]).sort();
  const parts = [
    changed.length ? `changed ${changed.join(', ')}` : '',
    added.length ? `added ${added.join(', ')}` : '',
    removed.length ? `removed ${removed.join(', ')}` : '',
  ].filter(Boolean);
  return {
    found: true,
    text: `The settings changed since checkpoint ${cp.checkpointId} (${cp.createdAt})${parts.length ? `: ${parts.join('; ')}` : ''}. Take a checkpoint once the change is meant.`,
    details: { ...details, changed: changed.map((key) => ({ key, before: shownSettingValue(key, before[key]), after: shownSettingValue(key, after[key]) })), added, removed },
  };
}

export const settingsChanged: Detector<SettingsFacts> = {
  id: 'settings-changed',
  title: 'Settings changed',
  severity: 'warning',
  playbook: 'settings-changed',
  needs: 'database',
  gather(ctx) {
    const db = ctx.db!;
    const newest = newestCheckpoint(db);
    if (!newest) return { checkpoint: null };
    const digest = getCheckpoint(db, newest.checkpointId).manifest.tables.settings?.digest ?? EMPTY_DIGEST;
    const liveDigest = liveTableHashes(db).settings?.digest ?? EMPTY_DIGEST;
    const checkpoint = { checkpointId: newest.checkpointId, createdAt: newest.createdAt, digest };
    if (digest === liveDigest) return { checkpoint, liveDigest, inCheckpoint: null, live: null };
    const checkpoints = new Checkpoints(db);
    try {
      const rows = readTable(checkpoints.chunks, checkpoints.materialized(newest.checkpointId), 'settings');
      const inCheckpoint = Object.fromEntries(rows.map((r) => [String(r.key), String(r.value_json)]));
      const live = Object.fromEntries((db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[]).map((r) => [r.key, r.value_json]));
      return { checkpoint, liveDigest, inCheckpoint, live };
    } finally {
      checkpoints.close();
    }
  },
  decide: (facts) => decideSettingsChanged(facts),
};
