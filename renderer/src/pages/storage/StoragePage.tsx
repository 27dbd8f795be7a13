// Storage: the hot, warm and cold tiers now (a diagram) and over time (charts), the placement
// policy with what it would move next and "Demote now", and what each checkpoint costs per tier
// with "Promote". The status is polled, so a tier that goes down or comes back shows by itself.
import { useEffect } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { formatBytes } from '../../format/bytes';
import { CheckpointCosts } from './CheckpointCosts';
import { PlacementPanel } from './PlacementPanel';
import { TierCharts } from './TierCharts';
import { TierDiagram } from './TierDiagram';
import { startStorageLive, useStorage } from './store/storage';
import './styles/storage.css';

export function StoragePage() {
  const status = useStorage((s) => s.status);
  const history = useStorage((s) => s.history);
  const error = useStorage((s) => s.error);
  const stamp = useStorage((s) => s.stamp);
  const loadStatus = useStorage((s) => s.loadStatus);
  useEffect(() => startStorageLive(), []);
  return (
    <section className="page page-storage" data-testid="page-storage">
      <PageHeader
        title="Storage"
        stamp={stamp}
        right={status ? <span className="st-db" data-testid="database-bytes">lifeboat.db {formatBytes(status.databaseBytes)} · auto-vacuum {status.autoVacuum}</span> : undefined}
      />
      <div className="page-body st-body">
        {error ? <ErrorPanel error={error} onRetry={() => void loadStatus()} /> : null}
        {status ? <TierDiagram tiers={status.tiers} /> : null}
        {history ? <TierCharts samples={history.samples} /> : null}
        <div className="st-lower">
          <PlacementPanel />
          <CheckpointCosts />
        </div>
      </div>
    </section>
  );
}
