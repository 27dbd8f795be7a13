// `lifeboat backup ...`: destinations, the repository, and the long operations, on the same
// contract as the console. Passphrases come from --passphrase-file or LIFEBOAT_BACKUP_PASSPHRASE
// (or the one `backup init` kept); S3 keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
// None is ever printed.
import { readFileSync } from 'node:fs';
import { BACKUP_TYPES, type SnapshotListing } from '../../../shared/api/backups';
import { LifeboatError } from '../../../shared/result';
import { choiceFlag, expectPositionals, intFlag, stringFlag, type Parsed } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit-codes';
import { table, formatBytes } from '../output';

const bytes = formatBytes;

const PASSPHRASE_FLAG = { 'passphrase-file': { type: 'string' as const } };
const DESTINATION_FLAG = { destination: { type: 'string' as const } };

/** The passphrase given for this command, if any: a file's first line, or the environment. */
function givenPassphrase(parsed: Parsed): string | undefined {
  const file = stringFlag(parsed.values['passphrase-file']);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new LifeboatError('bad_request', `cannot read the passphrase file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, file);
    }
    const line = text.split(/\r?\n/)[0];
    if (!line) throw new LifeboatError('bad_request', 'the passphrase file is empty', file);
    return line;
  }
  return process.env.LIFEBOAT_BACKUP_PASSPHRASE || undefined;
}

const target = (parsed: Parsed) => ({ destination: stringFlag(parsed.values.destination), passphrase: givenPassphrase(parsed) });

function snapshotRow(s: SnapshotListing): string[] {
  const verified = s.verifiedAt ? s.verifiedAt.replace('T', ' ').slice(0, 16) : s.packs ? `${s.packsVerified}/${s.packs} packs` : '—';
  return [s.id, s.type + (s.pinned ? ' (pinned)' : ''), s.createdAt.replace('T', ' ').slice(0, 19), bytes(s.bytesAdded), `${s.seconds.toFixed(1)} s`, s.liveForm, verified, s.reason ?? ''];
}

export const backupDestinationAdd: Command = {
  path: ['backup', 'destination', 'add'],
  summary: 'Add a backup destination: a folder (local or mounted) or an S3-compatible bucket',
  usage: 'lifeboat backup destination add NAME (--folder DIR | --s3 URL --bucket B [--prefix P/] [--region R] [--archive] [--storage-class C] [--object-lock-days N]) [--state DIR] [--json]',
  flags: { folder: { type: 'string' }, s3: { type: 'string' }, bucket: { type: 'string' }, prefix: { type: 'string' }, region: { type: 'string' }, archive: { type: 'boolean' }, 'storage-class': { type: 'string' }, 'object-lock-days': { type: 'string' } },
  async run(ctx) {
    const [name] = expectPositionals(ctx.parsed, 1, this.usage);
    const v = ctx.parsed.values;
    const folder = stringFlag(v.folder);
    const endpoint = stringFlag(v.s3);
    if ((folder ? 1 : 0) + (endpoint ? 1 : 0) !== 1) throw new UsageError(`give --folder DIR or --s3 URL: ${this.usage}`);
    let s3;
    if (endpoint) {
      const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
      const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
      if (!accessKeyId || !secretAccessKey) throw new UsageError('an S3 destination needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment (they are kept in backup-secrets.json, mode 0600)');
      const bucket = stringFlag(v.bucket);
      if (!bucket) throw new UsageError(`--s3 needs --bucket: ${this.usage}`);
      s3 = {
        endpoint,
        bucket,
        prefix: stringFlag(v.prefix),
        region: stringFlag(v.region),
        accessKeyId,
        secretAccessKey,
        archive: v.archive === true,
        storageClass: stringFlag(v['storage-class']),
        objectLockDays: intFlag(v['object-lock-days'], 'object-lock-days', { min: 1, max: 36_500 }),
      };
    }
    const d = await ctx.write('backups.destinations.add', { name, folder: folder ? { path: folder } : undefined, s3 }, 'cli backup destination add');
    ctx.out.result(d, () => `Destination ${d.name} (${d.kind}): ${d.where}. Next: lifeboat backup init --destination ${d.name}`);
  },
};

export const backupDestinationList: Command = {
  path: ['backup', 'destination', 'list'],
  summary: 'List backup destinations with their last successful backup per type',
  usage: 'lifeboat backup destination list [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const list = await ctx.read((engine) => engine.call('backups.destinations', {}));
    ctx.out.result(list, () =>
      list.length === 0
        ? 'No backup destinations. Add one: lifeboat backup destination add NAME --folder DIR'
        : table(
            ['name', 'kind', 'where', 'health', 'snapshots', 'stored', 'dedup', 'compression', 'last full', 'next incremental'],
            list.map((d) => [
              d.name,
              d.kind + (d.archive ? ' (archive)' : ''),
              d.where,
              d.health.state === 'failing' ? `failing: ${d.health.message}` : d.health.state,
              String(d.snapshots),
              bytes(d.bytesAdded),
              d.dedupRatio === null ? '—' : `${d.dedupRatio.toFixed(1)}×`,
              d.compressionRatio === null ? '—' : `${d.compressionRatio.toFixed(1)}×`,
              d.lastSuccess.full?.replace('T', ' ').slice(0, 16) ?? '—',
              d.nextRun.incremental?.replace('T', ' ').slice(0, 16) ?? '—',
            ]),
            [4, 5, 6, 7],
          ),
    );
  },
};

export const backupDestinationRemove: Command = {
  path: ['backup', 'destination', 'remove'],
  summary: 'Forget a destination here (its repository is left as it is)',
  usage: 'lifeboat backup destination remove NAME [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    const [name] = expectPositionals(ctx.parsed, 1, this.usage);
    const r = await ctx.write('backups.destinations.remove', { name }, 'cli backup destination remove');
    ctx.out.result(r, () => `Destination ${r.removed} removed; its repository was not touched.`);
  },
};

export const backupInit: Command = {
  path: ['backup', 'init'],
  summary: 'Make an encrypted backup repository on a destination; prints the recovery key once',
  usage: 'lifeboat backup init [--destination D] [--passphrase-file F] [--forget-passphrase] [--state DIR] [--json]',
  flags: { ...DESTINATION_FLAG, ...PASSPHRASE_FLAG, 'forget-passphrase': { type: 'boolean' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const passphrase = givenPassphrase(ctx.parsed);
    if (!passphrase) throw new UsageError('backup init needs a passphrase: --passphrase-file FILE or LIFEBOAT_BACKUP_PASSPHRASE');
    if (passphrase.length < 8) throw new UsageError('the passphrase is shorter than 8 characters');
    const r = await ctx.write('backups.init', { destination: stringFlag(ctx.parsed.values.destination), passphrase, keepPassphrase: ctx.parsed.values['forget-passphrase'] !== true }, 'cli backup init');
    ctx.out.result(r, () =>
      [
        `Repository ${r.repositoryId} made on ${r.destination}.`,
        '',
        `Recovery key (write it down; it is shown only now, and opens the repository if every passphrase is lost):`,
        `  ${r.recoveryKey}`,
        '',
        r.passphraseKept ? 'The passphrase is kept in backup-secrets.json (mode 0600) for scheduled backups.' : 'The passphrase was not kept: give it to every backup command.',
      ].join('\n'),
    );
  },
};

export const backupCreate: Command = {
  path: ['backup', 'create'],
  summary: 'Take a backup now (full, incremental, differential, snapshot or emergency)',
  usage: `lifeboat backup create [--type ${BACKUP_TYPES.join('|')}] [--destination D|all] [--reason R] [--passphrase-file F] [--state DIR] [--json]`,
  flags: { type: { type: 'string' }, reason: { type: 'string' }, ...DESTINATION_FLAG, ...PASSPHRASE_FLAG },
  quickCheck: false,
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const type = choiceFlag(ctx.parsed.values.type, 'type', BACKUP_TYPES) ?? 'incremental';
    const job = await ctx.writeJob('backups.create', { type, reason: stringFlag(ctx.parsed.values.reason), ...target(ctx.parsed) }, 'cli backup create');
    const r = job.result;
    ctx.out.result(r, () =>
      r.destinations
        .map((d) =>
          d.ok && d.snapshot
            ? `${d.destination}: snapshot ${d.snapshot.id} (${d.snapshot.type}${d.promotedFrom ? `, taken as a full: no full to build the ${d.promotedFrom} on` : ''}) — ${bytes(d.snapshot.bytesAdded)} added of ${bytes(d.snapshot.bytesRead)} read, ${d.snapshot.objectsAdded} of ${d.snapshot.objects} objects sent${d.snapshot.objectsResumed ? `, ${d.snapshot.objectsResumed} already sent by an interrupted run` : ''}, ${d.snapshot.seconds.toFixed(2)} s`
            : `${d.destination}: FAILED — ${d.error?.message}${d.error?.where ? ` (${d.error.where})` : ''}`,
        )
        .join('\n'),
    );
    return r.destinations.every((d) => d.ok) ? EXIT.ok : EXIT.failed;
  },
};

export const backupList: Command = {
  path: ['backup', 'list'],
  summary: "List a destination's snapshots, oldest first",
  usage: 'lifeboat backup list [--destination D] [--passphrase-file F] [--state DIR] [--json]',
  flags: { ...DESTINATION_FLAG, ...PASSPHRASE_FLAG },
  quickCheck: false,
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const list = await ctx.read((engine) => engine.call('backups.list', target(ctx.parsed)));
    ctx.out.result(list, () => (list.length === 0 ? 'No snapshots yet.' : table(['id', 'type', 'created (UTC)', 'added', 'took', 'live as', 'verified', 'reason'], list.map(snapshotRow), [3, 4])));
  },
};

export const backupShow: Command = {
  path: ['backup', 'show'],
  summary: 'Show one snapshot: type, parent, root hash, tables and files',
  usage: 'lifeboat backup show ID [--destination D] [--passphrase-file F] [--state DIR] [--json]',
  flags: { ...DESTINATION_FLAG, ...PASSPHRASE_FLAG },
  quickCheck: false,
  async run(ctx) {
    const [snapshotId] = expectPositionals(ctx.parsed, 1, this.usage);
    const s = await ctx.read((engine) => engine.call('backups.show', { snapshotId, ...target(ctx.parsed) }));
    ctx.out.result(s, () =>
      [
        `Snapshot   ${s.id} (${s.type}) on ${s.destination}`,
        `Taken      ${s.createdAt} on ${s.host}, ${s.seconds.toFixed(2)} s${s.reason ? ` — ${s.reason}` : ''}`,
        `Parent     ${s.parent ?? '— (depends on no earlier backup)'}`,
        `Root hash  ${s.rootHash}`,
        `Live       ${s.liveForm === 'layered' ? 'the base checkpoint plus the change log since' : 'as rows'}; schema ${s.schemaVersion}`,
        `Added      ${bytes(s.bytesAdded)} (${s.objectsAdded} of ${s.objects} objects); read ${bytes(s.bytesRead)}`,
        '',
        table(['table', 'rows'], s.tables.map((t) => [t.name, String(t.rows)]), [1]),
        '',
        `${s.fileList.length} files: ${s.fileList.map((f) => f.path).join(', ')}`,
      ].join('\n'),
    );
  },
};

export const backupVerify: Command = {
  path: ['backup', 'verify'],
  summary: 'Verify a repository: structure always; --read-data decrypts and rehashes (all, or a subset); exit 3 naming damage',
  usage: 'lifeboat backup verify [--read-data [--subset n/t|P%]] [--destination D] [--passphrase-file F] [--state DIR] [--json]',
  flags: { 'read-data': { type: 'boolean' }, subset: { type: 'string' }, ...DESTINATION_FLAG, ...PASSPHRASE_FLAG },
  quickCheck: false,
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const subset = stringFlag(ctx.parsed.values.subset);
    const readData = ctx.parsed.values['read-data'] === true || subset !== undefined;
    const job = await ctx.writeJob('backups.verify', { readData, subset, ...target(ctx.parsed) }, 'cli backup verify');
    const r = job.result;
    ctx.out.result(r, () =>
      [
        `${r.snapshots} snapshots, ${r.indexFiles} index files, ${r.packs} packs, ${r.objects} objects${r.readData ? `; read ${r.packsRead.length} packs (${bytes(r.bytesRead)}) in ${r.seconds.toFixed(1)} s` : ' (structure; add --read-data to decrypt and rehash)'}`,
        `Coverage: ${r.coverage.verified} of ${r.coverage.packs} packs read in the last ${r.coverage.periodDays} days; ${r.coverage.neverVerified} never read`,
        r.unindexedPacks ? `${r.unindexedPacks} packs left by interrupted runs (prune removes them)` : '',
        ...(r.ok ? ['OK: no damage found.'] : r.problems.map((p) => `DAMAGED: ${p.where}: ${p.message}${p.snapshots.length ? ` — snapshots affected: ${p.snapshots.join(', ')}` : ''}`)),
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return r.ok ? EXIT.ok : EXIT.verificationFailed;
  },
};

export const backupRestore: Command = {
  path: ['backup', 'restore'],
  summary: 'Restore a snapshot into a new folder, verified (--dry-run says what it would write); --live restores it over the live desk (preview with --dry-run, apply with --yes; undo by rollback)',
  usage: 'lifeboat backup restore ID (--to DIR [--replace] | --live) [--dry-run | --yes] [--destination D] [--passphrase-file F] [--state DIR] [--json]',
  flags: { to: { type: 'string' }, live: { type: 'boolean' }, yes: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, replace: { type: 'boolean' }, ...DESTINATION_FLAG, ...PASSPHRASE_FLAG },
  quickCheck: false,
  async run(ctx) {
    const [snapshotId] = expectPositionals(ctx.parsed, 1, this.usage);
    const to = stringFlag(ctx.parsed.values.to);
    if (ctx.parsed.values.live === true) {
      if (to) throw new UsageError(`give --to DIR or --live, not both: ${this.usage}`);
      return restoreLive(ctx, snapshotId, this.usage);
    }
    if (!to) throw new UsageError(`backup restore needs --to DIR (or --live): ${this.usage}`);
    const job = await ctx.writeJob('backups.restore', { snapshotId, to, dryRun: ctx.parsed.values['dry-run'] === true, replace: ctx.parsed.values.replace === true, ...target(ctx.parsed) }, 'cli backup restore');
    const r = job.result;
    ctx.out.result(r, () =>
      r.dryRun
        ? `Would restore snapshot ${r.snapshotId} into ${r.target}: ${r.files} files (${bytes(r.bytes)} besides the database), ${r.tables} tables, ${r.rows} rows.`
        : `Restored snapshot ${r.snapshotId} into ${r.target} in ${r.seconds.toFixed(2)} s: ${r.rows} rows, ${r.files} files; ${r.integrity}, root hash ${r.restoredRoot} as recorded.${r.movedAside ? ` What was there is now ${r.movedAside}.` : ''}`,
    );
  },
};

async function restoreLive(ctx: Parameters<Command['run']>[0], snapshotId: string, usage: string): Promise<void> {
  const dryRun = ctx.parsed.values['dry-run'] === true;
  if (dryRun === (ctx.parsed.values.yes === true)) throw new UsageError(`restoring over the live desk: choose --dry-run to preview or --yes to apply: ${usage}`);
  if (dryRun) {
    const p = await ctx.read((engine) => engine.call('backups.restorePreview', { snapshotId, ...target(ctx.parsed) }));
    ctx.out.result(p, () => {
      const lines = [`Restoring snapshot ${p.snapshotId} (${p.type}, ${p.createdAt.replace('T', ' ').slice(0, 19)} UTC) over the live desk would:`];
      if (p.sameLive) lines.push('  change no live row: the live state is the snapshot\'s.');
      for (const t of p.tables.filter((t) => t.live !== t.snapshot)) lines.push(`  ${t.name}: ${t.live} rows now, ${t.snapshot} in the snapshot`);
      lines.push(`  keep the ${p.checkpointsSince} checkpoints and ${p.auditSince} audit entries made since (history is not rolled back).`);
      lines.push(`Dry run: nothing changed. Apply with: lifeboat backup restore ${p.snapshotId} --live --yes`);
      return lines.join('\n');
    });
    return;
  }
  const job = await ctx.writeJob('backups.restoreLive', { snapshotId, confirm: snapshotId, ...target(ctx.parsed) }, 'cli backup restore --live');
  const r = job.result;
  ctx.out.result(r, () => `Restored snapshot ${r.snapshotId} over the live desk: ${r.applied.changed} rows changed, ${r.applied.added} added, ${r.applied.removed} removed. State hash ${r.rootHash} verified.\nUndo with: lifeboat rollback ${r.preRestoreId} --yes`);
}

export const backupTestRestore: Command = {
  path: ['backup', 'test-restore'],
  summary: 'Restore a snapshot (default: the newest) into a sandbox, open it, integrity_check, compare the root hash',
  usage: 'lifeboat backup test-restore [ID] [--destination D] [--passphrase-file F] [--state DIR] [--json]',
  flags: { ...DESTINATION_FLAG, ...PASSPHRASE_FLAG },
  quickCheck: false,
  async run(ctx) {
    if (ctx.parsed.positionals.length > 1) throw new UsageError(this.usage);
    const [snapshotId] = ctx.parsed.positionals;
    const job = await ctx.writeJob('backups.testRestore', { snapshotId, ...target(ctx.parsed) }, 'cli backup test-restore');
    const r = job.result;
    ctx.out.result(r, () => `Test restore of ${r.snapshotId}: ${r.ok ? 'OK' : 'FAILED'} — ${r.rows} rows, ${r.files} files, integrity ${r.integrity}, root ${r.restoredRoot} (recorded ${r.expectedRoot}), ${r.seconds.toFixed(2)} s.`);
    return r.ok ? EXIT.ok : EXIT.verificationFailed;
  },
};

export const backupForget: Command = {
  path: ['backup', 'forget'],
  summary: 'Forget snapshots (by id, or by the retention rules) and prune what nothing needs; --dry-run lists them',
  usage: 'lifeboat backup forget [ID ...] [--retention] [--dry-run] [--no-prune] [--destination D] [--passphrase-file F] [--state DIR] [--json]',
  flags: { retention: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'no-prune': { type: 'boolean' }, ...DESTINATION_FLAG, ...PASSPHRASE_FLAG },
  quickCheck: false,
  async run(ctx) {
    const job = await ctx.writeJob('backups.forget', { snapshotIds: ctx.parsed.positionals, retention: ctx.parsed.values.retention === true, dryRun: ctx.parsed.values['dry-run'] === true, prune: ctx.parsed.values['no-prune'] !== true, ...target(ctx.parsed) }, 'cli backup forget');
    const r = job.result;
    ctx.out.result(r, () => `${r.dryRun ? 'Would forget' : 'Forgot'} ${r.forgotten.length} snapshots${r.forgotten.length ? ` (${r.forgotten.join(', ')})` : ''}; ${r.packsRemoved + r.unindexedRemoved} packs, ${bytes(r.bytesFreed)} ${r.dryRun ? 'would be ' : ''}freed; ${r.packsPartlyUsed} packs kept partly used (${bytes(r.bytesUnused)} unused).`);
  },
};

export const BACKUP_COMMANDS = [backupDestinationAdd, backupDestinationList, backupDestinationRemove, backupInit, backupCreate, backupList, backupShow, backupVerify, backupRestore, backupTestRestore, backupForget];
