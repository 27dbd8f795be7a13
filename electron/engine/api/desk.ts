// API handlers for the desk's live state: status, lists, export and import, the live check.
// The heavy reads (the status figures, sorted or filtered positions, orders, the audit trail) run
// off the main thread when the process has read threads (live/read-off-thread.ts).
import type { DeskStatus, PositionQuery } from '../../../shared/api/contract';
import { activeFilters } from '../../../shared/table-filters';
import { verifyAudit } from '../audit/audit-log';
import { staleAfterSeconds } from '../checkpoints/settings';
import { readOffThread } from '../live/read-off-thread';
import { exportState } from '../live/state-export';
import type { DeskContext } from '../runtime/context';
import { importStateFile } from '../state-files/import-state';
import { isTakingFirstCheckpoint } from '../services/auto-checkpoints';
import { CODE_SCHEMA_VERSION, STATE_SCHEMA_VERSION } from '../store/migrations/migrate';
import type { HandlersOf } from './handler';

type DeskChannels =
  | 'desk.status'
  | 'state.check'
  | 'state.repair'
  | 'accounts.list'
  | 'strategies.list'
  | 'positions.list'
  | 'positions.get'
  | 'orders.list'
  | 'orders.get'
  | 'balances.list'
  | 'risk.list'
  | 'audit.list'
  | 'audit.verify'
  | 'state.export'
  | 'state.import';

function checkpointSummary(desk: DeskContext): DeskStatus['checkpoints'] {
  const s = desk.checkpoints.staleness(new Date(), staleAfterSeconds(desk.store));
  return {
    count: desk.checkpoints.count(),
    newestId: s.newest?.checkpointId ?? null,
    newestAt: s.newest?.createdAt ?? null,
    ageSeconds: s.ageSeconds,
    staleAfterSeconds: s.staleAfterSeconds,
    stale: s.stale,
    takingFirst: isTakingFirstCheckpoint(desk),
  };
}

/** A window in key order with nothing to narrow it: SQLite reads just the window, cheaper here than a thread's round trip. */
const inKeyOrder = (q: PositionQuery): boolean => !q.sort && !q.search?.trim() && activeFilters(q.filters).length === 0;

export const deskHandlers: HandlersOf<DeskChannels> = {
  'desk.status': async (desk) => {
    const figures = await readOffThread(desk, 'desk.figures', {});
    return {
      stateDir: desk.paths.dir,
      schemaVersion: CODE_SCHEMA_VERSION,
      stateFormat: STATE_SCHEMA_VERSION,
      ...figures,
      checkpoints: checkpointSummary(desk),
      liveCheck: desk.liveCheck,
      readOnly: desk.readOnly,
    };
  },
  'state.check': (desk) => desk.checkLive(),
  'state.repair': (desk) => {
    const repaired = desk.commit('state.repair', () => desk.checkpoints.repairLive());
    desk.liveCheck = repaired.check;
    return repaired;
  },
  'accounts.list': (desk) => desk.store.accounts(),
  'strategies.list': (desk) => desk.store.strategies(),
  'positions.list': (desk, req) => (inKeyOrder(req) ? desk.store.positionsPage(req) : readOffThread(desk, 'positions.list', req)),
  'positions.get': (desk, req) => desk.store.positionsByKeys(req.keys),
  // Its counts per status scan the whole match, even for a window in index order.
  'orders.list': (desk, req) => readOffThread(desk, 'orders.list', req),
  'orders.get': (desk, req) => desk.store.ordersByIds(req.keys),
  'balances.list': (desk) => desk.store.cashBalances(),
  'risk.list': (desk) => desk.store.riskState(),
  'audit.list': (desk, req) => readOffThread(desk, 'audit.list', req),
  'audit.verify': (desk) => verifyAudit(desk.store.db),
  'state.export': (desk) => exportState(desk.store),
  // Nothing is written when the file is refused: the commit's transaction is rolled back.
  'state.import': (desk, req) => desk.commit('state.import', () => importStateFile(desk.store, req)),
};
