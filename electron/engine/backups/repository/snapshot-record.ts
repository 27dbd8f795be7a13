// A snapshot record: what one backup captured, sealed at snapshots/<id>. It is written last, so a
// record that exists names only objects that had landed. Beside the summary the console shows, it
// names its tree object and the run that wrote its objects.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BACKUP_TYPES } from '../../../../shared/api/backups';
import type { SnapshotSummary } from '../../../../shared/api/backups';
import { LifeboatError } from '../../../../shared/result';

const Record = z.object({
  id: z.string(),
  type: z.enum(BACKUP_TYPES),
  createdAt: z.string(),
  finishedAt: z.string(),
  reason: z.string().nullable(),
  host: z.string(),
  parent: z.string().nullable(),
  rootHash: z.string(),
  schemaVersion: z.number(),
  liveForm: z.enum(['rows', 'layered']),
  counts: z.record(z.string(), z.number()),
  files: z.number(),
  bytesRead: z.number(),
  objects: z.number(),
  objectsAdded: z.number(),
  bytesAdded: z.number(),
  // Records written before it was kept say 0.
  plainBytesAdded: z.number().default(0),
  objectsResumed: z.number(),
  seconds: z.number(),
  /** The tree object: the database's schema and row lists, and the folder's files. */
  tree: z.string().regex(/^[0-9a-f]{64}$/),
  /** The run that wrote its objects: index files carry the same name. */
  run: z.string().regex(/^[0-9a-f]{16}$/),
});
export type SnapshotRecord = z.infer<typeof Record> & SnapshotSummary;

export const snapshotKey = (id: string) => `snapshots/${id}`;
export const newSnapshotId = (): string => randomBytes(8).toString('hex');
export const newRunId = (): string => randomBytes(8).toString('hex');

export function parseSnapshot(plain: Buffer, id: string, where: string): SnapshotRecord {
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    throw new LifeboatError('verification_failed', 'snapshot record is not JSON', where);
  }
  const parsed = Record.safeParse(json);
  if (!parsed.success) throw new LifeboatError('verification_failed', `snapshot record is not one Lifeboat understands: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`, where);
  if (parsed.data.id !== id) throw new LifeboatError('verification_failed', `snapshot record says it is ${parsed.data.id}, but is stored as ${id}`, where);
  return parsed.data;
}

export function summaryOf(r: SnapshotRecord): SnapshotSummary {
  const { tree: _t, run: _r, ...summary } = r;
  return summary;
}
