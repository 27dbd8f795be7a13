// Every playbook that runs on an open desk, by id. Add one by importing its definition here.
import type { PlaybookId } from '../../../../shared/api/recovery';
import { badDeploy } from './bad-deploy';
import type { DeskPlaybook } from './desk-playbook';

export const DESK_PLAYBOOKS: DeskPlaybook<any>[] = [
  badDeploy,
];

export const deskPlaybook = (id: PlaybookId): DeskPlaybook<any> | undefined => DESK_PLAYBOOKS.find((p) => p.id === id);
