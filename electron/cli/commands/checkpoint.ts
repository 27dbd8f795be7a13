import type { CheckpointDiff, CheckpointInfo, JobInfo, PruneReport, VerifyReport } from '../../../shared/api/contract';
import { CHECKPOINT_TYPE_NAMES } from '../../../shared/api/contract';
import { choiceFlag, expectPositionals, intFlag, stringFlag, type Parsed } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit-codes';
import { table, formatBytes } from '../output';
import { formatDiff } from './diff-text';
import { hasRules } from '../../engine/checkpoints/retention';

const bytes = formatBytes;

function checkpointRow(c: CheckpointInfo): string[] {
  return [c.checkpointId, c.type, c.createdAt.replace('T', ' ').slice(0, 19), String(c.changedRows), bytes(c.newBytes), c.status + (c.pinned ? ', pinned' : ''), c.label ?? ''];
}

export const checkpointCreate: Command = {
  path: ['checkpoint', 'create'],
  summary: 'Take a checkpoint of the live state now',
  usage: `lifeboat checkpoint create [--type ${CHECKPOINT_TYPE_NAMES.join('|')}] [--label L] [--state DIR] [--json]`,
  flags: { type: { type: 'string' }, label: { type: 'string' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const type = choiceFlag(ctx.parsed.values.type, 'type', CHECKPOINT_TYPE_NAMES) ?? 'manual';
    const label = stringFlag(ctx.parsed.values.label);
    const c = await ctx.write('checkpoints.create', { type, label }, 'cli checkpoint create');
    ctx.out.result(c, () => `Checkpoint ${c.checkpointId} (${c.type}): ${c.changedRows} rows changed, ${bytes(c.newBytes)} stored, root ${c.rootHash}`);
  },
};

export const checkpointList: Command = {
  path: ['checkpoint', 'list'],
  summary: 'List checkpoints, oldest first, with staleness',
  usage: 'lifeboat checkpoint list [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const list = await ctx.read((engine) => engine.call('checkpoints.list', {}));
    ctx.out.result(list, () => {
      const s = list.staleness;
      const head = s.newestAt
        ? `Newest checkpoint ${s.ageSeconds} s old${s.stale ? ` — STALE (older than ${s.staleAfterSeconds} s)` : ''}; ${list.changedRows} rows changed since.`
        : 'No checkpoints yet — STALE.';
      return [table(['id', 'type', 'created (UTC)', 'changed', 'stored', 'status', 'label'], list.checkpoints.map(checkpointRow), [3, 4]), '', head].join('\n');
    });
  },
};

export const checkpointShow: Command = {
  path: ['checkpoint', 'show'],
  summary: 'Show one checkpoint: counts, root hash, integrity status',
  usage: 'lifeboat checkpoint show ID [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    const [id] = expectPositionals(ctx.parsed, 1, this.usage);
    const c = await ctx.read((engine) => engine.call('checkpoints.get', { checkpointId: id }));
    ctx.out.result(c, () =>
      [
        `Checkpoint  ${c.checkpointId}${c.pinned ? ' (pinned)' : ''}`,
        `Type        ${c.type}${c.label ? ` — ${c.label}` : ''}`,
        `Created     ${c.createdAt}`,
        `Root hash   ${c.rootHash}`,
        `Status      ${c.status}${c.statusDetail ? `: ${c.statusDetail}` : ''}${c.verifiedAt ? ` (verified ${c.verifiedAt})` : ''}`,
        `Changed     ${c.changedRows} rows since the previous checkpoint; ${bytes(c.newBytes)} newly stored`,
        '',
        table(['table', 'rows'], Object.entries(c.counts).map(([t, n]) => [t, String(n)]), [1]),
      ].join('\n'),
    );
  },
};

