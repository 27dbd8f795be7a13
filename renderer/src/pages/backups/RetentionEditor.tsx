// The retention rules of one destination: days kept per type and restic's keep-* rules on top,
// with a dry run of what they keep (and why) and forget now, before they are saved. Pinned
// snapshots, the newest and the newest full are always kept.
import { useEffect, useState } from 'react';
import type { RetentionPreview } from '../../../../shared/api/backups';
import { ErrorPanel } from '../../components/ErrorPanel';
import { shownTime, zoned } from '../../format/time';
import { BACKUP_TYPES, TYPE_LABEL } from './model/labels';
import { formToRetention, KEEP_LABEL, KEEP_RULES, retentionToForm, type RetentionForm } from './model/retention-form';
import { usePolicies } from './store/policies';

export function RetentionEditor() {
  const saved = usePolicies((s) => s.retention);
  const draft = usePolicies((s) => s.draft);
  const error = usePolicies((s) => s.retentionError);
  const busy = usePolicies((s) => s.retentionBusy);
  const preview = usePolicies((s) => s.previewRetention);
  const save = usePolicies((s) => s.saveRetention);
  const [form, setForm] = useState<RetentionForm | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  useEffect(() => {
    if (saved) setForm(retentionToForm(saved.retention));
  }, [saved]);
  if (!saved || !form) return error ? <ErrorPanel error={error} /> : <div className="dim">Loading the retention rules…</div>;

  const built = () => {
    const r = formToRetention(form);
    setProblems(r.ok ? {} : r.problems);
    return r.ok ? r.retention : null;
  };
  const box = (key: string, value: string, onChange: (v: string) => void, label: string) => (
    <label className="field-stack" key={key}>
      <span className="field-label">{label}</span>
      <input className={`input num bk-num${problems[key] ? ' bad' : ''}`} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} placeholder="—" data-testid={`retention-${key}`} />
      {problems[key] ? <span className="bk-field-error">{problems[key]}</span> : null}
    </label>
  );
  const shown = draft ?? saved;

  return (
    <section className="panel bk-retention" data-testid="retention-editor">
      <h2 className="panel-title">Retention</h2>
      <div className="bk-retention-rules">
        <div>
          <div className="section-label">Days kept (empty: forever)</div>
          <div className="bk-boxes">{BACKUP_TYPES.map((t) => box(`days.${t}`, form.days[t], (v) => setForm({ ...form, days: { ...form.days, [t]: v } }), TYPE_LABEL[t]))}</div>
        </div>
        <div>
          <div className="section-label">And keep at least (empty: no rule)</div>
          <div className="bk-boxes">{KEEP_RULES.map((k) => box(`keep.${k}`, form.keep[k], (v) => setForm({ ...form, keep: { ...form.keep, [k]: v } }), KEEP_LABEL[k]))}</div>
        </div>
      </div>
      {error ? <ErrorPanel error={error} /> : null}
      <div className="bk-row bk-retention-actions">
        <span className="dim">Pinned snapshots, the newest and the newest full are always kept.</span>
        <button
          type="button"
          className="btn"
          disabled={busy !== null}
          onClick={() => {
            const r = built();
            if (r) void preview(r);
          }}
          data-testid="retention-preview"
        >
          {busy === 'preview' ? 'Previewing…' : 'Preview (dry run)'}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy !== null}
          onClick={() => {
            const r = built();
            if (r) void save(r);
          }}
          data-testid="retention-save"
        >
          {busy === 'save' ? 'Saving…' : 'Save rules'}
        </button>
      </div>
      <RetentionOutcome preview={shown} isDraft={draft !== null} />
    </section>
  );
}

function RetentionOutcome({ preview, isDraft }: { preview: RetentionPreview; isDraft: boolean }) {
  return (
    <div className="bk-retention-outcome" data-testid="retention-outcome" data-draft={String(isDraft)}>
      <div className="section-label">
        {isDraft ? 'With these rules (not saved)' : 'With the saved rules'}, a forget now would remove{' '}
        <span className="num" data-testid="retention-forget-count">
          {preview.forget.length}
        </span>{' '}
        and keep {preview.keep.length}
      </div>
      <table className="money bk-retention-table">
        <thead>
          <tr>
            <th>Snapshot</th>
            <th>Type</th>
            <th>{zoned('Taken')}</th>
            <th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {preview.forget.map((f) => (
            <tr key={f.id} className="bk-forget" data-testid="retention-forget">
              <td>
                <code>{f.id}</code>
              </td>
              <td>{TYPE_LABEL[f.type]}</td>
              <td>{shownTime(f.createdAt, false)}</td>
              <td>forgotten</td>
            </tr>
          ))}
          {preview.keep.map((k) => (
            <tr key={k.id} data-testid="retention-keep">
              <td>
                <code>{k.id}</code>
              </td>
              <td>{TYPE_LABEL[k.type]}</td>
              <td>{shownTime(k.createdAt, false)}</td>
              <td className="dim">kept: {k.reasons.join(', ')}</td>
            </tr>
          ))}
          {preview.keep.length + preview.forget.length === 0 ? (
            <tr>
              <td colSpan={4} className="dim">
                No snapshots taken by this desk here yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
