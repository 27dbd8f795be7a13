// Verify a destination: structure, all data, or a subset of the packs, as a job. Its result: the
// coverage bar, and when it found damage, the snapshots it affects, named.
import type { DestinationInfo } from '../../../../shared/api/backup-channels';
import { Badge } from '../../components/Badge';
import { ProgressTrack } from '../../components/ProgressTrack';
import { JobLine } from '../../jobs/JobLine';
import { coverageFraction, VERIFY_MODE_LABEL, VERIFY_MODE_MEANING, type VerifyMode } from './model/operations';
import { durationText, formatBytes } from './model/labels';
import { useOperations } from './store/operations';

const MODES: VerifyMode[] = ['structure', 'read-data', 'subset'];

export function VerifyPanel({ destination, disabled }: { destination: DestinationInfo; disabled: boolean }) {
  const form = useOperations((s) => s.verifyForm);
  const setForm = useOperations((s) => s.setVerifyForm);
  const problem = useOperations((s) => s.verifyProblem);
  const run = useOperations((s) => s.verify);
  const start = useOperations((s) => s.startVerify);
  const cancel = useOperations((s) => s.cancelVerify);
  const running = run.job?.state === 'running';
  return (
    <form
      className="panel bk-op"
      onSubmit={(e) => {
        e.preventDefault();
        void start(destination.name);
      }}
      data-testid="verify"
    >
      <h2 className="panel-title">Verify</h2>
      <div className="bk-op-row">
        <div className="segmented" role="radiogroup" aria-label="What to verify">
          {MODES.map((m) => (
            <button key={m} type="button" role="radio" aria-checked={form.mode === m} className={`seg${form.mode === m ? ' active' : ''}`} onClick={() => setForm({ mode: m })} data-testid={`verify-mode-${m}`}>
              {VERIFY_MODE_LABEL[m]}
            </button>
          ))}
        </div>
        {form.mode === 'subset' ? (
          <input
            className={`input bk-subset${problem ? ' bad' : ''}`}
            value={form.subset}
            onChange={(e) => setForm({ subset: e.target.value })}
            placeholder="1/7 or 15%"
            aria-label="Subset"
            data-testid="verify-subset"
          />
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={running || disabled} data-testid="verify-submit">
          {running ? 'Verifying…' : 'Verify'}
        </button>
      </div>
      <div className="bk-op-note dim">{VERIFY_MODE_MEANING[form.mode]}.</div>
      {problem ? <div className="bk-field-error">{problem}</div> : null}
      <JobLine run={run} onCancel={() => void cancel()} testId="verify-job" failedTitle="The verify did not complete" />
    </form>
  );
}

export function VerifyResultPanel({ destination }: { destination: string }) {
  const result = useOperations((s) => s.verifyResult);
  const running = useOperations((s) => s.verify.job?.state === 'running');
  if (!result || result.destination !== destination || running) return null;
  const c = result.coverage;
  const fraction = coverageFraction(c);
  const damaged = result.problems.some((p) => p.snapshots.length > 0) || !result.ok;
  return (
    <section className={`panel bk-verify-result${damaged ? ' bad' : ''}`} data-testid="verify-result" data-ok={String(result.ok)}>
      <div className="bk-verify-head">
        {result.ok ? (
          <Badge tone="ok" testId="verify-verdict">
            NO DAMAGE
          </Badge>
        ) : (
          <Badge tone="halt" testId="verify-verdict">
            DAMAGE FOUND
          </Badge>
        )}
        <span>
          {result.snapshots} snapshots, {result.indexFiles} index files, {result.packs} packs, {result.objects.toLocaleString('en-US')} objects
          {result.readData ? ` · read ${result.packsRead.length} packs (${formatBytes(result.bytesRead)})` : ' · structure only'} · {durationText(result.seconds)}
        </span>
      </div>
      <div className="bk-coverage" data-testid="verify-coverage" title={`${c.neverVerified} packs never read by a verify`}>
        <span className="field-label">Coverage</span>
        <ProgressTrack fraction={fraction} label="Packs read by a verify" max={c.packs} now={c.verified} />
        <span className="num" data-testid="verify-coverage-text">
          {c.verified} of {c.packs} packs read in the last {c.periodDays} days · {c.neverVerified} never
        </span>
      </div>
      {result.unindexedPacks ? <div className="dim">{result.unindexedPacks} packs left by interrupted runs (a forget with prune removes them).</div> : null}
      {!result.ok ? (
        <div className="error-panel" role="alert" data-testid="verify-damage">
          <div className="error-head">
            <span className="error-code">verification_failed</span>
            <span className="error-title">
              {result.problems.length} {result.problems.length === 1 ? 'problem' : 'problems'} in the repository on {destination}
            </span>
          </div>
          <ul className="bk-problems">
            {result.problems.map((p, i) => (
              <li key={`${p.where}-${i}`} data-testid="verify-problem">
                <code className="break">{p.where}</code>: {p.message}
                {p.snapshots.length ? (
                  <div>
                    Snapshots affected (cannot be restored whole):{' '}
                    {p.snapshots.map((id) => (
                      <code key={id} className="bk-damaged-id" data-testid="verify-damaged-snapshot">
                        {id}
                      </code>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
