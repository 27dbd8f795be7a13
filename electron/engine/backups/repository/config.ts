// The repository's `config`: what format its files are in. Readable before unlocking (so an
// unsupported repository is refused before any passphrase is tried), and authenticated after
// unlocking (a MAC under the id key), so a config changed by anyone without the key is refused.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LifeboatError } from '../../../../shared/result';
import { mac, type RepositoryKeys } from './crypto';

export const REPOSITORY_VERSION = 1;

const Settings = z.strictObject({
  format: z.literal('lifeboat-backup'),
  version: z.number().int(),
  id: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.string(),
  cipher: z.string(),
  objectIds: z.string(),
  compression: z.string(),
  /** Pack files are closed at about this many bytes. */
  packBytes: z.number().int().min(1 << 16).max(1 << 30),
  /** Row chunks and file chunks aim at about this many plain bytes. */
  chunkBytes: z.number().int().min(1 << 10).max(1 << 24),
});
type Settings = z.infer<typeof Settings>;

export const RepositoryConfig = Settings.extend({ mac: z.string().regex(/^[0-9a-f]{64}$/) });
export type RepositoryConfig = z.infer<typeof RepositoryConfig>;

const SUPPORTED = { cipher: ['aes-256-gcm'], objectIds: ['hmac-sha256'], compression: ['brotli', 'deflate'] } as const;

const canonical = (s: Settings): string => JSON.stringify(Object.fromEntries(Object.entries(s).sort(([a], [b]) => (a < b ? -1 : 1))));

export function newConfig(keys: RepositoryKeys): RepositoryConfig {
  const settings: Settings = {
    format: 'lifeboat-backup',
    version: REPOSITORY_VERSION,
    id: randomBytes(16).toString('hex'),
    createdAt: new Date().toISOString(),
    cipher: 'aes-256-gcm',
    objectIds: 'hmac-sha256',
    compression: 'brotli',
    packBytes: 16 * 1024 * 1024,
    chunkBytes: 64 * 1024,
  };
  return { ...settings, mac: mac(keys, canonical(settings)) };
}

/** Parses `config` and refuses, loudly, any format, version or algorithm this Lifeboat does not have. */
export function parseConfig(bytes: Buffer, where: string): RepositoryConfig {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new LifeboatError('verification_failed', 'repository config is not JSON: not a Lifeboat backup repository, or damaged', where);
  }
  const parsed = RepositoryConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LifeboatError('verification_failed', `repository config is not one Lifeboat understands: ${issue.path.join('.') || 'config'}: ${issue.message}`, where);
  }
  const c = parsed.data;
  if (c.version > REPOSITORY_VERSION) throw new LifeboatError('conflict', `repository format version ${c.version} is newer than this Lifeboat reads (${REPOSITORY_VERSION}); use a newer Lifeboat`, where);
  if (c.version < 1) throw new LifeboatError('verification_failed', `repository format version ${c.version} does not exist`, where);
  for (const [field, allowed] of Object.entries(SUPPORTED) as [keyof typeof SUPPORTED, readonly string[]][]) {
    if (!allowed.includes(c[field])) throw new LifeboatError('verification_failed', `repository config asks for ${field} "${c[field]}", which Lifeboat does not support (it has: ${allowed.join(', ')}); refused rather than guessed`, where);
  }
  return c;
}

/** After unlocking: the config must carry the MAC of its own settings. */
export function checkConfigMac(config: RepositoryConfig, keys: RepositoryKeys, where: string): void {
  const { mac: stated, ...settings } = config;
  if (mac(keys, canonical(settings)) !== stated) {
    throw new LifeboatError('verification_failed', 'repository config was changed by someone without its key (its MAC does not match); refusing to use it', where);
  }
}
