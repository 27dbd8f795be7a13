// The shared warm tier's schema in PostgreSQL, one schema per firm (`lifeboat_<firm>`), made and
// migrated by the engine itself: numbered migrations, each applied once in its own transaction,
// recorded in the schema's `schema_migrations`, under an advisory lock so desks starting together
// do not race. A firm's role owns its schema; another firm's role has no USAGE on it (README).
import type { PoolClient } from 'pg';

export interface PgMigration {
  version: number;
  name: string;
  /** SQL with `S` standing for the firm's schema (quoted). */
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'desks, objects and the checkpoint catalog',
    sql: `
CREATE TABLE S.desks (
  desk_id text PRIMARY KEY,
  name text NOT NULL,
  host text NOT NULL,
  first_published_at timestamptz NOT NULL DEFAULT now(),
  last_published_at timestamptz
);
-- One row per content: the id is the SHA-256 of the object's plain bytes, so two desks share a row
-- only when their content is the same; a row is never updated (inserts do nothing on conflict).
CREATE TABLE S.objects (
  object_id text PRIMARY KEY CHECK (object_id ~ '^[0-9a-f]{64}$'),
  kind text NOT NULL,
  codec text NOT NULL,
  raw_size integer NOT NULL CHECK (raw_size >= 0),
  stored_size integer NOT NULL CHECK (stored_size >= 0),
  bytes bytea NOT NULL,
  first_desk_id text NOT NULL REFERENCES S.desks,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Which desk published which object: each desk's rows are its own (keyed by desk).
CREATE TABLE S.desk_objects (
  desk_id text NOT NULL REFERENCES S.desks,
  object_id text NOT NULL REFERENCES S.objects,
  PRIMARY KEY (desk_id, object_id)
);
-- The catalog: a checkpoint is visible once its row is here, and its row is written last.
CREATE TABLE S.checkpoints (
  desk_id text NOT NULL REFERENCES S.desks,
  checkpoint_id text NOT NULL,
  created_at text NOT NULL,
  type text NOT NULL,
  label text,
  root_hash text NOT NULL,
  counts_json text NOT NULL,
  objects integer NOT NULL,
  stored_bytes bigint NOT NULL,
  manifest_json text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desk_id, checkpoint_id)
);
CREATE INDEX checkpoints_by_time ON S.checkpoints (created_at);`,
  },
];

export const schemaOf = (firm: string): string => `"lifeboat_${firm}"`;

/** Makes the firm's schema when it is missing (needs CREATE on the database) and applies the migrations it lacks. */
export async function migrate(client: PoolClient, firm: string): Promise<number[]> {
  const S = schemaOf(firm);
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lifeboat_${firm}`]);
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [`lifeboat_${firm}`]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${S}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${S}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query(`SELECT version FROM ${S}.schema_migrations`)).rows.map((r: { version: number }) => r.version));
    for (const m of PG_MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql.replace(/\bS\./g, `${S}.`));
      await client.query(`INSERT INTO ${S}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
