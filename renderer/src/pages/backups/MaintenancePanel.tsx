// A destination's upkeep: prove a snapshot restores (a test restore into a sandbox: opened,
// integrity_check, root hash recomputed), and forget what the retention rules no longer keep or one
// snapshot — a dry run first, listing what would go, then the real forget and prune on a click.
import { minuteStamp } from '../../format/time';
import { useState } from 'react';
import type { DestinationInfo } from '../../../../shared/api/backup-channels';
import { Badge } from '../../components/Badge';
import { JobLine } from '../../jobs/JobLine';
import { forgetSummary, testRestoreVerdict } from './model/maintenance';
import { useBackups } from './store/backups';
import { isRunning } from '../../jobs/job-run';
import { useMaintenance, type ForgetWhat } from './store/maintenance';

export function MaintenancePanel({ destination, disabled }: { destination: DestinationInfo; disabled: boolean }) {
  // Folded by default: the snapshot table keeps the room on a laptop screen.
  return (
    <details className="bk-upkeep" data-testid="upkeep">
      <summary>Test restore, forget and prune</summary>
      <div className="bk-ops">
        <TestRestore destination={destination.name} disabled={disabled} />
        <Forget destination={destination.name} disabled={disabled} />
      </div>
    </details>
  );
}

function useNewestFirst(destination: string) {
  const snapshots = useBackups((s) => s.snapshots[destination]?.list) ?? [];
  return [...snapshots].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function SnapshotOptions({ snapshots }: { snapshots: ReturnType<typeof useNewestFirst> }) {
  return (
    <>
      {snapshots.map((s) => (
        <option key={s.id} value={s.id}>
          {s.id} · {s.type} · {minuteStamp(s.createdAt)}
          {s.pinned ? ' · pinned' : ''}
        </option>
      ))}
    </>
  );
}

function TestRestore({ destination, disabled }: { destination: string; disabled: boolean }) {
  const snapshots = useNewestFirst(destination);
  const [chosen, setChosen] = useState('');
  const run = useMaintenance((s) => s.testRestore);
  const result = useMaintenance((s) => s.testRestoreResult);
  const start = useMaintenance((s) => s.startTestRestore);
  const cancel = useMaintenance((s) => s.cancelTestRestore);
  const verdict = result ? testRestoreVerdict(result) : null;
  return (
    <section className="panel bk-op" data-testid="test-restore">
      <h2 className="panel-title">Test restore</h2>
      <div className="bk-op-row">
        <label className="field-stack bk-grow">
          <span className="field-label">Snapshot</span>
          <select className="input" value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="test-restore-snapshot">
            <option value="">the newest</option>
            <SnapshotOptions snapshots={snapshots} />
          </select>
        </label>
        <button
          type="button"
          className="btn"
          disabled={disabled || isRunning(run) || snapshots.length === 0}
          onClick={() => void start(destination, chosen || null)}
          data-testid="test-restore-start"
          title="Restore into a sandbox folder, open it, run integrity_check and recompute the root hash; the live desk is not touched"
        >
          {isRunning(run) ? 'Restoring…' : 'Test restore'}
        </button>
      </div>
      <JobLine run={run} onCancel={() => void cancel()} testId="test-restore-job" failedTitle="The test restore failed" />
      {verdict && !isRunning(run) ? (
        <div className={`bk-op-note${verdict.verified ? '' : ' bad'}`} data-testid="test-restore-result">
          <Badge tone={verdict.verified ? 'ok' : 'halt'}>{verdict.verified ? 'VERIFIED' : 'FAILED'}</Badge> {verdict.text}
        </div>
      ) : null}
    </section>
  );
}

function Forget({ destination, disabled }: { destination: string; disabled: boolean }) {
  const snapshots = useNewestFirst(destination);
  // '' : by the retention rules; else the id of the one snapshot to forget.
  const [chosen, setChosen] = useState('');
  const what: ForgetWhat = chosen ? { snapshotId: chosen } : { retention: true };
  const run = useMaintenance((s) => s.forget);
  const preview = useMaintenance((s) => s.forgetPreview);
  const result = useMaintenance((s) => s.forgetResult);
  const previewForget = useMaintenance((s) => s.previewForget);
  const confirmForget = useMaintenance((s) => s.confirmForget);
  const clear = useMaintenance((s) => s.clearForget);
  const cancel = useMaintenance((s) => s.cancelForget);
  const shownFor = preview?.destination === destination ? preview : null;
  return (
    <section className="panel bk-op" data-testid="forget">
      <h2 className="panel-title">Forget and prune</h2>
      <p className="dim bk-op-note">Forgets snapshots, then removes the packs no kept snapshot needs. By the rules, pinned snapshots, the newest and the newest full stay.</p>
      <div className="bk-op-row">
        <label className="field-stack bk-grow">
          <span className="field-label">What to forget</span>
          <select
            className="input"
            value={chosen}
            onChange={(e) => {
              setChosen(e.target.value);
              clear();
            }}
            data-testid="forget-what"
          >
            <option value="">what the retention rules no longer keep</option>
            <SnapshotOptions snapshots={snapshots} />
          </select>
        </label>
        <button type="button" className="btn" disabled={disabled || isRunning(run)} onClick={() => void previewForget(destination, what)} data-testid="forget-preview">
          Preview (dry run)
        </button>
        {shownFor && shownFor.forgotten.length > 0 ? (
          <>
            <button type="button" className="btn btn-danger" disabled={isRunning(run)} onClick={() => void confirmForget(destination, what)} data-testid="forget-confirm">
              Forget {shownFor.forgotten.length} and prune
            </button>
            <button type="button" className="btn btn-ghost" onClick={clear}>
              Not now
            </button>
          </>
        ) : null}
      </div>
      <JobLine run={run} onCancel={() => void cancel()} testId="forget-job" failedTitle="The forget failed" />
      {shownFor ? (
        <div className="bk-op-note" data-testid="forget-preview-result">
          {forgetSummary(shownFor)}
          {shownFor.forgotten.length > 0 ? <div className="mono dim">{shownFor.forgotten.join(' ')}</div> : null}
        </div>
      ) : null}
      {result?.destination === destination ? (
        <div className="bk-op-note" data-testid="forget-result">
          {forgetSummary(result)}
        </div>
      ) : null}
    </section>
  );
}
