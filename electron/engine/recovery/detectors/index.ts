// Every detector, in the order of DETECTOR_IDS (shared/api/recovery.ts): what doctor runs.
import type { Detector } from '../detector';
import { artifactFailure } from './artifacts';
import { auditBroken } from './audit-broken';
import { backupFailing, backupOverdue, backupUntested } from './backups';
import { brokerDisagreement } from './broker-disagreement';
import { checkpointDamaged } from './checkpoint-damaged';
import { clockBehind } from './clock';
import { databaseDamaged } from './database-damaged';
import { diskFull } from './disk-full';
import { inboxRejecting } from './inbox';
import { settingsChanged } from './settings-changed';
import { checkpointStale, liveStateStale } from './stale';
import { uncleanShutdown } from './unclean-shutdown';
import { walLostOrForeign } from './wal';

// Each detector has facts of its own: the list holds them as Detector<any>.
export const DETECTORS: readonly Detector<any>[] = [
  uncleanShutdown,
  databaseDamaged,
  walLostOrForeign,
  checkpointDamaged,
  auditBroken,
  checkpointStale,
  liveStateStale,
  settingsChanged,
  brokerDisagreement,
  backupOverdue,
  backupFailing,
  backupUntested,
  diskFull,
  artifactFailure,
  inboxRejecting,
  clockBehind,
];

