// A desk after a bad deploy: a pre-upgrade checkpoint taken, then the bots traded on (the
// "deploy" wrote state), so a rollback to that checkpoint has rows to change. The bad-deploy
// playbook's tests (engine, job, CLI) build on it.
import { simulate } from '../../electron/engine/demo/simulate';
import type { Engine } from '../../electron/engine/engine';
import { demoDesk } from './demo-desk';

export interface BadDeployDesk {
  engine: Engine;
  /** The pre-upgrade checkpoint taken before the deploy. */
  before: { checkpointId: string; rootHash: string; createdAt: string };
  /** The live state hash after the deploy. */
  deployed: string;
}

export async function badDeployDesk(seed: number): Promise<BadDeployDesk> {
  const engine = demoDesk(seed);
  const pre = await engine.call('checkpoints.create', { type: 'pre_upgrade', label: 'before deploy of bot v2' });
  simulate(engine.store, { ticks: 8, seed }, () => new Date().toISOString());
  const deployed = engine.checkpoints.stateHash().rootHash;
  return { engine, before: { checkpointId: pre.checkpointId, rootHash: pre.rootHash, createdAt: pre.createdAt }, deployed };
}
