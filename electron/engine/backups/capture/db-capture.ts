// The database part of a backup, read in ONE read transaction on a read-only connection: one
// consistent moment, while the console goes on writing (WAL). Every table's rows become row-chunk
// objects (row-stream.ts); the live tables are left out when they can be rebuilt from the
// checkpoint the desk stands on plus the change log (both backed up as ordinary tables).
import type { Database } from 'better-sqlite3';
import type { BackupType, LiveForm } from '../../../../shared/api/backups';
import { changeLogComplete } from '../../checkpoints/layers';
import { CHECKPOINT_TABLES } from '../../checkpoints/tables';
import { liveRoot } from '../../checkpoints/create';
import type { ObjectWriter } from '../repository/writer';
import { CONTENT_ADDRESSED } from './content-ids';
import { captureNamedBlobs } from './named-blobs';
import { capturePinnedRows, PINNED_ROWS } from './pinned-rows';
import { encodeValue, RowChunker } from './row-stream';
import { quoteId } from './sql';
import type { SchemaEntry, TableRows, Tree } from './tree';

const LIVE = new Set(CHECKPOINT_TABLES.map((t) => t.name));
/** Checkpoint history: what a `snapshot` backup (the live state alone) leaves out (cold_chunks indexes cold/, which a snapshot leaves out too). */
const HISTORY = new Set(['checkpoints', 'chunks', 'live_base', 'change_log', 'cold_chunks', 'chunk_reads']);
/** Blob columns already compressed: compressing them again costs time and saves nothing. */
const COMPRESSED_BLOBS: Record<string, string> = { chunks: 'data' };

export interface DbCapture {
  db: Tree['db'];
  rootHash: string;
  schemaVersion: number;
  counts: Record<string, number>;
  bytesRead: number;
}

export function liveFormFor(db: Database, type: BackupType): LiveForm {
  if (type === 'snapshot') return 'rows';
  const base = db.prepare('SELECT 1 FROM live_base').get();
  return base && changeLogComplete(db) ? 'layered' : 'rows';
}

/**
 * Reads the whole database into `writer`. Must run inside a read transaction the caller holds
 * (better-sqlite3 transactions are synchronous, so the caller pins the moment with BEGIN and
 * releases it after this resolves).
 */
export async function captureDatabase(db: Database, writer: ObjectWriter, type: BackupType, options: { chunkBytes: number; onRows?: (rows: number) => void }): Promise<DbCapture> {
  const form = liveFormFor(db, type);
  const schema = db
    .prepare(`SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid`)
    .all() as SchemaEntry[];
  const counts: Record<string, number> = {};
  const tables: TableRows[] = [];
  let bytesRead = 0;
  let rowsRead = 0;
  for (const entry of schema) {
    if (entry.type !== 'table') continue;
    const name = entry.name;
    const columns = (db.pragma(`table_info(${quoteId(name)})`) as { name: string }[]).map((c) => c.name);
    const live = LIVE.has(name);
    counts[name] = (db.prepare(`SELECT COUNT(*) AS n FROM ${quoteId(name)}`).get() as { n: number }).n;
    if (live && form === 'layered') continue;
    if (type === 'snapshot' && HISTORY.has(name)) {
      tables.push({ name, rowid: false, columns, rows: 0, chunks: [] });
      continue;
    }
    const rowid = !/\bWITHOUT\s+ROWID\b/i.test(entry.sql);
    const contentAddressed = CONTENT_ADDRESSED[name];
    if (rowid && contentAddressed && contentAddressed.key.every((k) => columns.includes(k))) {
      const read = await captureNamedBlobs(db, writer, { name, columns, spec: contentAddressed, compress: !COMPRESSED_BLOBS[name] }, options.chunkBytes);
      bytesRead += read.bytesRead;
      rowsRead += read.rows;
      options.onRows?.(rowsRead);
      tables.push({ name, rowid, columns, rows: read.rows, chunks: read.chunks });
      continue;
    }
    const pins = PINNED_ROWS[name];
    if (rowid && pins && pins.every((k) => columns.includes(k))) {
      const read = await capturePinnedRows(db, writer, { name, columns, pins }, options.chunkBytes);
      bytesRead += read.bytesRead;
      rowsRead += read.rows;
      options.onRows?.(rowsRead);
      tables.push({ name, rowid, columns, rows: read.rows, chunks: read.chunks });
      continue;
    }
    const select = `SELECT ${rowid ? 'rowid, ' : ''}${columns.map(quoteId).join(', ')} FROM ${quoteId(name)} ORDER BY ${rowid ? 'rowid' : primaryKey(db, name)}`;
    const stmt = db.prepare(select).raw(true).safeIntegers(true);
    const chunker = new RowChunker(options.chunkBytes);
    const chunks: string[] = [];
    const compressBlobs = !COMPRESSED_BLOBS[name];
    let blobs: { id: string; data: Buffer }[] = [];
    const blobObject = (data: Buffer) => {
      const id = writer.idOf(data);
      blobs.push({ id, data });
      return id;
    };
    let rows = 0;
    for (const raw of stmt.iterate() as IterableIterator<unknown[]>) {
      const line = JSON.stringify(raw.map((v) => encodeValue(v, blobObject)));
      bytesRead += line.length;
      rows++;
      if (blobs.length) {
        for (const b of blobs) {
          bytesRead += b.data.length;
          await writer.add('blob', b.data, compressBlobs, b.id);
        }
        blobs = [];
      }
      const chunk = chunker.push(line);
      if (chunk) chunks.push(await writer.add('rows', chunk));
      if (++rowsRead % 10_000 === 0) options.onRows?.(rowsRead);
    }
    const last = chunker.end();
    if (last) chunks.push(await writer.add('rows', last));
    tables.push({ name, rowid, columns, rows, chunks });
  }
  const sequence = (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get()
    ? (db.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[]).map((r) => [r.name, r.seq] as [string, number])
    : []);
  return {
    db: {
      schema,
      applicationId: db.pragma('application_id', { simple: true }) as number,
      userVersion: db.pragma('user_version', { simple: true }) as number,
      tables,
      sequence,
      live: { form, tables: CHECKPOINT_TABLES.map((t) => t.name) },
    },
    rootHash: liveRoot(db),
    schemaVersion: (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v,
    counts,
    bytesRead,
  };
}

function primaryKey(db: Database, table: string): string {
  const cols = (db.pragma(`table_info(${quoteId(table)})`) as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return cols.map((c) => quoteId(c.name)).join(', ');
}
