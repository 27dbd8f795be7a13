// API handlers for storage tiers: status, history, per-checkpoint costs and the placement preview
// (reads), demote and promote (jobs).
import { tiersStatus } from '../tiers/status';
import { planTiers } from '../tiers/plan';
import { placementPolicy } from '../tiers/settings';
import { readHistory } from '../tiers/history';
import { checkpointCosts } from '../tiers/checkpoint-costs';
import { sharedStatusOf } from '../tiers/shared/status';

import { startDemote, startPromote, tieredRepository } from '../tiers/jobs';
import type { HandlersOf } from './handler';

export const tierHandlers: HandlersOf<'tiers.status' | 'tiers.history' | 'tiers.checkpoints' | 'tiers.plan' | 'tiers.demote' | 'tiers.promote'> = {
  'tiers.status': async (desk) => ({ ...tiersStatus(desk.checkpoints.chunks, tieredRepository(desk)), shared: await sharedStatusOf(desk) }),
  'tiers.history': (desk, req) => readHistory(desk.store.db, req.sinceMinutes),
  'tiers.checkpoints': (desk) => ({ checkpoints: checkpointCosts(desk.store.db, desk.checkpoints.chunks) }),
  'tiers.plan': (desk, req) => {
    const plan = planTiers(desk.store.db, desk.checkpoints.chunks, tieredRepository(desk), { ...placementPolicy(desk.store), ...req.policy });
    return { policy: plan.policy, demote: plan.demote, promote: plan.promote, moves: plan.moves.slice(0, req.limit), truncated: plan.moves.length > req.limit };
  },
  'tiers.demote': (desk, req) => startDemote(desk, { ...placementPolicy(desk.store), ...req.policy }),
  'tiers.promote': (desk, req) => startPromote(desk, req.checkpointId),
};
