// `lifeboat backup schedule|retention|pin|unpin`: a destination's policies, on the same channels
// as the console's schedule editor.
import { BACKUP_TYPES, type BackupType } from '../../../shared/api/backups';
import { expectPositionals, stringFlag } from '../args';
import type { Command } from '../command';
import { UsageError } from '../exit-codes';
import { table } from '../output';

const DESTINATION_FLAG = { destination: { type: 'string' as const } };
const when = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');

export const backupScheduleList: Command = {
  path: ['backup', 'schedule', 'list'],
  summary: 'List backup schedules (cron, UTC) with their last and next runs',
  usage: 'lifeboat backup schedule list [--destination D] [--state DIR] [--json]',
  flags: { ...DESTINATION_FLAG },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const list = await ctx.read((engine) => engine.call('backups.schedules', { destination: stringFlag(ctx.parsed.values.destination) }));
    ctx.out.result(list, () =>
      list.length === 0
        ? 'No schedules: add a destination first (lifeboat backup destination add).'
        : table(
            ['destination', 'type', 'cron (UTC)', 'on', 'last run', 'next runs'],
            list.map((s) => [s.destination, s.type, s.cron, s.enabled ? 'yes' : 'no', when(s.lastRunAt), s.nextRuns.slice(0, 3).map(when).join(', ') || '—']),
          ),
    );
  },
};

export const backupScheduleSet: Command = {
  path: ['backup', 'schedule', 'set'],
  summary: 'Set when a type of backup runs on a destination (a cron expression, UTC), or turn it off',
  usage: 'lifeboat backup schedule set TYPE "CRON" [--off] --destination D [--state DIR] [--json]',
  flags: { off: { type: 'boolean' }, ...DESTINATION_FLAG },
  async run(ctx) {
    const [type, cron] = expectPositionals(ctx.parsed, 2, this.usage);
    if (!(BACKUP_TYPES as readonly string[]).includes(type)) throw new UsageError(`unknown backup type "${type}" (one of ${BACKUP_TYPES.join(', ')})`);
    const destination = stringFlag(ctx.parsed.values.destination);
    if (!destination) throw new UsageError(`say which destination: ${this.usage}`);
    const s = await ctx.write('backups.schedules.set', { destination, type: type as BackupType, cron, enabled: ctx.parsed.values.off !== true }, 'cli backup schedule set');
    ctx.out.result(s, () => (s.enabled ? `${s.destination} ${s.type}: "${s.cron}" — next ${s.nextRuns.map(when).join(', ')} (UTC)` : `${s.destination} ${s.type}: off`));
  },
};

export const backupRetention: Command = {
  path: ['backup', 'retention'],
  summary: "Show a destination's retention rules and what they keep and forget now (a dry run)",
  usage: 'lifeboat backup retention [--destination D] [--state DIR] [--json]',
  flags: { ...DESTINATION_FLAG },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const p = await ctx.read((engine) => engine.call('backups.retention', { destination: stringFlag(ctx.parsed.values.destination) }));
    ctx.out.result(p, () => {
      const days = Object.entries(p.retention.maxAgeDays).map(([t, d]) => `${t} ${d} days`).join(', ');
      const keeps = (['keepLast', 'keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly'] as const).filter((k) => p.retention[k]).map((k) => `${k} ${p.retention[k]}`);
      const lines = [`${p.destination}: keep ${days}${keeps.length ? `; ${keeps.join(', ')}` : ''}; pinned, the newest and the newest full always.`];
      lines.push(`Keeps ${p.keep.length}; would forget ${p.forget.length}${p.forget.length ? ':' : '.'}`);
      for (const f of p.forget) lines.push(`  ${f.id}  ${f.type.padEnd(12)} ${when(f.createdAt)}`);
      if (p.forget.length) lines.push('Forget them: lifeboat backup forget --retention');
      return lines.join('\n');
    });
  },
};

function pinCommand(pinned: boolean): Command {
  return {
    path: ['backup', pinned ? 'pin' : 'unpin'],
    summary: pinned ? 'Pin a snapshot: every retention rule keeps it' : 'Unpin a snapshot: the retention rules decide again',
    usage: `lifeboat backup ${pinned ? 'pin' : 'unpin'} ID [--destination D] [--state DIR] [--json]`,
    flags: { ...DESTINATION_FLAG },
    async run(ctx) {
      const [snapshotId] = expectPositionals(ctx.parsed, 1, this.usage);
      const r = await ctx.write('backups.pin', { snapshotId, pinned, destination: stringFlag(ctx.parsed.values.destination) }, `cli backup ${pinned ? 'pin' : 'unpin'}`);
      ctx.out.result(r, () => `Snapshot ${r.snapshotId} ${r.pinned ? 'pinned' : 'unpinned'}.`);
    },
  };
}

export const BACKUP_POLICY_COMMANDS = [backupScheduleList, backupScheduleSet, backupRetention, pinCommand(true), pinCommand(false)];
