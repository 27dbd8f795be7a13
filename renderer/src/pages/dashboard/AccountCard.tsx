// One broker account at a glance: money per currency, activity, and whether it may trade.
import type { AccountSummary } from '../../../../shared/api/contract';
import type { RiskState } from '../../../../shared/domain';
import { Badge } from '../../components/Badge';
import { DecimalText } from '../../components/DecimalText';
import { RelativeTime } from '../../components/RelativeTime';
import { columnScale } from '../../format/decimal';
import { displayPlaces, roundForDisplay } from '../../format/rounding';
import { currencyRows } from './model/dashboard';

interface Shown {
  text: string | null;
  exact: string | null;
  rounded: boolean;
}

const exactly = (v: string | null): Shown => ({ text: v, exact: v, rounded: false });
const rounded = (v: string | null, currency: string): Shown =>
  v === null ? exactly(v) : { ...roundForDisplay(v, displayPlaces(currency)), exact: v };

export function AccountCard({
  summary,
  haltedStrategies = [],
  onOpen,
}: {
  summary: AccountSummary;
  haltedStrategies?: readonly RiskState[];
  onOpen(accountId: string): void;
}) {
  const { account } = summary;
  const rows = currencyRows(summary).map((r) => ({
    currency: r.currency,
    cash: exactly(r.cash),
    gross: rounded(r.gross, r.currency),
    net: rounded(r.net, r.currency),
    pnl: rounded(r.pnl, r.currency),
  }));
  const scale = (pick: (r: (typeof rows)[number]) => Shown) => columnScale(rows.map((r) => pick(r).text));
  const scales = { cash: scale((r) => r.cash), gross: scale((r) => r.gross), net: scale((r) => r.net), pnl: scale((r) => r.pnl) };
  const halted = !summary.tradingEnabled;
  const cell = (v: Shown, s: number, tone?: 'pnl') => (
    <DecimalText
      value={v.text}
      scale={s}
      tone={tone}
      className={v.rounded ? 'rounded' : undefined}
      title={v.rounded ? `exact: ${v.exact}` : (v.exact ?? undefined)}
    />
  );
  return (
    <article className={`card account-card${halted ? ' halted' : ''}`} data-testid="account-card" data-account-id={account.accountId}>
      <header className="card-head">
        <div className="card-title-block">
          <h2 className="card-title" data-testid="account-name">
            {account.name}
          </h2>
          <div className="card-meta">
            <span>{account.broker}</span>
            <span className="sep">·</span>
            <span>{account.kind}</span>
            <span className="sep">·</span>
            <span>{account.accountType}</span>
            <span className="sep">·</span>
            <span>
              base <span className="ccy">{account.baseCurrency}</span>
            </span>
            <code className="card-id">{account.accountId}</code>
          </div>
        </div>
        {halted ? (
          <Badge tone="halt" testId="account-trading" title={summary.haltReason ?? 'trading halted'}>
            HALTED
          </Badge>
        ) : (
          <Badge tone="ok" testId="account-trading" title="Trading enabled">
            ENABLED
          </Badge>
        )}
      </header>
      {halted ? (
        <div className="halt-reason" data-testid="account-halt-reason">
          {summary.haltReason ?? 'No reason recorded'}
        </div>
      ) : null}
      {haltedStrategies.length > 0 ? (
        <ul className="halted-strategies" data-testid="account-halted-strategies">
          {haltedStrategies.map((r) => (
            <li key={r.strategyId}>
              <Badge tone="halt">HALTED</Badge> <code>{r.strategyId}</code>
              <span className="halted-why" title={r.haltReason ?? undefined}>
                {r.haltReason ?? 'no reason recorded'}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="money-wrap">
        <table className="money">
          <thead>
            <tr>
              <th>Ccy</th>
              <th className="r">Cash</th>
              <th className="r">Gross exposure</th>
              <th className="r">Net exposure</th>
              <th className="r">Unrealized P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="dim">
                  No cash or exposure
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.currency} data-testid="account-currency-row">
                  <td className="ccy">{r.currency}</td>
                  <td className="r">{cell(r.cash, scales.cash)}</td>
                  <td className="r">{cell(r.gross, scales.gross)}</td>
                  <td className="r">{cell(r.net, scales.net)}</td>
                  <td className="r">{cell(r.pnl, scales.pnl, 'pnl')}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <footer className="card-foot">
        <Stat label="Positions" value={summary.positions} testId="account-positions" />
        <Stat label="Open orders" value={summary.openOrders} testId="account-open-orders" />
        <div className="stat">
          <div className="stat-label">Strategies</div>
          <div className="stat-value num">
            <span data-testid="account-strategies">
              {summary.strategies.running}/{summary.strategies.total}
            </span>
            <span className="dim"> running</span>
          </div>
        </div>
        <div className="stat">
          <div className="stat-label">Last activity</div>
          <div className="stat-value">
            <RelativeTime iso={summary.lastActivity} testId="account-last-activity" />
          </div>
        </div>
        <button type="button" className="btn btn-ghost card-open" onClick={() => onOpen(account.accountId)} title="Open this account in the state explorer">
          Positions →
        </button>
      </footer>
    </article>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value num" data-testid={testId}>
        {value.toLocaleString('en-US')}
      </div>
    </div>
  );
}
