// The last look before a resolution applies: which items, and for "accept the broker's value" what
// the engine says each would change (items it refuses are left out). Ignoring needs a reason.
import { useEffect, useRef } from 'react';
import type { ReconcileReport } from '../../../../shared/api/reconcile';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useEscape } from '../../hooks/useDismiss';
import { applicableIds, useReconReport } from './store/report';
import { PreviewLine } from './DiscrepancyDrawer';
import { subjectText } from './model/fields';
import { KIND_LABEL, RESOLUTION_VERB } from './model/labels';

export function ResolveDialog({ report }: { report: ReconcileReport }) {
  const draft = useReconReport((s) => s.draft);
  const previews = useReconReport((s) => s.previews);
  const setReason = useReconReport((s) => s.setReason);
  const cancel = useReconReport((s) => s.cancel);
  const apply = useReconReport((s) => s.apply);
  const applying = useReconReport((s) => s.applying);
  const error = useReconReport((s) => s.resolveError);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const applyRef = useRef<HTMLButtonElement>(null);

  const accepting = draft?.resolution === 'accept_broker';
  const pending = accepting ? draft.itemIds.filter((id) => !previews[id] || previews[id].state === 'loading').length : 0;
  const ids = draft ? applicableIds(draft, previews) : [];
  const needsReason = draft?.resolution === 'ignore' && !draft.reason.trim();
  const canApply = Boolean(draft) && ids.length > 0 && pending === 0 && !needsReason && !applying;

  // Focus goes to the reason when one is needed, else to Apply once it can be pressed (previews in).
  const opened = draft ? `${draft.resolution}:${draft.itemIds.join(',')}` : '';
  const ready = pending === 0 && ids.length > 0;
  useEffect(() => {
    if (!opened) return;
    if (opened.startsWith('ignore:')) reasonRef.current?.focus();
    else if (ready) applyRef.current?.focus();
  }, [opened, ready]);

  // Ahead of the drawer's own Escape: the dialog closes first.
  useEscape(cancel, { active: Boolean(draft), ahead: true });

  if (!draft) return null;
  const byId = new Map(report.discrepancies.map((f) => [f.itemId, f]));
  const n = draft.itemIds.length;
  const refused = accepting ? draft.itemIds.filter((id) => previews[id]?.state === 'ready' && (previews[id] as { refused: string | null }).refused !== null).length : 0;

  const submit = async () => {
    if (!canApply) return;
    const ok = await apply();
    if (ok) document.querySelector<HTMLElement>('[data-testid="recon-diff-body"]')?.focus();
  };

  return (
    <div className="overlay rc-overlay" role="dialog" aria-modal="true" aria-label="Resolve discrepancies" data-testid="recon-resolve" data-resolution={draft.resolution} onClick={cancel}>
      <div className="overlay-box rc-dialog" onClick={(e) => e.stopPropagation()}>
        <div className="overlay-title">
          {RESOLUTION_VERB[draft.resolution]} — {n === 1 ? draft.itemIds[0] : `${n} discrepancies`}
        </div>
        <p className="rc-dialog-lead">
          {draft.resolution === 'accept_broker'
            ? 'The live state changes to what the broker reports. The engine computed each change below; nothing has been applied yet.'
            : draft.resolution === 'keep_local'
              ? 'Our books stay as they are: the broker’s figure is recorded as wrong or stale. Nothing in the state changes.'
              : 'Nothing in the state changes; the items are set aside with your reason.'}
        </p>
        <ul className="rc-dialog-items" data-testid="recon-resolve-items">
          {draft.itemIds.map((id) => {
            const f = byId.get(id);
            return (
              <li key={id} data-testid="recon-resolve-item" data-item={id}>
                <div className="rc-dialog-item-head">
                  <span className="mono dim">{id}</span>
                  <span>{f ? KIND_LABEL[f.kind] : ''}</span>
                  <span className="rc-symbol">{f ? subjectText(f) : ''}</span>
                </div>
                {accepting ? <PreviewLine preview={previews[id]} testId="recon-resolve-effect" /> : <div className="rc-effect rc-effect-none">No change to the books.</div>}
              </li>
            );
          })}
        </ul>
        {draft.resolution === 'ignore' ? (
          <label className="rc-reason">
            <span className="field-label">Why (required, journaled)</span>
            <textarea
              ref={reasonRef}
              className="input"
              rows={2}
              value={draft.reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void submit();
                }
              }}
              placeholder="e.g. broker snapshot taken before the 16:00 fills"
              data-testid="recon-resolve-reason"
              maxLength={1000}
            />
          </label>
        ) : null}
        {error ? <ErrorPanel error={error} title="Nothing was resolved" /> : null}
        <div className="rc-dialog-foot">
          <span className="dim" data-testid="recon-resolve-note">
            {pending ? `Waiting for ${pending} preview${pending === 1 ? '' : 's'}…` : refused ? `${refused} item${refused === 1 ? '' : 's'} the engine refuses will be left out.` : ''}
          </span>
          <button type="button" className="btn" onClick={cancel} data-testid="recon-resolve-cancel">
            Cancel <kbd>Esc</kbd>
          </button>
          <button
            ref={applyRef}
            type="button"
            className={`btn ${accepting ? 'rc-btn-danger' : 'btn-primary'}`}
            disabled={!canApply}
            onClick={() => void submit()}
            data-testid="recon-resolve-apply"
          >
            {applying ? 'Applying…' : `${RESOLUTION_VERB[draft.resolution]}${ids.length > 1 ? ` for ${ids.length} items` : ''}`}
          </button>
        </div>
      </div>
    </div>
  );
}
