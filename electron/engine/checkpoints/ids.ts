// Checkpoint ids read well and sort by time: MAN_20261122_140210_3f9a.
import { randomBytes } from 'node:crypto';

import { CHECKPOINT_TYPES, type CheckpointType } from '../../../shared/api/checkpoints';

export { CHECKPOINT_TYPES, type CheckpointType };

const PREFIX: Record<CheckpointType, string> = {
  manual: 'MAN',
  automatic: 'AUT',
  emergency: 'EMG',
  pre_upgrade: 'UPG',
  daily: 'DAY',
  pre_rollback: 'PRB',
  pre_sync: 'SYN',
  pre_restore: 'PRS',
};

export function checkpointId(type: CheckpointType, at: Date, suffix = randomBytes(2).toString('hex')): string {
  const iso = at.toISOString(); // 2026-11-22T14:02:10.123Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `${PREFIX[type]}_${stamp}_${suffix}`;
}
