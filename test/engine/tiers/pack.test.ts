import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkId } from '../../../electron/engine/chunks/id';
import { compressChunk, decodeChunk } from '../../../electron/engine/chunks/codec';
import type { StoredChunk } from '../../../electron/engine/chunks/repository';
import { decodePack, encodePack } from '../../../electron/engine/tiers/pack';
import { ColdFolder } from '../../../electron/engine/tiers/cold-folder';
import { tempDir } from '../../support/temp-state';

function chunk(text: string, codec: 'deflate' | 'brotli' = 'deflate'): { id: string; chunk: StoredChunk } {
  const data = Buffer.from(text.repeat(50));
  return { id: chunkId(data), chunk: { kind: 'rows', codec, rawSize: data.length, bytes: compressChunk(codec, data) } };
}

describe('cold packs', () => {
  const chunks = [chunk('alpha '), chunk('beta ', 'brotli'), chunk('gamma ')];

  it('round-trips the stored forms, each decoding to the chunk its id names', () => {
    const { bytes, name } = encodePack(chunks);
    expect(name).toMatch(/^pack-[0-9a-f]{64}\.pack$/);
    const back = decodePack(bytes, name);
    expect(back.chunks.map((c) => c.id)).toEqual(chunks.map((c) => c.id));
    for (const [i, c] of back.chunks.entries()) {
      expect(c.chunk).toMatchObject({ kind: 'rows', codec: chunks[i].chunk.codec, rawSize: chunks[i].chunk.rawSize });
      expect(decodeChunk(c.id, c.chunk).length).toBe(chunks[i].chunk.rawSize);
    }
  });

  it('an empty pack round-trips too', () => {
    expect(decodePack(encodePack([]).bytes, 'p').chunks).toEqual([]);
  });

  it('a flipped byte in the header is a verification_failed naming the pack', () => {
    const { bytes } = encodePack(chunks);
    const bad = Buffer.from(bytes);
    bad[20] ^= 0x01;
    expect(() => decodePack(bad, 'cold/pack-x.pack')).toThrow(expect.objectContaining({ code: 'verification_failed', where: 'cold/pack-x.pack' }));
  });

  it('a flipped byte in a chunk decodes to a damaged chunk, not to other content', () => {
    const { bytes, header } = encodePack(chunks);
    const bad = Buffer.from(bytes);
    bad[header.entries[1].offset + 3] ^= 0x40;
    const back = decodePack(bad, 'p');
    expect(() => decodeChunk(back.chunks[1].id, back.chunks[1].chunk)).toThrow(expect.objectContaining({ code: 'verification_failed' }));
  });

  it('a truncated pack or a foreign file is named as damaged', () => {
    const { bytes } = encodePack(chunks);
    expect(() => decodePack(bytes.subarray(0, bytes.length - 5), 'p')).toThrow(/lies outside the file/);
    expect(() => decodePack(Buffer.from('PK\u0003\u0004 not a pack at all'), 'p')).toThrow(/does not start like a Lifeboat pack/);
  });

  it('the folder writes packs atomically and reads a chunk back; a damaged file is named, an unreadable folder is the cold tier unavailable', () => {
    const dir = join(tempDir(), 'cold');
    const folder = new ColdFolder(dir);
    const { name, header } = folder.write(chunks);
    const e = header.entries[2];
    expect(decodeChunk(e.id, { codec: e.codec, bytes: new ColdFolder(dir).read(name, e.offset, e.length) }).length).toBe(e.rawSize);
    expect(folder.packs()).toEqual([name]);

    const bad = readFileSync(join(dir, name));
    bad[15] ^= 0x01;
    writeFileSync(join(dir, name), bad);
    expect(() => new ColdFolder(dir).read(name, e.offset, e.length)).toThrow(expect.objectContaining({ code: 'verification_failed', where: join(dir, name) }));

    renameSync(dir, `${dir}-away`);
    expect(() => new ColdFolder(dir).probe(true)).toThrow(/the cold tier cannot be read: it is missing/);
    expect(() => new ColdFolder(dir).probe(false)).not.toThrow();
    expect(() => new ColdFolder(dir).read(name, e.offset, e.length)).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringContaining('the cold tier') }));
    mkdirSync(dir);
    chmodSync(dir, 0o000);
    try {
      if (process.getuid?.() !== 0) expect(() => new ColdFolder(dir).probe(true)).toThrow(/the cold tier cannot be read: permission denied/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
