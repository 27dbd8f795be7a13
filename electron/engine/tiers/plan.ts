// The facts placement decides from, gathered from the desk: every stored object with its tier,
// size and the checkpoints that read it (a layered checkpoint reads the layers back to its nearest
// chunk-listed ancestor, and that ancestor's chunks), each checkpoint's age and pin, the live
// state's base, and when each object was last read. Objects are listed in reading order (oldest
// checkpoint first, tables in order, chunks in key order), so a pack holds what one read needs.
// Index pages always stay warm: they are small, and they are the map placement itself reads.
import type { Database } from 'better-sqlite3';
import { listCheckpoints, readBase } from '../checkpoints/catalog';
import { parsePage } from '../checkpoints/chunker';
import type { ChunkCache } from '../checkpoints/chunk-cache';
import { parseManifest, type Manifest } from '../checkpoints/manifest';
import { layerChain } from '../checkpoints/materialize';
import { planPlacement, type Move, type PlacedObject, type PlacementPolicy } from './placement';
import type { TieredChunkRepository } from './tiered-repository';

export interface TierPlan {
  moves: Move[];
  demote: { chunks: number; bytes: number };
  promote: { chunks: number; bytes: number };
  policy: PlacementPolicy;
}

/** The objects one checkpoint's own manifest names (not its ancestors'), in reading order. */
function ownObjects(chunks: ChunkCache, manifest: Manifest): string[] {
  const out: string[] = [];
  for (const table of Object.values(manifest.tables)) {
    for (const page of table.pages ?? []) for (const e of parsePage(chunks.get(page, 'index page'))) out.push(e.hash);
  }
  for (const list of Object.values(manifest.layer?.tables ?? {})) out.push(...list);
  return out;
}

/** Every object each checkpoint reads, in reading order: id -> the checkpoints that need it. */
export function objectNeeds(db: Database, chunks: ChunkCache, only?: string): Map<string, string[]> {
  const rows = db.prepare('SELECT checkpoint_id AS id, manifest_json AS json FROM checkpoints ORDER BY created_at, checkpoint_id').all() as { id: string; json: string }[];
  const manifests = new Map(rows.map((r) => [r.id, parseManifest(r.json)]));
  const own = new Map<string, string[]>();
  const ownOf = (id: string, m: Manifest) => {
    let list = own.get(id);
    if (!list) own.set(id, (list = ownObjects(chunks, m)));
    return list;
  };
  const needs = new Map<string, string[]>();
  for (const [id, manifest] of manifests) {
    if (only !== undefined && id !== only) continue;
    const { chain, root } = layerChain(db, id, manifest);
    for (const step of [root, ...[...chain].reverse()]) {
      for (const hash of ownOf(step.id, step.manifest)) {
        const by = needs.get(hash);
        if (!by) needs.set(hash, [id]);
        else if (by[by.length - 1] !== id) by.push(id);
      }
    }
  }
  return needs;
}

export function planTiers(db: Database, chunks: ChunkCache, repository: TieredChunkRepository, policy: PlacementPolicy, now = new Date()): TierPlan {
  const needs = objectNeeds(db, chunks);
  const sizes = new Map<string, { tier: 'warm' | 'cold'; storedSize: number; kind: string }>();
  for (const c of repository.warm.list()) sizes.set(c.id, { tier: 'warm', storedSize: c.storedSize, kind: c.kind });
  for (const c of repository.index.list()) if (!sizes.has(c.id)) sizes.set(c.id, { tier: 'cold', storedSize: c.storedSize, kind: c.kind });
  const objects: PlacedObject[] = [];
  for (const [id, neededBy] of needs) {
    const s = sizes.get(id);
    if (!s || s.kind === 'index') continue;
    objects.push({ id, tier: s.tier, storedSize: s.storedSize, neededBy });
  }
  const lastReadAt = new Map(db.prepare('SELECT hash, last_read_at FROM chunk_reads').raw().all() as [string, string][]);
  for (const [id, at] of repository.counters.reads) if (!lastReadAt.has(id) || lastReadAt.get(id)! < at) lastReadAt.set(id, at);
  const base = readBase(db)?.checkpointId;
  const moves = planPlacement({
    objects,
    checkpoints: listCheckpoints(db).map((c) => ({ checkpointId: c.checkpointId, createdAt: c.createdAt, pinned: c.pinned })),
    lastReadAt,
    liveNeeds: new Set(base ? [base] : []),
    policy,
    now,
  });
  const sum = (to: 'warm' | 'cold') => {
    const list = moves.filter((m) => m.to === to);
    return { chunks: list.length, bytes: list.reduce((n, m) => n + m.storedSize, 0) };
  };
  return { moves, demote: sum('cold'), promote: sum('warm'), policy };
}
