// Step 3: what the run does about differences above tolerance.
import type { ReconcileStrategy } from '../../../../shared/api/reconcile';
import { useReconStart } from './store/start';
import { STRATEGY_HINT, STRATEGY_LABEL } from './model/labels';

const STRATEGIES: ReconcileStrategy[] = ['warn', 'sync', 'halt'];

export function StrategyPanel() {
  const strategy = useReconStart((s) => s.strategy);
  const setStrategy = useReconStart((s) => s.setStrategy);
  const live = useReconStart((s) => s.against.kind === 'live');
  return (
    <section className="panel rc-panel" data-testid="recon-strategy">
      <h2 className="panel-title">
        When they differ
      </h2>
      <div className="rc-choices rc-choices-row">
        {STRATEGIES.map((s) => {
          const disabled = s !== 'warn' && !live;
          return (
            <label
              key={s}
              className={`rc-choice${strategy === s ? ' active' : ''}${disabled ? ' disabled' : ''}${s !== 'warn' ? ' rc-choice-acts' : ''}`}
              title={disabled ? 'Changes the live state: only when comparing with the live state' : undefined}
            >
              <input type="radio" name="rc-strategy" checked={strategy === s} disabled={disabled} onChange={() => setStrategy(s)} data-testid={`recon-strategy-${s}`} />
              <span className="rc-choice-title">{STRATEGY_LABEL[s]}</span>
              <span className="rc-choice-hint">{STRATEGY_HINT[s]}</span>
            </label>
          );
        })}
      </div>
      {strategy === 'sync' ? (
        <p className="rc-note rc-note-warn" data-testid="recon-sync-note">
          The live state will change. A pre-rollback checkpoint is taken first, so the sync can be rolled back from the Checkpoints page.
        </p>
      ) : strategy === 'halt' ? (
        <p className="rc-note rc-note-warn" data-testid="recon-halt-note">
          Trading stops on every account with a discrepancy above tolerance until someone re-enables it.
        </p>
      ) : null}
    </section>
  );
}
