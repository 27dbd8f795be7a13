// API handlers for checkpoints, state hash and rollback.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ChannelName, ParsedRequestOf, ResponseOf, RollbackOutcome } from '../../shared/api/contract';
import { LifeboatError } from '../../shared/result';
import type { Engine } from './engine';
import { staleAfterSeconds } from './checkpoint-settings';
import { readTable } from './checkpoints/read-checkpoint';
import { getCheckpoint } from './checkpoints/catalog';
import type { Row } from './checkpoints/records';
import * as rows from './live/rows';

type Handler<C extends ChannelName> = (engine: Engine, request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
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

function announce(engine: Engine, reason: string, checkpointId: string | null, stateChanged = false): void {
  engine.events.emit('checkpoints.changed', { reason, checkpointId });
  if (stateChanged) {
    engine.events.emit('state.changed', {
      reason,
      at: new Date().toISOString(),
      tables: ['accounts', 'strategies', 'positions', 'orders', 'cash_balances', 'risk_state', 'audit_log'],
      auditSeq: null,
    });
  }
}

/** A checkpoint's rows in the shapes the state explorer shows for live rows. */
const SHAPES: Record<string, (r: Row) => unknown> = {
  accounts: (r) => rows.toAccount(r as unknown as rows.AccountRow),
  strategies: (r) => rows.toStrategy(r as unknown as rows.StrategyRow),
  positions: (r) => rows.toPosition(r as unknown as rows.PositionRow),
  orders: (r) => rows.toOrder(r as unknown as rows.OrderRow),
  cash_balances: (r) => rows.toCash(r as unknown as rows.CashRow),
  risk_state: (r) => rows.toRisk(r as unknown as rows.RiskRow),
};

export const checkpointHandlers: { [C in CheckpointChannels]: Handler<C> } = {
  'checkpoints.list': (engine) => {
    const s = engine.checkpoints.staleness(new Date(), staleAfterSeconds(engine));
    return {
      checkpoints: engine.checkpoints.list(),
      staleness: { newestAt: s.newest?.createdAt ?? null, ageSeconds: s.ageSeconds, staleAfterSeconds: s.staleAfterSeconds, stale: s.stale },
      changedRows: engine.checkpoints.changedRows(),
    };
  },
  'checkpoints.get': (engine, req) => engine.checkpoints.get(req.checkpointId),
  'checkpoints.create': (engine, req) => {
    const info = engine.checkpoints.create(req.type, req.label ?? null);
    announce(engine, 'checkpoint.create', info.checkpointId);
    engine.checkpoints.settle();
    return info;
  },
  'checkpoints.rows': (engine, req) => {
    // An unknown id is a not_found from materialized().
    const all = readTable(engine.checkpoints.chunks, engine.checkpoints.materialized(req.checkpointId), req.table);
    const shape = SHAPES[req.table] ?? ((r: Row) => r);
    return { checkpointId: req.checkpointId, table: req.table, total: all.length, rows: all.slice(0, req.limit).map(shape) };
  },
  'checkpoints.verify': (engine, req) => {
    if (!req.all && !req.checkpointId) throw new LifeboatError('bad_request', 'name a checkpoint or ask for all', 'checkpoints.verify');
    const ids = req.all ? engine.checkpoints.list().map((c) => c.checkpointId) : [req.checkpointId!];
    return engine.jobs.start('verify', async (ctx) => {
      const verified = new Map();
      const tableAccs = new Map();
      const reports = [];
      for (const [i, id] of ids.entries()) {
        ctx.progress(i, ids.length, `verifying ${id}`);
        reports.push(engine.checkpoints.verify(id, { verified, tableAccs, record: true, signal: ctx.signal }));
        announce(engine, 'checkpoint.verify', id);
        await yieldToEventLoop();
      }
      ctx.progress(ids.length, ids.length, 'done');
      return { ok: reports.every((r) => r.ok), reports };
    });
  },
  'checkpoints.diff': (engine, req) => engine.checkpoints.diff(req.from, req.to, { scope: req.scope, limit: req.limit }),
  'checkpoints.pin': (engine, req) => {
    const info = engine.checkpoints.pin(req.checkpointId, req.pinned);
    announce(engine, 'checkpoint.pin', info.checkpointId);
    return info;
  },
  'checkpoints.prune': (engine, req) => {
    const result = engine.checkpoints.prune(req.policy, req.dryRun);
    if (!req.dryRun) announce(engine, 'checkpoint.prune', null);
    return result;
  },
  'checkpoints.export': (engine, req) => engine.checkpoints.export(req.checkpointId, engine.paths.exports),
  'state.hash': (engine) => engine.checkpoints.stateHash(),
  'rollback.preview': (engine, req) => {
    const diff = engine.checkpoints.previewRollback(req.checkpointId, req.scope);
    return req.limit === undefined ? diff : { ...diff, rows: diff.rows.slice(0, req.limit) };
  },
  'rollback.apply': (engine, req) => {
    if (req.confirm !== req.checkpointId) {
      throw new LifeboatError('bad_request', `type the checkpoint id ${req.checkpointId} to confirm the rollback`, 'rollback.apply confirm');
    }
    getCheckpoint(engine.store.db, req.checkpointId); // a wrong id fails now, not inside the job
    engine.checkpoints.requireScope(req.checkpointId, req.scope); // so does an unknown account or strategy
    return engine.jobs.start('rollback', async (ctx): Promise<RollbackOutcome> => {
      ctx.progress(0, 3, 'taking the pre-rollback checkpoint');
      await yieldToEventLoop();
      const steps = engine.checkpoints.rollbackSteps(req.checkpointId, req.scope);
      engine.events.emit('checkpoints.changed', { reason: 'checkpoint.pre_rollback', checkpointId: steps.pre.checkpointId });
      ctx.progress(1, 3, `pre-rollback checkpoint ${steps.pre.checkpointId} taken; applying`);
      await yieldToEventLoop();
      const result = steps.finish();
      ctx.progress(3, 3, 'rolled back; the state hash matches the target');
      announce(engine, 'rollback.apply', result.preRollbackId, true);
      const { diff: _diff, ...outcome } = result;
      return outcome;
    });
  },
};
