// A destination in memory, for unit tests of the repository: the same contract as a folder or a
// bucket (objects written whole, ifAbsent, ranges), and a way to damage what it holds.
import { LifeboatError } from '../../../../shared/result';
import type { Destination, ObjectInfo, PutOptions } from './destination';

export class MemoryDestination implements Destination {
  readonly where = 'memory';
  readonly objects = new Map<string, Buffer>();

  async put(key: string, data: Buffer, options: PutOptions = {}): Promise<void> {
    if (options.ifAbsent && this.objects.has(key)) throw new LifeboatError('conflict', 'already exists', `${this.where} ${key}`);
    this.objects.set(key, Buffer.from(data));
  }

  async get(key: string): Promise<Buffer> {
    const data = this.objects.get(key);
    if (!data) throw new LifeboatError('not_found', 'no such object', `${this.where} ${key}`);
    return Buffer.from(data);
  }

  async getRange(key: string, offset: number, length: number): Promise<Buffer> {
    const data = this.objects.get(key);
    if (!data) throw new LifeboatError('not_found', 'no such object', `${this.where} ${key}`);
    if (offset + length > data.length) throw new LifeboatError('verification_failed', `object is ${data.length} bytes, a read of ${length} at ${offset} runs past its end`, `${this.where} ${key}`);
    return Buffer.from(data.subarray(offset, offset + length));
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    const data = this.objects.get(key);
    return data ? { key, size: data.length } : null;
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([key, d]) => ({ key, size: d.length }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async close(): Promise<void> {}
}
