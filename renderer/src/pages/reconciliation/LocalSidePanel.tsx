// Step 2: what the broker's file is compared with — the live state, a checkpoint, or a Freqtrade
// database (read-only).
import { shownTime } from '../../format/time';
import { useReconStart } from './store/start';

export function LocalSidePanel() {
  const against = useReconStart((s) => s.against);
  const setAgainst = useReconStart((s) => s.setAgainst);
  const checkpoints = useReconStart((s) => s.checkpoints);
  const checkpointsError = useReconStart((s) => s.checkpointsError);
  const lastCheckpoint = against.kind === 'checkpoint' ? against.id : (checkpoints?.[0]?.checkpointId ?? '');

  return (
    <section className="panel rc-panel" data-testid="recon-local-side">
      <h2 className="panel-title">
        Compare with
      </h2>
      <div className="rc-choices">
        <label className={`rc-choice${against.kind === 'live' ? ' active' : ''}`}>
          <input type="radio" name="rc-against" checked={against.kind === 'live'} onChange={() => setAgainst({ kind: 'live' })} data-testid="recon-against-live" />
          <span className="rc-choice-title">Live state</span>
          <span className="rc-choice-hint">The books as they are now.</span>
        </label>
        <label className={`rc-choice${against.kind === 'checkpoint' ? ' active' : ''}`}>
          <input
            type="radio"
            name="rc-against"
            checked={against.kind === 'checkpoint'}
            onChange={() => setAgainst({ kind: 'checkpoint', id: lastCheckpoint })}
            data-testid="recon-against-checkpoint"
          />
          <span className="rc-choice-title">A checkpoint</span>
          <span className="rc-choice-hint">The books as they were, e.g. at the broker’s snapshot time. Read only.</span>
          {against.kind === 'checkpoint' ? (
            <select
              className="input rc-choice-input"
              value={against.id}
              onChange={(e) => setAgainst({ kind: 'checkpoint', id: e.target.value })}
              data-testid="recon-checkpoint"
            >
              <option value="">{checkpoints === null ? 'Loading checkpoints…' : checkpoints.length ? 'Choose a checkpoint' : 'No checkpoints on this desk'}</option>
              {(checkpoints ?? []).map((c) => (
                <option key={c.checkpointId} value={c.checkpointId}>
                  {shownTime(c.createdAt, false)} · {c.type.replace('_', '-')}
                  {c.label ? ` · ${c.label}` : ''} · {c.checkpointId}
                </option>
              ))}
            </select>
          ) : null}
          {against.kind === 'checkpoint' && checkpointsError ? <span className="rc-bad">{checkpointsError.message}</span> : null}
        </label>
        <label className={`rc-choice${against.kind === 'freqtrade' ? ' active' : ''}`}>
          <input
            type="radio"
            name="rc-against"
            checked={against.kind === 'freqtrade'}
            onChange={() => setAgainst({ kind: 'freqtrade', path: against.kind === 'freqtrade' ? against.path : '' })}
            data-testid="recon-against-freqtrade"
          />
          <span className="rc-choice-title">A Freqtrade database</span>
          <span className="rc-choice-hint">A bot’s tradesv3.sqlite on this machine, opened read-only.</span>
          {against.kind === 'freqtrade' ? (
            <input
              className="input rc-choice-input mono"
              value={against.path}
              placeholder="/srv/freqtrade/user_data/tradesv3.sqlite"
              onChange={(e) => setAgainst({ kind: 'freqtrade', path: e.target.value })}
              data-testid="recon-freqtrade-path"
              spellCheck={false}
            />
          ) : null}
        </label>
      </div>
    </section>
  );
}
