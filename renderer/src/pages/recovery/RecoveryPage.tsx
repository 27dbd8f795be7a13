// Recovery: what the failure detectors find in this desk (the same report as `lifeboat doctor`),
// problems first, each with the evidence it saw and the playbook that answers it. The playbooks —
// step-by-step wizards — come next; until then each finding says which one it will be.
import { useEffect } from 'react';
import type { Finding } from '../../../../shared/api/recovery';
import { Badge, type BadgeTone } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { utcStamp } from '../../format/time';
import { doctorHeadline, findingState, orderedFindings, playbookName, STATE_LABEL, type FindingState } from './model/findings';
import { useDoctor } from './store/doctor';
import './styles/recovery.css';

const TONE: Record<FindingState, BadgeTone> = { critical: 'halt', warning: 'warn', info: 'neutral', 'not-checked': 'warn', ok: 'ok' };

export function RecoveryPage() {
  const report = useDoctor((s) => s.report);
  const running = useDoctor((s) => s.running);
  const error = useDoctor((s) => s.error);
  const stamp = useDoctor((s) => s.stamp);
  const run = useDoctor((s) => s.run);
  useEffect(() => void run(), [run]);

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
        {error ? <ErrorPanel error={error} title="The detectors could not run" onRetry={() => void run()} /> : null}
        {report ? (
          <>
            <div className={`rv-headline${report.problems ? ' bad' : ''}`} data-testid="doctor-headline" data-problems={String(report.problems)} data-checked-at={report.checkedAt}>
              {doctorHeadline(report)}
              <span className="dim">
                {' '}
                Checked {utcStamp(report.checkedAt)}
                {report.readFrom ? ` from ${report.readFrom}` : ''}. Playbooks (step-by-step wizards) come next: each finding names the one that will answer it.
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
      </div>
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
