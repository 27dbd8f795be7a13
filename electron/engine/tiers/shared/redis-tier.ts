// The shared hot tier and each desk's live status, in Redis, every key under the firm's prefix
// `lb:<firm>:` (a Redis ACL user per firm limits a desk's credentials to it, README):
//   obj:<id>               an object's stored form (a JSON header line, then its bytes)
//   objs / objbytes        a sorted set of cached ids by last use (objclock) and their total bytes: putting an
//                          object past the bound evicts the least recently used, in one script
//   desk:<deskId>:status   a desk's live status (JSON), with a TTL renewed by its heartbeat
//   desks                  the ids of desks that ever published a status (for the fleet)
//   channel desk-status    a message whenever a desk's status changes
import { Redis } from 'ioredis';
import type { StoredChunk } from '../../chunks/repository';
import type { SharedEndpoint } from './config';
import { sharedTierError } from './shared-errors';

/** A desk's live status as other desks and the fleet read it. */
export interface DeskLiveStatus {
  deskId: string;
  name: string;
  host: string;
  firm: string;
  heartbeatAt: string;
  health: 'up' | 'degraded' | 'down';
  newestCheckpoint: { checkpointId: string; createdAt: string; rootHash: string } | null;
  /** Health of each tier the desk uses, as it sees them. */
  tiers: Record<string, 'up' | 'degraded' | 'down'>;
}

// Use order is a counter (objclock), not the time: two uses in one millisecond still come in order.
// KEYS: object, sorted set, byte counter, clock. ARGV: value, id, bound, object key prefix.
const PUT_SCRIPT = `
local now = redis.call('INCR', KEYS[4])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('ZADD', KEYS[2], now, ARGV[2]) return 0 end
local size = string.len(ARGV[1])
local bound = tonumber(ARGV[3])
if size > bound then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], now, ARGV[2])
local total = redis.call('INCRBY', KEYS[3], size)
while total > bound do
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #oldest == 0 then break end
  local key = ARGV[4] .. oldest[1]
  local len = redis.call('STRLEN', key)
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[2], oldest[1])
  total = redis.call('DECRBY', KEYS[3], len)
end
return size`;

// KEYS: object, sorted set, clock. ARGV: id. The object's value, its use recorded.
const GET_SCRIPT = `
local value = redis.call('GET', KEYS[1])
if value then redis.call('ZADD', KEYS[2], 'XX', redis.call('INCR', KEYS[3]), ARGV[1]) end
return value`;

