// Key slots: each one wraps the repository's master key under a key derived from one secret — a
// passphrase, or the printable recovery key. Any slot opens the repository; adding or removing
// one never re-encrypts data. A wrong secret opens no slot: that is `wrong_passphrase`, never
// garbage, and nothing is written.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LifeboatError } from '../../../../shared/result';
import { memoName, remember, remembered } from './key-memo';
import { checkScryptParams, DEFAULT_SCRYPT, MASTER_KEY_BYTES, scryptKey, seal, tryOpen, type ScryptParams } from './crypto';

export const KeySlot = z.strictObject({
  format: z.literal('lifeboat-backup-key'),
  version: z.literal(1),
  id: z.string().regex(/^[0-9a-f]{16}$/),
  kind: z.enum(['passphrase', 'recovery']),
  label: z.string().max(200),
  createdAt: z.string(),
  kdf: z.strictObject({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) }),
  /** The master key sealed under the derived key; the slot's other fields are its additional data. */
  wrapped: z.string().max(400),
});
export type KeySlot = z.infer<typeof KeySlot>;

/** What the sealed master key is bound to: changing a slot's parameters makes it fail to open. */
const slotAad = (s: Omit<KeySlot, 'wrapped' | 'label'>) => `lifeboat-backup-key ${s.id} ${s.kind} ${s.kdf.N} ${s.kdf.r} ${s.kdf.p} ${s.kdf.salt}`;

export async function makeSlot(master: Buffer, secret: string, kind: KeySlot['kind'], label: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<KeySlot> {
  const salt = randomBytes(32).toString('base64');
  const head = {
    format: 'lifeboat-backup-key' as const,
    version: 1 as const,
    id: randomBytes(8).toString('hex'),
    kind,
    label,
    createdAt: new Date().toISOString(),
    kdf: { name: 'scrypt' as const, ...params, salt },
  };
  const key = await scryptKey(normalizeSecret(secret, kind), Buffer.from(salt, 'base64'), params);
  return { ...head, wrapped: seal(key, master, slotAad(head)).toString('base64') };
}

export function parseSlot(bytes: Buffer, where: string): KeySlot {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new LifeboatError('verification_failed', 'key slot is not JSON (damaged?)', where);
  }
  const parsed = KeySlot.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LifeboatError('verification_failed', `key slot is not one Lifeboat understands: ${issue.path.join('.') || 'slot'}: ${issue.message}`, where);
  }
  checkScryptParams(parsed.data.kdf, where);
  return parsed.data;
}

/** The master key, or null when `secret` does not open this slot. */
export async function openSlot(slot: KeySlot, secret: string): Promise<Buffer | null> {
  const name = memoName(JSON.stringify(slot), secret);
  const known = remembered(name);
  if (known) return known;
  const key = await scryptKey(normalizeSecret(secret, slot.kind), Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
  const master = tryOpen(key, Buffer.from(slot.wrapped, 'base64'), slotAad(slot));
  if (!master || master.length !== MASTER_KEY_BYTES) return null;
  remember(name, master);
  return master;
}

// The recovery key: 160 random bits, printed as eight groups of five Crockford base-32 characters.
// Typed back in any case, with or without dashes and spaces; O/I/L read as 0/1/1.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryKey(): string {
  const bytes = randomBytes(25);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{5}/g)!.join('-');
}

/**
 * The slots in the order to try them: those of the kind the secret looks like first. Each try is
 * a scrypt (about 0.1 s), so a passphrase should not pay for the recovery slot's as well.
 * Every slot is still tried: a passphrase may happen to look like a recovery key.
 */
export function slotsToTry(slots: KeySlot[], secret: string): KeySlot[] {
  const kind: KeySlot['kind'] = /^[0-9A-Z]{40}$/.test(normalizeSecret(secret, 'recovery')) ? 'recovery' : 'passphrase';
  return [...slots.filter((s) => s.kind === kind), ...slots.filter((s) => s.kind !== kind)];
}

function normalizeSecret(secret: string, kind: KeySlot['kind']): string {
  if (kind === 'passphrase') return secret;
  return secret.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
