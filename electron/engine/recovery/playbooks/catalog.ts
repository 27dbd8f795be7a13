// The playbooks that are built, each with its one-line purpose (`lifeboat recover --list`), and
// the ones the detectors already name that are not built yet.
import { PLAYBOOK_IDS, type PlaybookId } from '../../../../shared/api/recovery';
import { DESK_PLAYBOOKS } from '../desk/registry';

export interface PlaybookEntry {
  id: PlaybookId;
  title: string;
  purpose: string;
}

export const BUILT_PLAYBOOKS: PlaybookEntry[] = [
  {
    id: 'damaged-database',
    title: 'Damaged database',
    purpose: 'the database is damaged or gone: move it aside into damaged/<time>/, restore the newest backup snapshot, verify it, record RTO/RPO',
  },
  {
    id: 'lost-wal',
    title: 'Lost or foreign WAL',
    purpose: 'a -shm without its -wal, or a -wal of another database: move them aside, integrity check, verify the newest checkpoint, reconcile, resume (or fall through to damaged-database)',
  },
  {
    id: 'unclean-shutdown',
    title: 'Unclean shutdown',
    purpose: 'the previous holder died without closing the desk: take its lease over, integrity check, verify the newest checkpoint, reconcile, resume (or fall through to damaged-database)',
  },
  // The playbooks that run on an open desk (`lifeboat recover ID --FIELD VALUE`), from their registry.
  ...DESK_PLAYBOOKS.map((p) => ({ id: p.id, title: p.title, purpose: p.purpose })),
];

export const NOT_BUILT_PLAYBOOKS: PlaybookId[] = PLAYBOOK_IDS.filter((id) => !BUILT_PLAYBOOKS.some((p) => p.id === id));
