// What publishing one checkpoint must upload so another host can read it whole: every object its
// reading touches (its chunks, and for a layered checkpoint the layers back to its nearest
// chunk-listed ancestor and that ancestor's chunks) and the index pages of each manifest on the way.
import type { Database } from 'better-sqlite3';
import type { ChunkCache } from '../../checkpoints/chunk-cache';
import type { Manifest } from '../../checkpoints/manifest';
import { layerChain } from '../../checkpoints/materialize';
import { objectNeeds } from '../plan';

export function objectsToPublish(db: Database, chunks: ChunkCache, checkpointId: string, manifest: Manifest): string[] {
  const ids = new Set<string>();
  const { chain, root } = layerChain(db, checkpointId, manifest);
  // Index pages first: a reader finds the data through them.
  for (const step of [root, ...chain]) for (const table of Object.values(step.manifest.tables)) for (const page of table.pages ?? []) ids.add(page);
  for (const id of objectNeeds(db, chunks, checkpointId).keys()) ids.add(id);
  return [...ids];
}
