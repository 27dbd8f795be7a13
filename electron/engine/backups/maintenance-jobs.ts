// The repository's upkeep as jobs: a test restore (into a sandbox, opened and checked, then
// removed) and forget/prune by the retention rules or by id.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobInfo, ParsedRequestOf } from '../../../shared/api/contract';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { DeskContext } from '../runtime/context';
import { openDatabase } from '../store/database';
import { runTask } from './run-task';
import { defaultDestination, destinationConfig, passphraseFor } from './destinations-store';
import { openDestination } from './destinations/open-destination';
import { BackupRepository } from './repository/repository';
import { pinnedSnapshots } from './policies';
import { decideBackupRetention, DEFAULT_RETENTION } from './retention';

/** Restores a snapshot (the newest when none is named) into a sandbox, opens it as Lifeboat would, and compares its root hash with the one recorded at backup time. */
export function startTestRestore(desk: DeskContext, req: ParsedRequestOf<'backups.testRestore'>): JobInfo<'test-restore'> {
  const d = defaultDestination(desk.store.db, req.destination);
  let result: JobInfo<'test-restore'>['result'] = null;
  let sandbox: string | null = null;
  const cleanUp = () => {
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
    sandbox = null;
  };
  return desk.jobs.start('test-restore', {
    steps: {
      restore: {
        run: async (ctx) => {
          sandbox = mkdtempSync(join(tmpdir(), 'lifeboat-test-restore-'));
          const passphrase = passphraseFor(desk.paths.dir, d.name, req.passphrase);
          const config = destinationConfig(desk.paths.dir, d);
          const snapshotId = req.snapshotId ?? (await newestSnapshot(config, passphrase));
          const report = await runTask(desk, 'backupRestore', { destination: config, passphrase, snapshotId, target: join(sandbox, 'desk'), options: { thorough: true } }, ctx, (m) => {
            if ('restore' in m) ctx.progress(0, null, `${m.restore.step}${m.restore.rows ? `: ${m.restore.rows} rows` : ''}`);
          });
          result = { ...report, destination: d.name, ok: report.integrity === 'ok' && report.restoredRoot === report.expectedRoot };
        },
        undo: cleanUp,
      },
      check: {
        run: () => {
          // Open it as the console would: the file is a Lifeboat database of a schema this code reads.
          const db = openDatabase(join(sandbox!, 'desk', 'lifeboat.db'), { readonly: true, migrate: false });
          db.close();
        },
        check: () => {
          const r = result!;
          desk.commit(`backup.test-restore ${r.snapshotId}`, () => appendAudit(desk.store.db, 'backup.test-restore', { destination: d.name, snapshotId: r.snapshotId, ok: r.ok, integrity: r.integrity, rootHash: r.restoredRoot, expectedRoot: r.expectedRoot, seconds: r.seconds }));
          cleanUp();
          if (!r.ok) throw new LifeboatError('verification_failed', `test restore of ${r.snapshotId}: integrity ${r.integrity}, root ${r.restoredRoot?.slice(0, 12)} against ${r.expectedRoot.slice(0, 12)} recorded`, d.name);
          return `restored ${r.rows} rows and ${r.files} files; integrity_check ok; root hash matches the backup`;
        },
        undo: cleanUp,
      },
    },
    result: () => result!,
  });
}

async function newestSnapshot(config: ReturnType<typeof destinationConfig>, passphrase: string): Promise<string> {
  const destination = openDestination(config);
  try {
    const all = await (await BackupRepository.open(destination, passphrase)).snapshots();
    if (all.length === 0) throw new LifeboatError('not_found', 'the repository has no snapshots yet: take a backup first', destination.where);
    return all[all.length - 1].id;
  } finally {
    await destination.close();
  }
}

export function startForget(desk: DeskContext, req: ParsedRequestOf<'backups.forget'>): JobInfo<'backup-prune'> {
  const d = defaultDestination(desk.store.db, req.destination);
  if (!req.retention && req.snapshotIds.length === 0 && !req.prune) throw new LifeboatError('bad_request', 'say what to forget: snapshot ids, or the retention rules (--retention), or just prune', 'snapshotIds');
  let result: JobInfo<'backup-prune'>['result'] = null;
  return desk.jobs.start('backup-prune', {
    steps: {
      prune: {
        run: async (ctx) => {
          const config = destinationConfig(desk.paths.dir, d);
          const passphrase = passphraseFor(desk.paths.dir, d.name, req.passphrase);
          let ids = [...req.snapshotIds];
          // A pin keeps a snapshot whatever the rules say, and whoever asks: unpin it first.
          const pinned = [...pinnedSnapshots(desk, d.name)].filter((p) => ids.some((id) => p.startsWith(id)));
          if (pinned.length) throw new LifeboatError('conflict', `snapshot ${pinned[0]} is pinned; unpin it to forget it`, `${d.name} ${pinned[0]}`);
          if (req.retention) {
            const destination = openDestination(config);
            try {
              const snapshots = await (await BackupRepository.open(destination, passphrase)).snapshots();
              const pinned = pinnedSnapshots(desk, d.name);
              const decision = decideBackupRetention(snapshots.map((s) => ({ id: s.id, type: s.type, createdAt: s.createdAt, pinned: pinned.has(s.id) })), d.settings.retention ?? DEFAULT_RETENTION, new Date());
              ids = [...new Set([...ids, ...decision.remove.map((r) => r.id)])];
            } finally {
              await destination.close();
            }
          }
          const pruned = await runTask(desk, 'backupPrune', { destination: config, passphrase, forget: ids, dryRun: req.dryRun }, ctx, () => undefined);
          result = { ...pruned, destination: d.name };
          if (!req.dryRun) {
            desk.commit(`backup.prune ${d.name}`, () => {
              const drop = desk.store.db.prepare('DELETE FROM backup_runs WHERE destination = ? AND snapshot_id = ?');
              for (const id of pruned.forgotten) drop.run(d.name, id);
              appendAudit(desk.store.db, 'backup.prune', { destination: d.name, forgotten: pruned.forgotten, packsRemoved: pruned.packsRemoved, bytesFreed: pruned.bytesFreed });
            });
          }
        },
        check: () => `${result!.dryRun ? 'would forget' : 'forgot'} ${result!.forgotten.length} snapshots; ${result!.packsRemoved} packs (${result!.bytesFreed} bytes) ${result!.dryRun ? 'would be' : ''} removed`,
      },
    },
    result: () => result!,
  });
}
