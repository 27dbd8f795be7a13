// Steps 4 and 5: the rollback running, then its verified result with Undo.
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProgressBar } from '../../jobs/ProgressBar';
import { shownTime } from '../../format/time';
import { useCheckpoints } from './store/catalog';
import { useRollbackWizard, type RollbackRun } from './store/rollback';
import { WizardFoot, WizardResultHead, WizardStep } from '../../components/Wizard';
import { scopeText } from './ScopePicker';

export function ApplyStep() {
  const { run, targetId, scope, back } = useRollbackWizard();
  const running = !run.error && !run.outcome;
  return (
    <WizardStep testId="rollback-step-apply">
      <section className="panel cp-run">
        <h2 className="panel-title">
          Rolling back {scopeText(scope)} to <code>{targetId}</code>
        </h2>
        {run.job ? <ProgressBar job={run.job} testId="rollback-progress" /> : <div className="dim">Starting the rollback…</div>}
        <ol className="cp-plan cp-plan-live">
          <li className={run.job ? 'done' : 'now'}>Take a pre-rollback checkpoint of the live state</li>
          <li className={run.outcome ? 'done' : run.job ? 'now' : ''}>Apply the changes in one transaction</li>
          <li className={run.outcome ? 'done' : ''}>Verify the live state against the target</li>
        </ol>
        {run.error ? (
          <>
            <ErrorPanel error={run.error} title="The rollback did not happen" />
            <p className="cp-explain">The engine applies a rollback in one transaction: when it fails, the live state is as it was.</p>
          </>
        ) : null}
      </section>
      <WizardFoot note={running ? 'Working…' : undefined}>
        <button type="button" className="btn" onClick={back} disabled={running} data-testid="rollback-back">
          ← Back to the preview
        </button>
      </WizardFoot>
    </WizardStep>
  );
}

export function ResultStep() {
  const w = useRollbackWizard();
  const show = useCheckpoints((s) => s.show);
  const outcome = w.run.outcome;
  if (!outcome) return null;
  const undone = Boolean(w.undo.outcome);
  const undoing = Boolean(w.undo.job) && !w.undo.outcome && !w.undo.error;

  return (
    <WizardStep testId="rollback-step-result">
      <RunResult run={w.run} title={`Rolled back ${scopeText(w.scope)} to ${outcome.targetId}`} targetId={outcome.targetId} testId="rollback-result" />
      <section className={`panel cp-undo${undone ? ' done' : ''}`} data-testid="rollback-undo-panel">
        <h2 className="panel-title">Undo</h2>
        {undone && w.undo.outcome ? (
          <RunResult run={w.undo} title={`Undone: ${scopeText(w.scope)} is back to ${outcome.preRollbackId}`} targetId={outcome.preRollbackId} testId="undo-result" compact />
        ) : w.undo.job || w.undo.error ? (
          <>
            <ProgressBar job={w.undo.job} testId="undo-progress" />
            {w.undo.error ? <ErrorPanel error={w.undo.error} title="The undo did not happen" /> : null}
          </>
        ) : w.undoConfirming ? (
          <div className="cp-undo-confirm" data-testid="undo-confirm">
            <p className="cp-explain">
              Roll {scopeText(w.scope)} back to <code>{outcome.preRollbackId}</code>, the checkpoint taken just before this rollback. A new pre-rollback checkpoint is taken
              first, so the undo can be undone too.
            </p>
            <div className="cp-row">
              <button type="button" className="btn" onClick={() => w.askUndo(false)} data-testid="undo-cancel">
                Keep the rollback
              </button>
              <button type="button" className="btn btn-danger-solid" onClick={() => void w.applyUndo()} data-testid="undo-confirm-button">
                Undo the rollback
              </button>
            </div>
          </div>
        ) : (
          <div className="cp-row">
            <span className="cp-explain">
              The state from just before the rollback is kept in <code data-testid="pre-rollback-id">{outcome.preRollbackId}</code>.
            </span>
            <button type="button" className="btn btn-danger" onClick={() => w.askUndo(true)} disabled={undoing} data-testid="rollback-undo">
              Undo…
            </button>
          </div>
        )}
      </section>
      <WizardFoot>
        <button type="button" className="btn" onClick={() => show({ kind: 'detail', id: outcome.preRollbackId })} data-testid="open-pre-rollback">
          Inspect the pre-rollback checkpoint
        </button>
        <button type="button" className="btn" onClick={() => show({ kind: 'compare', from: outcome.targetId, to: 'live' })}>
          Compare target with live
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            w.reset();
            show({ kind: 'timeline' });
          }}
          data-testid="rollback-done"
        >
          Done
        </button>
      </WizardFoot>
    </WizardStep>
  );
}

/** What a finished rollback did and how we know it worked. */
function RunResult({ run, title, targetId, testId, compact }: { run: RollbackRun; title: string; targetId: string; testId: string; compact?: boolean }) {
  const o = run.outcome!;
  const check = run.check;
  const verified = check ? check.differing === 0 && check.rootMatches !== false : null;
  return (
    <section className={compact ? 'cp-result compact' : 'panel cp-result'} data-testid={testId} data-verified={verified === null ? 'pending' : String(verified)}>
      <WizardResultHead ok={verified !== false} tone="warn" title={title}>
        {shownTime(run.job?.finishedAt ?? null)} · <span className="num">{o.applied.changed.toLocaleString('en-US')}</span> rows changed,{' '}
        <span className="num">{o.applied.added.toLocaleString('en-US')}</span> restored, <span className="num">{o.applied.removed.toLocaleString('en-US')}</span> removed
      </WizardResultHead>
      <dl className="cp-facts cp-facts-wide">
        <div>
          <dt>Engine check</dt>
          <dd>
            <Badge tone="ok">VERIFIED</Badge>{' '}
            {o.scope.accountId || o.scope.strategyId ? 'every row in scope equals the target' : 'the live root hash equals the target’s'}
          </dd>
        </div>
        <div>
          <dt>Checked again</dt>
          <dd data-testid={`${testId}-check`}>
            {check ? (
              check.differing === 0 && check.rootMatches !== false ? (
                <>
                  <Badge tone="ok">MATCHES</Badge> 0 rows in scope differ from <code>{targetId}</code>
                  {check.rootMatches ? ' · root hash equal' : ''} <span className="dim">({shownTime(check.checkedAt, false)})</span>
                </>
              ) : (
                <>
                  <Badge tone="warn">MOVED</Badge> {check.differing.toLocaleString('en-US')} rows differ now: the live state changed after the rollback (is a bot running?)
                </>
              )
            ) : run.checkError ? (
              <span className="neg">{run.checkError.message}</span>
            ) : (
              <span className="dim">checking…</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Live root hash</dt>
          <dd>
            <code className="break">{o.rootHash}</code>
          </dd>
        </div>
        {!compact ? (
          <div>
            <dt>Pre-rollback</dt>
            <dd>
              <code>{o.preRollbackId}</code>
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
