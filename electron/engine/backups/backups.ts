// Backups for one open desk: its destinations, setting up a repository, and the long operations
// as jobs whose work runs in the worker pool (workers/backup-tasks.ts). This thread keeps the
// desk's record of runs and the audit trail; no secret ever reaches either.
import { mkdirSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { BackupOutcome, DestinationBackup, RestorePreview, SnapshotListing } from '../../../shared/api/backups';
import type { DestinationInfo, InitResult, SnapshotDetail } from '../../../shared/api/backup-channels';
import type { JobInfo, ParsedRequestOf } from '../../../shared/api/contract';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { DeskContext } from '../runtime/context';
import type { Tree } from './capture/tree';
import { openDestination } from './destinations/open-destination';
import { defaultDestination, deleteDestination, destinationConfig, getDestination, insertDestination, listDestinations, passphraseFor, recordRepository, whereOf, type DestinationSettings, type StoredDestination } from './destinations-store';
import { BackupRepository } from './repository/repository';
import { summaryOf, type SnapshotRecord } from './repository/snapshot-record';
import { listFiles } from './capture/file-capture';
import { restorePreview } from './restore/restore-preview';
import { readSecrets, updateSecrets } from './secrets';
import { addDefaultSchedules } from './schedules-store';
import { runTask } from './run-task';
import { coverageOf, recordVerifiedPacks, verifiedPacks } from './coverage';
import { destinationInfos } from './destination-infos';
import { pinnedSnapshots } from './policies';


export function addDestination(desk: DeskContext, req: ParsedRequestOf<'backups.destinations.add'>): DestinationInfo {
  let settings: DestinationSettings;
  if (req.folder) {
    const path = resolve(req.folder.path);
    const inside = relative(desk.paths.dir, path);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
      throw new LifeboatError('bad_request', 'a backup destination inside the state folder dies with it; choose a folder on another disk or a mount', 'folder.path');
    }
    settings = { kind: 'folder', path };
  } else {
    const { accessKeyId: _a, secretAccessKey: _s, ...s3 } = req.s3!;
    settings = { kind: 's3', ...s3 };
  }
  desk.commit(`backup.destination.add ${req.name}`, () => {
    insertDestination(desk.store.db, req.name, settings, new Date().toISOString());
    addDefaultSchedules(desk.store.db, req.name);
    appendAudit(desk.store.db, 'backup.destination.add', { name: req.name, kind: settings.kind, where: whereOf(settings) });
  });
  if (req.s3) updateSecrets(desk.paths.dir, req.name, (s) => ({ ...s, accessKeyId: req.s3!.accessKeyId, secretAccessKey: req.s3!.secretAccessKey }));
  return destinationInfos(desk).find((d) => d.name === req.name)!;
}

export function removeDestination(desk: DeskContext, name: string): { removed: string } {
  desk.commit(`backup.destination.remove ${name}`, () => {
    deleteDestination(desk.store.db, name);
    appendAudit(desk.store.db, 'backup.destination.remove', { name });
  });
  updateSecrets(desk.paths.dir, name, () => null);
  return { removed: name };
}

export async function initRepository(desk: DeskContext, req: ParsedRequestOf<'backups.init'>): Promise<InitResult> {
  const d = defaultDestination(desk.store.db, req.destination);
  // Making a repository makes its folder, as restic init does; afterwards a missing folder is an
  // error (a mount gone), never a new empty repository.
  if (d.settings.kind === 'folder') makeFolder(d.settings.path);
  const destination = openDestination(destinationConfig(desk.paths.dir, d));
  try {
    const { repository, recoveryKey } = await BackupRepository.init(destination, req.passphrase);
    if (req.keepPassphrase) updateSecrets(desk.paths.dir, d.name, (s) => ({ ...s, passphrase: req.passphrase }));
    desk.commit(`backup.init ${d.name}`, () => {
      recordRepository(desk.store.db, d.name, repository.config.id);
      appendAudit(desk.store.db, 'backup.init', { destination: d.name, repositoryId: repository.config.id, passphraseKept: req.keepPassphrase });
    });
    return { destination: d.name, repositoryId: repository.config.id, recoveryKey, passphraseKept: req.keepPassphrase };
  } finally {
    await destination.close();
  }
}

/** Opens a destination's repository on this thread, for the quick reads (list, show). */
async function withRepository<T>(desk: DeskContext, name: string | undefined, passphrase: string | undefined, work: (r: BackupRepository, d: StoredDestination) => Promise<T>): Promise<T> {
  const d = defaultDestination(desk.store.db, name);
  const destination = openDestination(destinationConfig(desk.paths.dir, d));
  try {
    return await work(await BackupRepository.open(destination, passphraseFor(desk.paths.dir, d.name, passphrase)), d);
  } finally {
    await destination.close();
  }
}

