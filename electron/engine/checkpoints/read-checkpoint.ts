// Reading a checkpoint's rows back, table by table (for exports and the checkpoint detail view).
import type { Materialized } from './capture';
import { parseChunk } from './chunker';
import type { ChunkCache } from './chunk-cache';
import { decodeRecord, type Row } from './records';
import { tableSpec } from './tables';

export function readTable(chunks: ChunkCache, checkpoint: Materialized, table: string): Row[] {
  const spec = tableSpec(table);
  return (checkpoint.entries[table] ?? []).flatMap((e) =>
    parseChunk(checkpoint.extra.get(e.hash) ?? chunks.get(e.hash, `${table} chunk ${e.hash.slice(0, 12)}`)).map((r) => decodeRecord(spec, r.text).row),
  );
}
