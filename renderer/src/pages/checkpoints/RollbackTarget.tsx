// Step 1: which checkpoint to roll back to, and how much of the desk.
import { useMemo } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProgressBar } from '../../jobs/ProgressBar';
import { RelativeTime } from '../../components/RelativeTime';
import { shownTime } from '../../format/time';
import { useCheckpoints } from './store/catalog';
import { useRollbackWizard } from './store/rollback';
import { PinMark, StatusBadge, TypeBadge } from './badges';
import { TYPE_LABEL } from './model/labels';
import { WizardFoot, WizardStep } from '../../components/Wizard';
import { ScopePicker, scopeText } from './ScopePicker';

const PICKER_LIMIT = 500;

export function TargetStep() {
  const w = useRollbackWizard();
  const data = useCheckpoints((s) => s.data);
  const byId = useCheckpoints((s) => s.byId);
  const show = useCheckpoints((s) => s.show);
  const target = w.targetId ? byId.get(w.targetId) : undefined;
  const options = useMemo(() => [...(data?.checkpoints ?? [])].reverse().slice(0, PICKER_LIMIT), [data]);
  const corrupt = target?.status === 'corrupt';

  return (
    <WizardStep testId="rollback-step-target">
      <div className="cp-step-grid">
        <section className="panel">
          <h2 className="panel-title">Roll back to</h2>
          <select className="input cp-ref cp-wide" value={w.targetId ?? ''} onChange={(e) => w.setTarget(e.target.value)} data-testid="rollback-target">
            {w.targetId && !options.some((c) => c.checkpointId === w.targetId) ? <option value={w.targetId}>{w.targetId}</option> : null}
            {options.map((c) => (
              <option key={c.checkpointId} value={c.checkpointId} disabled={c.status === 'corrupt'}>
                {c.checkpointId} · {TYPE_LABEL[c.type]}
                {c.label ? ` · ${c.label}` : ''} · {shownTime(c.createdAt, false)}
                {c.status === 'corrupt' ? ' · CORRUPT' : ''}
              </option>
            ))}
          </select>
          {target ? (
            <div className="cp-target" data-testid="rollback-target-card">
              <div className="cp-card-head">
                <TypeBadge type={target.type} />
                <StatusBadge info={target} />
                <PinMark pinned={target.pinned} />
              </div>
              {target.label ? <div className="cp-card-label">{target.label}</div> : null}
              <dl className="cp-facts">
                <div>
                  <dt>Taken</dt>
                  <dd>
                    {shownTime(target.createdAt)} · <RelativeTime iso={target.createdAt} />
                  </dd>
                </div>
                <div>
                  <dt>Holds</dt>
                  <dd className="num">
                    {(target.counts.positions ?? 0).toLocaleString('en-US')} positions · {(target.counts.orders ?? 0).toLocaleString('en-US')} orders ·{' '}
                    {(target.counts.strategies ?? 0).toLocaleString('en-US')} strategies
                  </dd>
                </div>
              </dl>
              {target.status !== 'ok' ? (
                <div className={`cp-callout ${corrupt ? 'bad' : 'warn'}`}>
                  {corrupt ? (
                    <>This checkpoint failed verification ({target.statusDetail ?? 'no detail'}) and cannot be a rollback target.</>
                  ) : (
                    <>
                      Not verified yet. The engine refuses a corrupt target anyway; verifying first tells you now.
                      <div className="cp-inline-verify">
                        <button type="button" className="btn btn-small" onClick={() => void w.verifyTarget()} disabled={w.targetVerify?.state === 'running'} data-testid="rollback-verify-target">
                          Verify now
                        </button>
                        {w.targetVerify ? <ProgressBar job={w.targetVerify} /> : null}
                      </div>
                    </>
                  )}
                </div>
              ) : null}
              {w.targetVerifyError ? <ErrorPanel error={w.targetVerifyError} /> : null}
            </div>
          ) : (
            <div className="dim">Choose a checkpoint.</div>
          )}
        </section>
        <section className="panel">
          <h2 className="panel-title">Scope</h2>
          <ScopePicker scope={w.scope} onChange={w.setScope} testId="rollback-scope" />
          <p className="cp-explain">
            Roll back <strong>{scopeText(w.scope)}</strong>. Outside the scope nothing is touched: other accounts and strategies keep their live state.
          </p>
          <ol className="cp-plan">
            <li>Preview exactly which positions, orders, balances and strategy fields would change.</li>
            <li>Confirm by typing the checkpoint id. Nothing changes before that.</li>
            <li>A pre-rollback checkpoint of the live state is taken, the changes are applied in one transaction, and the result is verified against the target.</li>
            <li>Undo at any time by rolling back to the pre-rollback checkpoint.</li>
          </ol>
        </section>
      </div>
      <WizardFoot note="Nothing has changed yet.">
        <button type="button" className="btn" onClick={() => show({ kind: 'timeline' })} data-testid="rollback-cancel">
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void w.toPreview()} disabled={!target || corrupt} data-testid="rollback-next">
          Preview changes →
        </button>
      </WizardFoot>
    </WizardStep>
  );
}
