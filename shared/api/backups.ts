// Backups on the wire: the types, what a backup run reports, what a snapshot says of itself.
import { z } from 'zod';

export const BACKUP_TYPES = ['full', 'incremental', 'differential', 'snapshot', 'emergency'] as const;
export type BackupType = (typeof BACKUP_TYPES)[number];

export const BACKUP_TYPE_MEANING: Record<BackupType, string> = {
  full: 'every object written anew; depends on no earlier backup',
  incremental: 'only what the repository does not hold yet; depends on the backups before it',
  differential: 'only what is new since the last full; survives the loss of incrementals',
  snapshot: 'the live state alone at one moment (no history): small and portable',
  emergency: 'now, ahead of anything scheduled, to every reachable destination, with a reason',
};

/** How a backup holds the live tables: as rows, or as the checkpoint it was taken on plus the change log since. */
export type LiveForm = 'rows' | 'layered';

export interface SnapshotSummary {
  id: string;
  type: BackupType;
  createdAt: string;
  finishedAt: string;
  reason: string | null;
  host: string;
  /** The snapshot whose objects this one may use (incremental: the one before; differential: the full). */
  parent: string | null;
  /** The live state's root hash when it was taken (equal to `lifeboat state hash` then). */
  rootHash: string;
  /** The desk's database schema (its newest migration) when it was taken. */
  schemaVersion: number;
  liveForm: LiveForm;
  counts: Record<string, number>;
  files: number;
  /** Plain bytes read from the state folder. */
  bytesRead: number;
  /** Objects this snapshot refers to, and how many it had to send. */
  objects: number;
  objectsAdded: number;
  /** Stored (compressed, encrypted) bytes this backup added to the repository. */
  bytesAdded: number;
  /** Objects this run found already sent by an interrupted run, and did not send again. */
  objectsResumed: number;
  seconds: number;
}

export const SnapshotId = z.string().regex(/^[0-9a-f]{4,16}$/, 'a snapshot id: hex, 4 to 16 characters (a prefix will do)');
