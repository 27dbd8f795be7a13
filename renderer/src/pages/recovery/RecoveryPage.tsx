// Recovery: what the failure detectors find in this desk (the same report as `lifeboat doctor`),
// problems first, each with the evidence it saw and the playbook that answers it; and the
// recoveries and drills run on it with their RTO and RPO, over time, and a drill to run now (the
// damaged-database playbook practised on a sandbox copy; the live desk is not touched). The
// playbooks as wizards in the console come next; until then each finding says which one answers it.
import { useEffect } from 'react';
import type { Finding } from '../../../../shared/api/recovery';
import { Badge, type BadgeTone } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { shownTime, stampTitle, zoned } from '../../format/time';
import { formatSpan } from '../checkpoints/model/timeline';
import { doctorHeadline, findingState, orderedFindings, playbookName, STATE_LABEL, type FindingState } from './model/findings';
import { JobLine } from '../../jobs/JobLine';
import { runKind } from './model/history';
import { Escalations } from './Escalations';
import { RecoveryChart } from './RecoveryChart';
import { useDoctor } from './store/doctor';
import { useDrill } from './store/drill';
import './styles/recovery.css';

const TONE: Record<FindingState, BadgeTone> = { critical: 'halt', warning: 'warn', info: 'neutral', 'not-checked': 'warn', ok: 'ok' };

export function RecoveryPage() {
  const report = useDoctor((s) => s.report);
  const running = useDoctor((s) => s.running);
  const error = useDoctor((s) => s.error);
  const stamp = useDoctor((s) => s.stamp);
  const run = useDoctor((s) => s.run);
  const loadHistory = useDoctor((s) => s.loadHistory);
  useEffect(() => {
    void run();
    void loadHistory();
  }, [run, loadHistory]);

  return (
    <section className="page page-recovery" data-testid="page-recovery">
      <PageHeader
        title="Recovery"
        stamp={stamp}
        right={
          <button type="button" className="btn" onClick={() => void run()} disabled={running} data-testid="doctor-run" title="Run every detector again (read-only: no lock, nothing written)">
            {running ? 'Checking…' : 'Check again'}
          </button>
        }
      />
      <div className="page-body rv-body">
        <Escalations />
        {error ? <ErrorPanel error={error} title="The detectors could not run" onRetry={() => void run()} /> : null}
        {report ? (
          <>
            <div className={`rv-headline${report.problems ? ' bad' : ''}`} data-testid="doctor-headline" data-problems={String(report.problems)} data-checked-at={report.checkedAt}>
              {doctorHeadline(report)}
              <span className="dim">
                {' '}
                Checked {shownTime(report.checkedAt)}
                {report.readFrom ? ` from ${report.readFrom}` : ''}. Each finding names the playbook that answers it (today from the CLI: lifeboat recover).
              </span>
            </div>
            <ol className="rv-findings" data-testid="doctor-findings">
              {orderedFindings(report).map((f) => (
                <FindingRow key={f.detector} f={f} />
              ))}
            </ol>
          </>
        ) : !error ? (
          <div className="dim">Running the detectors…</div>
        ) : null}
        <RecoveryHistory />
      </div>
    </section>
  );
}

