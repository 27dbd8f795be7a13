// Every detector, in the order of DETECTOR_IDS (shared/api/recovery.ts): what doctor runs.
import type { Detector } from '../detector';
import { auditBroken } from './audit-broken';
import { checkpointDamaged } from './checkpoint-damaged';
import { databaseDamaged } from './database-damaged';
import { uncleanShutdown } from './unclean-shutdown';
import { walLostOrForeign } from './wal';

// Each detector has facts of its own: the list holds them as Detector<any>.
export const DETECTORS: readonly Detector<any>[] = [
  uncleanShutdown,
  databaseDamaged,
  walLostOrForeign,
  checkpointDamaged,
  auditBroken,
];

