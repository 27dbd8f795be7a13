// Where the person is inside the backups page, kept in the address after "#/backups":
// #/backups/snapshots/NAME (a destination's snapshots), #/backups/policies/NAME (its schedule and
// retention), #/backups/restore/NAME[/ID] (the restore wizard), #/backups/add (a new destination).
import { addressParts } from '../../../routing/address';

export type BackupsView =
  | { kind: 'snapshots'; destination: string | null }
  | { kind: 'policies'; destination: string | null }
  | { kind: 'restore'; destination: string | null; snapshotId: string | null }
  | { kind: 'add' };

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const SNAPSHOT = /^[0-9a-f]{4,16}$/;
const nameOr = (s: string | undefined) => (s !== undefined && NAME.test(s) ? s : null);

/** The view an address names; null when it names none (another page, or a bare #/backups). */
export function parseBackupsView(hash: string): BackupsView | null {
  const parts = addressParts(hash);
  if (parts[0] !== 'backups') return null;
  const [, kind, name, id] = parts;
  if (kind === 'add') return { kind: 'add' };
  if (kind === 'snapshots') return { kind: 'snapshots', destination: nameOr(name) };
  if (kind === 'policies') return { kind: 'policies', destination: nameOr(name) };
  if (kind === 'restore') return { kind: 'restore', destination: nameOr(name), snapshotId: nameOr(name) && id && SNAPSHOT.test(id) ? id : null };
  return null;
}

export function backupsViewHash(view: BackupsView): string {
  switch (view.kind) {
    case 'add':
      return '#/backups/add';
    case 'snapshots':
    case 'policies':
      return view.destination ? `#/backups/${view.kind}/${view.destination}` : `#/backups/${view.kind}`;
    case 'restore':
      return view.destination ? `#/backups/restore/${view.destination}${view.snapshotId ? `/${view.snapshotId}` : ''}` : '#/backups/restore';
  }
}

/** The destination a view is about (none for the add form). */
export const viewDestination = (view: BackupsView): string | null => (view.kind === 'add' ? null : view.destination);
