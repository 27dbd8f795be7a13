// Reports out: the whole run as JSON, or its discrepancies as CSV (RFC 4180, one row per discrepancy).
import type { ReconcileReport } from '../../../shared/api/reconcile';
import { canonicalJson } from '../../../shared/canonical-json';

const COLUMNS = [
  'run_id', 'item_id', 'account_id', 'kind', 'severity', 'symbol', 'order_ref', 'strategies',
  'local_quantity', 'broker_quantity', 'local_avg_price', 'broker_avg_price', 'local_amount', 'broker_amount',
  'local_status', 'broker_status', 'delta', 'within_tolerance', 'message', 'broker_at',
  'resolution', 'resolution_reason', 'resolved_by', 'resolved_at',
] as const;

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(report: ReconcileReport): string {
  const lines = [COLUMNS.join(',')];
  for (const f of report.discrepancies) {
    const row: Record<(typeof COLUMNS)[number], unknown> = {
      run_id: report.runId,
      item_id: f.itemId,
      account_id: f.accountId,
      kind: f.kind,
      severity: f.severity,
      symbol: f.symbol,
      order_ref: f.orderRef,
      strategies: f.strategyIds.join(' '),
      local_quantity: f.local?.quantity,
      broker_quantity: f.broker?.quantity,
      local_avg_price: f.local?.avgPrice,
      broker_avg_price: f.broker?.avgPrice,
      local_amount: f.local?.amount,
      broker_amount: f.broker?.amount,
      local_status: f.local?.status,
      broker_status: f.broker?.status,
      delta: Object.entries(f.delta).map(([k, v]) => `${k}=${v}`).join(' '),
      within_tolerance: f.withinTolerance ? 'yes' : 'no',
      message: f.message,
      broker_at: f.brokerAt,
      resolution: f.resolution,
      resolution_reason: f.resolutionReason,
      resolved_by: f.resolvedBy,
      resolved_at: f.resolvedAt,
    };
    lines.push(COLUMNS.map((c) => cell(row[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function reportJson(report: ReconcileReport): string {
  return canonicalJson(report, 2) + '\n';
}
