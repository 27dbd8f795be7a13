// Desk overview from desk.status: totals, halted accounts, one card per account, exposure.
import { useMemo } from 'react';
import { Badge } from '../../components/Badge';
import { StalenessBanner } from '../../components/CheckpointStaleness';
import { DecimalText } from '../../components/DecimalText';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { deskCash, haltedAccounts, haltedStrategiesByAccount } from './model/dashboard';
import { useLiveRefresh } from '../../live/live';
import { useRisk } from '../../stores/book';
import { useDesk } from '../../stores/desk';
import { openTab } from '../explorer/store/tab';
import { useScope } from '../../stores/scope';
import { AccountCard } from './AccountCard';
import { DeskTotals } from './DeskTotals';
import { ExposureChart } from './ExposureChart';
import { columnScale } from '../../format/decimal';

const RISK_TABLES = ['risk_state'];

export function Dashboard() {
  const { data, error, stamp, load } = useDesk();
  const cash = useMemo(() => (data ? deskCash(data.balances) : []), [data]);
  const halted = useMemo(() => (data ? haltedAccounts(data.accounts) : []), [data]);
  const risk = useRisk((s) => s.data);
  const loadRisk = useRisk((s) => s.load);
  useLiveRefresh(RISK_TABLES, loadRisk);
  const haltedStrategies = useMemo(() => haltedStrategiesByAccount(risk ?? []), [risk]);
  const openAccount = (accountId: string) => {
    useScope.getState().setAccount(accountId);
    openTab('positions');
  };
  const cashScale = Math.min(8, columnScale(cash.map((c) => c.amount)));

  return (
    <section className="page page-dashboard" data-testid="page-dashboard">
      <PageHeader title="Desk overview" stamp={stamp} />
      <div className="page-body page-scroll">
        {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
        {!data ? (
          error ? null : <div className="panel-empty dim">Loading desk…</div>
        ) : (
          <>
            <DeskTotals counts={data.counts} />
            <StalenessBanner />
            {halted.length > 0 ? (
              <div className="banner banner-halt" role="status" data-testid="halted-banner">
                <Badge tone="halt">HALTED</Badge>
                <span>
                  Trading is halted on {halted.length === 1 ? 'one account' : `${halted.length} accounts`}:{' '}
                  {halted.map((h) => `${h.account.name} (${h.haltReason ?? 'no reason recorded'})`).join('; ')}
                </span>
              </div>
            ) : null}
            {data.accounts.length === 0 ? (
              <div className="panel panel-empty">
                This state folder holds no accounts yet. Create a demo desk with <code>lifeboat demo --state DIR</code> or import a bot's
                state file with <code>lifeboat state import</code>.
              </div>
            ) : (
              <div className="cards" data-testid="account-cards">
                {data.accounts.map((a) => (
                  <AccountCard
                    key={a.account.accountId}
                    summary={a}
                    haltedStrategies={haltedStrategies.get(a.account.accountId)}
                    onOpen={openAccount}
                  />
                ))}
              </div>
            )}
            <div className="dash-lower">
              <section className="panel">
                <h2 className="panel-title">Exposure by account</h2>
                <ExposureChart accounts={data.accounts} />
              </section>
              <section className="panel">
                <h2 className="panel-title">Desk cash by currency</h2>
                <table className="money" data-testid="desk-cash">
                  <thead>
                    <tr>
                      <th>Ccy</th>
                      <th className="r">Amount</th>
                      <th className="r">Accounts</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cash.map((c) => (
                      <tr key={c.currency}>
                        <td className="ccy">{c.currency}</td>
                        <td className="r">
                          <DecimalText value={c.amount} scale={cashScale} />
                        </td>
                        <td className="r num">{c.accounts}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
            <p className="footnote">
              Exposure and P&amp;L are rounded to each currency&rsquo;s usual precision (dotted underline; hover for the exact value). Cash and
              everything in the state explorer are shown exactly as stored.
            </p>
          </>
        )}
      </div>
    </section>
  );
}