export function encodeObject(stored: StoredChunk): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify({ kind: stored.kind, codec: stored.codec, rawSize: stored.rawSize })}\n`), stored.bytes]);
}

export function decodeObject(value: Buffer): StoredChunk | null {
  const nl = value.indexOf(0x0a);
  if (nl < 0) return null;
  try {
    const head = JSON.parse(value.subarray(0, nl).toString('utf8')) as Omit<StoredChunk, 'bytes'>;
    return { kind: head.kind, codec: head.codec, rawSize: head.rawSize, bytes: value.subarray(nl + 1) };
  } catch {
    return null;
  }
}

export class RedisTier {
  private readonly redis: Redis;
  private readonly prefix: string;
  /** The newest failure of an operation on this tier in this process (status shows it). */
  lastError: { message: string; at: string } | null = null;
  private clientError: Error | null = null;

  constructor(
    readonly config: SharedEndpoint,
    readonly firm: string,
    private readonly maxBytes: number,
  ) {
    this.prefix = `lb:${firm}:`;
    this.redis = new Redis(config.url, {
      lazyConnect: true,
      // A firm's ACL user may not run INFO, which the ready check uses.
      enableReadyCheck: false,
      connectTimeout: 3_000,
      commandTimeout: 3_000,
      // A command waits for at most one reconnection: a stopped server fails it at once, named.
      maxRetriesPerRequest: 1,
      // Keep trying in the background (at most once a second), so the tier comes back by itself.
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    });
    // Every command reports its own failure; the client's own error says why (WRONGPASS,
    // ECONNREFUSED) where the command's says only "Connection is closed" or "max retries".
    this.redis.on('error', (err: Error) => (this.clientError = err));
    this.redis.on('ready', () => (this.clientError = null));
  }

  private async with<T>(doing: string, work: (r: Redis) => Promise<T>): Promise<T> {
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      return await work(this.redis);
    } catch (err) {
      const generic = err instanceof Error && /Connection is closed|max retries per request|Stream isn't writeable/.test(err.message);
      const named = sharedTierError('redis', this.config.endpoint, generic && this.clientError ? this.clientError : err, doing);
      this.lastError = { message: named.reason, at: new Date().toISOString() };
      throw named;
    }
  }

  /** Connects and reads one of the firm's keys: the configuration check (wrong password, no permission, unreachable). */
  check(): Promise<void> {
    return this.with('connecting', async (r) => {
      await r.exists(`${this.prefix}objbytes`);
    });
  }

  async getObject(id: string): Promise<StoredChunk | null> {
    return this.with('reading an object', async (r) => {
      const value = (await r.callBuffer('EVAL', GET_SCRIPT, 3, `${this.prefix}obj:${id}`, `${this.prefix}objs`, `${this.prefix}objclock`, id)) as Buffer | null;
      return value === null ? null : decodeObject(value);
    });
  }

  /** Caches an object (evicting the least recently used past the bound); the bytes added (0 if it was there or is too big). */
  putObject(id: string, stored: StoredChunk): Promise<number> {
    return this.with('caching an object', async (r) => {
      const added = await r.eval(PUT_SCRIPT, 4, `${this.prefix}obj:${id}`, `${this.prefix}objs`, `${this.prefix}objbytes`, `${this.prefix}objclock`, encodeObject(stored), id, String(this.maxBytes), `${this.prefix}obj:`);
      return Number(added);
    });
  }

  figures(): Promise<{ objects: number; storedBytes: number; maxBytes: number; liveDesks: number }> {
    return this.with('reading its figures', async (r) => {
      const [objects, bytes, desks] = await Promise.all([r.zcard(`${this.prefix}objs`), r.get(`${this.prefix}objbytes`), this.liveStatuses()]);
      return { objects, storedBytes: Number(bytes ?? 0), maxBytes: this.maxBytes, liveDesks: desks.length };
    });
  }

  /** Renews the desk's status (TTL `ttlSeconds`); with `changed`, tells subscribers. */
  publishStatus(status: DeskLiveStatus, ttlSeconds: number, changed: boolean): Promise<void> {
    return this.with('publishing the desk’s live status', async (r) => {
      const json = JSON.stringify(status);
      const tx = r.multi().set(`${this.prefix}desk:${status.deskId}:status`, json, 'EX', ttlSeconds).sadd(`${this.prefix}desks`, status.deskId);
      if (changed) tx.publish(`${this.prefix}desk-status`, json);
      const results = await tx.exec();
      const failed = results?.find(([err]) => err);
      if (failed) throw failed[0];
    });
  }

  /** Every desk of the firm whose status has not expired. */
  liveStatuses(): Promise<DeskLiveStatus[]> {
    return this.with('reading the desks’ live status', async (r) => {
      const ids = (await r.smembers(`${this.prefix}desks`)).sort();
      if (ids.length === 0) return [];
      const values = await r.mget(...ids.map((id) => `${this.prefix}desk:${id}:status`));
      return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as DeskLiveStatus);
    });
  }

  /** A second connection subscribed to status changes; returns how to stop listening. */
  async onStatusChange(listener: (status: DeskLiveStatus) => void): Promise<() => Promise<void>> {
    const sub = this.redis.duplicate();
    sub.on('error', () => {});
    const channel = `${this.prefix}desk-status`;
    try {
      if (sub.status === 'wait') await sub.connect();
      sub.on('message', (ch: string, message: string) => {
        if (ch === channel) listener(JSON.parse(message) as DeskLiveStatus);
      });
      await sub.subscribe(channel);
    } catch (err) {
      sub.disconnect();
      throw sharedTierError('redis', this.config.endpoint, err, 'subscribing to status changes');
    }
    return async () => {
      sub.disconnect();
    };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
