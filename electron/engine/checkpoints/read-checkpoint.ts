// Reading a checkpoint's rows back, table by table (for exports and the checkpoint detail view).
import { parseChunk } from './chunker';
import type { ChunkStore } from './chunk-store';
import { loadEntries, type Manifest } from './manifest';
import { decodeRecord, type Row } from './records';
import { tableSpec } from './tables';

export function readTable(chunks: ChunkStore, manifest: Manifest, table: string): Row[] {
  const spec = tableSpec(table);
  return loadEntries(chunks, manifest, table).flatMap((e) =>
    parseChunk(chunks.get(e.hash, `${table} chunk ${e.hash.slice(0, 12)}`)).map((r) => decodeRecord(spec, r.text).row),
  );
}
