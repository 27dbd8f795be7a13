// Publishing a desk's checkpoints to the shared warm tier: for each local checkpoint the catalog
// lacks, oldest first, its objects go up first (in batches, each one transaction, those the desk
// already claimed skipped), then its catalog row — the record that makes it visible — last. So a
// publish killed or cut off anywhere leaves no checkpoint half-visible, and the next one resumes
// where it stopped (nothing to remember locally: the catalog says what is done). Each published
// checkpoint is audited (`tiers.published`) with the tier's masked location, never its password.
import { LifeboatError } from '../../../../shared/result';
import { appendAudit } from '../../audit/audit-log';
import { listCheckpoints, getCheckpoint } from '../../checkpoints/catalog';
import { decodeChunk } from '../../chunks/codec';
import type { StoredChunk } from '../../chunks/repository';
import type { DeskContext } from '../../runtime/context';
import { deskIdentity } from './desk-identity';
import { objectsToPublish } from './published-objects';
import type { PostgresTier } from './postgres-tier';

const BATCH = 64;

export interface PublishOutcome {
  deskId: string;
  location: string;
  /** The checkpoints published now, oldest first. */
  checkpoints: string[];
  /** Objects uploaded now (claimed by this desk), and the stored bytes new to the tier. */
  objects: number;
  bytes: number;
  /** Checkpoints the catalog already had. */
  alreadyPublished: number;
}

export interface PublishOptions {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message: string) => void;
}

export async function publishCheckpoints(desk: DeskContext, postgres: PostgresTier, options: PublishOptions = {}): Promise<PublishOutcome> {
  if (desk.mode !== 'write') throw new LifeboatError('locked', 'publishing records what it published in the audit trail: open the desk for writing');
  const identity = deskIdentity(desk)!;
  await postgres.registerDesk(identity);
  const published = await postgres.publishedIds(identity.deskId);
  const todo = listCheckpoints(desk.store.db).filter((c) => !published.has(c.checkpointId));
  const outcome: PublishOutcome = { deskId: identity.deskId, location: postgres.config.location, checkpoints: [], objects: 0, bytes: 0, alreadyPublished: published.size };
  const repository = desk.checkpoints.chunks.repository;
  for (const [n, info] of todo.entries()) {
    if (options.signal?.aborted) throw new LifeboatError('cancelled', `publishing stopped after ${n} of ${todo.length} checkpoints`);
    options.progress?.(n, todo.length, `publishing ${info.checkpointId}`);
    const { manifest } = getCheckpoint(desk.store.db, info.checkpointId);
    const ids = objectsToPublish(desk.store.db, desk.checkpoints.chunks, info.checkpointId, manifest);
    const claimed = await postgres.claimed(identity.deskId, ids);
    const missing = ids.filter((id) => !claimed.has(id));
    let objects = 0;
    let bytes = 0;
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH).map((id) => ({ id, stored: readChecked(repository.getStored(id), id, info.checkpointId) }));
      bytes += await postgres.putObjects(identity.deskId, batch);
      objects += batch.length;
    }
    const storedBytes = ids.reduce((sum, id) => sum + (repository.getStored(id)?.bytes.length ?? 0), 0);
    await postgres.putCheckpoint(identity.deskId, {
      checkpointId: info.checkpointId,
      createdAt: info.createdAt,
      type: info.type,
      label: info.label,
      rootHash: info.rootHash,
      counts: info.counts,
      objects: ids.length,
      storedBytes,
      manifestJson: JSON.stringify(manifest),
    });
    desk.store.db.transaction(() =>
      appendAudit(desk.store.db, 'tiers.published', { tier: 'postgres', location: postgres.config.location, firm: postgres.firm, deskId: identity.deskId, checkpointId: info.checkpointId, objects, bytes }),
    )();
    outcome.checkpoints.push(info.checkpointId);
    outcome.objects += objects;
    outcome.bytes += bytes;
  }
  options.progress?.(todo.length, todo.length, `${todo.length} checkpoints published`);
  return outcome;
}

/** A local object as stored, checked against its id before it leaves the desk (a damaged one is never published). */
function readChecked(stored: StoredChunk | null, id: string, checkpointId: string): StoredChunk {
  if (!stored) throw new LifeboatError('verification_failed', `object ${id.slice(0, 12)} of checkpoint ${checkpointId} is missing here; nothing of that checkpoint was made visible`, checkpointId);
  decodeChunk(id, stored, `checkpoint ${checkpointId}`);
  return stored;
}
