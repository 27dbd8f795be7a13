// tiers.checkpoints: what each checkpoint's objects occupy in the warm and the cold tier. An
// object several checkpoints read counts for each of them: the figure is what that checkpoint
// needs from each tier, not what deleting it would give back.
import type { Database } from 'better-sqlite3';
import type { CheckpointTierCost } from '../../../shared/api/tiers';
import { listCheckpoints } from '../checkpoints/catalog';
import type { ChunkCache } from '../checkpoints/chunk-cache';
import { objectNeeds } from './plan';

export function checkpointCosts(db: Database, chunks: ChunkCache): CheckpointTierCost[] {
  const list = listCheckpoints(db);
  const costs = new Map<string, CheckpointTierCost>(
    list.map((c) => [c.checkpointId, { checkpointId: c.checkpointId, createdAt: c.createdAt, type: c.type, label: c.label, pinned: c.pinned, warm: { objects: 0, bytes: 0 }, cold: { objects: 0, bytes: 0 } }]),
  );
  const cold = new Map(db.prepare('SELECT hash, stored_size FROM cold_chunks').raw().all() as [string, number][]);
  const warm = db.prepare('SELECT stored_size FROM chunks WHERE hash = ?').pluck();
  for (const [id, neededBy] of objectNeeds(db, chunks)) {
    const coldSize = cold.get(id);
    const tier = coldSize !== undefined ? 'cold' : 'warm';
    const size = coldSize ?? (warm.get(id) as number | undefined);
    if (size === undefined) continue;
    for (const checkpoint of neededBy) {
      const c = costs.get(checkpoint)?.[tier];
      if (!c) continue;
      c.objects++;
      c.bytes += size;
    }
  }
  return [...costs.values()];
}
