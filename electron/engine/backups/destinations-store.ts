// The desk's destinations as configured: name, kind and settings in SQLite (backup_destinations),
// secrets in the secrets file. Together they make the DestinationConfig a repository opens.
import type { Database } from 'better-sqlite3';
import type { BackupRetention } from '../../../shared/api/backups';
import { LifeboatError } from '../../../shared/result';
import type { DestinationConfig } from './destinations/destination';
import { readSecrets } from './secrets';

/** A destination's settings without its secrets: what the console shows and the database keeps. */
export type DestinationSettings = (
  | { kind: 'folder'; path: string }
  | { kind: 's3'; endpoint: string; region: string; bucket: string; prefix: string; archive?: boolean; storageClass?: string; objectLockDays?: number }
) & {
  /** Set by `backup init` here (or when this desk first opened an existing repository there). */
  repositoryId?: string;
  /** Its retention rules (absent: DEFAULT_RETENTION). */
  retention?: BackupRetention;
};

/** Where a destination is, as shown: a path, or endpoint and bucket. Never a secret. */
export const whereOf = (s: DestinationSettings) => (s.kind === 'folder' ? s.path : `${s.endpoint} bucket ${s.bucket}${s.prefix ? ` prefix ${s.prefix}` : ''}`);

export interface StoredDestination {
  name: string;
  settings: DestinationSettings;
  createdAt: string;
}

export function listDestinations(db: Database): StoredDestination[] {
  return (db.prepare('SELECT name, config_json, created_at FROM backup_destinations ORDER BY name').all() as { name: string; config_json: string; created_at: string }[]).map((r) => ({
    name: r.name,
    settings: JSON.parse(r.config_json) as DestinationSettings,
    createdAt: r.created_at,
  }));
}

export function getDestination(db: Database, name: string): StoredDestination {
  const found = listDestinations(db).find((d) => d.name === name);
  if (!found) {
    const names = listDestinations(db).map((d) => d.name);
    throw new LifeboatError('not_found', `no backup destination "${name}"${names.length ? ` (there are: ${names.join(', ')})` : '; add one with `lifeboat backup destination add`'}`, 'destination');
  }
  return found;
}

/** The one destination, when no name is given and there is exactly one. */
export function defaultDestination(db: Database, name: string | undefined): StoredDestination {
  if (name) return getDestination(db, name);
  const all = listDestinations(db);
  if (all.length === 1) return all[0];
  if (all.length === 0) throw new LifeboatError('not_found', 'no backup destination yet; add one with `lifeboat backup destination add NAME --folder DIR`', 'destination');
  throw new LifeboatError('bad_request', `several backup destinations (${all.map((d) => d.name).join(', ')}): say which with --destination`, 'destination');
}

export function insertDestination(db: Database, name: string, settings: DestinationSettings, at: string): void {
  if (db.prepare('SELECT 1 FROM backup_destinations WHERE name = ?').get(name)) throw new LifeboatError('conflict', `a backup destination named "${name}" exists already`, 'name');
  db.prepare('INSERT INTO backup_destinations (name, kind, config_json, created_at) VALUES (?, ?, ?, ?)').run(name, settings.kind, JSON.stringify(settings), at);
}

export function deleteDestination(db: Database, name: string): void {
  getDestination(db, name);
  db.prepare('DELETE FROM backup_destinations WHERE name = ?').run(name);
  db.prepare('DELETE FROM backup_schedules WHERE destination = ?').run(name);
}

/** Settings and secrets together: what opens the destination. */
export function destinationConfig(stateDir: string, d: StoredDestination): DestinationConfig {
  if (d.settings.kind === 'folder') return { kind: 'folder', name: d.name, path: d.settings.path };
  const { repositoryId: _r, retention: _k, ...settings } = d.settings;
  const secrets = readSecrets(stateDir).destinations[d.name] ?? {};
  if (!secrets.accessKeyId || !secrets.secretAccessKey) {
    throw new LifeboatError('bad_request', `destination "${d.name}" has no S3 credentials kept; add them again (backup destination add ... with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set)`, `destination ${d.name}`);
  }
  return { ...settings, name: d.name, accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey };
}

export function passphraseFor(stateDir: string, name: string, given: string | undefined): string {
  const passphrase = given ?? readSecrets(stateDir).destinations[name]?.passphrase;
  if (!passphrase) throw new LifeboatError('bad_request', `no passphrase for destination "${name}": give one (--passphrase-file FILE or LIFEBOAT_BACKUP_PASSPHRASE), or keep it with \`backup init\``, `destination ${name}`);
  return passphrase;
}

export function recordRepository(db: Database, name: string, repositoryId: string): void {
  const d = getDestination(db, name);
  db.prepare('UPDATE backup_destinations SET config_json = ? WHERE name = ?').run(JSON.stringify({ ...d.settings, repositoryId }), name);
}

export function setRetention(db: Database, name: string, retention: BackupRetention): void {
  const d = getDestination(db, name);
  db.prepare('UPDATE backup_destinations SET config_json = ? WHERE name = ?').run(JSON.stringify({ ...d.settings, retention }), name);
}
