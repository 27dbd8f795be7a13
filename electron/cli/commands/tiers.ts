import type { TierHistory, TierPlanReport, TiersStatus, TierStatus } from '../../../shared/api/contract';
import { expectPositionals, intFlag, stringFlag, type Parsed } from '../args';
import type { Command } from '../command';
import { UsageError } from '../exit-codes';
import { formatBytes, table } from '../output';
import { formatShared, SHARED_TIER_COMMANDS } from './tiers-shared';

const POLICY_FLAGS = { 'demote-after-days': { type: 'string' as const }, 'unread-for-days': { type: 'string' as const }, 'keep-newest': { type: 'string' as const } };
const POLICY_USAGE = '[--demote-after-days N] [--unread-for-days N] [--keep-newest N]';

/** The placement policy flags: each overrides the desk's tiers.* setting for this run. */
function policyOf(parsed: Parsed): { demoteAfterDays?: number; unreadForDays?: number; keepNewest?: number } {
  const days = (flag: string) => intFlag(parsed.values[flag], flag, { min: 0, max: 36_500 });
  const out: { demoteAfterDays?: number; unreadForDays?: number; keepNewest?: number } = {};
  const after = days('demote-after-days');
  const unread = days('unread-for-days');
  const newest = intFlag(parsed.values['keep-newest'], 'keep-newest', { min: 0, max: 1_000_000 });
  if (after !== undefined) out.demoteAfterDays = after;
  if (unread !== undefined) out.unreadForDays = unread;
  if (newest !== undefined) out.keepNewest = newest;
  return out;
}

const ratio = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));
const percent = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);
const latency = (t: TierStatus) => (t.latencyMicros ? `${t.latencyMicros.p50}/${t.latencyMicros.p95}/${t.latencyMicros.p99} µs` : '—');

function formatStatus(s: TiersStatus): string {
  const rows = s.tiers.map((t) => [
    t.tier,
    t.health,
    String(t.objects),
    formatBytes(t.rawBytes),
    formatBytes(t.storedBytes),
    ratio(t.compressionRatio),
    percent(t.hitRatio),
    latency(t),
    `${t.promotions} / ${t.demotions}`,
  ]);
  const errors = s.tiers.filter((t) => t.lastError).map((t) => `${t.tier}: ${t.health === 'up' ? 'last error' : t.health.toUpperCase()} ${t.lastErrorAt ?? ''}: ${t.lastError}`);
  const cold = s.tiers.find((t) => t.tier === 'cold');
  const hot = s.tiers.find((t) => t.tier === 'hot');
  return [
    table(['tier', 'health', 'objects', 'raw', 'stored', 'ratio', 'hit ratio', 'p50/p95/p99', 'promoted / demoted'], rows, [2, 3, 4, 5, 6]),
    '',
    `lifeboat.db is ${formatBytes(s.databaseBytes)} (auto_vacuum ${s.autoVacuum}); cold: ${cold?.packs ?? 0} packs in ${cold?.location ?? '?'}; hot bound ${formatBytes(hot?.maxBytes ?? 0)} in this process.`,
    ...errors,
    ...(s.shared ? [formatShared(s.shared)] : []),
  ].join('\n');
}

function formatPlan(p: TierPlanReport, lead: string): string {
  const lines = p.moves.map((m) => `${m.from} -> ${m.to}  ${m.id.slice(0, 12)}  ${formatBytes(m.storedSize).padStart(9)}  ${m.reason}`);
  return [
    `Policy: demote after ${p.policy.demoteAfterDays} days, unread for ${p.policy.unreadForDays} days, the newest ${p.policy.keepNewest} checkpoint(s) stay warm.`,
    ...lines,
    ...(p.truncated ? ['…'] : []),
    `${lead}: ${p.demote.chunks} objects to cold (${formatBytes(p.demote.bytes)}), ${p.promote.chunks} back to warm (${formatBytes(p.promote.bytes)}).`,
  ].join('\n');
}

export const tiersStatus: Command = {
  path: ['tiers', 'status'],
  summary: 'Per storage tier: objects, bytes, compression, hit ratio, latency, moves and health',
  usage: 'lifeboat tiers status [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const s = await ctx.read((engine) => engine.call('tiers.status', {}));
    ctx.out.result(s, () => formatStatus(s));
  },
};

