import { describe, expect, it } from 'vitest';
import { addRecord, addRecordBytes, emptyAcc, LANES, recordVector } from '../../../electron/engine/checkpoints/state-hash';

/** The lane-wise sum mod 2^16, one lane at a time: what the state hash is defined as. */
function plainSum(table: string, texts: string[], signs: number[]): Uint16Array {
  const acc = new Uint16Array(LANES);
  texts.forEach((text, k) => {
    const v = recordVector(table, text);
    for (let i = 0; i < LANES; i++) acc[i] = (acc[i] + signs[k] * v[i] + 0x10000) & 0xffff;
  });
  return acc;
}

describe('the state hash lanes', () => {
  const texts = Array.from({ length: 300 }, (_, i) => `{"order_id":"o-${i}","quantity":"${i}.5","note":"é ${'x'.repeat(i % 40)}"}`);

  it('sum lane by lane mod 2^16, adding two lanes at a time or one, and subtracting', () => {
    const signs = texts.map((_, i) => (i % 3 === 0 ? -1 : 1));
    const acc = emptyAcc();
    texts.forEach((t, i) => addRecord(acc, 'orders', t, signs[i] as 1 | -1));
    expect(Buffer.from(acc.buffer).equals(Buffer.from(plainSum('orders', texts, signs).buffer))).toBe(true);
    // An accumulator at an odd 16-bit offset takes the one-lane path: the same sums.
    const odd = new Uint16Array(LANES + 1).subarray(1);
    texts.forEach((t, i) => addRecord(odd, 'orders', t, signs[i] as 1 | -1));
    expect(Buffer.from(odd.buffer, odd.byteOffset, LANES * 2).equals(Buffer.from(acc.buffer))).toBe(true);
  });

  it('of a record read as its UTF-8 bytes are those of its text', () => {
    const a = emptyAcc();
    const b = emptyAcc();
    for (const t of texts) {
      addRecord(a, 'positions', t);
      addRecordBytes(b, 'positions', Buffer.from(t, 'utf8'));
    }
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    expect(a.some((x) => x !== 0)).toBe(true);
  });
});
