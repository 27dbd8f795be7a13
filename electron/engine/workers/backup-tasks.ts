// Backups off the main thread: taking one (reading the database on a read-only connection of its
// own, compressing, encrypting, sending), verifying a repository, restoring a snapshot, pruning.
// Each opens the destination and the repository itself from what it is sent (secrets cross in
// memory only), reports progress on a MessagePort, and never writes the desk's database: the
// main thread records runs and audit entries from what comes back.
import type { MessagePort } from 'node:worker_threads';
import type { BackupType } from '../../../shared/api/backups';
import { choosePacks } from '../backups/coverage';
import { createBackup, type BackupProgress, type BackupResult } from '../backups/create-backup';
import type { DestinationConfig } from '../backups/destinations/destination';
import { openDestination } from '../backups/destinations/open-destination';
import { RepositoryLock } from '../backups/repository/lock';
import { chooseSnapshots, forget, prune, type PruneResult } from '../backups/prune';
import { BackupRepository } from '../backups/repository/repository';
import { restoreSnapshot, type RestoreOptions, type RestoreReport } from '../backups/restore/restore';
import { verifyRepository, type VerifyResult } from '../backups/verify';
import { openReader } from '../store/database';
import type { TaskEnv } from './protocol';

interface RepositoryInput {
  destination: DestinationConfig;
  passphrase: string;
  port?: MessagePort;
}

export type BackupTaskMessage = { progress: BackupProgress } | { verify: { step: string; done: number; total: number } } | { restore: { step: string; rows?: number; files?: number } } | { tookOver: string };

/** Opens the repository under its lock, runs `work`, releases the lock whatever happens. */
async function withRepository<T>(input: RepositoryInput, purpose: string, exclusive: boolean, work: (repository: BackupRepository) => Promise<T>): Promise<T> {
  const destination = openDestination(input.destination);
  try {
    const repository = await BackupRepository.open(destination, input.passphrase);
    const lock = await RepositoryLock.take(destination, purpose, exclusive);
    for (const t of lock.tookOver) input.port?.postMessage({ tookOver: `took over a stale lock of pid ${t.lock.pid} on ${t.lock.host} (${t.lock.purpose}): ${t.reason}` } satisfies BackupTaskMessage);
    try {
      return await work(repository);
    } finally {
      await lock.release().catch(() => undefined);
    }
  } finally {
    await destination.close();
  }
}

export interface BackupCreateInput extends RepositoryInput {
  dbPath: string;
  stateDir: string;
  type: BackupType;
  reason: string | null;
}

export async function backupCreateTask(input: BackupCreateInput, env: TaskEnv = {}): Promise<BackupResult> {
  return withRepository(input, `backup ${input.type}`, true, async (repository) => {
    const db = openReader(input.dbPath);
    try {
      const result = await createBackup(repository, db, input.stateDir, {
        type: input.type,
        reason: input.reason,
        signal: env.signal,
        onProgress: (progress) => input.port?.postMessage({ progress } satisfies BackupTaskMessage),
      });
      return result;
    } finally {
      db.close();
    }
  });
}

export interface BackupVerifyInput extends RepositoryInput {
  readData: boolean;
  /** A subset of the packs to read ("n/t" or "P%", see backups/coverage.ts); all when absent. */
  subset?: string;
  /** When each pack was last read by a verify, as the desk keeps it. */
  verifiedAt: Record<string, string>;
}

export async function backupVerifyTask(input: BackupVerifyInput, env: TaskEnv = {}): Promise<VerifyResult> {
  return withRepository(input, 'verify', false, (repository) =>
    verifyRepository(repository, {
      readData: input.readData,
      choosePacks: (all) => choosePacks(all, input.subset, input.verifiedAt),
      signal: env.signal,
      onProgress: (p) => input.port?.postMessage({ verify: p } satisfies BackupTaskMessage),
    }),
  );
}

export interface BackupRestoreInput extends RepositoryInput {
  snapshotId: string;
  target: string;
  options: Omit<RestoreOptions, 'signal' | 'onProgress'>;
}

export async function backupRestoreTask(input: BackupRestoreInput, env: TaskEnv = {}): Promise<RestoreReport> {
  return withRepository(input, 'restore', false, async (repository) =>
    restoreSnapshot(repository, await repository.snapshot(input.snapshotId), input.target, {
      ...input.options,
      signal: env.signal,
      onProgress: (p) => input.port?.postMessage({ restore: p } satisfies BackupTaskMessage),
    }),
  );
}

export interface BackupPruneInput extends RepositoryInput {
  forget: string[];
  dryRun: boolean;
}

export async function backupPruneTask(input: BackupPruneInput): Promise<PruneResult & { forgotten: string[] }> {
  return withRepository(input, 'prune', true, async (repository) => {
    if (input.dryRun) {
      const forgotten = (await chooseSnapshots(repository, input.forget)).map((s) => s.id);
      return { ...(await prune(repository, { dryRun: true, forgetting: forgotten })), forgotten };
    }
    const forgotten = (await forget(repository, input.forget)).map((s) => s.id);
    return { ...(await prune(repository)), forgotten };
  });
}
