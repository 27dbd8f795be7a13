// The run at a glance: discrepancies by severity and kind (each a filter for the table), one line
// per account with what the file did not cover, and the cash differences as a chart.
import type { ReconcileReport, Severity } from '../../../../shared/api/reconcile';
import { useReconReport } from './store/report';
import { CashDeltaChart } from './CashDeltaChart';
import { signed } from './model/fields';
import { KIND_HINT, KIND_LABEL, SEVERITY_LABEL } from './model/labels';
import { accountLines, kindCounts, severityCount } from './model/summary';

export function ReportSummary({ report }: { report: ReconcileReport }) {
  const s = report.summary;
  const filters = useReconReport((x) => x.filters);
  const setFilters = useReconReport((x) => x.setFilters);
  const total = Object.values(s.byKind).reduce((n, v) => n + (v ?? 0), 0);
  const isOnly = (sev: Severity) => filters.severities.length === 1 && filters.severities[0] === sev;
  const pickSeverity = (sev: Severity) => setFilters({ severities: isOnly(sev) ? [] : [sev] });
  return (
    <div className="rc-summary" data-testid="recon-summary">
      <section className="panel rc-sum-panel" data-testid="recon-counts">
        <h2 className="panel-title">Discrepancies</h2>
        <div className="rc-tiles">
          <div className="rc-tile">
            <div className="rc-tile-value num" data-testid="recon-count-total">
              {total}
            </div>
            <div className="rc-tile-label">found</div>
          </div>
          <div className="rc-tile" title={`${s.aboveTolerance} above tolerance, ${s.unresolved} of them not resolved yet`}>
            <div className={`rc-tile-value num${s.unresolved ? ' rc-open' : ''}`} data-testid="recon-count-open">
              {s.unresolved}
            </div>
            <div className="rc-tile-label">open</div>
          </div>
          <SeverityTile severity="critical" count={severityCount(s, 'critical')} active={isOnly('critical')} onPick={pickSeverity} />
        </div>
        <div className="rc-sev-line">
          {(['warning', 'info'] as const).map((sev) => (
            <button
              key={sev}
              type="button"
              className={`rc-sev-pick${isOnly(sev) ? ' active' : ''}`}
              onClick={() => pickSeverity(sev)}
              title={`Show only ${sev} items`}
              data-testid={`recon-severity-${sev}`}
            >
              <span className={`rc-sev-dot rc-sev-${sev}`} aria-hidden="true" />
              <span className="num">{severityCount(s, sev)}</span> {SEVERITY_LABEL[sev].toLowerCase()}
            </button>
          ))}
          <span className="dim">· {s.aboveTolerance} above tolerance</span>
        </div>
        <ul className="rc-kinds">
          {kindCounts(s).map(({ kind, count }) => (
            <li key={kind}>
              <button
                type="button"
                className={`rc-kind${filters.kind === kind ? ' active' : ''}`}
                onClick={() => setFilters({ kind: filters.kind === kind ? 'all' : kind })}
                title={KIND_HINT[kind]}
                data-testid={`recon-kind-${kind}`}
              >
                <span>{KIND_LABEL[kind]}</span>
                <span className="num">{count}</span>
              </button>
            </li>
          ))}
          {total === 0 ? <li className="dim">No differences.</li> : null}
        </ul>
      </section>

      <section className="panel rc-sum-panel" data-testid="recon-accounts">
        <h2 className="panel-title">Accounts</h2>
        <table className="money rc-accounts">
          <thead>
            <tr>
              <th>Account</th>
              <th className="r">Found</th>
              <th className="r">Open</th>
              <th className="r">Critical</th>
              <th>Cash Δ</th>
              <th title="Sections the broker's file does not report for the account: not compared">Not covered</th>
            </tr>
          </thead>
          <tbody>
            {accountLines(s).map((a) => (
              <tr key={a.accountId} data-testid="recon-account-row" data-account={a.accountId}>
                <td>
                  <code>{a.accountId}</code>
                </td>
                <td className="r num">{a.total}</td>
                <td className={`r num${a.open ? ' rc-open' : ''}`}>{a.open}</td>
                <td className={`r num${a.critical ? ' rc-sev-critical' : ''}`}>{a.critical}</td>
                <td className="num">
                  {a.cashDelta.length ? a.cashDelta.map(([ccy, d]) => `${signed(d)} ${ccy}`).join(', ') : <span className="dim">—</span>}
                </td>
                <td>{a.notCovered.length ? <span className="rc-uncovered">{a.notCovered.join(', ')}</span> : <span className="dim">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel rc-sum-panel rc-sum-chart" data-testid="recon-cash">
        <h2 className="panel-title">Cash differences · broker − ours</h2>
        <CashDeltaChart report={report} />
      </section>
    </div>
  );
}

function SeverityTile({ severity, count, active, onPick }: { severity: Severity; count: number; active: boolean; onPick(s: Severity): void }) {
  return (
    <button
      type="button"
      className={`rc-tile rc-tile-button${active ? ' active' : ''}`}
      onClick={() => onPick(severity)}
      title={`Show only ${severity} items`}
      data-testid={`recon-severity-${severity}`}
    >
      <div className={`rc-tile-value num rc-sev-${severity}`}>{count}</div>
      <div className="rc-tile-label">{SEVERITY_LABEL[severity].toLowerCase()}</div>
    </button>
  );
}
