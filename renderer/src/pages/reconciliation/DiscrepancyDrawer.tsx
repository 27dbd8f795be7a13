// One discrepancy in full: every compared field side by side with exact values, where the broker's
// file said it, what accepting the broker's value would do (asked of the engine, nothing applied),
// and the three ways to resolve it.
import { useCallback } from 'react';
import type { Discrepancy, ReconcileReport } from '../../../../shared/api/reconcile';
import { DecimalText } from '../../components/DecimalText';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { shownTime } from '../../format/time';
import { useReconReport, type Preview } from './store/report';
import { againstLabel, KIND_HINT, KIND_LABEL, RESOLUTION_LABEL, SEVERITY_LABEL } from './model/labels';
import { absentText, comparedFields, signed } from './model/fields';
import { discrepancyState } from './model/rows';

export function DiscrepancyDrawer({ report }: { report: ReconcileReport }) {
  const drawerId = useReconReport((s) => s.drawerId);
  const openDrawer = useReconReport((s) => s.openDrawer);
  const close = useCallback(() => {
    openDrawer(null);
    document.querySelector<HTMLElement>('[data-testid="recon-diff-body"]')?.focus();
  }, [openDrawer]);
  const f = drawerId ? report.discrepancies.find((x) => x.itemId === drawerId) : undefined;
  if (!f) return null;
  const state = discrepancyState(f);
  return (
    <DetailDrawer
      title={
        <span data-testid="recon-drawer-title">
          <span className="mono dim">{f.itemId}</span> {KIND_LABEL[f.kind]}
        </span>
      }
      subtitle={[f.accountId, f.symbol, f.orderRef].filter(Boolean).join(' · ')}
      onClose={close}
      json={f}
      jsonLabel="As stored in the run"
      fields={[
        { label: 'Severity', value: <span className={`rc-sev rc-sev-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span> },
        {
          label: 'State',
          value:
            state === 'resolved'
              ? `${RESOLUTION_LABEL[f.resolution!]} by ${f.resolvedBy ?? '?'} ${f.resolvedAt ? `at ${shownTime(f.resolvedAt)}` : ''}`
              : state === 'open'
                ? 'Open: needs a decision'
                : 'Within tolerance (recorded, does not fail the run)',
        },
        ...(f.resolutionReason ? [{ label: 'Resolution note', value: f.resolutionReason }] : []),
        { label: 'What', value: <span title={KIND_HINT[f.kind]}>{f.message}</span> },
        { label: 'Account', value: <code>{f.accountId}</code> },
        { label: 'Strategies', value: f.strategyIds.length ? <code>{f.strategyIds.join(', ')}</code> : <span className="dim">none (account level)</span> },
        { label: 'In the broker file', value: f.brokerAt ? <code>{f.brokerAt}</code> : <span className="dim">not in the file</span> },
      ]}
    >
      <div className="section-label">Ours ({againstLabel(report.against)}) vs broker</div>
      <FieldsTable f={f} />
      {f.resolution === null ? <Actions f={f} /> : null}
    </DetailDrawer>
  );
}

function FieldsTable({ f }: { f: Discrepancy }) {
  const fields = comparedFields(f);
  return (
    <table className="money rc-fields" data-testid="recon-fields">
      <thead>
        <tr>
          <th>Field</th>
          <th className="r">Ours</th>
          <th className="r">Broker</th>
          <th className="r">Δ</th>
        </tr>
      </thead>
      <tbody>
        {f.local === null || f.broker === null ? (
          <tr className="rc-field-absent">
            <td />
            <td className="r">{f.local === null ? <span className="rc-absent">{absentText(f, 'local')}</span> : null}</td>
            <td className="r">{f.broker === null ? <span className="rc-absent">{absentText(f, 'broker')}</span> : null}</td>
            <td />
          </tr>
        ) : null}
        {fields.map((x) => (
          <tr key={x.key} className={x.differs ? 'rc-field-diff' : undefined} data-testid="recon-field" data-field={x.key} data-differs={x.differs}>
            <td className="mono">{x.label}</td>
            <td className="r">{value(x.local, x.decimal, f.local !== null)}</td>
            <td className="r">{value(x.broker, x.decimal, f.broker !== null)}</td>
            <td className="r num">{x.delta ? signed(x.delta) : <span className="dim">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function value(v: string | null, decimal: boolean, present: boolean) {
  if (!present) return <span className="dim">·</span>;
  if (v === null) return <span className="dim">—</span>;
  return decimal ? <DecimalText value={v} /> : <span>{v}</span>;
}

function Actions({ f }: { f: Discrepancy }) {
  const preview = useReconReport((s) => s.previews[f.itemId]);
  const ask = useReconReport((s) => s.ask);
  const refused = preview?.state === 'ready' ? preview.refused : null;
  return (
    <section className="rc-actions" data-testid="recon-drawer-actions">
      <div className="section-label">If you accept the broker’s value</div>
      <PreviewLine preview={preview} testId="recon-preview-effect" />
      <div className="rc-action-row">
        <button type="button" className="btn btn-primary" disabled={refused !== null || preview?.state !== 'ready'} onClick={() => ask('accept_broker', [f.itemId])} data-testid="recon-action-accept">
          Accept broker’s value… <kbd>A</kbd>
        </button>
        <button type="button" className="btn" onClick={() => ask('keep_local', [f.itemId])} data-testid="recon-action-keep">
          Keep ours… <kbd>L</kbd>
        </button>
        <button type="button" className="btn" onClick={() => ask('ignore', [f.itemId])} data-testid="recon-action-ignore">
          Ignore… <kbd>I</kbd>
        </button>
      </div>
      <p className="rc-note">Keeping ours or ignoring changes nothing in the books; every resolution is journaled in the audit trail.</p>
    </section>
  );
}

export function PreviewLine({ preview, testId }: { preview: Preview | undefined; testId?: string }) {
  if (!preview || preview.state === 'loading') {
    return (
      <div className="rc-effect rc-effect-loading" data-testid={testId} data-state="loading">
        Asking the engine…
      </div>
    );
  }
  if (preview.state === 'failed') return <ErrorPanel error={preview.error} title="The preview failed" />;
  if (preview.refused) {
    return (
      <div className="rc-effect rc-effect-refused" data-testid={testId} data-state="refused">
        Not possible: {preview.refused}
      </div>
    );
  }
  return (
    <div className="rc-effect" data-testid={testId} data-state="ready">
      {preview.effect ?? 'No change to the books.'}
    </div>
  );
}
