// Checkpoint ids read well and sort by time: MAN_20261122_140210_3f9a.
import { randomBytes } from 'node:crypto';

export const CHECKPOINT_TYPES = ['manual', 'automatic', 'emergency', 'pre_upgrade', 'daily', 'pre_rollback'] as const;
export type CheckpointType = (typeof CHECKPOINT_TYPES)[number];

const PREFIX: Record<CheckpointType, string> = {
  manual: 'MAN',
  automatic: 'AUT',
  emergency: 'EMG',
  pre_upgrade: 'UPG',
  daily: 'DAY',
  pre_rollback: 'PRB',
};

export function checkpointId(type: CheckpointType, at: Date, suffix = randomBytes(2).toString('hex')): string {
  const iso = at.toISOString(); // 2026-11-22T14:02:10.123Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `${PREFIX[type]}_${stamp}_${suffix}`;
}
