// The tier moves as jobs: demote what placement says (plan, then move), or promote every cold
// object one checkpoint needs. Both run on the writer's connection; the folder's lease makes this
// the only writer.
import type { JobInfo } from '../../../shared/api/contract';
import type { TierMoveOutcome } from '../../../shared/api/tiers';
import { LifeboatError } from '../../../shared/result';
import { getCheckpoint } from '../checkpoints/catalog';
import type { DeskContext } from '../runtime/context';
import { demoteObjects, promoteObjects } from './moves';
import type { Move, PlacementPolicy } from './placement';
import { objectNeeds, planTiers } from './plan';
import { TieredChunkRepository } from './tiered-repository';

export function tieredRepository(desk: DeskContext): TieredChunkRepository {
  const r = desk.checkpoints.chunks.repository;
  if (!(r instanceof TieredChunkRepository)) throw new LifeboatError('internal', 'this desk was opened without storage tiers');
  return r;
}

export function startDemote(desk: DeskContext, policy: PlacementPolicy): JobInfo<'tiers-demote'> {
  const repository = tieredRepository(desk);
  let moves: Move[] = [];
  let outcome: TierMoveOutcome | null = null;
  return desk.jobs.start('tiers-demote', {
    steps: {
      plan: {
        run: (ctx) => {
          moves = planTiers(desk.store.db, desk.checkpoints.chunks, repository, policy).moves;
          ctx.progress(0, 1, `${moves.filter((m) => m.to === 'cold').length} objects to demote`);
        },
        check: () => `${moves.filter((m) => m.to === 'cold').length} objects to demote, ${moves.filter((m) => m.to === 'warm').length} to promote`,
      },
      move: {
        run: (ctx) => {
          // Placement's promotions too (a cold object an old checkpoint pinned since needs): warm first.
          const up = moves.filter((m) => m.to === 'warm');
          const promoted = up.length ? promoteObjects(repository, up.map((m) => m.id), 'placement: a newest, pinned or recent checkpoint needs them') : { chunks: 0, bytes: 0 };
          const r = demoteObjects(desk.store.db, repository, moves, { signal: ctx.signal, progress: ctx.progress });
          outcome = {
            direction: 'demote',
            chunks: r.chunks,
            bytes: r.bytes,
            packs: r.packs,
            garbage: r.garbage,
            promoted,
            databaseBytesBefore: r.vacuum.fileBytesBefore,
            databaseBytesAfter: r.vacuum.fileBytesAfter,
          };
          desk.checkpoints.chunks.forget();
          desk.events.emit('checkpoints.changed', { reason: 'tiers.demote', checkpointId: null });
        },
        check: () => `${outcome?.chunks ?? 0} objects in ${outcome?.packs.length ?? 0} packs`,
      },
    },
    result: () => outcome!,
  });
}

export function startPromote(desk: DeskContext, checkpointId: string): JobInfo<'tiers-promote'> {
  const repository = tieredRepository(desk);
  getCheckpoint(desk.store.db, checkpointId); // an unknown id is a not_found now, not a failed job
  let outcome: (TierMoveOutcome & { checkpointId: string }) | null = null;
  return desk.jobs.start('tiers-promote', {
    steps: {
      move: {
        run: (ctx) => {
          const ids = [...objectNeeds(desk.store.db, desk.checkpoints.chunks, checkpointId).keys()];
          ctx.progress(0, 1, `promoting the cold objects of ${checkpointId}`);
          const r = promoteObjects(repository, ids, `tiers promote ${checkpointId}`);
          outcome = { direction: 'promote', checkpointId, chunks: r.chunks, bytes: r.bytes, packs: r.packs, garbage: [], promoted: { chunks: 0, bytes: 0 }, databaseBytesBefore: null, databaseBytesAfter: null };
          desk.events.emit('checkpoints.changed', { reason: 'tiers.promote', checkpointId });
        },
        check: () => `${outcome?.chunks ?? 0} objects back in warm`,
      },
    },
    result: () => outcome!,
  });
}