export const checkpointVerify: Command = {
  path: ['checkpoint', 'verify'],
  summary: 'Rehash every chunk and recompute every root; exit 3 naming a corrupt checkpoint',
  usage: 'lifeboat checkpoint verify (ID | --all) [--state DIR] [--json]',
  flags: { all: { type: 'boolean' } },
  async run(ctx) {
    const all = ctx.parsed.values.all === true;
    const [id] = all ? expectPositionals(ctx.parsed, 0, this.usage) : expectPositionals(ctx.parsed, 1, this.usage);
    const job = await ctx.writeJob('checkpoints.verify', { checkpointId: id, all }, 'cli checkpoint verify');
    const result = job.result;
    ctx.out.result(result, () =>
      result.reports.length === 0
        ? 'No checkpoints to verify.'
        : result.reports
            .map((r) => (r.ok ? `${r.checkpointId}  ok (${r.chunksChecked} chunks checked)` : `${r.checkpointId}  CORRUPT: table ${r.problem!.table}, chunk ${r.problem!.chunk.slice(0, 12)}: ${r.problem!.reason}`))
            .join('\n'),
    );
    return result.ok ? EXIT.ok : EXIT.verificationFailed;
  },
};

export const checkpointDiff: Command = {
  path: ['checkpoint', 'diff'],
  summary: 'What changed between two checkpoints, or a checkpoint and the live state',
  usage: 'lifeboat checkpoint diff A [B|live] [--account A | --strategy S] [--limit N] [--state DIR] [--json]',
  flags: { account: { type: 'string' }, strategy: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx) {
    if (ctx.parsed.positionals.length < 1 || ctx.parsed.positionals.length > 2) throw new UsageError(`expected one or two checkpoints: ${this.usage}`);
    const [from, to = 'live'] = ctx.parsed.positionals;
    const limit = intFlag(ctx.parsed.values.limit, 'limit', { min: 0, max: 1_000_000 });
    const diff = await ctx.read((engine) => engine.call('checkpoints.diff', { from, to, scope: scopeOf(ctx.parsed), limit }));
    ctx.out.result(diff, () => formatDiff(diff as CheckpointDiff));
  },
};

export const checkpointPin: Command = {
  path: ['checkpoint', 'pin'],
  summary: 'Pin a checkpoint so retention never prunes it (--unpin to release)',
  usage: 'lifeboat checkpoint pin ID [--unpin] [--state DIR] [--json]',
  flags: { unpin: { type: 'boolean' } },
  async run(ctx) {
    const [id] = expectPositionals(ctx.parsed, 1, this.usage);
    const c = await ctx.write('checkpoints.pin', { checkpointId: id, pinned: ctx.parsed.values.unpin !== true }, 'cli checkpoint pin');
    ctx.out.result(c, () => `${c.checkpointId} is ${c.pinned ? 'pinned' : 'no longer pinned'}.`);
  },
};

const KEEP_FLAGS = ['keep-last', 'keep-hourly', 'keep-daily', 'keep-weekly', 'keep-monthly'] as const;

