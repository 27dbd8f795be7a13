// Step 4: tolerances, exact in decimal. A difference is tolerated when it is no larger than the
// absolute allowance or the relative one (percent of the broker's value). Overrides per account.
import { useMemo } from 'react';
import { useDesk } from '../../stores/desk';
import { TOLERANCE_PRESETS } from '../../../../shared/settings/tolerance-presets';
import { useReconStart } from './store/start';
import { buildTolerances, ENGINE_DEFAULTS, problemKey, TOL_FIELD_LABEL, TOL_FIELDS, type TolField, type TolRow } from './model/tolerances';

export function TolerancesPanel() {
  const rows = useReconStart((s) => s.tolerances);
  const addOverride = useReconStart((s) => s.addOverride);
  const applyPreset = useReconStart((s) => s.applyPreset);
  const accounts = useDesk((s) => s.data?.accounts);
  const problems = useMemo(() => buildTolerances(rows).problems, [rows]);
  const free = (accounts ?? []).map((a) => a.account.accountId).filter((id) => !rows.some((r) => r.scope === id));
  const messages = Object.entries(problems);

  return (
    <section className="panel rc-panel" data-testid="recon-tolerances">
      <h2 className="panel-title">
        Tolerances
        <span className="rc-title-note">tolerated if within the absolute or the relative allowance</span>
      </h2>
      <div className="rc-tol-presets" data-testid="recon-tolerance-presets">
        <span className="dim">Fill from a preset</span>
        {TOLERANCE_PRESETS.map((p) => (
          <button key={p.id} type="button" className="btn btn-small" title={p.hint} onClick={() => applyPreset(p.id)} data-testid={`recon-preset-${p.id}`}>
            {p.label}
          </button>
        ))}
      </div>
      <table className="rc-tol">
        <thead>
          <tr>
            <th />
            {TOL_FIELDS.map((f) => (
              <th key={f} colSpan={2}>
                {TOL_FIELD_LABEL[f]}
              </th>
            ))}
            <th />
          </tr>
          <tr className="rc-tol-sub">
            <th />
            {TOL_FIELDS.flatMap((f) => [<th key={`${f}-abs`}>± abs</th>, <th key={`${f}-rel`}>± %</th>])}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <ToleranceRow key={r.scope || 'desk'} row={r} problems={problems} />
          ))}
        </tbody>
      </table>
      <div className="rc-tol-foot">
        {free.length ? (
          <select
            className="input"
            value=""
            onChange={(e) => e.target.value && addOverride(e.target.value)}
            data-testid="recon-tol-add"
            aria-label="Add an override for one account"
          >
            <option value="">+ Override for one account…</option>
            {free.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        ) : null}
        <span className="dim">Empty boxes use the engine’s defaults: quantity exact, price ± 0.01 %, cash ± 0.01.</span>
      </div>
      {messages.length ? (
        <ul className="rc-problems" data-testid="recon-tol-problems">
          {messages.map(([k, m]) => (
            <li key={k}>
              <code>{k}</code> {m}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ToleranceRow({ row, problems }: { row: TolRow; problems: Record<string, string> }) {
  const setTolerance = useReconStart((s) => s.setTolerance);
  const removeOverride = useReconStart((s) => s.removeOverride);
  const desk = row.scope === '';
  const box = (field: TolField, part: 'abs' | 'relPct') => {
    const key = problemKey(row.scope, field, part === 'abs' ? 'abs' : 'rel');
    const bad = problems[key];
    const hint = desk ? ENGINE_DEFAULTS[field][part] : '';
    return (
      <td key={`${field}-${part}`}>
        <input
          className={`input rc-tol-input num${bad ? ' rc-input-bad' : ''}`}
          value={row[field][part]}
          placeholder={desk ? hint || '—' : 'desk'}
          onChange={(e) => setTolerance(row.scope, field, part, e.target.value)}
          title={bad ?? (part === 'abs' ? `${TOL_FIELD_LABEL[field]}: absolute difference allowed` : `${TOL_FIELD_LABEL[field]}: difference allowed, in percent of the broker’s value`)}
          aria-label={`${row.scope || 'Desk'} ${field} ${part === 'abs' ? 'absolute' : 'percent'} tolerance`}
          aria-invalid={bad ? true : undefined}
          inputMode="decimal"
          spellCheck={false}
          data-testid={`recon-tol-${row.scope || 'desk'}-${field}-${part === 'abs' ? 'abs' : 'rel'}`}
        />
      </td>
    );
  };
  return (
    <tr>
      <th className="rc-tol-scope">{desk ? 'Desk' : <code>{row.scope}</code>}</th>
      {TOL_FIELDS.flatMap((f) => [box(f, 'abs'), box(f, 'relPct')])}
      <td>
        {desk ? null : (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => removeOverride(row.scope)} title="Remove this override">
            ✕
          </button>
        )}
      </td>
    </tr>
  );
}
