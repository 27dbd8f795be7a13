// API handlers for backups: thin, each calls backups/ and returns.
import * as backups from '../backups/backups';
import { startForget, startTestRestore } from '../backups/maintenance-jobs';
import * as policies from '../backups/policies';
import { startRestoreLive } from '../backups/restore/restore-live';
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
  | 'backups.forget'
  | 'backups.schedules'
  | 'backups.schedules.set'
  | 'backups.retention'
  | 'backups.retention.set'
  | 'backups.pin'
  | 'backups.restorePreview'
  | 'backups.restoreLive';

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
  'backups.schedules': (desk, req) => policies.scheduleInfos(desk, req.destination),
  'backups.schedules.set': (desk, req) => policies.updateSchedule(desk, req),
  'backups.retention': (desk, req) => policies.retentionPreview(desk, req),
  'backups.retention.set': (desk, req) => policies.updateRetention(desk, req),
  'backups.pin': (desk, req) => policies.pinSnapshot(desk, req),
  'backups.restorePreview': (desk, req) => backups.previewRestore(desk, req),
  'backups.restoreLive': (desk, req) => startRestoreLive(desk, req),
};
