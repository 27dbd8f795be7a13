// A playbook that runs on a desk the engine holds open for writing: stale state, no state, bad
// deploy, broker disagreement, bot crashed, artifact failure, disk full, tier or destination down.
// Unlike damaged-database and the in-place playbooks (which run on a folder no Engine can open),
// these get the DeskContext: every write goes through `desk.commit` (one transaction, audited) and
// every long step reports progress. The same definition serves the CLI (`lifeboat recover ID
// --flag …`, its fields as flags) and the console (the Recovery page's wizard, a `recovery` job):
// one contract, three ways in.
import type { PlaybookField, PlaybookId, PlaybookInput, RecoveryRecord } from '../../../../shared/api/recovery';
import type { DeskContext } from '../../runtime/context';
import type { Playbook } from '../playbooks/playbook';

export interface DeskPlaybook<S = unknown> {
  id: PlaybookId;
  title: string;
  /** One line: what it answers and what it does (`lifeboat recover --list`). */
  purpose: string;
  /** What a person gives it; validated by `prepare`. */
  fields: PlaybookField[];
  /**
   * Validates the input (a LifeboatError `bad_request` naming the field) and reads what the steps
   * need; writes nothing. Throws `NothingToRecover` when the fault is not there.
   */
  prepare(desk: DeskContext, input: PlaybookInput, now: () => Date): S | Promise<S>;
  /** The steps: `auto: false` for anything destructive or touching the bots' trading (waits for a typed confirmation). */
  playbook: Playbook<S>;
  /** The lines shown at the end (the CLI's output, the wizard's last page). */
  summary(state: S): string;
  /** What the run measured (RTO/RPO), recorded by its own record step; null when it records none. */
  record(state: S): RecoveryRecord | null;
  /**
   * The word a person types to let a waiting step run (the wizard shows it, `recovery.confirm`
   * checks it): a checkpoint id, the desk's name. Without it, the playbook's id.
   */
  confirmWord?(state: S): string;
}
