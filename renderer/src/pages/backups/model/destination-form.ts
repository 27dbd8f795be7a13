// The "add destination" form: what was typed → the backups.destinations.add request and the
// backups.init passphrase, or the problems to show beside the boxes. The engine checks again; these
// checks only say early what it would refuse (the same patterns as backup-channels.ts).
import type { RequestOf } from '../../../../../shared/api/contract';

export type DestinationKind = 'folder' | 's3';

export interface DestinationForm {
  name: string;
  kind: DestinationKind;
  path: string;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
  archive: boolean;
  /** Object Lock retention in days, as typed; empty: off. */
  objectLockDays: string;
  passphrase: string;
  passphraseAgain: string;
  keepPassphrase: boolean;
  /** Start the usual schedules as soon as the repository is made (off: they wait, disabled). */
  schedules: boolean;
}

export const EMPTY_DESTINATION_FORM: DestinationForm = {
  name: '',
  kind: 'folder',
  path: '',
  endpoint: '',
  region: 'us-east-1',
  bucket: '',
  prefix: '',
  accessKeyId: '',
  secretAccessKey: '',
  archive: false,
  objectLockDays: '',
  passphrase: '',
  passphraseAgain: '',
  keepPassphrase: true,
  schedules: true,
};

/** The boxes that hold secrets: emptied as soon as the form is sent, whatever the answer. */
export const SECRET_FIELDS = ['secretAccessKey', 'passphrase', 'passphraseAgain'] as const satisfies readonly (keyof DestinationForm)[];

export type DestinationField = keyof DestinationForm;
export type Problems = Partial<Record<DestinationField, string>>;

export interface BuiltDestination {
  add: RequestOf<'backups.destinations.add'>;
  init: { passphrase: string; keepPassphrase: boolean };
}

const NAME = /^[a-z0-9][a-z0-9_-]*$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^([a-z0-9][a-z0-9._-]*\/)*$/;
/** The CLI's floor (backup init): a passphrase shorter than this is refused. */
export const MIN_PASSPHRASE = 8;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function buildDestination(f: DestinationForm): { ok: true; value: BuiltDestination } | { ok: false; problems: Problems } {
  const problems: Problems = {};
  const name = f.name.trim();
  if (!name) problems.name = 'a name, e.g. offsite or nas';
  else if (name.length > 64 || !NAME.test(name)) problems.name = 'lower-case letters, digits, - and _ (starting with a letter or digit)';

  let add: RequestOf<'backups.destinations.add'> | null = null;
  if (f.kind === 'folder') {
    const path = f.path.trim();
    if (!path) problems.path = 'the folder backups go to (on another disk or a mount)';
    else add = { name, folder: { path } };
  } else {
    const endpoint = f.endpoint.trim();
    const bucket = f.bucket.trim();
    const prefix = f.prefix.trim();
    const region = f.region.trim() || 'us-east-1';
    if (!isHttpUrl(endpoint)) problems.endpoint = 'an http:// or https:// address, e.g. https://s3.eu-west-1.amazonaws.com';
    if (!BUCKET.test(bucket)) problems.bucket = 'an S3 bucket name: 3 to 63 lower-case letters, digits, . and -';
    if (!PREFIX.test(prefix)) problems.prefix = 'empty, or like desk-1/ (lower case, ending in /)';
    if (!f.accessKeyId.trim()) problems.accessKeyId = 'the access key id';
    if (!f.secretAccessKey) problems.secretAccessKey = 'the secret access key';
    const lock = f.objectLockDays.trim();
    const objectLockDays = lock === '' ? undefined : /^\d+$/.test(lock) && Number(lock) >= 1 && Number(lock) <= 36_500 ? Number(lock) : null;
    if (objectLockDays === null) problems.objectLockDays = 'whole days from 1 to 36500, or empty for no lock';
    add = { name, s3: { endpoint, region, bucket, prefix, accessKeyId: f.accessKeyId.trim(), secretAccessKey: f.secretAccessKey, archive: f.archive, ...(objectLockDays ? { objectLockDays } : {}) } };
  }

  if (f.passphrase.length < MIN_PASSPHRASE) problems.passphrase = `at least ${MIN_PASSPHRASE} characters`;
  else if (f.passphrase !== f.passphraseAgain) problems.passphraseAgain = 'the two passphrases differ';

  if (Object.keys(problems).length > 0 || !add) return { ok: false, problems };
  return { ok: true, value: { add, init: { passphrase: f.passphrase, keepPassphrase: f.keepPassphrase } } };
}

/** The form after it was sent: every secret box emptied. */
export function withoutSecrets(f: DestinationForm): DestinationForm {
  const next = { ...f };
  for (const k of SECRET_FIELDS) next[k] = '';
  return next;
}
