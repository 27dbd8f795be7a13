// Unlocking a repository costs a scrypt (about 0.1 s and 32 MiB) on purpose. A console taking an
// incremental every minute unlocks the same repository with the same kept passphrase each time,
// so for the life of this thread it remembers the master key a slot gave for a secret. The memo is
// keyed by a MAC under a random key of this process over the slot and the secret: neither the
// secret nor a plain hash of it sits in memory, and a slot that changes in any field is a miss.
import { createHmac, randomBytes } from 'node:crypto';

const MAX_ENTRIES = 32;
const memoKey = randomBytes(32);
const memo = new Map<string, Buffer>();

export function memoName(slotJson: string, secret: string): string {
  return createHmac('sha256', memoKey).update(slotJson).update('\0').update(secret).digest('hex');
}

export function remembered(name: string): Buffer | null {
  const master = memo.get(name);
  if (!master) return null;
  // Most recently used last, so the oldest is the one dropped.
  memo.delete(name);
  memo.set(name, master);
  return Buffer.from(master);
}

export function remember(name: string, master: Buffer): void {
  memo.set(name, Buffer.from(master));
  while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
}
