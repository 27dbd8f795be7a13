// The demo desk: a trading desk that looks real — accounts at real brokers, named strategies with
// their own state documents, positions with cost basis and marks, a deep order history in every
// status with bracket orders, cash in several currencies, risk state with one halt, settings and
// model artifacts. Built in one transaction from a seed: the same (size, seed, asOf) always gives
// exactly the same rows, and nothing is dated after asOf.
//
// This file validates the request and runs the builders in desk/ in a fixed order, each on its
// own fork of the seeded generator.
import { dirname } from 'node:path';
import { canonicalJson } from '../../../shared/canonical-json';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import { tableSpec } from '../checkpoints/tables';
import { bulkLoad } from '../checkpoints/untracked-writes';
import type { LiveStore } from '../live/live-store';
import { Rng } from './rng';
import { buildAccounts } from './desk/accounts';
import { Desk, type DemoProgress } from './desk/desk';
import { buildOrders } from './desk/orders';
import { buildPositions } from './desk/positions';
import type { DeskSize } from './desk/profile';
import { buildRisk } from './desk/risk';
import { buildArtifacts, buildSettings } from './desk/settings-artifacts';
import { buildStrategies } from './desk/strategies';
import { buildUniverses } from './desk/universes';

export type { DeskSize } from './desk/profile';
export type { DemoProgress } from './desk/desk';

export interface GenerateDeskOptions {
  size: DeskSize;
  seed: number;
  /** ISO-8601 UTC: the desk's "now". Nothing is dated after it. */
  asOf: string;
}

export interface DemoSummary {
  size: DeskSize;
  seed: number;
  asOf: string;
  accounts: number;
  strategies: number;
  positions: number;
  orders: number;
  openOrders: number;
  cashBalances: number;
}

/** The meta key under which the generator records what it built. */
export const DEMO_META_KEY = 'demo_desk';

/**
 * Builds the demo desk into an empty state folder, in one transaction, and records one
 * `demo.generate` audit entry. Refuses (conflict) when the database already holds accounts.
 */
export function generateDesk(store: LiveStore, opts: GenerateDeskOptions, onProgress?: DemoProgress): DemoSummary {
  const { size, seed } = opts;
  if (size !== 'tiny' && size !== 'small' && size !== 'large') {
    throw new LifeboatError('bad_request', `desk size must be "tiny", "small" or "large", got ${JSON.stringify(size)}`, 'size');
  }
  if (!Number.isSafeInteger(seed)) throw new LifeboatError('bad_request', `seed must be an integer, got ${String(seed)}`, 'seed');
  const asOfMs = parseAsOf(opts.asOf);
  const run = store.db.transaction(() => {
    refuseExistingDesk(store);
    const built = buildDesk(new Desk(store, size, seed, asOfMs, onProgress));
    appendAudit(store.db, 'demo.generate', built.details);
    return built.summary;
  });
  return run();
}

function parseAsOf(asOf: string): number {
  const ok = typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(asOf);
  const ms = ok ? Date.parse(asOf) : NaN;
  if (!Number.isFinite(ms)) {
    throw new LifeboatError('bad_request', `asOf must be an ISO-8601 UTC time like 2025-01-15T14:30:00Z, got ${JSON.stringify(asOf)}`, 'asOf');
  }
  return ms;
}

function refuseExistingDesk(store: LiveStore): void {
  const n = (store.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
  if (n > 0) {
    throw new LifeboatError(
      'conflict',
      `state folder already holds a desk (${n} account${n === 1 ? '' : 's'}); generate the demo into an empty state folder`,
      store.db.name && store.db.name !== ':memory:' ? dirname(store.db.name) : undefined,
    );
  }
}

/**
 * Runs the builders. Each draws from its own named fork of the generator, so the order of the
 * steps (not how much another step draws) decides what each one gets — keep the order as it is.
 */
function buildDesk(desk: Desk): { summary: DemoSummary; details: Record<string, unknown> } {
  const rng = new Rng(desk.seed, `lifeboat-demo-${desk.size}`);
  const universes = buildUniverses(desk.profile.synthetic, rng.fork('universe'));
  buildAccounts(desk, rng.fork('accounts'));
  buildStrategies(desk, rng.fork('strategies'), universes);
  desk.progress(1, `${desk.specs.length} accounts, ${desk.strategies.length} strategies`);
  // The bulk of the desk, loaded with the tables' tracking triggers off and their state hash
  // computed in one pass afterwards (the triggers' per-row work was most of the build's time).
  bulkLoad(desk.store.db, [tableSpec('positions'), tableSpec('orders')], () => {
    buildPositions(desk, rng.fork('positions'));
    buildOrders(desk, rng.fork('orders'));
  });
  buildRisk(desk, rng.fork('risk'));
  desk.progress(1, 'risk state');
  buildSettings(desk);
  buildArtifacts(desk, rng.fork('artifacts'));
  desk.progress(1, 'settings and artifacts');
  const asOf = desk.iso(desk.asOfMs);
  const summary: DemoSummary = {
    size: desk.size,
    seed: desk.seed,
    asOf,
    accounts: desk.specs.length,
    strategies: desk.strategies.length,
    positions: desk.counts.positions,
    orders: desk.counts.orders,
    openOrders: desk.counts.openOrders,
    cashBalances: desk.counts.cashBalances,
  };
  desk.store.setMeta(DEMO_META_KEY, canonicalJson({ size: desk.size, seed: desk.seed, asOf }));
  desk.progress(1, 'done');
  const { riskStates, artifacts, settings } = desk.counts;
  return { summary, details: { ...summary, riskStates, artifacts, settings } };
}
