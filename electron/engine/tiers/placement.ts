// Placement: which objects belong in which tier, decided from what needs them and when they were
// last read. Pure (no I/O, no clock): the shell (plan.ts) gathers the facts, this decides.
//  - An object stays warm while the live state, the newest checkpoint(s), a pinned checkpoint or a
//    recent one needs it, or while it was read recently.
//  - An object only old, unpinned checkpoints need, unread for a while, is demoted to cold.
//  - A cold object that the live state, a newest, pinned or recent checkpoint needs (someone
//    pinned an old checkpoint, or the policy changed) is promoted back.
// Objects nothing needs are left where they are: garbage is checkpoint prune's business.

export type TierName = 'hot' | 'warm' | 'cold';

export interface PlacedObject {
  id: string;
  tier: 'warm' | 'cold';
  storedSize: number;
  /** The checkpoints that read this object (directly, or through the layers they are built on). */
  neededBy: readonly string[];
}

export interface PlacedCheckpoint {
  checkpointId: string;
  createdAt: string;
  pinned: boolean;
}

export interface PlacementPolicy {
  /** A checkpoint younger than this keeps its objects warm. */
  demoteAfterDays: number;
  /** An object read within this many days stays warm. */
  unreadForDays: number;
  /** The newest this many checkpoints keep their objects warm, however old. */
  keepNewest: number;
}

export const DEFAULT_PLACEMENT_POLICY: PlacementPolicy = { demoteAfterDays: 7, unreadForDays: 7, keepNewest: 1 };

export interface PlacementInput {
  objects: Iterable<PlacedObject>;
  checkpoints: readonly PlacedCheckpoint[];
  /** Last read time (ISO) per object id, for objects read since statistics began. */
  lastReadAt: ReadonlyMap<string, string>;
  /** The checkpoints the live state is recorded against (its base): their objects stay warm. */
  liveNeeds: ReadonlySet<string>;
  policy: PlacementPolicy;
  now: Date;
}

export interface Move {
  id: string;
  from: 'warm' | 'cold';
  to: 'warm' | 'cold';
  storedSize: number;
  reason: string;
}

const DAY_MS = 86_400_000;

/** Why an object must be warm, or null when nothing keeps it there. */
type Keep = { strong: boolean; reason: string } | null;

export function planPlacement(input: PlacementInput): Move[] {
  const { policy, now } = input;
  const byId = new Map(input.checkpoints.map((c) => [c.checkpointId, c]));
  const newest = new Set(
    [...input.checkpoints]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, Math.max(0, policy.keepNewest))
      .map((c) => c.checkpointId),
  );
  const ageDays = (iso: string) => (now.getTime() - Date.parse(iso)) / DAY_MS;

  const keepOf = (o: PlacedObject): Keep => {
    for (const id of o.neededBy) {
      if (input.liveNeeds.has(id)) return { strong: true, reason: `the live state is recorded against ${id}` };
    }
    for (const id of o.neededBy) if (newest.has(id)) return { strong: true, reason: `the newest checkpoint ${id} needs it` };
    for (const id of o.neededBy) if (byId.get(id)?.pinned) return { strong: true, reason: `pinned checkpoint ${id} needs it` };
    for (const id of o.neededBy) {
      const c = byId.get(id);
      if (c && ageDays(c.createdAt) < policy.demoteAfterDays) return { strong: true, reason: `checkpoint ${id} is younger than ${policy.demoteAfterDays} days` };
    }
    const read = input.lastReadAt.get(o.id);
    if (read !== undefined && ageDays(read) < policy.unreadForDays) return { strong: false, reason: `read ${formatDays(ageDays(read))} ago` };
    return null;
  };

  const moves: Move[] = [];
  for (const o of input.objects) {
    // Nothing known needs it: unreferenced, or a checkpoint the caller did not list. Leave it.
    const needers = o.neededBy.filter((id) => byId.has(id));
    if (needers.length === 0) continue;
    const keep = keepOf({ ...o, neededBy: needers });
    if (o.tier === 'warm' && keep === null) {
      const youngest = needers.map((id) => byId.get(id)!).reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
      const read = input.lastReadAt.get(o.id);
      moves.push({
        id: o.id,
        from: 'warm',
        to: 'cold',
        storedSize: o.storedSize,
        reason: `only old, unpinned checkpoints need it (the newest of them, ${youngest.checkpointId}, is ${formatDays(ageDays(youngest.createdAt))} old); ${read ? `last read ${formatDays(ageDays(read))} ago` : 'not read since statistics began'}`,
      });
    } else if (o.tier === 'cold' && keep?.strong) {
      moves.push({ id: o.id, from: 'cold', to: 'warm', storedSize: o.storedSize, reason: keep.reason });
    }
  }
  // In the order the objects came: the shell lists them in reading order, so that the objects one
  // read needs are demoted together, into the same pack.
  return moves;
}

function formatDays(days: number): string {
  if (days < 1) return `${Math.max(0, Math.round(days * 24))} h`;
  return `${Math.floor(days)} days`;
}
