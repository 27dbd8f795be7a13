// Where a damaged desk is restored from: the backup destinations its damaged database names (read
// from a scratch copy as far as it goes), and the newest snapshot among those whose passphrase is
// kept on this machine — each other destination named with why it was not used.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { LifeboatError } from '../../../../shared/result';
import { openDestination } from '../../backups/destinations/open-destination';
import { destinationConfig, listDestinations, type StoredDestination } from '../../backups/destinations-store';
import { BackupRepository } from '../../backups/repository/repository';
import type { SnapshotRecord } from '../../backups/repository/snapshot-record';
import { readSecrets } from '../../backups/secrets';
import { privateCopy } from '../../store/read-only-copy';
import { stateFolderPaths } from '../../store/state-folder';

/** A snapshot to restore, with its repository open (close it when done). */
export interface Source {
  d: StoredDestination;
  repository: BackupRepository;
  snapshot: SnapshotRecord;
  close: () => Promise<void>;
}

/** The destinations the damaged database names, read from a scratch copy as far as it goes. */

export function destinationsOf(aside: string): StoredDestination[] {
  const copy = privateCopy(stateFolderPaths(aside));
  try {
    const db = new Database(copy.db, { readonly: true, fileMustExist: true });
    try {
      return listDestinations(db);
    } finally {
      db.close();
    }
  } catch (err) {
    throw new LifeboatError('not_found', `the damaged database cannot be read for its backup destinations (${(err as Error).message}), and no readable checkpoint can be materialized from it; nothing to restore from; restore by hand with \`lifeboat backup restore\``, join(aside, 'lifeboat.db'));
  } finally {
    copy.dispose();
  }
}

/**
 * The newest snapshot over every destination whose passphrase is kept; `skipped` says why each
 * other one was not used, and `unreachable` names those that could not be reached (worth a retry).
 */
export async function newestSnapshot(stateDir: string, destinations: StoredDestination[], skipped: string[], unreachable: string[] = []): Promise<Source | null> {
  const unavailable = (d: StoredDestination, err: unknown) => {
    if (err instanceof LifeboatError && err.code === 'unavailable') unreachable.push(d.name);
  };
  const secrets = readSecrets(stateDir);
  let best: Source | null = null;
  for (const d of destinations) {
    const passphrase = secrets.destinations[d.name]?.passphrase;
    if (!passphrase) {
      skipped.push(`${d.name}: no passphrase kept in backup-secrets.json`);
      continue;
    }
    let destination;
    try {
      destination = openDestination(destinationConfig(stateDir, d));
    } catch (err) {
      skipped.push(`${d.name}: ${(err as Error).message}`);
      unavailable(d, err);
      continue;
    }
    try {
      const repository = await BackupRepository.open(destination, passphrase);
      const all = await repository.snapshots();
      const snapshot = all[all.length - 1];
      if (!snapshot) {
        skipped.push(`${d.name}: the repository holds no snapshot`);
        await destination.close();
        continue;
      }
      if (best && best.snapshot.createdAt >= snapshot.createdAt) {
        await destination.close();
        continue;
      }
      await best?.close();
      const opened = destination;
      best = { d, repository, snapshot, close: () => opened.close() };
    } catch (err) {
      skipped.push(`${d.name}: ${(err as Error).message}`);
      unavailable(d, err);
      await destination.close();
    }
  }
  return best;
}
