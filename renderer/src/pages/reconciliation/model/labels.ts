// The words the page uses for kinds, severities, formats, strategies and resolutions: the same
// words as the engine's, spelled for people.
import type { BrokerFormat, DiscrepancyKind, ReconcileStrategy, Resolution, Severity } from '../../../../../shared/api/reconcile';

export const KIND_LABEL: Record<DiscrepancyKind, string> = {
  missing_locally: 'Missing locally',
  missing_at_broker: 'Missing at broker',
  quantity_mismatch: 'Quantity mismatch',
  price_mismatch: 'Price mismatch',
  order_status_mismatch: 'Order status mismatch',
  orphaned_order: 'Orphaned order',
  external_order: 'External order',
  outcome_unknown: 'Outcome unknown',
  cash_mismatch: 'Cash mismatch',
  unmapped_symbol: 'Unmapped symbol',
};

export const KIND_HINT: Record<DiscrepancyKind, string> = {
  missing_locally: 'The broker holds a position we do not have',
  missing_at_broker: 'We hold a position the broker does not report',
  quantity_mismatch: 'Both sides hold the symbol, in different quantities',
  price_mismatch: 'Average price / cost basis differs',
  order_status_mismatch: 'Open here, filled or cancelled at the broker',
  orphaned_order: 'Open here, unknown to the broker',
  external_order: 'Open at the broker, unknown here',
  outcome_unknown: 'Being cancelled here and gone at the broker: filled or cancelled cannot be told',
  cash_mismatch: 'Cash balance differs in one currency',
  unmapped_symbol: 'A broker symbol with no mapping to a desk symbol',
};

export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];
export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

export const FORMAT_LABEL: Record<BrokerFormat, string> = {
  ccxt: 'CCXT JSON',
  alpaca: 'Alpaca JSON',
  'ibkr-flex': 'IBKR Flex XML',
  csv: 'CSV',
  lifeboat: 'Lifeboat JSON',
};

export const STRATEGY_LABEL: Record<ReconcileStrategy, string> = {
  warn: 'Warn only',
  sync: 'Sync to broker',
  halt: 'Halt and alert',
};

export const STRATEGY_HINT: Record<ReconcileStrategy, string> = {
  warn: 'Report the discrepancies; change nothing.',
  sync: 'Take a checkpoint, then adopt the broker’s values for every discrepancy above tolerance.',
  halt: 'Disable trading on every account with a discrepancy above tolerance until a person resolves it.',
};

export const RESOLUTION_LABEL: Record<Resolution, string> = {
  accept_broker: 'Broker accepted',
  keep_local: 'Kept local',
  ignore: 'Ignored',
};

export const RESOLUTION_VERB: Record<Resolution, string> = {
  accept_broker: 'Accept the broker’s value',
  keep_local: 'Keep our value',
  ignore: 'Ignore',
};

/** "live", "checkpoint MAN_…", "Freqtrade /path/tradesv3.sqlite". */
export function againstLabel(against: string): string {
  if (against === 'live') return 'live state';
  if (against.startsWith('freqtrade:')) return `Freqtrade ${against.slice('freqtrade:'.length)}`;
  return `checkpoint ${against}`;
}
