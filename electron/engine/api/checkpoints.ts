// API handlers for checkpoints, state hash and rollback.
import { LifeboatError } from '../../../shared/result';
import type { DeskContext } from '../runtime/context';
import type { HandlersOf } from './handler';
import { staleAfterSeconds } from '../checkpoints/settings';
import { readTable } from '../checkpoints/read-checkpoint';
import { getCheckpoint } from '../checkpoints/catalog';
import { startRollback } from '../checkpoints/rollback-job';
import { startVerify } from '../checkpoints/verify-job';
import type { Row } from '../checkpoints/records';
import * as rows from '../live/rows';
import { maskSettings, settingSpec } from '../../../shared/settings/catalog';

type CheckpointChannels =
  | 'checkpoints.list'
  | 'checkpoints.get'
  | 'checkpoints.create'
  | 'checkpoints.rows'
  | 'checkpoints.verify'
  | 'checkpoints.diff'
  | 'checkpoints.pin'
  | 'checkpoints.prune'
  | 'checkpoints.export'
  | 'state.hash'
  | 'rollback.preview'
  | 'rollback.apply';

function announce(desk: DeskContext, reason: string, checkpointId: string | null): void {
  desk.events.emit('checkpoints.changed', { reason, checkpointId });
}

/** A checkpoint's rows in the shapes the state explorer shows for live rows. */
const SHAPES: Record<string, (r: Row) => unknown> = {
  accounts: (r) => rows.toAccount(r as unknown as rows.AccountRow),
  strategies: (r) => rows.toStrategy(r as unknown as rows.StrategyRow),
  positions: (r) => rows.toPosition(r as unknown as rows.PositionRow),
  orders: (r) => rows.toOrder(r as unknown as rows.OrderRow),
  cash_balances: (r) => rows.toCash(r as unknown as rows.CashRow),
  risk_state: (r) => rows.toRisk(r as unknown as rows.RiskRow),
  // A webhook's token stays in the row: what leaves the engine is masked (shared/settings/mask.ts).
  settings: (r) => (settingSpec(String(r.key))?.secret ? { ...r, value_json: JSON.stringify(maskSettings({ [String(r.key)]: JSON.parse(String(r.value_json)) })[String(r.key)]) } : r),
};

export const checkpointHandlers: HandlersOf<CheckpointChannels> = {
  'checkpoints.list': (desk) => {
    const s = desk.checkpoints.staleness(new Date(), staleAfterSeconds(desk.store));
    return {
      checkpoints: desk.checkpoints.list(),
      staleness: { newestAt: s.newest?.createdAt ?? null, ageSeconds: s.ageSeconds, staleAfterSeconds: s.staleAfterSeconds, stale: s.stale },
      changedRows: desk.checkpoints.changedRows(),
    };
  },
  'checkpoints.get': (desk, req) => desk.checkpoints.get(req.checkpointId),
  'checkpoints.create': (desk, req) => {
    const info = desk.checkpoints.create(req.type, req.label ?? null);
    announce(desk, 'checkpoint.create', info.checkpointId);
    desk.checkpoints.settle();
    return info;
  },
  'checkpoints.rows': (desk, req) => {
    // An unknown id is a not_found from materialized().
    const all = readTable(desk.checkpoints.chunks, desk.checkpoints.materialized(req.checkpointId), req.table);
    const shape = SHAPES[req.table] ?? ((r: Row) => r);
    return { checkpointId: req.checkpointId, table: req.table, total: all.length, offset: req.offset, rows: all.slice(req.offset, req.offset + req.limit).map(shape) };
  },
  'checkpoints.verify': (desk, req) => {
    if (!req.all && !req.checkpointId) throw new LifeboatError('bad_request', 'name a checkpoint or ask for all', 'checkpoints.verify');
    return startVerify(desk, req.all ? desk.checkpoints.list().map((c) => c.checkpointId) : [req.checkpointId!]);
  },
  'checkpoints.diff': (desk, req) => desk.checkpoints.diff(req.from, req.to, { scope: req.scope, limit: req.limit }),
  'checkpoints.pin': (desk, req) => {
    const info = desk.checkpoints.pin(req.checkpointId, req.pinned);
    announce(desk, 'checkpoint.pin', info.checkpointId);
    return info;
  },
  'checkpoints.prune': (desk, req) => {
    const result = desk.checkpoints.prune(req.policy, req.dryRun);
    if (!req.dryRun) announce(desk, 'checkpoint.prune', null);
    return result;
  },
  // Rebuilding a checkpoint's tables and writing the files takes seconds on a large desk: a pool task.
  'checkpoints.export': (desk, req) => desk.workers.run('exportCheckpoint', { dbPath: desk.paths.db, checkpointId: req.checkpointId, exportsDir: desk.paths.exports }),
  'state.hash': (desk) => desk.checkpoints.stateHash(),
  'rollback.preview': (desk, req) => {
    const diff = desk.checkpoints.previewRollback(req.checkpointId, req.scope);
    return req.limit === undefined ? diff : { ...diff, rows: diff.rows.slice(0, req.limit) };
  },
  'rollback.apply': (desk, req) => {
    if (req.confirm !== req.checkpointId) {
      throw new LifeboatError('bad_request', `type the checkpoint id ${req.checkpointId} to confirm the rollback`, 'rollback.apply confirm');
    }
    getCheckpoint(desk.store.db, req.checkpointId); // a wrong id fails now, not inside the job
    desk.checkpoints.requireScope(req.checkpointId, req.scope); // so does an unknown account or strategy
    return startRollback(desk, req.checkpointId, req.scope);
  },
};