/** The repository's snapshots (the truth), with what this desk knows of each: pinned, verified when. */
export function listSnapshots(desk: DeskContext, req: ParsedRequestOf<'backups.list'>): Promise<SnapshotListing[]> {
  return withRepository(desk, req.destination, req.passphrase, async (r, d) => {
    const pinned = pinnedSnapshots(desk, d.name);
    const packsOf = new Map(
      (desk.store.db.prepare('SELECT snapshot_id, packs_json FROM backup_runs WHERE destination = ?').all(d.name) as { snapshot_id: string; packs_json: string }[]).map((row) => [
        row.snapshot_id,
        JSON.parse(row.packs_json) as string[],
      ]),
    );
    const verified = verifiedPacks(desk.store.db, d.name);
    return (await r.snapshots()).map((s) => {
      const packs = packsOf.get(s.id) ?? [];
      const times = packs.map((p) => verified[p]).filter((t): t is string => Boolean(t));
      return {
        ...summaryOf(s),
        pinned: pinned.has(s.id),
        packs: packs.length,
        packsVerified: times.length,
        verifiedAt: packs.length > 0 && times.length === packs.length ? times.sort()[0] : null,
      };
    });
  });
}

export function showSnapshot(desk: DeskContext, req: ParsedRequestOf<'backups.show'>): Promise<SnapshotDetail> {
  return withRepository(desk, req.destination, req.passphrase, async (r, d) => {
    const s = await r.snapshot(req.snapshotId);
    const tree = await readTree(r, s);
    return {
      ...summaryOf(s),
      destination: d.name,
      tables: Object.entries(s.counts).map(([name, rows]) => ({ name, rows })),
      fileList: [{ path: 'lifeboat.db', size: 0 }, ...tree.files.map((f) => ({ path: f.path, size: f.size }))],
    };
  });
}

/** What restoring the snapshot would change on the live desk, before anything is written. */
export function previewRestore(desk: DeskContext, req: ParsedRequestOf<'backups.restorePreview'>): Promise<RestorePreview> {
  return withRepository(desk, req.destination, req.passphrase, async (r) => {
    const s = await r.snapshot(req.snapshotId);
    const tree = await readTree(r, s);
    return restorePreview(desk.store.db, desk.paths.dir, s, tree, listFiles(desk.paths.dir, s.type));
  });
}

async function readTree(r: BackupRepository, s: SnapshotRecord): Promise<Tree> {
  const index = await r.loadIndex();
  const at = index.objects.get(s.tree);
  if (!at) throw new LifeboatError('verification_failed', `snapshot ${s.id}'s tree is in no index file; run \`backup verify\``, r.where);
  return JSON.parse((await r.readObject(s.tree, at)).toString('utf8')) as Tree;
}

function makeFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (err) {
    throw new LifeboatError('bad_request', `cannot make the backup folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`, path);
  }
}

const errorOf = (err: unknown) =>
  err instanceof LifeboatError ? { code: err.code, message: err.reason, where: err.where ?? null } : { code: 'internal', message: (err as Error).message ?? String(err), where: null };

export function startBackup(desk: DeskContext, req: ParsedRequestOf<'backups.create'>): JobInfo<'backup'> {
  const all = req.destination === 'all' || (req.destination === undefined && req.type === 'emergency');
  const targets = all ? listDestinations(desk.store.db) : [defaultDestination(desk.store.db, req.destination)];
  if (targets.length === 0) throw new LifeboatError('not_found', 'no backup destination yet; add one with `lifeboat backup destination add NAME --folder DIR`', 'destination');
  if (req.type === 'emergency' && !req.reason?.trim()) throw new LifeboatError('bad_request', 'an emergency backup needs a reason', 'reason');
  const outcome: BackupOutcome = { type: req.type, destinations: [] };
  return desk.jobs.start('backup', {
    steps: {
      send: {
        run: async (ctx) => {
          for (const [i, d] of targets.entries()) {
            if (ctx.signal.aborted) break;
            const say = (m: string) => ctx.progress(i, targets.length, `${d.name}: ${m}`);
            say('starting');
            const part: DestinationBackup = { destination: d.name, ok: false, snapshot: null, promotedFrom: null, error: null };
            try {
              const result = await runTask(
                desk,
                'backupCreate',
                { destination: destinationConfig(desk.paths.dir, d), passphrase: passphraseFor(desk.paths.dir, d.name, req.passphrase), dbPath: desk.paths.db, stateDir: desk.paths.dir, type: req.type, reason: req.reason ?? null },
                ctx,
                (m) => {
                  if ('progress' in m) say(`${m.progress.step}${m.progress.rows ? ` (${m.progress.rows} rows)` : ''}${m.progress.bytesAdded ? `, ${m.progress.bytesAdded} bytes sent` : ''}`);
                  if ('tookOver' in m) say(m.tookOver);
                },
              );
              const snapshot = summaryOf(result.snapshot);
              Object.assign(part, { ok: true, snapshot, promotedFrom: result.promotedFrom });
              desk.commit(`backup.create ${d.name} ${snapshot.id}`, () => {
                desk.store.db
                  .prepare('INSERT INTO backup_runs (destination, snapshot_id, type, created_at, summary_json, packs_json) VALUES (?, ?, ?, ?, ?, ?)')
                  .run(d.name, snapshot.id, snapshot.type, snapshot.createdAt, JSON.stringify(snapshot), JSON.stringify(result.packs));
                appendAudit(desk.store.db, 'backup.create', { destination: d.name, snapshotId: snapshot.id, type: snapshot.type, promotedFrom: result.promotedFrom, reason: snapshot.reason, rootHash: snapshot.rootHash, bytesAdded: snapshot.bytesAdded, seconds: snapshot.seconds });
              });
            } catch (err) {
              if (ctx.signal.aborted) throw err;
              part.error = errorOf(err);
              desk.commit(`backup.failed ${d.name}`, () => appendAudit(desk.store.db, 'backup.failed', { destination: d.name, type: req.type, code: part.error!.code, message: part.error!.message }));
              // One destination down does not stop the others; with one destination, the job fails.
              if (targets.length === 1) throw err;
            }
            outcome.destinations.push(part);
          }
          ctx.progress(targets.length, targets.length, 'done');
        },
        check: () => {
          const bad = outcome.destinations.filter((d) => !d.ok);
          if (bad.length === outcome.destinations.length) throw new LifeboatError('unavailable', `no destination took the backup: ${bad.map((d) => `${d.destination}: ${d.error?.message}`).join('; ')}`);
          return bad.length ? `${bad.length} of ${outcome.destinations.length} destinations failed: ${bad.map((d) => d.destination).join(', ')}` : `backed up to ${outcome.destinations.map((d) => d.destination).join(', ')}`;
        },
      },
    },
    result: () => outcome,
  });
}

