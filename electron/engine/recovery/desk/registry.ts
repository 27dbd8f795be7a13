// Every playbook that runs on an open desk, by id. Add one by importing its definition here.
import type { PlaybookId } from '../../../../shared/api/recovery';
import { brokerDisagreementPlaybook } from './broker-disagreement';
import { badDeploy } from './bad-deploy';
import type { DeskPlaybook } from './desk-playbook';
import { noState } from './no-state';
import { staleState } from './stale-state';

export const DESK_PLAYBOOKS: DeskPlaybook<any>[] = [
  staleState,
  noState,
  brokerDisagreementPlaybook,
  badDeploy,
];

export const deskPlaybook = (id: PlaybookId): DeskPlaybook<any> | undefined => DESK_PLAYBOOKS.find((p) => p.id === id);
