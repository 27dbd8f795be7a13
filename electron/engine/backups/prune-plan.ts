// Which packs a prune keeps: a pure decision over the packs' listings and the objects still needed.
// An object stored in several packs (two fulls of an unchanged desk write the same objects twice)
// needs only one copy, so packs are taken greedily, the one holding most needed objects first, and
// each needed object is kept in the first whole pack that holds it. Forgetting an old full then
// frees its packs even though a newer full holds the same objects. An object found only in a
// damaged (cut-short) pack stays where the index reads it from: prune never drops the last copy.

export interface PackListing {
  id: string;
  objects: readonly string[];
  /** Present at its full size (see LoadedIndex.intact). */
  intact: boolean;
}

/** For each pack kept, the needed objects it is kept for. Packs not in the map can go. */
export function packsToKeep(packs: readonly PackListing[], needed: ReadonlySet<string>, readFrom: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const holding = packs
    .filter((p) => p.intact)
    .map((p) => ({ id: p.id, needed: p.objects.filter((o) => needed.has(o)) }))
    .filter((p) => p.needed.length > 0)
    .sort((a, b) => b.needed.length - a.needed.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const keep = new Map<string, Set<string>>();
  const placed = new Set<string>();
  for (const p of holding) {
    const mine = p.needed.filter((o) => !placed.has(o));
    if (mine.length === 0) continue;
    keep.set(p.id, new Set(mine));
    for (const o of mine) placed.add(o);
  }
  for (const o of needed) {
    if (placed.has(o)) continue;
    const at = readFrom.get(o);
    if (at === undefined) continue;
    const set = keep.get(at) ?? new Set<string>();
    set.add(o);
    keep.set(at, set);
  }
  return keep;
}
