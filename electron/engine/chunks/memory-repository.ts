// A chunk repository in memory: for unit tests of code that stores chunks, and the shape any other
// repository (a folder, a tier, a remote) keeps to.
import { compressChunk, decodeChunk, missingChunk } from './codec';
import type { ChunkKind, ChunkListing, ChunkRepository, ChunkStats, StoredChunk } from './repository';

export class MemoryChunkRepository implements ChunkRepository {
  private readonly chunks = new Map<string, StoredChunk>();

  has(id: string): boolean {
    return this.chunks.has(id);
  }

  get(id: string, where = 'chunk'): Buffer {
    const chunk = this.chunks.get(id);
    if (!chunk) throw missingChunk(id, where);
    return decodeChunk(id, chunk, where);
  }

  getStored(id: string): StoredChunk | null {
    const chunk = this.chunks.get(id);
    return chunk ? { ...chunk, bytes: Buffer.from(chunk.bytes) } : null;
  }

  put(id: string, kind: ChunkKind, data: Buffer): number {
    if (this.has(id)) return 0;
    return this.putStored(id, { kind, codec: 'deflate', rawSize: data.length, bytes: compressChunk('deflate', data) });
  }

  putStored(id: string, chunk: StoredChunk): number {
    if (this.has(id)) return 0;
    this.chunks.set(id, { ...chunk, bytes: Buffer.from(chunk.bytes) });
    return chunk.bytes.length;
  }

  delete(ids: Iterable<string>): number {
    let freed = 0;
    for (const id of ids) {
      freed += this.chunks.get(id)?.bytes.length ?? 0;
      this.chunks.delete(id);
    }
    return freed;
  }

  *list(): Iterable<ChunkListing> {
    for (const id of [...this.chunks.keys()].sort()) {
      const c = this.chunks.get(id)!;
      yield { id, kind: c.kind, rawSize: c.rawSize, storedSize: c.bytes.length };
    }
  }

  stats(): ChunkStats {
    const byKind = new Map<ChunkKind, ChunkStats['byKind'][number]>();
    for (const c of this.chunks.values()) {
      const k = byKind.get(c.kind) ?? { kind: c.kind, chunks: 0, rawBytes: 0, storedBytes: 0 };
      k.chunks++;
      k.rawBytes += c.rawSize;
      k.storedBytes += c.bytes.length;
      byKind.set(c.kind, k);
    }
    const kinds = [...byKind.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));
    return { chunks: this.chunks.size, rawBytes: kinds.reduce((n, k) => n + k.rawBytes, 0), storedBytes: kinds.reduce((n, k) => n + k.storedBytes, 0), byKind: kinds };
  }
}
