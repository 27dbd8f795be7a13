// Every API channel's handler, one map. The type makes a missing or extra channel a compile error.
import type { ChannelName } from '../../../shared/api/contract';
import { backupHandlers } from './backups';
import { checkpointHandlers } from './checkpoints';
import { deskHandlers } from './desk';
import type { HandlersOf } from './handler';
import { jobHandlers } from './jobs';
import { reconcileHandlers } from './reconcile';
import { recoveryHandlers } from './recovery';
import { settingsHandlers } from './settings';
import { tierHandlers } from './tiers';

export const handlers: HandlersOf<ChannelName> = {
  ...deskHandlers,
  ...checkpointHandlers,
  ...reconcileHandlers,
  ...jobHandlers,
  ...backupHandlers,
  ...recoveryHandlers,
  ...settingsHandlers,
  ...tierHandlers,
};
