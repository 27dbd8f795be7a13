// Rebuilding lifeboat.db from a snapshot's tree into a new file: the tables as sqlite_master had
// them, every row with its rowid and exact type, then (layered) the live tables rebuilt from the
// checkpoint the desk stood on plus the change log, then indexes and triggers — created after the
// rows, so a bulk load neither maintains indexes row by row nor fires the change-tracking triggers
// (whose log and state hash came back as rows of their own).
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import { LifeboatError } from '../../../../shared/result';
import { ChunkCache } from '../../checkpoints/chunk-cache';
import { materialize } from '../../checkpoints/materialize';
import { parseManifest } from '../../checkpoints/manifest';
import { parseChunk } from '../../checkpoints/chunker';
import { recordKey, type Row } from '../../checkpoints/records';
import { computeLiveAccs, hashesOf, liveTableHashes, registerStateFunctions, stateRoot } from '../../checkpoints/state-hash';
import { tableSpec } from '../../checkpoints/tables';
import { STATE_SCHEMA_VERSION } from '../../store/migrations/migrate';
import { SqliteChunkRepository } from '../../chunks/sqlite-repository';
import { quoteId } from '../capture/sql';
import { chunkLines, decodeValue, type Cell } from '../capture/row-stream';
import type { Tree } from '../capture/tree';

export interface RebuildReport {
  tables: number;
  rows: number;
  /** The live state's root hash: as the restored state hash has it, or (thorough) recomputed from every row. */
  rootHash: string;
  integrity: string;
}

export type ObjectReader = (id: string, what: string) => Promise<Buffer>;

export interface RebuildOptions {
  /** integrity_check and a reread of every live row (test restores), rather than quick_check and hashing rows as they go in. */
  thorough?: boolean;
  onRows?: (rows: number) => void;
}

export async function rebuildDatabase(path: string, tree: Tree['db'], read: ObjectReader, options: RebuildOptions = {}): Promise<RebuildReport> {
  const db = new Database(path);
  try {
    // The file is new and in a folder no one opens until the restore renames it into place: no
    // journal is needed while it is built (a crash leaves only a scratch folder), and a large page
    // cache keeps the bulk load and the index builds in memory. It is synced whole at the end.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    // Index builds sort with helper threads (SQLite's own), in memory.
    db.pragma('threads = 2');
    db.pragma('temp_store = MEMORY');
    registerStateFunctions(db);
    // Rows go in table by table, not in an order that satisfies references; the check comes after.
    db.pragma('foreign_keys = OFF');
    let rows = 0;
    db.exec('BEGIN');
    for (const entry of tree.schema) if (entry.type === 'table') db.exec(entry.sql);
    for (const table of tree.tables) {
      const cols = [...(table.rowid ? ['rowid'] : []), ...table.columns].map((c) => (c === 'rowid' ? 'rowid' : quoteId(c)));
      const insert = db.prepare(`INSERT INTO ${quoteId(table.name)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      let count = 0;
      for (const id of table.chunks) {
        const chunk = await read(id, `${table.name} rows`);
        const blobs = new Map<string, Buffer>();
        const pending: string[] = [];
        const lines: Cell[][] = [...chunkLines(chunk)];
        // Large blobs are objects of their own: fetch them before the synchronous insert.
        for (const line of lines) for (const c of line) if (c && typeof c === 'object' && 'o' in c) pending.push(c.o);
        for (const blob of pending) if (!blobs.has(blob)) blobs.set(blob, await read(blob, `${table.name} blob`));
        for (const line of lines) insert.run(...line.map((c) => decodeValue(c, (b) => blobs.get(b)!)));
        count += lines.length;
        rows += lines.length;
        options.onRows?.(rows);
      }
      if (count !== table.rows) throw new LifeboatError('verification_failed', `table ${table.name}: the snapshot lists ${table.rows} rows, its chunks hold ${count}`, table.name);
    }
    if (tree.live.form === 'layered') rows += rebuildLive(db, tree.live.tables);
    for (const entry of tree.schema) if (entry.type !== 'table') db.exec(entry.sql);
    if (tree.sequence.length) {
      const set = db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)');
      for (const [name, seq] of tree.sequence) set.run(name, seq);
    }
    db.pragma(`application_id = ${Math.trunc(tree.applicationId)}`);
    db.pragma(`user_version = ${Math.trunc(tree.userVersion)}`);
    const dangling = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (dangling.length) throw new LifeboatError('verification_failed', `the rebuilt database has ${dangling.length} rows referring to missing rows (first: ${dangling[0].table} row ${dangling[0].rowid} → ${dangling[0].parent})`, 'lifeboat.db');
    db.exec('COMMIT');
    // Every byte came out of an authenticated object, so a restore checks the structure it built
    // (quick_check, row counts) and the state hash it restored. A test restore goes further: the full
    // integrity_check, and every live row reread and hashed — what proves the rebuild itself.
    const integrity = (db.pragma(options.thorough ? 'integrity_check' : 'quick_check', { simple: true }) as string) ?? 'unknown';
    const rootHash = stateRoot(STATE_SCHEMA_VERSION, options.thorough ? hashesOf(computeLiveAccs(db)) : liveTableHashes(db));
    db.pragma('journal_mode = WAL');
    return { tables: tree.tables.length, rows, rootHash, integrity };
  } finally {
    db.close();
    syncFile(path);
  }
}

function syncFile(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The live tables as the desk's base checkpoint has them, with the change log since applied. */
function rebuildLive(db: Database.Database, tables: string[]): number {
  const base = db.prepare('SELECT checkpoint_id, manifest_json FROM live_base').get() as { checkpoint_id: string; manifest_json: string } | undefined;
  if (!base) throw new LifeboatError('verification_failed', 'the snapshot rebuilds the live tables from the base checkpoint, but it has no live_base row', 'live_base');
  const chunks = new ChunkCache(new SqliteChunkRepository(db));
  const checkpoint = materialize(db, chunks, base.checkpoint_id, parseManifest(base.manifest_json));
  const changes = db.prepare('SELECT table_name, row_key, after_text FROM change_log').all() as { table_name: string; row_key: string; after_text: string | null }[];
  let rows = 0;
  for (const name of tables) {
    const spec = tableSpec(name);
    const live = new Map<string, string>();
    for (const e of checkpoint.entries[name] ?? []) {
      for (const r of parseChunk(checkpoint.extra.get(e.hash) ?? chunks.get(e.hash, `${name} chunk ${e.hash.slice(0, 12)}`))) live.set(recordKey(spec, r.text), r.text);
    }
    for (const c of changes) {
      if (c.table_name !== name) continue;
      if (c.after_text === null) live.delete(c.row_key);
      else live.set(c.row_key, c.after_text);
    }
    const columns = (db.pragma(`table_info(${quoteId(name)})`) as { name: string }[]).map((c) => c.name);
    const insert = db.prepare(`INSERT INTO ${quoteId(name)} (${columns.map(quoteId).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const text of live.values()) {
      const row = JSON.parse(text) as Row;
      insert.run(...columns.map((c) => row[c] ?? null));
    }
    rows += live.size;
  }
  return rows;
}
