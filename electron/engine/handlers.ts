// One handler per API channel. Handlers are thin: reads go to the LiveStore, writes go through
// Engine.change so every change is one transaction with its audit entry and a state.changed event.
import type { ChannelName, DeskStatus, ParsedRequestOf, ResponseOf } from '../../shared/api/contract';
import { staleAfterSeconds } from './checkpoint-settings';
import { listAudit, verifyAudit } from './audit/audit-log';
import type { Engine } from './engine';
import { summariseAccounts } from './live/desk-summary';
import { exportState } from './live/state-export';
import { CODE_SCHEMA_VERSION } from './store/migrations';
import { importStateFile } from './io/import-state';
import { runSimulation } from './simulation-job';
import { checkpointHandlers } from './checkpoint-handlers';
import { reconcileHandlers } from './reconcile-handlers';

function checkpointSummary(engine: Engine): DeskStatus['checkpoints'] {
  const s = engine.checkpoints.staleness(new Date(), staleAfterSeconds(engine));
  const count = engine.store.db.prepare('SELECT COUNT(*) FROM checkpoints').pluck().get() as number;
  return {
    count,
    newestId: s.newest?.checkpointId ?? null,
    newestAt: s.newest?.createdAt ?? null,
    ageSeconds: s.ageSeconds,
    staleAfterSeconds: s.staleAfterSeconds,
    stale: s.stale,
  };
}

type Handlers = {
  [C in ChannelName]: (engine: Engine, request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export const handlers: Handlers = {
  'desk.status': (engine) => {
    const store = engine.store;
    const lastActivity = store.lastActivityByAccount();
    const openOrdersByAccount = new Map(
      (store.db.prepare('SELECT account_id, COUNT(*) AS n FROM orders WHERE is_open = 1 GROUP BY account_id').all() as {
        account_id: string;
        n: number;
      }[]).map((r) => [r.account_id, r.n]),
    );
    const balances = store.cashBalances();
    const accounts = summariseAccounts({
      accounts: store.accounts(),
      strategies: store.strategies(),
      positions: store.positions(),
      cash: balances,
      risk: store.riskState(),
      openOrdersByAccount,
      lastActivityByAccount: lastActivity,
    });
    const newest = [...lastActivity.values()].sort().pop() ?? null;
    return {
      stateDir: engine.paths.dir,
      schemaVersion: CODE_SCHEMA_VERSION,
      counts: store.counts(),
      accounts,
      balances,
      lastActivity: newest,
      settingsHash: store.settingsHash(),
      checkpoints: checkpointSummary(engine),
      liveCheck: engine.liveCheck,
    };
  },
  'state.check': (engine) => engine.checkLive(),
  'state.repair': (engine) => {
    const repaired = engine.checkpoints.repairLive();
    engine.liveCheck = repaired.check;
    engine.events.emit('state.changed', {
      reason: 'state.repair',
      at: new Date().toISOString(),
      tables: ['accounts', 'strategies', 'positions', 'orders', 'cash_balances', 'risk_state', 'artifacts', 'settings', 'audit_log'],
      auditSeq: repaired.auditSeq,
    });
    return repaired;
  },
  'accounts.list': (engine) => engine.store.accounts(),
  'strategies.list': (engine) => engine.store.strategies(),
  'positions.list': (engine, req) => engine.store.positions(req),
  'orders.list': (engine, req) => engine.store.queryOrders(req),
  'balances.list': (engine) => engine.store.cashBalances(),
  'risk.list': (engine) => engine.store.riskState(),
  'audit.list': (engine, req) => listAudit(engine.store.db, req),
  'audit.verify': (engine) => verifyAudit(engine.store.db),
  'state.export': (engine) => exportState(engine.store),
  'state.import': (engine, req) => {
    // importStateFile runs its own transaction; nothing is written when it throws.
    const result = importStateFile(engine.store, req);
    engine.events.emit('state.changed', {
      reason: 'state.import',
      at: new Date().toISOString(),
      tables: ['strategies', 'positions', 'orders', 'risk_state', 'audit_log'],
      auditSeq: result.auditSeq,
    });
    return result;
  },
  'simulate.start': (engine, req) => runSimulation(engine, req),
  ...checkpointHandlers,
  ...reconcileHandlers,
  'jobs.list': (engine) => engine.jobs.list(),
  'jobs.get': (engine, req) => engine.jobs.get(req.jobId),
  'jobs.cancel': (engine, req) => engine.jobs.cancel(req.jobId),
};
