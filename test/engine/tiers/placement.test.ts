import { describe, expect, it } from 'vitest';
import { planPlacement, type PlacedCheckpoint, type PlacedObject, type PlacementInput } from '../../../electron/engine/tiers/placement';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

const old1: PlacedCheckpoint = { checkpointId: 'OLD1', createdAt: daysAgo(40), pinned: false };
const old2: PlacedCheckpoint = { checkpointId: 'OLD2', createdAt: daysAgo(30), pinned: false };
const recent: PlacedCheckpoint = { checkpointId: 'RECENT', createdAt: daysAgo(2), pinned: false };
const newest: PlacedCheckpoint = { checkpointId: 'NEWEST', createdAt: daysAgo(20), pinned: false };

function plan(objects: PlacedObject[], over: Partial<PlacementInput> = {}) {
  return planPlacement({
    objects,
    checkpoints: [old1, old2, newest],
    lastReadAt: new Map(),
    liveNeeds: new Set(),
    policy: { demoteAfterDays: 7, unreadForDays: 7, keepNewest: 1 },
    now: NOW,
    ...over,
  });
}
const obj = (id: string, neededBy: string[], tier: 'warm' | 'cold' = 'warm'): PlacedObject => ({ id, tier, storedSize: 100, neededBy });

describe('placement', () => {
  it('demotes an object only old, unpinned checkpoints need and nobody read', () => {
    const moves = plan([obj('a', ['OLD1', 'OLD2'])]);
    expect(moves).toEqual([expect.objectContaining({ id: 'a', from: 'warm', to: 'cold', storedSize: 100 })]);
    expect(moves[0].reason).toContain('OLD2');
  });

  it('keeps warm what the newest checkpoint needs, however old it is', () => {
    expect(plan([obj('a', ['OLD1', 'NEWEST'])])).toEqual([]);
  });

  it('keeps warm what the live state is recorded against', () => {
    expect(plan([obj('a', ['OLD1'])], { liveNeeds: new Set(['OLD1']) })).toEqual([]);
  });

  it('keeps warm what a pinned checkpoint needs', () => {
    expect(plan([obj('a', ['OLD1'])], { checkpoints: [{ ...old1, pinned: true }, old2, newest] })).toEqual([]);
  });

  it('keeps warm what a recent checkpoint needs', () => {
    expect(plan([obj('a', ['OLD1', 'RECENT'])], { checkpoints: [old1, recent, newest], policy: { demoteAfterDays: 7, unreadForDays: 7, keepNewest: 0 } })).toEqual([]);
  });

  it('keeps warm an object read recently, and demotes it once the read is old enough', () => {
    expect(plan([obj('a', ['OLD1'])], { lastReadAt: new Map([['a', daysAgo(1)]]) })).toEqual([]);
    expect(plan([obj('a', ['OLD1'])], { lastReadAt: new Map([['a', daysAgo(9)]]) })).toHaveLength(1);
  });

  it('honours the policy: a longer demoteAfterDays keeps a 30-day-old checkpoint warm', () => {
    expect(plan([obj('a', ['OLD2'])], { policy: { demoteAfterDays: 35, unreadForDays: 7, keepNewest: 1 } })).toEqual([]);
    expect(plan([obj('a', ['OLD1'])], { policy: { demoteAfterDays: 35, unreadForDays: 7, keepNewest: 1 } })).toHaveLength(1);
  });

  it('leaves alone what nothing needs (garbage is prune’s) and what is cold already', () => {
    expect(plan([obj('a', []), obj('b', ['GONE']), obj('c', ['OLD1'], 'cold')])).toEqual([]);
  });

  it('promotes a cold object that a pinned or newest checkpoint needs, but not for a read alone', () => {
    const moves = plan([obj('a', ['OLD1'], 'cold'), obj('b', ['NEWEST'], 'cold'), obj('c', ['OLD2'], 'cold')], {
      checkpoints: [{ ...old1, pinned: true }, old2, newest],
      lastReadAt: new Map([['c', daysAgo(0.5)]]),
    });
    expect(moves.map((m) => [m.id, m.from, m.to])).toEqual([
      ['a', 'cold', 'warm'],
      ['b', 'cold', 'warm'],
    ]);
    expect(moves[0].reason).toContain('pinned checkpoint OLD1');
  });

  it('keeps the order the objects came in (reading order, so one read’s objects share a pack)', () => {
    const moves = plan([obj('c', ['OLD1']), obj('a', ['OLD1']), obj('b', ['OLD2'])]);
    expect(moves.map((m) => m.id)).toEqual(['c', 'a', 'b']);
  });
});
