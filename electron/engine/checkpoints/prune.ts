// Pruning: drop the checkpoints retention does not keep, then garbage-collect the chunks that no
// remaining checkpoint (nor the live base) references. One transaction: all or nothing.
import type { Database } from 'better-sqlite3';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import { getCheckpoint, listCheckpoints, readBase } from './catalog';
import { layerChain, materializeInPlace } from './materialize';
import { parsePage } from './chunker';
import type { ChunkCache } from './chunk-cache';
import { parseManifest } from './manifest';
import { decideRetention, hasRules, type RetentionDecision, type RetentionPolicy } from './retention';

export interface PruneResult extends RetentionDecision {
  dryRun: boolean;
  chunksRemoved: number;
  bytesFreed: number;
  /** Kept checkpoints that were layers on a removed one, given their own chunk lists first. */
  compacted: string[];
}

export function pruneCheckpoints(db: Database, chunks: ChunkCache, policy: RetentionPolicy, dryRun: boolean): PruneResult {
  if (!hasRules(policy)) {
    throw new LifeboatError('bad_request', 'no keep rules given: pass at least one --keep-… option (nothing would be kept)');
  }
  const run = () => {
    const decision = keepBase(decideRetention(listCheckpoints(db), policy), readBase(db)?.checkpointId ?? null);
    if (dryRun) return { ...decision, dryRun, chunksRemoved: 0, bytesFreed: 0, compacted: [] };
    // A kept checkpoint stored as a layer on one that goes is given its own chunk lists first.
    const removed = new Set(decision.remove);
    const compacted: string[] = [];
    for (const c of listCheckpoints(db)) {
      if (removed.has(c.checkpointId)) continue;
      const { chain, root } = layerChain(db, c.checkpointId, getCheckpoint(db, c.checkpointId).manifest);
      if (removed.has(root.id) || chain.some((s) => removed.has(s.id))) {
        materializeInPlace(db, chunks, c.checkpointId);
        compacted.push(c.checkpointId);
      }
    }
    const drop = db.prepare('DELETE FROM checkpoints WHERE checkpoint_id = ?');
    for (const id of decision.remove) drop.run(id);
    const { chunksRemoved, bytesFreed } = collectGarbage(db, chunks);
    appendAudit(db, 'checkpoint.prune', { policy, removed: decision.remove, compacted, chunksRemoved, bytesFreed });
    return { ...decision, dryRun, chunksRemoved, bytesFreed, compacted };
  };
  return dryRun ? db.transaction(run)() : db.transaction(run).immediate();
}

/** The checkpoint the live state's change log is relative to stays, whatever the rules say. */
function keepBase(decision: RetentionDecision, baseId: string | null): RetentionDecision {
  if (!baseId || !decision.remove.includes(baseId)) return decision;
  return {
    keep: [...decision.keep, { checkpointId: baseId, reasons: ['the live state is recorded against it'] }],
    remove: decision.remove.filter((id) => id !== baseId),
  };
}

/** Mark every chunk reachable from a manifest, sweep the rest. Call inside a transaction. */
export function collectGarbage(db: Database, chunks: ChunkCache): { chunksRemoved: number; bytesFreed: number } {
  const reachable = new Set<string>();
  const manifests = [
    ...(db.prepare('SELECT manifest_json FROM checkpoints').pluck().all() as string[]),
    ...(db.prepare('SELECT manifest_json FROM live_base').pluck().all() as string[]),
  ];
  for (const json of manifests) {
    const manifest = parseManifest(json);
    for (const list of Object.values(manifest.layer?.tables ?? {})) for (const hash of list) reachable.add(hash);
    for (const table of Object.values(manifest.tables)) {
      for (const page of table.pages ?? []) {
        if (reachable.has(page)) continue;
        reachable.add(page);
        for (const e of parsePage(chunks.get(page, 'index page'))) reachable.add(e.hash);
      }
    }
  }
  // Every stored chunk is whole (chunks/README.md), so any unreachable one can go.
  const unreachable = [...chunks.repository.list()].filter((c) => !reachable.has(c.id)).map((c) => c.id);
  return { chunksRemoved: unreachable.length, bytesFreed: chunks.delete(unreachable) };
}
