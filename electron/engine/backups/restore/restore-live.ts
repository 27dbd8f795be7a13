// Restoring a snapshot over the live desk goes the rollback's way: the snapshot is first restored
// into a sandbox (verified there: integrity and root hash), a pre-restore checkpoint is taken (the
// way back), then the live tables are made equal to the sandbox's in one commit whose state hash
// must equal the snapshot's, else nothing changes. History (checkpoints, runs, audit) is kept:
// only the live rows go back. Undo is a rollback to the pre-restore checkpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { JobInfo, ParsedRequestOf } from '../../../../shared/api/contract';
import type { RestoreLiveOutcome } from '../../../../shared/api/jobs';
import type { RestoreReport } from '../../../../shared/api/backups';
import { LifeboatError } from '../../../../shared/result';
import { appendAudit } from '../../audit/audit-log';
import { quoteId } from '../capture/sql';
import { liveRoot } from '../../checkpoints/create';
import { CHECKPOINT_TABLES } from '../../checkpoints/tables';
import type { DeskContext } from '../../runtime/context';
import { isBusy } from '../../store/io-errors';
import { runTask } from '../run-task';
import { defaultDestination, destinationConfig, passphraseFor } from '../destinations-store';


function columnsOf(db: Database, schema: string, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?, ?) ORDER BY cid`).all(table, schema) as { name: string }[]).map((c) => c.name);
}

/**
 * Makes every live table of `main` equal to the one in the attached `snap` database. Call inside a
 * transaction; the caller checks the root hash before it commits.
 */
export function applySnapshotRows(db: Database): RestoreLiveOutcome['applied'] {
  db.pragma('defer_foreign_keys = ON');
  const applied = { added: 0, removed: 0, changed: 0 };
  for (const table of CHECKPOINT_TABLES) {
    const t = quoteId(table.name);
    const columns = columnsOf(db, 'main', table.name);
    const theirs = columnsOf(db, 'snap', table.name);
    if (columns.join(',') !== theirs.join(',')) {
      throw new LifeboatError('conflict', `the snapshot's ${table.name} table has other columns (${theirs.join(', ') || 'none'}) than this desk's: restore it into a new folder and open it there`, table.name);
    }
    const keyMatch = table.keyColumns.map((k) => `o.${quoteId(k)} = x.${quoteId(k)}`).join(' AND ');
    const cols = columns.map(quoteId).join(', ');
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const removed = count(`SELECT COUNT(*) FROM main.${t} AS x WHERE NOT EXISTS (SELECT 1 FROM snap.${t} AS o WHERE ${keyMatch})`);
    const added = count(`SELECT COUNT(*) FROM snap.${t} AS x WHERE NOT EXISTS (SELECT 1 FROM main.${t} AS o WHERE ${keyMatch})`);
    const differing = count(`SELECT COUNT(*) FROM (SELECT ${cols} FROM snap.${t} EXCEPT SELECT ${cols} FROM main.${t})`);
    if (removed > 0) db.prepare(`DELETE FROM main.${t} AS x WHERE NOT EXISTS (SELECT 1 FROM snap.${t} AS o WHERE ${keyMatch})`).run();
    if (differing > 0) {
      const updates = columns.filter((c) => !table.keyColumns.includes(c));
      // `WHERE true`: SQLite's upsert after a SELECT needs it to parse ON CONFLICT.
      db.prepare(
        `INSERT INTO main.${t} (${cols}) SELECT ${cols} FROM (SELECT ${cols} FROM snap.${t} EXCEPT SELECT ${cols} FROM main.${t}) WHERE true
         ON CONFLICT (${table.keyColumns.map(quoteId).join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.map((c) => `${quoteId(c)} = excluded.${quoteId(c)}`).join(', ')}` : 'NOTHING'}`,
      ).run();
    }
    applied.removed += removed;
    applied.added += added;
    applied.changed += differing - added;
  }
  return applied;
}

