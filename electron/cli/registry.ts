import type { Command } from './command';
import { auditList, auditVerify } from './commands/audit';
import { BACKUP_COMMANDS } from './commands/backup';
import { BACKUP_POLICY_COMMANDS } from './commands/backup-policies';
import { demo } from './commands/demo';
import { doctor } from './commands/doctor';
import { recoverDamagedDatabase, recoverList, recoverLostWal, recoverUncleanShutdown } from './commands/recover';
import { deskPlaybookCommands } from './commands/recover-desk';
import { lockBreak, lockShow } from './commands/lock';
import { stateCheck } from './commands/state-check';
import { serve } from './commands/serve';
import { SETTINGS_COMMANDS } from './commands/settings';
import { simulate } from './commands/simulate';
import { stateExport, stateImport } from './commands/state';
import { status } from './commands/status';
import { TIER_COMMANDS } from './commands/tiers';
import {
  checkpointCreate,
  checkpointDiff,
  checkpointExport,
  checkpointList,
  checkpointPin,
  checkpointPrune,
  checkpointShow,
  checkpointVerify,
  rollback,
  stateHash,
} from './commands/checkpoint';
import { reconcileExport, reconcileList, reconcileRecheck, reconcileResolve, reconcileRun, reconcileShow, reconcileSymbols } from './commands/reconcile';

export const COMMANDS: Command[] = [
  status,
  doctor,
  recoverList,
  recoverDamagedDatabase,
  recoverLostWal,
  recoverUncleanShutdown,
  ...deskPlaybookCommands,
  demo,
  simulate,
  stateImport,
  stateExport,
  stateHash,
  stateCheck,
  checkpointCreate,
  checkpointList,
  checkpointShow,
  checkpointVerify,
  checkpointDiff,
  checkpointPin,
  checkpointPrune,
  checkpointExport,
  rollback,
  reconcileRun,
  reconcileList,
  reconcileShow,
  reconcileResolve,
  reconcileRecheck,
  reconcileExport,
  reconcileSymbols,
  auditVerify,
  auditList,
  ...BACKUP_COMMANDS,
  ...BACKUP_POLICY_COMMANDS,
  ...SETTINGS_COMMANDS,
  ...TIER_COMMANDS,
  lockShow,
  lockBreak,
  serve,
];

/** Finds the command named by the leading words of argv; returns it and the remaining words. */
export function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  const words = argv.filter((a) => !a.startsWith('-'));
  for (const command of [...COMMANDS].sort((a, b) => b.path.length - a.path.length)) {
    if (command.path.every((w, i) => words[i] === w)) {
      const rest = [...argv];
      for (const w of command.path) rest.splice(rest.indexOf(w), 1);
      return { command, rest };
    }
  }
  return null;
}
