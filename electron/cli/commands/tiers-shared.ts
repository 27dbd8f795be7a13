// `lifeboat tiers publish` and the shared tiers' part of `tiers status`: PostgreSQL (the shared
// warm tier and catalog) and Redis (the shared hot tier and live status), see
// electron/engine/tiers/shared/README.md. URLs are only ever shown masked.
import type { SharedTiersStatus } from '../../../shared/api/tiers';
import { LifeboatError } from '../../../shared/result';
import { Engine } from '../../engine/engine';
import { DeskHeartbeat } from '../../engine/tiers/shared/heartbeat';
import { listFleet, type Fleet } from '../../engine/tiers/shared/fleet';
import { publishCheckpoints } from '../../engine/tiers/shared/publish';
import { openSharedTiers, sharedTiersOf } from '../../engine/tiers/shared/shared-tiers';
import { sharedTiersConfig } from '../../engine/tiers/shared/config';
import { expectPositionals } from '../args';
import type { Command } from '../command';
import { formatBytes, table } from '../output';

const NOT_CONFIGURED =
  'no shared warm tier is configured: set tiers.postgres.url (`lifeboat settings set tiers.postgres.url postgres://USER:PASSWORD@HOST:PORT/DB`) or LIFEBOAT_POSTGRES_URL';

const figure = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));

/** The lines `tiers status` adds for the shared tiers ('' when none is configured). */
export function formatShared(s: SharedTiersStatus | null | undefined): string {
  if (!s) return '';
  const rows = s.tiers.map((t) => [t.tier, t.role, t.health, figure(t.objects), t.storedBytes === null ? '—' : formatBytes(t.storedBytes), figure(t.desks), t.tier === 'postgres' ? figure(t.checkpoints) : '—', t.location]);
  const errors = s.tiers.filter((t) => t.lastError).map((t) => `${t.tier}: ${t.health === 'up' ? 'last error' : t.health.toUpperCase()} ${t.lastErrorAt ?? ''}: ${t.lastError}`);
  return [
    '',
    `Shared tiers (firm ${s.firm}, this desk ${s.deskId ?? 'not published yet'}):`,
    table(['tier', 'role', 'health', 'objects', 'stored', 'desks', 'checkpoints', 'location'], rows, [3, 4, 5, 6]),
    ...errors,
  ].join('\n');
}

export const tiersPublish: Command = {
  path: ['tiers', 'publish'],
  summary: "Publish this desk's checkpoints to the shared tiers now (objects first, each catalog row last; resumes an interrupted one)",
  usage: 'lifeboat tiers publish [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const engine = Engine.open({ stateDir: ctx.stateDir, mode: 'write', purpose: 'cli tiers publish', workers: ctx.workers });
    try {
      const tiers = sharedTiersOf(engine);
      if (!tiers?.postgres) {
        await tiers?.close();
        throw new LifeboatError('bad_request', NOT_CONFIGURED, 'tiers.postgres.url');
      }
      try {
        const r = await publishCheckpoints(engine, tiers.postgres, { progress: (done, total, message) => ctx.out.info(`${done}/${total} ${message}`) });
        // The live status says the newest checkpoint at once; a Redis down fails nothing published.
        let status: string | null = null;
        if (tiers.redis) {
          status = await new DeskHeartbeat(engine, tiers)
            .beat()
            .then(() => null)
            .catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
        }
        const result = { ...r, liveStatus: tiers.redis ? (status === null ? 'published' : `not published: ${status}`) : 'no Redis configured' };
        ctx.out.result(result, () =>
          [
            `Published ${r.checkpoints.length} checkpoint(s) of desk ${r.deskId} to ${r.location}: ${r.objects} objects uploaded, ${formatBytes(r.bytes)} new to the tier (${r.alreadyPublished} published before).`,
            `Live status: ${result.liveStatus}.`,
          ].join('\n'),
        );
      } finally {
        await tiers.close();
      }
    } finally {
      await engine.close();
    }
  },
};

function formatFleet(f: Fleet): string {
  const rows = f.desks.map((d) => [
    d.name,
    d.host,
    d.deskId.slice(0, 8),
    d.live?.health ?? 'no heartbeat',
    d.live?.heartbeatAt ?? '—',
    d.live?.newestCheckpoint?.checkpointId ?? d.catalog?.newestCheckpointAt ?? '—',
    figure(d.catalog?.checkpoints),
    d.catalog ? formatBytes(d.catalog.storedBytes) : '—',
  ]);
  return [
    `Firm ${f.firm}: ${f.desks.length} desk(s).`,
    table(['desk', 'host', 'id', 'health', 'heartbeat', 'newest checkpoint', 'published', 'bytes'], rows, [6, 7]),
    ...f.unavailable.map((u) => `${u.tier} DOWN: ${u.error}`),
  ].join('\n');
}

export const fleetList: Command = {
  path: ['fleet', 'list'],
  summary: "Every desk of the firm on the shared tiers: its live status (Redis) and published checkpoints (PostgreSQL)",
  usage: 'lifeboat fleet list [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    // Which shared tiers and firm: this state folder's settings (or the environment's).
    const config = await ctx.read((engine) => sharedTiersConfig(engine.store));
    const tiers = openSharedTiers(config);
    try {
      const fleet = await listFleet(tiers);
      ctx.out.result(fleet, () => formatFleet(fleet));
    } finally {
      await tiers.close();
    }
  },
};

export const SHARED_TIER_COMMANDS = [tiersPublish, fleetList];
