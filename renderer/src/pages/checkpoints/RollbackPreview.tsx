// Steps 2 and 3: what the rollback would change (a dry run, nothing written), then the typed
// confirmation.
import { useMemo, useState } from 'react';
import { Badge } from '../../components/Badge';
import { DecimalText } from '../../components/DecimalText';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useCheckpoints } from './store/catalog';
import { useRollbackWizard } from './store/rollback';
import { ChangeTable } from './ChangeTable';
import { DiffSummary, type SummaryFilter } from './DiffSummary';
import { columnScale } from '../../format/decimal';
import { cashChanges, changedTables, diffTotal, tableLabel } from './model/compare';
import { TYPE_LABEL } from './model/labels';
import { WizardFoot, WizardStep } from '../../components/Wizard';
import { scopeText } from './ScopePicker';

const SIDES = ['Now (live)', 'After rollback'] as const;

export function PreviewStep() {
  const { preview, previewError, previewLoading, targetId, scope, back, toConfirm, toPreview } = useRollbackWizard();
  const [summary, setSummary] = useState<SummaryFilter>({ table: null, accountId: undefined });
  const total = preview ? diffTotal(preview) : 0;
  return (
    <WizardStep className="cp-step-fill" testId="rollback-step-preview">
      <div className="cp-step-lead">
        <Badge tone="info">DRY RUN</Badge>
        {previewLoading ? (
          <span>Working out what rolling back {scopeText(scope)} to {targetId} would change…</span>
        ) : preview ? (
          total === 0 ? (
            <span data-testid="rollback-preview-none">The live state already matches {targetId} in {scopeText(scope)}: there is nothing to roll back.</span>
          ) : (
            <span data-testid="rollback-preview-total">
              Rolling back {scopeText(scope)} to <code>{targetId}</code> would change <strong className="num">{total.toLocaleString('en-US')}</strong> rows. Nothing has
              changed yet.
            </span>
          )
        ) : null}
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void toPreview()} disabled={previewLoading} title="The live state may have moved since" data-testid="rollback-preview-refresh">
          Refresh
        </button>
      </div>
      {previewError ? <ErrorPanel error={previewError} onRetry={() => void toPreview()} /> : null}
      {preview ? (
        <>
          <DiffSummary diff={preview} filter={summary} onFilter={setSummary} />
          <div className="cp-change-wrap">
            <ChangeTable diff={preview} summary={summary} onSummary={setSummary} testId="rollback-preview-table" sides={SIDES} />
          </div>
        </>
      ) : null}
      <WizardFoot note="Nothing has changed yet.">
        <button type="button" className="btn" onClick={back} data-testid="rollback-back">
          ← Back
        </button>
        <button type="button" className="btn btn-primary" onClick={toConfirm} disabled={!preview || total === 0 || previewLoading} data-testid="rollback-next">
          Continue to confirmation →
        </button>
      </WizardFoot>
    </WizardStep>
  );
}

export function ConfirmStep() {
  const { preview, targetId, scope, typed, setTyped, back, apply } = useRollbackWizard();
  const target = useCheckpoints((s) => (targetId ? s.byId.get(targetId) : undefined));
  const matches = typed.trim() === targetId;
  const tables = preview ? changedTables(preview) : [];
  const cash = useMemo(() => (preview ? cashChanges(preview.rows) : []), [preview]);
  const scales = {
    before: Math.min(8, columnScale(cash.map((c) => c.before))),
    after: Math.min(8, columnScale(cash.map((c) => c.after))),
    delta: Math.min(8, columnScale(cash.map((c) => c.delta))),
  };
  return (
    <WizardStep testId="rollback-step-confirm">
      <div className="cp-step-grid">
        <section className="panel cp-confirm">
          <h2 className="panel-title">You are about to roll back</h2>
          <dl className="cp-facts cp-facts-wide">
            <div>
              <dt>Scope</dt>
              <dd data-testid="confirm-scope">{scopeText(scope)}</dd>
            </div>
            <div>
              <dt>To checkpoint</dt>
              <dd>
                <code>{targetId}</code> {target ? <span className="dim">· {TYPE_LABEL[target.type]}{target.label ? ` · ${target.label}` : ''}</span> : null}
              </dd>
            </div>
            <div>
              <dt>Rows that change</dt>
              <dd className="num" data-testid="confirm-total">
                {preview ? diffTotal(preview).toLocaleString('en-US') : '—'}
              </dd>
            </div>
            {tables.map((t) => (
              <div key={t.table}>
                <dt className="cp-sub-dt">{tableLabel(t.table)}</dt>
                <dd className="num cp-kinds">
                  <Count n={t.added} sign="+" tone="pos" label="restored" /> <Count n={t.removed} sign="−" tone="neg" label="removed" />{' '}
                  <Count n={t.changed} sign="~" tone="warnish" label="changed" />
                </dd>
              </div>
            ))}
          </dl>
          {cash.length > 0 ? (
            <>
              <div className="section-label">Cash after the rollback</div>
              <table className="money cp-cash" data-testid="confirm-cash">
                <thead>
                  <tr>
                    <th>Account</th>
                    <th>Ccy</th>
                    <th className="r">Now</th>
                    <th className="r">After</th>
                    <th className="r">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {cash.map((c) => (
                    <tr key={`${c.accountId}/${c.currency}`}>
                      <td className="mono dim">{c.accountId}</td>
                      <td className="ccy">{c.currency}</td>
                      <td className="r">
                        <DecimalText value={c.before} scale={scales.before} />
                      </td>
                      <td className="r">
                        <DecimalText value={c.after} scale={scales.after} />
                      </td>
                      <td className="r">
                        <DecimalText value={c.delta} scale={scales.delta} tone="pnl" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
        <section className="panel cp-confirm">
          <h2 className="panel-title">Confirm</h2>
          <p className="cp-explain">
            Type the checkpoint id <code className="cp-confirm-id">{targetId}</code> to confirm. A pre-rollback checkpoint is taken first, so this can be undone.
          </p>
          <input
            className={`input cp-confirm-input${typed ? (matches ? ' ok' : ' bad') : ''}`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && matches && void apply()}
            placeholder={targetId ?? ''}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            aria-label="Checkpoint id to confirm"
            data-testid="rollback-confirm-input"
          />
          <div className="cp-confirm-hint" data-testid="rollback-confirm-hint">
            {typed === '' ? 'The id must match exactly.' : matches ? 'Matches.' : 'Does not match yet.'}
          </div>
        </section>
      </div>
      <WizardFoot note="Nothing has changed yet.">
        <button type="button" className="btn" onClick={back} data-testid="rollback-back">
          ← Back
        </button>
        <button type="button" className="btn btn-danger-solid" onClick={() => void apply()} disabled={!matches} data-testid="rollback-apply">
          Roll back {scopeText(scope)}
        </button>
      </WizardFoot>
    </WizardStep>
  );
}

function Count({ n, sign, tone, label }: { n: number; sign: string; tone: string; label: string }) {
  return (
    <span className={n ? tone : 'dim'} title={`${n.toLocaleString('en-US')} ${label}`}>
      {sign}
      {n.toLocaleString('en-US')}
    </span>
  );
}
