// The shared warm tier and catalog: the firm's schema in PostgreSQL (pg-schema.ts). Objects go in
// by content id (never overwritten), each desk's claim on them in desk_objects, and a checkpoint's
// catalog row last. Every client error comes out naming the tier and host (shared-errors.ts).
import pg from 'pg';
import type { StoredChunk } from '../../chunks/repository';
import type { SharedEndpoint } from './config';
import type { DeskIdentity } from './desk-identity';
import { migrate, schemaOf } from './pg-schema';
import { sharedTierError } from './shared-errors';

const CONNECT_TIMEOUT_MS = 3_000;

export interface PublishedCheckpoint {
  deskId: string;
  checkpointId: string;
  createdAt: string;
  type: string;
  label: string | null;
  rootHash: string;
  counts: Record<string, number>;
  objects: number;
  storedBytes: number;
  publishedAt: string;
}

export interface CatalogRow extends Omit<PublishedCheckpoint, 'publishedAt' | 'deskId'> {
  manifestJson: string;
}

export interface CatalogDesk {
  deskId: string;
  name: string;
  host: string;
  lastPublishedAt: string | null;
  checkpoints: number;
  storedBytes: number;
  newestCheckpointAt: string | null;
}

export interface PostgresFigures {
  desks: number;
  checkpoints: number;
  objects: number;
  storedBytes: number;
}

export class PostgresTier {
  private readonly pool: pg.Pool;
  private readonly S: string;
  private migrated = false;
  /** The newest failure of an operation on this tier in this process (status shows it). */
  lastError: { message: string; at: string } | null = null;

