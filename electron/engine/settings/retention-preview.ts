// What a checkpoint retention would prune now, without writing: the checkpoints (from the prune's
// own dry run, so the preview and `checkpoint prune` always agree) and the stored bytes the prune
// would free: the chunks that pruned checkpoints reach and no kept one does. A kept checkpoint
// stored as a layer on a pruned one is given its own chunk lists by the prune; here they are
// worked out (not stored) to see which chunks it then keeps.
import type { CheckpointRetentionPreview } from '../../../shared/api/settings';
import { LifeboatError } from '../../../shared/result';
import { checkSetting, settingSpec, type RetentionSetting } from '../../../shared/settings/catalog';
import { getCheckpoint, listCheckpoints, readBase } from '../checkpoints/catalog';
import type { Checkpoints } from '../checkpoints/checkpoints';
import { parsePage } from '../checkpoints/chunker';
import { layerChain, materialize } from '../checkpoints/materialize';
import { pruneCheckpoints } from '../checkpoints/prune';
import { makeManifest, type Manifest } from '../checkpoints/manifest';
import { settingValue } from './settings';

interface Desk {
  store: { settings(): Record<string, unknown> };
  checkpoints: Checkpoints;
}

export function previewRetention(desk: Desk, given?: unknown): CheckpointRetentionPreview {
  const checked = checkSetting(settingSpec('checkpoint.retention')!, given ?? settingValue(desk.store, 'checkpoint.retention'));
  if (!checked.ok) throw new LifeboatError('bad_request', checked.message, 'checkpoint.retention');
  const policy = checked.value as RetentionSetting;
  const db = desk.checkpoints.db;
  // One read transaction: the list, the decision and the chunk sizes are of the same moment.
  return db.transaction(() => {
    const decision = pruneCheckpoints(db, desk.checkpoints.chunks, policy, true);
    const all = listCheckpoints(db);
    const removed = new Set(decision.remove);
    const kept = new Set<string>();
    const gone = new Set<string>();
    const base = readBase(db);
    if (base) mark(desk.checkpoints, base.manifest, kept);
    for (const c of all) {
      const manifest = getCheckpoint(db, c.checkpointId).manifest;
      if (removed.has(c.checkpointId)) {
        mark(desk.checkpoints, manifest, gone);
        continue;
      }
      const { chain, root } = layerChain(db, c.checkpointId, manifest);
      if (removed.has(root.id) || chain.some((s) => removed.has(s.id))) {
        // The prune gives it its own chunk lists first: what it reaches then is what it keeps.
        const m = materialize(db, desk.checkpoints.chunks, c.checkpointId, manifest);
        for (const list of Object.values(m.entries)) for (const e of list) kept.add(e.hash);
        for (const page of makeManifest(manifest.schemaVersion, m.entries, manifest.tables, manifest.layer).pages) kept.add(page.hash);
      } else {
        for (const m of [...chain.map((s) => s.manifest), root.manifest]) mark(desk.checkpoints, m, kept);
      }
    }
    let bytes = 0;
    for (const chunk of desk.checkpoints.chunks.repository.list()) {
      if (gone.has(chunk.id) && !kept.has(chunk.id)) bytes += chunk.storedSize;
    }
    const byId = new Map(all.map((c) => [c.checkpointId, c]));
    return {
      policy,
      total: all.length,
      remove: decision.remove.map((id) => ({ checkpointId: id, type: byId.get(id)!.type, createdAt: byId.get(id)!.createdAt })),
      bytes,
    };
  })();
}

/** Every chunk a manifest reaches itself: its layer's chunks, its index pages and what they list. */
function mark(checkpoints: Checkpoints, manifest: Manifest, into: Set<string>): void {
  for (const list of Object.values(manifest.layer?.tables ?? {})) for (const hash of list) into.add(hash);
  for (const table of Object.values(manifest.tables)) {
    for (const page of table.pages ?? []) {
      if (into.has(page)) continue;
      into.add(page);
      for (const e of parsePage(checkpoints.chunks.get(page, 'index page'))) into.add(e.hash);
    }
  }
}