/** The recoveries and drills run on this desk, newest first, each with its RTO and RPO; and a drill to run now. */
function RecoveryHistory() {
  const history = useDoctor((s) => s.history);
  const error = useDoctor((s) => s.historyError);
  const drill = useDrill((s) => s.run);
  const startDrill = useDrill((s) => s.start);
  const cancelDrill = useDrill((s) => s.cancel);
  const drilling = drill.job?.state === 'running';
  if (error) return <ErrorPanel error={error} title="The recovery history could not be read" />;
  if (!history) return null;
  const result = drill.job?.kind === 'drill' && drill.job.state === 'succeeded' ? drill.job.result : null;
  return (
    <section className="panel rv-history" data-testid="recovery-history">
      <div className="rv-history-head">
        <h2 className="panel-title">Recoveries and drills</h2>
        <button
          type="button"
          className="btn"
          onClick={() => void startDrill()}
          disabled={drilling}
          data-testid="drill-run"
          title="Practise the damaged-database playbook on a sandbox copy of this desk, restored from the newest backup and measured; the live desk is not touched"
        >
          {drilling ? 'Drilling…' : 'Run drill'}
        </button>
      </div>
      <JobLine run={drill} onCancel={() => void cancelDrill()} testId="drill-job" failedTitle="The drill did not finish" />
      {result ? (
        <p className={`rv-drill-result${result.passed ? '' : ' bad'}`} data-testid="drill-result" data-passed={String(result.passed)}>
          {result.passed && result.record ? (
            <>
              Drill passed: the damaged copy came back verified from{' '}
              {result.record.restoredFrom?.snapshotId ? (
                <>
                  snapshot <code>{result.record.restoredFrom.snapshotId}</code> of {result.record.restoredFrom.destination}
                </>
              ) : (
                'its newest good point'
              )}{' '}
              — RTO <span className="num">{result.record.rtoSeconds.toFixed(2)} s</span>, RPO <span className="num">{formatSpan(result.record.rpoSeconds * 1000)}</span>.
            </>
          ) : (
            <>Drill failed: {result.failure}</>
          )}
        </p>
      ) : null}
      {history.length === 0 ? (
        <p className="dim">
          No recovery or drill has run on this desk. Run drill practises the damaged-database playbook on a copy and measures it (also <code>lifeboat recover damaged-database --drill</code>).
        </p>
      ) : (
        <>
          <RecoveryChart history={history} />
          <table className="rv-history-table">
            <thead>
              <tr>
                <th>{zoned('Detected')}</th>
                <th>Kind</th>
                <th>Playbook</th>
                <th>Back at</th>
                <th className="r" title="Fault detected → desk verified">RTO</th>
                <th className="r" title="Fault detected − the time of the point restored">RPO</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={`${r.detectedAt}-${r.verifiedAt}`} data-testid="recovery-run" data-kind={runKind(r)}>
                  <td className="num" title={stampTitle(r.detectedAt)}>
                    {shownTime(r.detectedAt, false)}
                  </td>
                  <td>
                    <Badge tone={r.drill ? 'neutral' : 'warn'}>{runKind(r)}</Badge>
                  </td>
                  <td>
                    {playbookName(r.playbook)}
                    {r.resumed ? <span className="dim"> (resumed)</span> : null}
                  </td>
                  <td>
                    {r.restoredFrom?.snapshotId ? (
                      <>
                        snapshot <code>{r.restoredFrom.snapshotId}</code> of {r.restoredFrom.destination} ({shownTime(r.restoredPointTime)})
                      </>
                    ) : (
                      shownTime(r.restoredPointTime)
                    )}
                  </td>
                  <td className="r num" data-testid="recovery-rto">
                    {r.rtoSeconds.toFixed(2)} s
                  </td>
                  <td className="r num" data-testid="recovery-rpo">
                    {formatSpan(r.rpoSeconds * 1000)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function FindingRow({ f }: { f: Finding }) {
  const state = findingState(f);
  const problem = state !== 'ok';
  return (
    <li className={`rv-finding rv-${state}`} data-testid="doctor-finding" data-detector={f.detector} data-state={state}>
      <Badge tone={TONE[state]}>{STATE_LABEL[state]}</Badge>
      <div className="rv-finding-body">
        <div className="rv-finding-title">{f.title}</div>
        <div className="rv-evidence" data-testid="doctor-evidence">
          {f.evidence.text}
        </div>
      </div>
      <div className="rv-playbook" title={problem ? 'The playbook that answers it' : undefined}>
        {problem ? (
          <>
            <span className="field-label">Playbook</span> <span data-testid="doctor-playbook">{playbookName(f.playbook)}</span>
          </>
        ) : null}
      </div>
    </li>
  );
}
