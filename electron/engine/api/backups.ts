// API handlers for backups: thin, each calls backups/ and returns.
import * as backups from '../backups/backups';
import { startForget, startTestRestore } from '../backups/maintenance-jobs';
import type { HandlersOf } from './handler';

type BackupChannels =
  | 'backups.destinations'
  | 'backups.destinations.add'
  | 'backups.destinations.remove'
  | 'backups.init'
  | 'backups.create'
  | 'backups.list'
  | 'backups.show'
  | 'backups.verify'
  | 'backups.restore'
  | 'backups.testRestore'
  | 'backups.forget';

export const backupHandlers: HandlersOf<BackupChannels> = {
  'backups.destinations': (desk) => backups.destinationInfos(desk),
  'backups.destinations.add': (desk, req) => backups.addDestination(desk, req),
  'backups.destinations.remove': (desk, req) => backups.removeDestination(desk, req.name),
  'backups.init': (desk, req) => backups.initRepository(desk, req),
  'backups.create': (desk, req) => backups.startBackup(desk, req),
  'backups.list': (desk, req) => backups.listSnapshots(desk, req),
  'backups.show': (desk, req) => backups.showSnapshot(desk, req),
  'backups.verify': (desk, req) => backups.startBackupVerify(desk, req),
  'backups.restore': (desk, req) => backups.startRestore(desk, req),
  'backups.testRestore': (desk, req) => startTestRestore(desk, req),
  'backups.forget': (desk, req) => startForget(desk, req),
};
