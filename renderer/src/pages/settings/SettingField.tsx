// One setting: its label, what it does, the value in force and the default, an editor for its
// kind, Save and Reset to default, and the engine's answer beside it (saved, or why it refused).
import { useEffect, useState, type FormEvent } from 'react';
import type { SettingView } from '../../../../shared/api/settings';
import { RETENTION_RULES } from '../../../../shared/settings/catalog';
import { draftOf, readSeconds, RETENTION_LABELS, sameDraft, showValue, TOLERANCE_PARTS, valueOf, type Draft } from './model/fields';
import { RetentionPreviewLine } from './RetentionPreviewLine';
import { TolerancePresetPicker } from './TolerancePresetPicker';
import { useSettings } from './store/settings';
import { applyTheme } from './store/theme';

const id = (key: string, part = '') => `setting-${key}${part ? `-${part}` : ''}`.replace(/\./g, '-');

export function SettingField({ s }: { s: SettingView }) {
  const initial = draftOf(s.kind, s.value, s.secret);
  const [draft, setDraft] = useState<Draft>(initial);
  const shown = JSON.stringify(initial);
  // A fresh value from the desk (saved here, or changed elsewhere) replaces the draft.
  useEffect(() => setDraft(JSON.parse(shown) as Draft), [shown]);
  const outcome = useSettings((st) => st.outcome[s.key]);
  const busy = useSettings((st) => st.busy === s.key);
  const save = useSettings((st) => st.save);
  const reset = useSettings((st) => st.reset);
  const dirty = !sameDraft(draft, initial);
  const put = (part: string, v: string) => setDraft((d) => ({ ...d, [part]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(s.key, valueOf(s.kind, draft));
  };
  const errId = id(s.key, 'outcome');

  return (
    <form className="st-field" data-testid={`setting-${s.key}`} onSubmit={submit} aria-describedby={errId}>
      <div className="st-head">
        <label className="st-label" htmlFor={id(s.key, s.kind === 'retention' ? 'keepLast' : s.kind === 'tolerance' ? 'quantity.abs' : '')}>
          {s.label}
        </label>
        <code className="st-key">{s.key}</code>
      </div>
      <p className="st-desc">{s.description}</p>
      {s.problem ? <p className="st-problem">The stored value is not valid, so the default is in force: {s.problem}</p> : null}
      <div className="st-edit">
        <Editor s={s} draft={draft} put={put} />
        {s.unit && (s.kind === 'seconds' || s.kind === 'bytes' || s.kind === 'number') ? <span className="st-unit">{s.unit}</span> : null}
        {s.kind === 'choice' && s.key === 'console.theme' ? null : (
          <button type="submit" className="btn btn-primary btn-small" disabled={busy || !dirty} data-testid={`setting-save-${s.key}`}>
            Save
          </button>
        )}
        <button type="button" className="btn btn-small" disabled={busy || !s.stored} onClick={() => void reset(s.key)} data-testid={`setting-reset-${s.key}`} title={s.stored ? `Back to ${showValue(s.default)}` : 'Already the default'}>
          Reset to default
        </button>
      </div>
      <div className="st-meta">
        <span>
          In force: <code data-testid={`setting-value-${s.key}`}>{showValue(s.value)}</code>
          {s.kind === 'seconds' && typeof s.value === 'number' ? <span className="dim"> {readSeconds(s.value).replace(/^\d+ s ?/, '')}</span> : null}
        </span>
        <span>
          Default: <code>{showValue(s.default)}</code>
        </span>
      </div>
      {s.kind === 'tolerance' ? <TolerancePresetPicker s={s} /> : null}
      {s.kind === 'retention' ? <RetentionPreviewLine policy={valueOf('retention', draft)} /> : null}
      <p id={errId} className={`st-outcome${outcome ? (outcome.ok ? ' ok' : ' bad') : ''}`} role={outcome && !outcome.ok ? 'alert' : undefined} data-testid={`setting-outcome-${s.key}`}>
        {outcome?.message ?? ''}
      </p>
    </form>
  );
}

function Editor({ s, draft, put }: { s: SettingView; draft: Draft; put(part: string, v: string): void }) {
  const save = useSettings((st) => st.save);
  switch (s.kind) {
    case 'retention':
      return (
        <div className="st-parts">
          {RETENTION_RULES.map((r) => (
            <label key={r} className="st-part">
              <span>{RETENTION_LABELS[r]}</span>
              <input id={id(s.key, r)} className="input st-num" inputMode="numeric" value={draft[r] ?? ''} onChange={(e) => put(r, e.target.value)} data-testid={`setting-input-${s.key}-${r}`} />
            </label>
          ))}
        </div>
      );
    case 'tolerance':
      return (
        <div className="st-parts">
          {TOLERANCE_PARTS.map((p) => (
            <label key={p} className="st-part">
              <span>{p.replace('.abs', ' absolute').replace('.rel', ' relative')}</span>
              <input id={id(s.key, p)} className="input st-dec" inputMode="decimal" spellCheck={false} value={draft[p] ?? ''} onChange={(e) => put(p, e.target.value)} data-testid={`setting-input-${s.key}-${p}`} />
            </label>
          ))}
        </div>
      );
    case 'choice':
      if (s.key === 'console.theme') {
        // Applied at once: the theme is seen, not read about.
        return (
          <div className="segmented" role="radiogroup" aria-label={s.label}>
            {(s.choices ?? []).map((c) => (
              <button
                key={c}
                type="button"
                role="radio"
                aria-checked={s.value === c}
                className={`seg${s.value === c ? ' active' : ''}`}
                onClick={() => {
                  applyTheme(c);
                  void save(s.key, c);
                }}
                data-testid={`theme-${c}`}
              >
                {c === 'system' ? 'Follow the system' : c[0].toUpperCase() + c.slice(1)}
              </button>
            ))}
          </div>
        );
      }
      return (
        <select id={id(s.key)} className="input" value={draft[''] ?? ''} onChange={(e) => put('', e.target.value)} data-testid={`setting-input-${s.key}`}>
          {(s.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    default:
      return (
        <input
          id={id(s.key)}
          className={`input ${s.kind === 'command' || s.kind === 'url' || s.kind === 'text' ? 'st-wide' : 'st-num'}`}
          inputMode={s.kind === 'seconds' || s.kind === 'bytes' || s.kind === 'number' ? 'numeric' : undefined}
          spellCheck={false}
          placeholder={s.secret && s.value ? `set: ${showValue(s.value)} — type a new ${s.kind === 'url' ? 'address' : 'value'} to replace it` : s.kind === 'bytes' && s.default === null ? 'empty: worked out from the database' : s.kind === 'command' || s.kind === 'url' || s.kind === 'text' ? 'empty: none' : undefined}
          value={draft[''] ?? ''}
          onChange={(e) => put('', e.target.value)}
          data-testid={`setting-input-${s.key}`}
        />
      );
  }
}
