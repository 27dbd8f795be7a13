// 4. A checkpoint damaged: every checkpoint is verified (chunks rehashed, table and root hashes
// recomputed; a chunk shared by many is read once), and the newest good one is named with how far
// back it is. The newest damaged is critical; an older one alone, with a sound newest, a warning.
// About 4 s on the large desk: a console runs doctor on a pool thread (workers/doctor-task.ts).
import { Checkpoints } from '../../checkpoints/checkpoints';
import { formatAge, secondsBetween, type Detector, type Verdict } from '../detector';

export interface VerifiedCheckpoint {
  checkpointId: string;
  type: string;
  createdAt: string;
  ok: boolean;
  problem: string | null;
}

/** Newest first. */
export type CheckpointFacts = VerifiedCheckpoint[];

export function decideCheckpointDamaged(checkpoints: CheckpointFacts, now: Date): Verdict {
  if (checkpoints.length === 0) return { found: false, text: 'There are no checkpoints to verify (see the staleness finding).', details: { verified: 0 } };
  const damaged = checkpoints.filter((c) => !c.ok);
  const goodAt = checkpoints.findIndex((c) => c.ok);
  const good = goodAt >= 0 ? checkpoints[goodAt] : null;
  const newestGood = good && { checkpointId: good.checkpointId, createdAt: good.createdAt, ageSeconds: Math.round(secondsBetween(good.createdAt, now)), checkpointsBack: goodAt };
  const details = { verified: checkpoints.length, damaged: damaged.map(({ checkpointId, createdAt, problem }) => ({ checkpointId, createdAt, problem })), newestGood };
  if (damaged.length === 0) {
    return { found: false, text: `${checkpoints.length === 1 ? 'The one checkpoint verifies' : `All ${checkpoints.length} checkpoints verify`}; the newest is ${checkpoints[0].checkpointId} (${checkpoints[0].createdAt}).`, details };
  }
  const first = damaged[0];
  const list = `${damaged.length} of ${checkpoints.length} checkpoint${checkpoints.length === 1 ? '' : 's'} fail verify, the newest of them ${first.checkpointId} (${first.createdAt}): ${first.problem}.`;
  if (!good) return { found: true, text: `${list} No checkpoint verifies: there is no good one to go back to.`, details };
  const back = goodAt === 0 ? 'the newest checkpoint itself' : `${goodAt} checkpoint${goodAt === 1 ? '' : 's'} back`;
  return {
    found: true,
    severity: goodAt === 0 ? 'warning' : 'critical',
    text: `${list} The newest good one is ${good.checkpointId} (${good.createdAt}, ${formatAge(newestGood!.ageSeconds)} ago, ${back}).`,
    details,
  };
}

export const checkpointDamaged: Detector<CheckpointFacts> = {
  id: 'checkpoint-damaged',
  title: 'Checkpoint damaged',
  severity: 'critical',
  playbook: 'checkpoint-damaged',
  needs: 'database',
  gather(ctx) {
    const db = ctx.db!;
    const checkpoints = new Checkpoints(db);
    try {
      // Shared by the run: a chunk or a layer chain common to several checkpoints is read once.
      const shared = { verified: new Map(), tableAccs: new Map() };
      return checkpoints
        .list()
        .reverse()
        .map((c) => {
          // One read transaction each: beside a live holder, it sees one state of catalog and chunks.
          const p = db.transaction(() => checkpoints.verify(c.checkpointId, shared))().problem;
          const where = p ? [p.table !== '-' ? p.table : '', p.chunk !== '-' ? `chunk ${p.chunk.slice(0, 12)}` : ''].filter(Boolean).join(', ') : '';
          return { checkpointId: c.checkpointId, type: c.type, createdAt: c.createdAt, ok: p === null, problem: p ? `${where ? `${where}: ` : ''}${p.reason}` : null };
        });
    } finally {
      checkpoints.close();
    }
  },
  decide: (facts, { now }) => decideCheckpointDamaged(facts, now),
};
