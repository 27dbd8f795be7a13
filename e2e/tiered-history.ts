// A desk's history worth demoting, for the specs about the storage tiers (the Storage page, the
// header's tier indicator).
import { apiCall, ensureCheckpointHistory, expect, simulate, type DemoDesk } from './fixtures';

/** Every placement rule off but "the newest stays". */
export const ALL = { demoteAfterDays: 0, unreadForDays: 0, keepNewest: 1 };

/**
 * History worth demoting: the demo morning, then more checkpoints until one is compacted (the
 * console gives a checkpoint its own chunk lists every 16 layers), so older ones have objects
 * the newest does not need.
 */
export async function demotableHistory(desk: DemoDesk): Promise<void> {
  await ensureCheckpointHistory(desk);
  for (let i = 0; i < 24 && (await apiCall(desk, 'tiers.plan', { limit: 0, policy: ALL })).demote.chunks === 0; i++) {
    await simulate(desk, 20);
    await apiCall(desk, 'checkpoints.create', { type: 'manual', label: `storage ${i}` });
  }
  expect((await apiCall(desk, 'tiers.plan', { limit: 0, policy: ALL })).demote.chunks).toBeGreaterThan(0);
}