export function startRestoreLive(desk: DeskContext, req: ParsedRequestOf<'backups.restoreLive'>): JobInfo<'restore-live'> {
  if (req.confirm !== req.snapshotId) throw new LifeboatError('bad_request', `type the snapshot id ${req.snapshotId} to confirm restoring it over the live desk`, 'confirm');
  const d = defaultDestination(desk.store.db, req.destination);
  const started = Date.now();
  let sandbox: string | null = null;
  let report: RestoreReport | null = null;
  let preRestoreId = '';
  let outcome: RestoreLiveOutcome | null = null;
  const cleanUp = () => {
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
    sandbox = null;
  };
  return desk.jobs.start('restore-live', {
    steps: {
      restore: {
        run: async (ctx) => {
          sandbox = mkdtempSync(join(tmpdir(), 'lifeboat-restore-live-'));
          const passphrase = passphraseFor(desk.paths.dir, d.name, req.passphrase);
          report = await runTask(desk, 'backupRestore', { destination: destinationConfig(desk.paths.dir, d), passphrase, snapshotId: req.snapshotId, target: join(sandbox, 'desk'), options: {} }, ctx, (m) => {
            if ('restore' in m) ctx.progress(0, 4, `restoring into a sandbox: ${m.restore.step}${m.restore.rows ? ` (${m.restore.rows} rows)` : ''}`);
          });
        },
        check: () => `snapshot ${report!.snapshotId} restored into a sandbox; root hash ${report!.restoredRoot?.slice(0, 12)} as recorded`,
        undo: cleanUp,
      },
      'pre-restore': {
        run: (ctx) => {
          ctx.progress(1, 4, 'taking the pre-restore checkpoint');
          const pre = desk.checkpoints.create('pre_restore', `before restore of backup snapshot ${report!.snapshotId} from ${d.name}`, { snapshotId: report!.snapshotId, destination: d.name });
          preRestoreId = pre.checkpointId;
          desk.events.emit('checkpoints.changed', { reason: 'checkpoint.pre_restore', checkpointId: preRestoreId });
        },
        check: () => `pre-restore checkpoint ${preRestoreId}`,
        undo: cleanUp,
      },
      apply: {
        run: (ctx) => {
          ctx.progress(2, 4, "applying the snapshot's live rows");
          const db = desk.store.db;
          db.prepare('ATTACH DATABASE ? AS snap').run(join(sandbox!, 'desk', 'lifeboat.db'));
          try {
            const applied = desk.commit(`backup.restore-live ${report!.snapshotId}`, () => {
              const applied = applySnapshotRows(db);
              const root = liveRoot(db);
              if (root !== report!.expectedRoot) {
                throw new LifeboatError('verification_failed', `after applying snapshot ${report!.snapshotId} the live state hashes to ${root.slice(0, 12)}, not the recorded ${report!.expectedRoot.slice(0, 12)}; nothing was changed`);
              }
              appendAudit(db, 'backup.restore-live', { destination: d.name, snapshotId: report!.snapshotId, preRestoreId, rootHash: root, ...applied });
              return applied;
            });
            outcome = { destination: d.name, snapshotId: report!.snapshotId, preRestoreId, rootHash: report!.expectedRoot, applied, seconds: 0 };
          } finally {
            db.exec('DETACH DATABASE snap');
          }
        },
        // Another connection holding the write lock for a moment is worth waiting for; nothing else is.
        retry: { attempts: 3, backoffMs: 100, when: isBusy },
        check: () => `${outcome!.applied.added} added, ${outcome!.applied.removed} removed, ${outcome!.applied.changed} changed`,
        undo: cleanUp,
      },
      check: {
        run: (ctx) => {
          cleanUp();
          ctx.progress(4, 4, 'restored; the state hash matches the snapshot');
        },
        check: () => {
          const now = desk.checkpoints.stateHash().rootHash;
          if (now !== outcome!.rootHash) throw new LifeboatError('verification_failed', `after the restore the state hashes to ${now}, not ${outcome!.rootHash} as applied`);
          outcome!.seconds = (Date.now() - started) / 1000;
          desk.events.emit('checkpoints.changed', { reason: 'backup.restore-live', checkpointId: preRestoreId });
          return `state hash ${now}; undo with a rollback to ${preRestoreId}`;
        },
      },
    },
    result: () => outcome!,
  });
}
