// Reading objects the desk lacks locally from the shared tiers: Redis first (the hot tier), then
// PostgreSQL; each rehashed against its id, kept in the local warm tier, and what PostgreSQL gave
// cached in Redis. A tier that is down is passed over (its error kept); only an object no reachable
// tier holds fails the read, naming the tier that was down and its host.
import { LifeboatError } from '../../../../shared/result';
import { decodeChunk, missingChunk } from '../../chunks/codec';
import type { StoredChunk } from '../../chunks/repository';
import type { DeskContext } from '../../runtime/context';
import { isUnreachable } from './shared-errors';
import type { SharedTiers } from './shared-tiers';

export interface FetchOutcome {
  /** Already local. */
  local: number;
  fromRedis: number;
  fromPostgres: number;
  bytes: number;
  /** Tiers passed over because they were down, with why. */
  skipped: { tier: 'redis' | 'postgres'; error: string }[];
}

export async function fetchObjects(desk: DeskContext, tiers: SharedTiers, ids: string[]): Promise<FetchOutcome> {
  if (desk.mode !== 'write') throw new LifeboatError('locked', 'fetching keeps the objects in lifeboat.db: open the desk for writing');
  const repository = desk.checkpoints.chunks.repository;
  const wanted = [...new Set(ids)].filter((id) => !repository.has(id));
  const outcome: FetchOutcome = { local: ids.length - wanted.length, fromRedis: 0, fromPostgres: 0, bytes: 0, skipped: [] };
  const got = new Map<string, StoredChunk>();
  const down: LifeboatError[] = [];
  const passOver = (tier: 'redis' | 'postgres', err: unknown) => {
    if (!isUnreachable(err)) throw err;
    down.push(err as LifeboatError);
    outcome.skipped.push({ tier, error: (err as LifeboatError).reason });
  };

  if (tiers.redis && wanted.length > 0) {
    try {
      for (const id of wanted) {
        const stored = await tiers.redis.getObject(id);
        if (stored && checks(id, stored)) {
          got.set(id, stored);
          outcome.fromRedis += 1;
        }
      }
    } catch (err) {
      passOver('redis', err);
    }
  }
  const rest = wanted.filter((id) => !got.has(id));
  if (tiers.postgres && rest.length > 0) {
    try {
      const rows = await tiers.postgres.getObjects(rest);
      for (const [id, stored] of rows) {
        decodeChunk(id, stored, `the shared warm tier (${tiers.postgres.config.endpoint})`);
        got.set(id, stored);
        outcome.fromPostgres += 1;
        await tiers.redis?.putObject(id, stored).catch(() => 0); // a cache: its failure loses nothing
      }
    } catch (err) {
      passOver('postgres', err);
    }
  }
  const lacking = wanted.filter((id) => !got.has(id));
  if (lacking.length > 0) {
    if (down.length > 0) {
      throw new LifeboatError('unavailable', `${lacking.length} object(s) are in no reachable tier (${lacking[0].slice(0, 12)} first): ${down.map((e) => e.reason).join('; ')}`, down[0].where, { objects: lacking });
    }
    throw missingChunk(lacking[0], 'the local and shared tiers');
  }
  desk.store.db.transaction(() => {
    for (const [id, stored] of got) outcome.bytes += repository.putStored(id, stored);
  })();
  repository.settle?.();
  return outcome;
}

/** A cached object that does not decode to its id is ignored (PostgreSQL is asked instead). */
function checks(id: string, stored: StoredChunk): boolean {
  try {
    decodeChunk(id, stored);
    return true;
  } catch {
    return false;
  }
}
