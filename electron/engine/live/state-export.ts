// The whole live state as one canonical document: the same state always gives the same bytes.
import type { StateExport } from '../../../shared/api/contract';
import { maskSettings } from '../../../shared/settings/catalog';
import { CODE_SCHEMA_VERSION } from '../store/migrations/migrate';
import type { LiveStore } from './live-store';

export function exportState(store: LiveStore): StateExport {
  return {
    schemaVersion: CODE_SCHEMA_VERSION,
    accounts: store.accounts(),
    strategies: store.strategies(),
    positions: store.positions(),
    orders: [...store.allOrders()],
    cashBalances: store.cashBalances(),
    riskState: store.riskState(),
    artifacts: store.artifacts(),
    // A webhook's token stays on the desk (shared/settings/mask.ts); the hash is of the settings as stored.
    settings: maskSettings(store.settings()),
    settingsHash: store.settingsHash(),
  };
}
