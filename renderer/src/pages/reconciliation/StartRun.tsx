// Starting a run: the broker's file and what the engine found in it, the local side, what to do
// about differences, the tolerances — then the run itself, with progress, and its report.
import { useEffect } from 'react';
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProgressBar } from '../../jobs/ProgressBar';
import { TransferBar } from './TransferBar';
import { useReconciliation } from './store/runs';
import { againstRef, notReady, useReconStart } from './store/start';
import { BrokerFilePanel } from './BrokerFilePanel';
import { CsvMappingPanel } from './CsvMappingPanel';
import { LocalSidePanel } from './LocalSidePanel';
import { againstLabel, FORMAT_LABEL, STRATEGY_LABEL } from './model/labels';
import { StrategyPanel } from './StrategyPanel';
import { TolerancesPanel } from './TolerancesPanel';

export function StartRun() {
  const csv = useReconStart((s) => s.csv);
  const format = useReconStart((s) => s.format);
  const showMapping = format === 'csv' || (format === 'auto' && csv !== null);
  // The desk's default strategy (setting reconciliation.defaultStrategy) is the choice until one is made.
  useEffect(() => void useReconStart.getState().loadDefaultStrategy(), []);
  return (
    <div className="rc-start" data-testid="recon-start">
      <div className="rc-start-grid">
        <div className="rc-start-col">
          <BrokerFilePanel />
          {showMapping ? <CsvMappingPanel /> : null}
          <TolerancesPanel />
        </div>
        <div className="rc-start-col">
          <LocalSidePanel />
          <StrategyPanel />
        </div>
      </div>
      <RunFoot />
    </div>
  );
}

function RunFoot() {
  const s = useReconStart();
  const show = useReconciliation((x) => x.show);
  const blocked = notReady(s);
  const run = s.run;
  const busy = run.state === 'sending' || run.state === 'running';
  const info = s.inspect.state === 'ready' ? s.inspect.info : null;
  const ref = againstRef(s.against);
  const go = async () => {
    const runId = await s.start();
    if (runId) show({ kind: 'run', runId });
  };
  return (
    <footer className="rc-start-foot" data-testid="recon-start-foot">
      <div className="rc-foot-main">
        {run.state === 'sending' ? (
          <TransferBar transfer={run.transfer} testId="recon-run-transfer" what={s.file?.name} onCancel={s.cancelSend} />
        ) : run.state === 'running' ? (
          <ProgressBar job={run.job} testId="recon-run-progress" />
        ) : run.state === 'failed' ? (
          <div data-testid="recon-run-failed">
            <ErrorPanel error={run.error} title="The run failed — nothing was applied" />
          </div>
        ) : run.state === 'done' ? (
          <div className="rc-foot-line" data-testid="recon-run-done">
            <Badge tone="ok">DONE</Badge>
            <span>
              Run <code>{run.runId}</code> is stored.
            </span>
            <button type="button" className="link" onClick={() => show({ kind: 'run', runId: run.runId })}>
              Open its report →
            </button>
          </div>
        ) : s.file && info ? (
          <div className="rc-foot-line" data-testid="recon-start-summary">
            <span>Compare</span>
            <code>{s.file.name}</code>
            <span>
              ({FORMAT_LABEL[info.format]}, {info.accounts.length} account{info.accounts.length === 1 ? '' : 's'}) with the <strong>{ref ? againstLabel(ref) : '…'}</strong>
              {'; '}
              {STRATEGY_LABEL[s.strategy].toLowerCase()}.
            </span>
          </div>
        ) : null}
        {blocked && !busy && run.state !== 'failed' ? (
          <div className="rc-foot-why dim" data-testid="recon-not-ready">
            {blocked}
          </div>
        ) : null}
      </div>
      <button
        type="button"
        className={`btn ${s.strategy === 'warn' ? 'btn-primary' : 'rc-btn-danger'} rc-run-button`}
        disabled={blocked !== null}
        onClick={() => void go()}
        data-testid="recon-run"
      >
        {busy ? 'Running…' : s.strategy === 'sync' ? 'Run and sync to broker' : s.strategy === 'halt' ? 'Run and halt on differences' : 'Run reconciliation'}
      </button>
    </footer>
  );
}
