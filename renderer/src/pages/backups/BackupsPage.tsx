// Backups: the destinations, a destination's snapshots (take a backup, verify, pin), its schedule
// and retention, the restore wizard, and adding a destination. The view is kept in the address
// (model/route.ts).
import { useEffect } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Crumbs, PageHeader } from '../../components/PageHeader';
import { AddDestination } from './AddDestination';
import { DestinationList } from './DestinationList';
import { PoliciesView } from './PoliciesView';
import { RecoveryKeyDialog } from './RecoveryKeyDialog';
import { RestoreWizard } from './RestoreWizard';
import { SnapshotsView } from './SnapshotsView';
import { currentDestination, startBackupsLive, useBackups } from './store/backups';
// The page's styles, one file per part, in cascade order.
import './styles/page.css';
import './styles/destinations.css';
import './styles/operations.css';
import './styles/policies.css';
import './styles/restore.css';
import './styles/dialog.css';

export function BackupsPage() {
  const view = useBackups((s) => s.view);
  const show = useBackups((s) => s.show);
  const destinations = useBackups((s) => s.destinations);
  const error = useBackups((s) => s.error);
  const stamp = useBackups((s) => s.stamp);
  const load = useBackups((s) => s.load);
  useEffect(() => startBackupsLive(), []);
  const current = currentDestination(view, destinations);
  const name = current?.name ?? null;

  return (
    <section className="page page-backups" data-testid="page-backups" data-view={view.kind}>
      <PageHeader
        title={
          view.kind === 'snapshots' || view.kind === 'policies' ? (
            'Backups'
          ) : (
            <Crumbs home="Backups" onHome={() => show({ kind: 'snapshots', destination: name })} testId="backups-home">
              {view.kind === 'add' ? 'Add destination' : 'Restore'}
            </Crumbs>
          )
        }
        stamp={stamp}
        right={
          <>
            {current && (view.kind === 'snapshots' || view.kind === 'policies') ? (
              <nav className="bk-views" aria-label="Backups views">
                <button type="button" className={`tab${view.kind === 'snapshots' ? ' active' : ''}`} onClick={() => show({ kind: 'snapshots', destination: name })} data-testid="backups-tab-snapshots">
                  Snapshots
                </button>
                <button type="button" className={`tab${view.kind === 'policies' ? ' active' : ''}`} onClick={() => show({ kind: 'policies', destination: name })} data-testid="backups-tab-policies">
                  Schedule &amp; retention
                </button>
              </nav>
            ) : null}
            {current?.repositoryId && view.kind !== 'restore' ? (
              <button type="button" className="btn" onClick={() => show({ kind: 'restore', destination: current.name, snapshotId: null })} data-testid="backups-restore">
                Restore…
              </button>
            ) : null}
            <button
              type="button"
              className={view.kind === 'add' ? 'btn' : 'btn btn-primary'}
              onClick={() => show({ kind: 'add' })}
              disabled={view.kind === 'add'}
              data-testid="backups-add-destination"
            >
              Add destination
            </button>
          </>
        }
      />
      <div className={`page-body bk-body bk-body-${view.kind}`}>
        {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
        {view.kind === 'add' ? (
          <AddDestination />
        ) : view.kind === 'restore' ? (
          current ? (
            <RestoreWizard destination={current} snapshotId={view.snapshotId} />
          ) : (
            <NoDestination />
          )
        ) : (
          <>
            <DestinationList current={name} />
            {destinations && destinations.length > 0 && !current ? <div className="panel dim">No destination named “{view.destination}” here.</div> : null}
            {current ? view.kind === 'snapshots' ? <SnapshotsView destination={current} /> : <PoliciesView destination={current} /> : null}
          </>
        )}
      </div>
      <RecoveryKeyDialog />
    </section>
  );
}

function NoDestination() {
  return <div className="panel dim">Choose a destination with a repository first.</div>;
}
