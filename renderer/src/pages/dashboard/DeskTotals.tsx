// The desk in six numbers.
import type { DeskStatus } from '../../../../shared/api/contract';

const TILES: { key: keyof DeskStatus['counts']; label: string; testId: string }[] = [
  { key: 'accounts', label: 'Accounts', testId: 'desk-total-accounts' },
  { key: 'strategies', label: 'Strategies', testId: 'desk-total-strategies' },
  { key: 'positions', label: 'Positions', testId: 'desk-total-positions' },
  { key: 'openOrders', label: 'Open orders', testId: 'desk-total-open-orders' },
  { key: 'orders', label: 'Orders', testId: 'desk-total-orders' },
  { key: 'auditEntries', label: 'Audit entries', testId: 'desk-total-audit' },
];

export function DeskTotals({ counts }: { counts: DeskStatus['counts'] }) {
  return (
    <div className="totals" data-testid="desk-totals">
      {TILES.map((t) => (
        <div key={t.key} className="total">
          <div className="total-label">{t.label}</div>
          <div className="total-value num" data-testid={t.testId}>
            {counts[t.key].toLocaleString('en-US')}
          </div>
        </div>
      ))}
    </div>
  );
}
