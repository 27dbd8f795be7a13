// A backup process for the backup kill test: runs one kind of repository operation over and over,
// through the same task code the console's worker pool runs (workers/backup-tasks.ts: lock, work,
// release), until it is killed —
//   backup   backups of a desk, cycling incremental, differential, full and snapshot
//   restore  restores of the newest snapshot into fresh folders ("target DIR" names each)
//   verify   `verify --read-data` of the whole repository
//   prune    forget the oldest snapshot ("forgetting ID"), then prune
// It loads, says "loaded", and starts only on "go line N FREEZE" from stdin, so the parent can
// start it while it checks the last one. Every line after that is numbered: each destination call
// says so before it starts ("put KEY") and once it is done ("put.done KEY"), and each progress
// message is a line, so a kill lands between any two writes and inside a restore's rows. The parent
// kills on a line by number ("go line N FREEZE") or on the Nth of a kind ("go put N FREEZE"). With
// FREEZE 1 the child stops dead right after printing that line; else it runs on until the signal.
import { FolderDestination } from '../../../electron/engine/backups/destinations/folder-destination';
import { backupCreateTask, backupPruneTask, backupRestoreTask, backupVerifyTask } from '../../../electron/engine/workers/backup-tasks';
import type { BackupType } from '../../../shared/api/backups';
import { BackupRepository } from '../../../electron/engine/backups/repository/repository';
import { killLine, type KillAt } from '../kill-line';

const [repo, stateDir, op, passphrase, workDir] = process.argv.slice(2);
let seq = 0;
let freezeOn: ((line: string) => boolean) | null = null;
const say = (line: string) => {
  process.stdout.write(`${++seq} ${line}\n`);
  if (freezeOn?.(`${seq} ${line}`)) {
    // Wait for the SIGKILL; a parent that has gone away leaves us here for a minute, no longer.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    process.exit(3);
  }
};

// Every destination call, before and after.
type Calls = 'put' | 'get' | 'getRange' | 'stat' | 'list' | 'delete';
for (const name of ['put', 'get', 'getRange', 'stat', 'list', 'delete'] as Calls[]) {
  const original = FolderDestination.prototype[name] as (...args: unknown[]) => Promise<unknown>;
  (FolderDestination.prototype as unknown as Record<Calls, unknown>)[name] = async function (this: FolderDestination, key: string, ...rest: unknown[]) {
    say(`${name} ${key || '.'}`);
    const out = await original.call(this, key, ...rest);
    say(`${name}.done ${key || '.'}`);
    return out;
  };
}

const destination = { kind: 'folder' as const, name: 'kill', path: repo };
const port = { postMessage: (m: unknown) => say(`progress ${JSON.stringify(m)}`) } as never;
const TYPES: BackupType[] = ['incremental', 'differential', 'full', 'snapshot'];

async function once(i: number): Promise<void> {
  if (op === 'backup') {
    const type = TYPES[i % TYPES.length];
    say(`backup ${type}`);
    const r = await backupCreateTask({ destination, passphrase, port, dbPath: `${stateDir}/lifeboat.db`, stateDir, type, reason: null });
    say(`snapshot ${r.snapshot.id}`);
  } else if (op === 'restore') {
    const snapshots = await BackupRepository.open(new FolderDestination(repo), passphrase).then((r) => r.snapshots());
    const newest = snapshots[snapshots.length - 1];
    const target = `${workDir}/restore-${process.pid}-${i}`;
    say(`target ${newest.id} ${target}`);
    await backupRestoreTask({ destination, passphrase, port, snapshotId: newest.id, target, options: {} });
    say(`restored ${target}`);
  } else if (op === 'verify') {
    const r = await backupVerifyTask({ destination, passphrase, port, readData: true, verifiedAt: {} });
    if (!r.ok) throw new Error(`verify found problems: ${JSON.stringify(r.problems)}`);
    say('verified');
  } else if (op === 'prune') {
    const snapshots = await BackupRepository.open(new FolderDestination(repo), passphrase).then((r) => r.snapshots());
    const oldest = snapshots.length > 2 ? [snapshots[0].id] : [];
    say(`forgetting ${oldest.join(' ') || '-'}`);
    await backupPruneTask({ destination, passphrase, port, forget: oldest, dryRun: false });
    say('pruned');
  } else {
    throw new Error(`unknown operation ${op}`);
  }
}

process.stdout.write('loaded\n');
process.stdin.setEncoding('utf8');
process.stdin.once('data', (text: string) => {
  const [, kind, n, freeze] = text.trim().split(' ');
  if (freeze === '1') freezeOn = killLine({ kind: kind as KillAt['kind'], n: Number(n) });
  void (async () => {
    for (let i = 0; ; i++) await once(i);
  })().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
});
