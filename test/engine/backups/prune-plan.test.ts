// Which packs a prune keeps, decided without a repository: one copy of each needed object, in as
// few whole packs as the greedy choice finds, and never the last copy of anything needed.
import { describe, expect, it } from 'vitest';
import { packsToKeep, type PackListing } from '../../../electron/engine/backups/prune-plan';

const pack = (id: string, objects: string[], intact = true): PackListing => ({ id, objects, intact });
const kept = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([id, s]) => [id, [...s].sort()]));

describe('packs a prune keeps', () => {
  it('frees an old full whose objects a newer full holds too, whichever copy the index reads', () => {
    const old = pack('p-old', ['a', 'b', 'c']);
    const now = pack('p-new', ['a', 'b', 'c', 'd']);
    // The index happens to read a and b from the old pack.
    const readFrom = new Map([['a', 'p-old'], ['b', 'p-old'], ['c', 'p-new'], ['d', 'p-new']]);
    expect(kept(packsToKeep([old, now], new Set(['a', 'b', 'c', 'd']), readFrom))).toEqual({ 'p-new': ['a', 'b', 'c', 'd'] });
  });

  it('keeps a pack for what only it holds, and nothing no one needs', () => {
    const plan = packsToKeep([pack('p1', ['a', 'x']), pack('p2', ['a', 'b']), pack('p3', ['y'])], new Set(['a', 'b', 'x']), new Map());
    // p1 and p2 hold two needed objects each: p1 comes first (by id) and takes a; p2 is kept for b.
    expect(kept(plan)).toEqual({ p1: ['a', 'x'], p2: ['b'] });
  });

  it('takes a needed object from a whole pack over a damaged one, but keeps the damaged one when it is the last copy', () => {
    const readFrom = new Map([['a', 'cut'], ['b', 'cut']]);
    const plan = packsToKeep([pack('cut', ['a', 'b'], false), pack('whole', ['a'])], new Set(['a', 'b']), readFrom);
    expect(kept(plan)).toEqual({ whole: ['a'], cut: ['b'] });
  });

  it('is the same whatever order the packs are listed in', () => {
    const packs = [pack('p1', ['a', 'b']), pack('p2', ['b', 'c']), pack('p3', ['a', 'b', 'c'])];
    const needed = new Set(['a', 'b', 'c']);
    expect(kept(packsToKeep(packs, needed, new Map()))).toEqual({ p3: ['a', 'b', 'c'] });
    expect(kept(packsToKeep([...packs].reverse(), needed, new Map()))).toEqual({ p3: ['a', 'b', 'c'] });
  });
});
