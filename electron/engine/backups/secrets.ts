// Backup secrets: each destination's repository passphrase and S3 keys, in backup-secrets.json
// beside the database — mode 0600, written atomically, never backed up (capture/file-capture.ts),
// never in the audit trail, an export, a log line or an error message. This is where scheduled
// backups find the passphrase, as restic's password file; `backup init` may be told not to keep it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LifeboatError } from '../../../shared/result';
import { writeFileAtomic } from '../store/atomic-file';

export const SECRETS_FILE = 'backup-secrets.json';

const Secrets = z.object({
  destinations: z.record(
    z.string(),
    z.object({
      passphrase: z.string().optional(),
      accessKeyId: z.string().optional(),
      secretAccessKey: z.string().optional(),
    }),
  ),
});
export type Secrets = z.infer<typeof Secrets>;
export type DestinationSecrets = Secrets['destinations'][string];

export function readSecrets(stateDir: string): Secrets {
  const path = join(stateDir, SECRETS_FILE);
  if (!existsSync(path)) return { destinations: {} };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new LifeboatError('bad_request', 'backup secrets file is not JSON; fix or remove it (passphrases and S3 keys are asked for again)', path);
  }
  const parsed = Secrets.safeParse(json);
  if (!parsed.success) throw new LifeboatError('bad_request', `backup secrets file: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`, path);
  return parsed.data;
}

export function updateSecrets(stateDir: string, name: string, change: (current: DestinationSecrets) => DestinationSecrets | null): void {
  const all = readSecrets(stateDir);
  const next = change(all.destinations[name] ?? {});
  if (next === null) delete all.destinations[name];
  else all.destinations[name] = next;
  writeFileAtomic(join(stateDir, SECRETS_FILE), JSON.stringify(all, null, 1), 0o600);
}
