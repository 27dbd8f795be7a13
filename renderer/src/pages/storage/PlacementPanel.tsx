// The placement policy (the desk's, changeable here for a preview and a demote), what it would move
// next (tiers.plan), and "Demote now" behind a confirmation that repeats the plan's figures.
import { useState } from 'react';
import { formatBytes } from '../../format/bytes';
import { JobLine } from '../../jobs/JobLine';
import { cancelJob, isRunning } from '../../jobs/job-run';
import { useStorage, type Policy } from './store/storage';

const FIELDS: { key: keyof Policy; label: string }[] = [
  { key: 'demoteAfterDays', label: 'Demote after, days' },
  { key: 'unreadForDays', label: 'Unread for, days' },
  { key: 'keepNewest', label: 'Keep newest' },
];

export function PlacementPanel() {
  const plan = useStorage((s) => s.plan);
  const policy = useStorage((s) => s.policy);
  const setPolicy = useStorage((s) => s.setPolicy);
  const demote = useStorage((s) => s.demote);
  const startDemote = useStorage((s) => s.startDemote);
  const [confirming, setConfirming] = useState(false);
  const running = isRunning(demote);
  return (
    <div className="panel st-placement" data-testid="placement">
      <div className="st-section-title">Placement</div>
      <div className="st-policy">
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              type="number"
              min={0}
              step={f.key === 'keepNewest' ? 1 : 'any'}
              value={policy?.[f.key] ?? ''}
              onChange={(e) => e.target.value !== '' && Number(e.target.value) >= 0 && setPolicy({ [f.key]: Number(e.target.value) })}
              data-testid={`policy-${f.key}`}
            />
          </label>
        ))}
      </div>
      {plan ? (
        <>
          <div className="st-plan" data-testid="plan-summary" data-demote={plan.demote.chunks} data-bytes={plan.demote.bytes}>
            Next: demote <b>{plan.demote.chunks.toLocaleString('en-US')}</b> objects ({formatBytes(plan.demote.bytes)}), promote <b>{plan.promote.chunks.toLocaleString('en-US')}</b> ({formatBytes(plan.promote.bytes)})
          </div>
          <ul className="st-moves">
            {plan.moves.map((m) => (
              <li key={m.id} title={m.id}>
                {m.from} → {m.to} · {formatBytes(m.storedSize)} · {m.reason}
              </li>
            ))}
            {plan.truncated ? <li>…</li> : null}
          </ul>
        </>
      ) : null}
      {confirming && plan ? (
        <div className="st-confirm" role="alertdialog" aria-label="Demote now" data-testid="demote-confirm" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
          Move {plan.demote.chunks.toLocaleString('en-US')} objects ({formatBytes(plan.demote.bytes)}) to the cold tier
          {plan.promote.chunks ? ` and ${plan.promote.chunks} back to warm` : ''}?
          <button type="button" className="btn btn-primary" autoFocus onClick={() => { setConfirming(false); void startDemote(); }} data-testid="demote-confirm-yes">
            Demote
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)} data-testid="demote-confirm-no">
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="btn" disabled={running || !plan || plan.demote.chunks + plan.promote.chunks === 0} onClick={() => setConfirming(true)} data-testid="demote-now">
          Demote now…
        </button>
      )}
      <JobLine run={demote} onCancel={() => void cancelJob(demote, (r) => useStorage.setState((s) => ({ demote: { ...s.demote, ...r } })))} testId="demote-job" failedTitle="Demote failed" />
    </div>
  );
}
