// A run's verdict counts what still needs a decision: resolving a critical difference takes it out
// of the "(N critical)" of the verdict, as it takes it out of the open count.
import { describe, expect, it } from 'vitest';
import { summarise } from '../../../electron/engine/reconcile/summary';
import type { BrokerSnapshot, Discrepancy } from '../../../shared/api/reconcile';

const snapshot: BrokerSnapshot = { asOf: null, accounts: [{ accountId: 'a1', positions: [], orders: [], cash: [] }] } as unknown as BrokerSnapshot;

function finding(itemId: string, severity: Discrepancy['severity'], resolution: Discrepancy['resolution'] = null): Discrepancy {
  return {
    itemId,
    accountId: 'a1',
    kind: 'quantity_mismatch',
    severity,
    symbol: 'AAPL',
    orderRef: null,
    strategyIds: [],
    local: { quantity: '1' },
    broker: { quantity: '2' },
    delta: { quantity: '1' },
    withinTolerance: false,
    message: '',
    brokerAt: null,
    resolution,
    resolutionReason: null,
    resolvedBy: null,
    resolvedAt: null,
  };
}

describe('the verdict of a run', () => {
  it('counts the critical differences still open, not those resolved', () => {
    const all = [finding('F1', 'critical'), finding('F2', 'critical'), finding('F3', 'warning')];
    expect(summarise(snapshot, all).verdict).toBe('3 of 3 discrepancies need a decision (2 critical).');
    const oneResolved = [finding('F1', 'critical', 'accept_broker'), finding('F2', 'critical'), finding('F3', 'warning')];
    expect(summarise(snapshot, oneResolved).verdict).toBe('2 of 3 discrepancies need a decision (1 critical).');
    const criticalsResolved = [finding('F1', 'critical', 'accept_broker'), finding('F2', 'critical', 'keep_local'), finding('F3', 'warning')];
    expect(summarise(snapshot, criticalsResolved).verdict).toBe('1 of 3 discrepancies need a decision (0 critical).');
    expect(summarise(snapshot, criticalsResolved.map((f) => ({ ...f, resolution: f.resolution ?? 'keep_local' }))).verdict).toBe('3 discrepancies, all resolved.');
  });
});