  constructor(
    readonly config: SharedEndpoint,
    readonly firm: string,
  ) {
    this.S = schemaOf(firm);
    this.pool = new pg.Pool({ connectionString: config.url, max: 2, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    // An idle client whose server went away errors here; the next query takes a new one.
    this.pool.on('error', () => {});
  }

  /** Runs `work` on one connection (the schema migrated first); any failure named with the tier and host. */
  private async with<T>(doing: string, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient | null = null;
    try {
      client = await this.pool.connect();
      if (!this.migrated) {
        await migrate(client, this.firm);
        this.migrated = true;
      }
      return await work(client);
    } catch (err) {
      const named = sharedTierError('postgres', this.config.endpoint, err, doing);
      this.lastError = { message: named.reason, at: new Date().toISOString() };
      throw named;
    } finally {
      // A client that failed may be broken: let the pool drop it rather than hand it out again.
      client?.release(true);
    }
  }

  /** Connects and migrates: the configuration check (wrong password, no permission, unreachable). */
  check(): Promise<void> {
    return this.with('connecting', async () => undefined);
  }

  registerDesk(desk: DeskIdentity): Promise<void> {
    return this.with('registering the desk', async (c) => {
      await c.query(`INSERT INTO ${this.S}.desks (desk_id, name, host) VALUES ($1, $2, $3) ON CONFLICT (desk_id) DO UPDATE SET name = excluded.name, host = excluded.host`, [desk.deskId, desk.name, desk.host]);
    });
  }

  /** The ids of the desk's checkpoints already in the catalog. */
  publishedIds(deskId: string): Promise<Set<string>> {
    return this.with('reading the catalog', async (c) => new Set((await c.query(`SELECT checkpoint_id FROM ${this.S}.checkpoints WHERE desk_id = $1`, [deskId])).rows.map((r) => r.checkpoint_id as string)));
  }

  /** Which of `ids` the desk has already claimed (so they are in objects too). */
  claimed(deskId: string, ids: string[]): Promise<Set<string>> {
    return this.with('reading the desk’s objects', async (c) => new Set((await c.query(`SELECT object_id FROM ${this.S}.desk_objects WHERE desk_id = $1 AND object_id = ANY($2)`, [deskId, ids])).rows.map((r) => r.object_id as string)));
  }

  /**
   * Stores objects (a row is added when its content is new, never changed) and the desk's claim on
   * each, in one transaction; returns the stored bytes newly added to the tier.
   */
  putObjects(deskId: string, objects: { id: string; stored: StoredChunk }[]): Promise<number> {
    return this.with('publishing objects', async (c) => {
      await c.query('BEGIN');
      try {
        let added = 0;
        for (const { id, stored } of objects) {
          const r = await c.query(
            `INSERT INTO ${this.S}.objects (object_id, kind, codec, raw_size, stored_size, bytes, first_desk_id) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (object_id) DO NOTHING`,
            [id, stored.kind, stored.codec, stored.rawSize, stored.bytes.length, stored.bytes, deskId],
          );
          if (r.rowCount === 1) added += stored.bytes.length;
          await c.query(`INSERT INTO ${this.S}.desk_objects (desk_id, object_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [deskId, id]);
        }
        await c.query('COMMIT');
        return added;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      }
    });
  }

  /** The record that makes a checkpoint visible: written after all its objects. */
  putCheckpoint(deskId: string, row: CatalogRow): Promise<void> {
    return this.with('publishing a catalog row', async (c) => {
      await c.query('BEGIN');
      try {
        await c.query(
          `INSERT INTO ${this.S}.checkpoints (desk_id, checkpoint_id, created_at, type, label, root_hash, counts_json, objects, stored_bytes, manifest_json)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (desk_id, checkpoint_id) DO NOTHING`,
          [deskId, row.checkpointId, row.createdAt, row.type, row.label, row.rootHash, JSON.stringify(row.counts), row.objects, row.storedBytes, row.manifestJson],
        );
        await c.query(`UPDATE ${this.S}.desks SET last_published_at = now() WHERE desk_id = $1`, [deskId]);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      }
    });
  }

  /** The stored forms of those of `ids` the tier holds (unchecked: the reader rehashes). */
  getObjects(ids: string[]): Promise<Map<string, StoredChunk>> {
    return this.with('reading objects', async (c) => {
      const rows = (await c.query(`SELECT object_id, kind, codec, raw_size, bytes FROM ${this.S}.objects WHERE object_id = ANY($1)`, [ids])).rows;
      return new Map(rows.map((r) => [r.object_id as string, { kind: r.kind, codec: r.codec, rawSize: r.raw_size, bytes: r.bytes as Buffer } as StoredChunk]));
    });
  }

  /** The firm's catalog, newest first (a desk's alone with `deskId`). */
  listCheckpoints(deskId?: string, limit = 1000): Promise<PublishedCheckpoint[]> {
    return this.with('reading the catalog', async (c) => {
      const where = deskId === undefined ? '' : 'WHERE desk_id = $2';
      const rows = (
        await c.query(
          `SELECT desk_id, checkpoint_id, created_at, type, label, root_hash, counts_json, objects, stored_bytes, published_at FROM ${this.S}.checkpoints ${where} ORDER BY created_at DESC, checkpoint_id DESC LIMIT $1`,
          deskId === undefined ? [limit] : [limit, deskId],
        )
      ).rows;
      return rows.map((r) => ({
        deskId: r.desk_id,
        checkpointId: r.checkpoint_id,
        createdAt: r.created_at,
        type: r.type,
        label: r.label,
        rootHash: r.root_hash,
        counts: JSON.parse(r.counts_json) as Record<string, number>,
        objects: r.objects,
        storedBytes: Number(r.stored_bytes),
        publishedAt: (r.published_at as Date).toISOString(),
      }));
    });
  }

  /** A published checkpoint's manifest, or null. */
  manifestOf(deskId: string, checkpointId: string): Promise<string | null> {
    return this.with('reading the catalog', async (c) => ((await c.query(`SELECT manifest_json FROM ${this.S}.checkpoints WHERE desk_id = $1 AND checkpoint_id = $2`, [deskId, checkpointId])).rows[0]?.manifest_json as string) ?? null);
  }

  /** Every desk of the firm with its catalog figures and newest published checkpoint (the fleet). */
  listDesks(): Promise<CatalogDesk[]> {
    return this.with('reading the desks', async (c) => {
      const rows = (
        await c.query(
          `SELECT d.desk_id, d.name, d.host, d.last_published_at, count(k.checkpoint_id) AS checkpoints, coalesce(sum(k.stored_bytes), 0) AS bytes, max(k.created_at) AS newest
           FROM ${this.S}.desks d LEFT JOIN ${this.S}.checkpoints k ON k.desk_id = d.desk_id GROUP BY d.desk_id ORDER BY d.name, d.desk_id`,
        )
      ).rows;
      return rows.map((r) => ({
        deskId: r.desk_id,
        name: r.name,
        host: r.host,
        lastPublishedAt: r.last_published_at ? (r.last_published_at as Date).toISOString() : null,
        checkpoints: Number(r.checkpoints),
        storedBytes: Number(r.bytes),
        newestCheckpointAt: r.newest ?? null,
      }));
    });
  }

  figures(): Promise<PostgresFigures> {
    return this.with('reading its figures', async (c) => {
      const r = (
        await c.query(
          `SELECT (SELECT count(*) FROM ${this.S}.desks) AS desks, (SELECT count(*) FROM ${this.S}.checkpoints) AS checkpoints, (SELECT count(*) FROM ${this.S}.objects) AS objects, (SELECT coalesce(sum(stored_size), 0) FROM ${this.S}.objects) AS bytes`,
        )
      ).rows[0];
      return { desks: Number(r.desks), checkpoints: Number(r.checkpoints), objects: Number(r.objects), storedBytes: Number(r.bytes) };
    });
  }

  close(): Promise<void> {
    return this.pool.end().catch(() => undefined);
  }
}
