// Two states side by side: any checkpoint or the live state on either side, whole desk or one
// account or strategy; a summary, then every changed row with before, after and delta.
import { useEffect, useMemo, useState } from 'react';
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { shownTime } from '../../format/time';
import { watchTables } from '../../live/live';
import { useCheckpoints } from './store/catalog';
import { useCheckpointCompare } from './store/compare';
import { ChangeTable } from './ChangeTable';
import { DiffSummary, type SummaryFilter } from './DiffSummary';
import { diffTotal } from './model/compare';
import { TYPE_LABEL } from './model/labels';
import type { CheckpointRef } from './model/route';
import { ScopePicker } from './ScopePicker';

/** The newest checkpoints offered in the pickers (the timeline reaches the rest). */
const PICKER_LIMIT = 500;

export function CompareView({ from, to }: { from: CheckpointRef; to: CheckpointRef }) {
  const { diff, error, loading, scope, compare, setScope, load } = useCheckpointCompare();
  const show = useCheckpoints((s) => s.show);
  const [summary, setSummary] = useState<SummaryFilter>({ table: null, accountId: undefined });
  useEffect(() => compare(from, to), [from, to, compare]);
  // The live state moves; a diff against it follows (throttled like every live view).
  const followsLive = from === 'live' || to === 'live';
  useEffect(() => (followsLive ? watchTables(['*'], load) : undefined), [followsLive, load]);
  useEffect(() => setSummary({ table: null, accountId: undefined }), [from, to, scope]);

  const shown = diff && diff.from.ref === from && diff.to.ref === to ? diff : null;
  const total = shown ? diffTotal(shown) : 0;
  const identical = shown ? shown.from.rootHash === shown.to.rootHash : false;

  return (
    <div className="cp-compare" data-testid="compare-view">
      <section className="panel cp-compare-head">
        <div className="cp-compare-pick">
          <RefPicker label="From" value={from} onChange={(v) => show({ kind: 'compare', from: v, to })} testId="compare-from" />
          <button type="button" className="btn btn-ghost" onClick={() => show({ kind: 'compare', from: to, to: from })} title="Swap" data-testid="compare-swap">
            ⇄
          </button>
          <RefPicker label="To" value={to} onChange={(v) => show({ kind: 'compare', from, to: v })} testId="compare-to" />
          <label className="field">
            <span className="field-label">Scope</span>
            <ScopePicker scope={scope} onChange={setScope} testId="compare-scope" />
          </label>
          <div className="cp-compare-verdict" data-testid="compare-verdict">
            {loading && !shown ? (
              <span className="dim">Comparing…</span>
            ) : shown ? (
              identical ? (
                <Badge tone="ok">IDENTICAL · same root hash</Badge>
              ) : (
                <span>
                  <span className="num" data-testid="compare-total">
                    {total.toLocaleString('en-US')}
                  </span>{' '}
                  rows differ <span className="dim">· {shown.chunksDecoded.toLocaleString('en-US')} chunks decoded, the rest equal by hash</span>
                </span>
              )
            ) : null}
          </div>
          {from !== 'live' && to === 'live' && total > 0 ? (
            <button type="button" className="btn btn-danger" onClick={() => show({ kind: 'rollback', id: from })} data-testid="compare-rollback">
              Roll back to {from.slice(0, 3)}…{from.slice(-4)}…
            </button>
          ) : null}
        </div>
      </section>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      {shown ? (
        <>
          <DiffSummary diff={shown} filter={summary} onFilter={setSummary} />
          <div className="cp-change-wrap">
            <ChangeTable diff={shown} summary={summary} onSummary={setSummary} />
          </div>
        </>
      ) : !error ? (
        <div className="panel-empty dim">Comparing {from} with {to}…</div>
      ) : null}
    </div>
  );
}

function RefPicker({ label, value, onChange, testId }: { label: string; value: CheckpointRef; onChange(v: CheckpointRef): void; testId: string }) {
  const data = useCheckpoints((s) => s.data);
  const options = useMemo(() => {
    const list = [...(data?.checkpoints ?? [])].reverse().slice(0, PICKER_LIMIT);
    if (value !== 'live' && !list.some((c) => c.checkpointId === value)) {
      const current = data?.checkpoints.find((c) => c.checkpointId === value);
      if (current) list.push(current);
    }
    return list;
  }, [data, value]);
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select className="input cp-ref" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="live">Live state (now)</option>
        {options.map((c) => (
          <option key={c.checkpointId} value={c.checkpointId}>
            {c.checkpointId} · {TYPE_LABEL[c.type]}
            {c.label ? ` · ${c.label}` : ''} · {shownTime(c.createdAt, false)}
          </option>
        ))}
        {value !== 'live' && !options.some((c) => c.checkpointId === value) ? <option value={value}>{value}</option> : null}
      </select>
    </label>
  );
}