export const tiersPlan: Command = {
  path: ['tiers', 'plan'],
  summary: 'What placement would move next between warm and cold, and why (changes nothing)',
  usage: `lifeboat tiers plan ${POLICY_USAGE} [--limit N] [--state DIR] [--json]`,
  flags: { ...POLICY_FLAGS, limit: { type: 'string' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const limit = intFlag(ctx.parsed.values.limit, 'limit', { min: 0, max: 100_000 });
    const p = await ctx.read((engine) => engine.call('tiers.plan', { policy: policyOf(ctx.parsed), limit }));
    ctx.out.result(p, () => formatPlan(p, 'Would move'));
  },
};

export const tiersDemote: Command = {
  path: ['tiers', 'demote'],
  summary: 'Move what placement says: old history to the cold tier, and back what a pinned or recent checkpoint needs (previews without --yes)',
  usage: `lifeboat tiers demote [--yes] ${POLICY_USAGE} [--state DIR] [--json]`,
  flags: { ...POLICY_FLAGS, yes: { type: 'boolean' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const policy = policyOf(ctx.parsed);
    if (ctx.parsed.values.yes !== true) {
      const p = await ctx.read((engine) => engine.call('tiers.plan', { policy, limit: 50 }));
      ctx.out.result(p, () => `${formatPlan(p, 'Would move')}\nNothing moved: pass --yes to demote.`);
      return;
    }
    const job = await ctx.writeJob('tiers.demote', { policy }, 'cli tiers demote');
    const r = job.result;
    ctx.out.result(r, () =>
      [
        `Demoted ${r.chunks} objects (${formatBytes(r.bytes)}) into ${r.packs.length} packs.`,
        ...(r.promoted.chunks ? [`Promoted ${r.promoted.chunks} objects (${formatBytes(r.promoted.bytes)}) that a newest, pinned or recent checkpoint needs.`] : []),
        ...(r.garbage.length ? [`Removed ${r.garbage.length} packs an interrupted move left behind.`] : []),
        r.databaseBytesBefore !== null ? `lifeboat.db: ${formatBytes(r.databaseBytesBefore)} -> ${formatBytes(r.databaseBytesAfter ?? 0)}.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },
};

export const tiersPromote: Command = {
  path: ['tiers', 'promote'],
  summary: "Bring a checkpoint's cold objects back to the warm tier",
  usage: 'lifeboat tiers promote CHECKPOINT [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    const [checkpointId] = expectPositionals(ctx.parsed, 1, this.usage);
    const job = await ctx.writeJob('tiers.promote', { checkpointId }, 'cli tiers promote');
    const r = job.result;
    ctx.out.result(r, () => `Promoted ${r.chunks} objects of ${r.checkpointId} (${formatBytes(r.bytes)}) from ${r.packs.length} packs back to warm.`);
  },
};

/** Samples are kept a week (tiers/sample.ts KEEP_DAYS). */
const MAX_SINCE_MINUTES = 7 * 24 * 60;
const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60 };

/** "--since 90m", "6h", "2d" (or a bare number of minutes) as minutes. */
export function sinceMinutes(value: string | undefined): number {
  if (value === undefined) return 24 * 60;
  const m = /^(\d{1,6})([mhd]?)$/.exec(value.trim());
  const minutes = m ? Number(m[1]) * UNIT_MINUTES[m[2] || 'm'] : NaN;
  if (!m) throw new UsageError(`--since takes a span like 90m, 6h or 2d, got "${value}"`);
  if (minutes < 1 || minutes > MAX_SINCE_MINUTES) throw new UsageError(`--since must be from 1m to 7d (samples are kept a week), got "${value}"`);
  return minutes;
}

function formatHistory(h: TierHistory, since: string): string {
  if (h.samples.length === 0) return `No tier samples in the last ${since} (a running console takes one a minute, and one after each move).`;
  const rows = h.samples.map((s) => [
    s.sampledAt.replace('T', ' ').slice(0, 16),
    s.tier,
    s.health,
    String(s.objects),
    formatBytes(s.storedBytes),
    percent(s.hitRatio),
    s.latencyMicros ? `${s.latencyMicros.p50}/${s.latencyMicros.p99} µs` : '—',
    `${s.promotions} / ${s.demotions}`,
  ]);
  const errors = h.samples.filter((s) => s.health !== 'up' && s.lastError).map((s) => `${s.sampledAt} ${s.tier} ${s.health.toUpperCase()}: ${s.lastError}`);
  return [
    table(['minute (UTC)', 'tier', 'health', 'objects', 'stored', 'hit ratio', 'p50/p99', 'promoted / demoted'], rows, [3, 4, 5, 6]),
    '',
    `${h.samples.length} samples over the last ${since}: one per tier a minute for a day, then one an hour, kept ${h.keptDays} days.`,
    ...errors,
  ].join('\n');
}

export const tiersHistory: Command = {
  path: ['tiers', 'history'],
  summary: 'The tier samples over time: per tier and minute objects, bytes, hit ratio, latency, moves and health',
  usage: 'lifeboat tiers history [--since 90m|6h|2d] [--state DIR] [--json]',
  flags: { since: { type: 'string' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const since = stringFlag(ctx.parsed.values.since);
    const minutes = sinceMinutes(since);
    const h = await ctx.read((engine) => engine.call('tiers.history', { sinceMinutes: minutes }));
    ctx.out.result(h, () => formatHistory(h, since ?? '24h'));
  },
};

export const TIER_COMMANDS = [tiersStatus, tiersPlan, tiersDemote, tiersPromote, tiersHistory, ...SHARED_TIER_COMMANDS];
