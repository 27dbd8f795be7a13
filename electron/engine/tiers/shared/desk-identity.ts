// Which desk this state folder is on the shared tiers: an id made once for the folder and kept in
// lifeboat.db's meta table (a copy of the folder restored elsewhere is the same desk), with the
// folder's name and this host for people to recognise it by.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import type { DeskContext } from '../../runtime/context';

const DESK_ID_KEY = 'tiers.deskId';

export interface DeskIdentity {
  deskId: string;
  name: string;
  host: string;
}

/** The desk's identity; a writer makes its id the first time, a reader of a desk without one gets null. */
export function deskIdentity(desk: Pick<DeskContext, 'store' | 'paths' | 'mode'>): DeskIdentity | null {
  let id = desk.store.meta(DESK_ID_KEY);
  if (id === null) {
    if (desk.mode !== 'write') return null;
    id = randomUUID();
    desk.store.setMeta(DESK_ID_KEY, id);
  }
  return { deskId: id, name: basename(desk.paths.dir), host: hostname() };
}