export const checkpointPrune: Command = {
  path: ['checkpoint', 'prune'],
  summary: 'Remove checkpoints retention does not keep, and their unreferenced chunks',
  usage: 'lifeboat checkpoint prune [--keep-last N] [--keep-hourly N] [--keep-daily N] [--keep-weekly N] [--keep-monthly N] [--keep-type TYPE=N ...] [--dry-run] [--state DIR] [--json]',
  flags: {
    ...Object.fromEntries(KEEP_FLAGS.map((f) => [f, { type: 'string' as const }])),
    'keep-type': { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const n = (flag: string) => intFlag(ctx.parsed.values[flag], flag, { min: 0, max: 1_000_000 });
    const minPerType: Record<string, number> = {};
    for (const spec of (ctx.parsed.values['keep-type'] as unknown as string[] | undefined) ?? []) {
      const m = /^([a-z_]+)=(\d+)$/.exec(spec);
      if (!m || !(CHECKPOINT_TYPE_NAMES as readonly string[]).includes(m[1])) throw new UsageError(`--keep-type takes TYPE=N with TYPE one of ${CHECKPOINT_TYPE_NAMES.join(', ')}, got "${spec}"`);
      minPerType[m[1]] = Number(m[2]);
    }
    const policy = { keepLast: n('keep-last'), keepHourly: n('keep-hourly'), keepDaily: n('keep-daily'), keepWeekly: n('keep-weekly'), keepMonthly: n('keep-monthly'), minPerType };
    if (!hasRules(policy)) {
      throw new UsageError('no keep rules given: checkpoint prune needs at least one --keep-… rule (with none, nothing would be kept)');
    }
    const dryRun = ctx.parsed.values['dry-run'] === true;
    const r = (await ctx.write('checkpoints.prune', { policy, dryRun }, 'cli checkpoint prune')) as PruneReport;
    ctx.out.result(r, () =>
      [
        ...r.keep.map((k) => `keep    ${k.checkpointId}  (${k.reasons.join(', ')})`),
        ...r.remove.map((id) => `${r.dryRun ? 'would remove' : 'removed'}  ${id}`),
        r.dryRun ? `Dry run: ${r.remove.length} checkpoints would go; nothing changed.` : `Removed ${r.remove.length} checkpoints and ${r.chunksRemoved} unreferenced chunks (${bytes(r.bytesFreed)}).`,
      ].join('\n'),
    );
  },
};

export const checkpointExport: Command = {
  path: ['checkpoint', 'export'],
  summary: 'Write a checkpoint as strategy-checkpoint JSON files (exports/<strategy>/<timestamp>.json, latest.json)',
  usage: 'lifeboat checkpoint export ID [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    const [id] = expectPositionals(ctx.parsed, 1, this.usage);
    const r = await ctx.write('checkpoints.export', { checkpointId: id }, 'cli checkpoint export');
    ctx.out.result(r, () => `Exported ${id}:\n${r.files.map((f) => `  ${f}`).join('\n')}`);
  },
};

export const stateHash: Command = {
  path: ['state', 'hash'],
  summary: "Print the live state's root hash (the root a checkpoint taken now would have)",
  usage: 'lifeboat state hash [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const h = await ctx.read((engine) => engine.call('state.hash', {}));
    ctx.out.result(h, () => h.rootHash);
  },
};

export const rollback: Command = {
  path: ['rollback'],
  summary: 'Roll the desk, one account or one strategy back to a checkpoint (preview with --dry-run)',
  usage: 'lifeboat rollback ID [--account A | --strategy S] (--dry-run | --yes) [--state DIR] [--json]',
  flags: { account: { type: 'string' }, strategy: { type: 'string' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' } },
  async run(ctx) {
    const [id] = expectPositionals(ctx.parsed, 1, this.usage);
    const dryRun = ctx.parsed.values['dry-run'] === true;
    const yes = ctx.parsed.values.yes === true;
    if (dryRun === yes) throw new UsageError(`choose --dry-run to preview or --yes to apply: ${this.usage}`);
    const scope = scopeOf(ctx.parsed);
    if (dryRun) {
      const diff = await ctx.read((engine) => engine.call('rollback.preview', { checkpointId: id, scope }));
      ctx.out.result(diff, () => `Rolling back to ${id} would change (live → target):\n${formatDiff(diff as CheckpointDiff)}\nDry run: nothing changed.`);
      return;
    }
    const job = await ctx.writeJob('rollback.apply', { checkpointId: id, scope, confirm: id }, 'cli rollback');
    const r = job.result;
    ctx.out.result(r, () =>
      `Rolled back to ${id}: ${r.applied.changed} rows changed, ${r.applied.added} restored, ${r.applied.removed} removed.\n` +
      `State hash ${r.rootHash} verified. Undo with: lifeboat rollback ${r.preRollbackId}${scopeText(scope)} --yes`,
    );
  },
};

function scopeOf(parsed: Parsed): { accountId?: string; strategyId?: string } {
  const accountId = stringFlag(parsed.values.account);
  const strategyId = stringFlag(parsed.values.strategy);
  if (accountId && strategyId) throw new UsageError('choose --account or --strategy, not both');
  return { accountId, strategyId };
}

function scopeText(scope: { accountId?: string; strategyId?: string }): string {
  return scope.accountId ? ` --account ${scope.accountId}` : scope.strategyId ? ` --strategy ${scope.strategyId}` : '';
}