export function startBackupVerify(desk: DeskContext, req: ParsedRequestOf<'backups.verify'>): JobInfo<'backup-verify'> {
  const d = defaultDestination(desk.store.db, req.destination);
  let result: JobInfo<'backup-verify'>['result'] = null;
  return desk.jobs.start('backup-verify', {
    steps: {
      verify: {
        run: async (ctx) => {
          const config = destinationConfig(desk.paths.dir, d);
          const passphrase = passphraseFor(desk.paths.dir, d.name, req.passphrase);
          const verified = await runTask(desk, 'backupVerify', { destination: config, passphrase, readData: req.readData, subset: req.subset, verifiedAt: verifiedPacks(desk.store.db, d.name) }, ctx, (m) => {
            if ('verify' in m) ctx.progress(m.verify.done, m.verify.total, `${m.verify.step}: ${m.verify.done} of ${m.verify.total}`);
          });
          const at = new Date().toISOString();
          desk.commit(`backup.verify ${d.name}`, () => {
            recordVerifiedPacks(desk.store.db, d.name, verified.packsRead, at);
            appendAudit(desk.store.db, 'backup.verify', { destination: d.name, ok: verified.ok, readData: verified.readData, subset: req.subset ?? null, packsRead: verified.packsRead.length, problems: verified.problems.slice(0, 20) });
          });
          result = { ...verified, destination: d.name, coverage: coverageOf(desk.store.db, d.name, verified.packs, new Date()) };
        },
        check: () => (result!.ok ? `${result!.snapshots} snapshots, ${result!.packsRead.length} packs read` : `${result!.problems.length} problems found`),
      },
    },
    result: () => result!,
  });
}

export function checkRestoreTarget(desk: DeskContext, to: string): string {
  const target = resolve(to);
  const rel = relative(desk.paths.dir, target);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) || !relative(target, desk.paths.dir).startsWith('..')) {
    throw new LifeboatError('bad_request', 'restoring into (or around) the live state folder is not done here: restore into a new folder, or roll the desk back from a checkpoint', 'to');
  }
  return target;
}

export function startRestore(desk: DeskContext, req: ParsedRequestOf<'backups.restore'>): JobInfo<'restore'> {
  const d = defaultDestination(desk.store.db, req.destination);
  const to = checkRestoreTarget(desk, req.to);
  let result: JobInfo<'restore'>['result'] = null;
  return desk.jobs.start('restore', {
    steps: {
      restore: {
        run: async (ctx) => {
          const report = await runTask(
            desk,
            'backupRestore',
            { destination: destinationConfig(desk.paths.dir, d), passphrase: passphraseFor(desk.paths.dir, d.name, req.passphrase), snapshotId: req.snapshotId, target: to, options: { dryRun: req.dryRun, replace: req.replace } },
            ctx,
            (m) => {
              if ('restore' in m) ctx.progress(m.restore.files ?? 0, null, `${m.restore.step}${m.restore.rows ? `: ${m.restore.rows} rows` : ''}${m.restore.files ? `: ${m.restore.files} files` : ''}`);
            },
          );
          result = { ...report, destination: d.name };
          if (!report.dryRun) desk.commit(`backup.restore ${report.snapshotId}`, () => appendAudit(desk.store.db, 'backup.restore', { destination: d.name, snapshotId: report.snapshotId, target: report.target, movedAside: report.movedAside, rootHash: report.restoredRoot, seconds: report.seconds }));
        },
        check: () => (result!.dryRun ? `would restore ${result!.files} files, ${result!.rows} rows` : `restored; root ${result!.restoredRoot?.slice(0, 12)} matches the backup`),
      },
    },
    result: () => result!,
  });
}

export { destinationInfos, getDestination };
