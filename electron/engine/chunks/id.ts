// A chunk's id: the SHA-256 of its plain bytes, in hex.
import { createHash } from 'node:crypto';

export const chunkId = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
