// Gross and net exposure per account, one small chart per currency. Bars are drawn from floats;
// the tooltip shows the exact decimal strings.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AccountSummary } from '../../../../shared/api/contract';
import { formatDecimal } from '../../../../shared/decimal-text';
import { exposureSeries, type ExposurePoint } from './model/dashboard';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function ExposureChart({ accounts }: { accounts: readonly AccountSummary[] }) {
  const series = exposureSeries(accounts);
  if (series.length === 0) return <div className="dim panel-empty">No exposure: every account is flat.</div>;
  return (
    <div className="exposure" data-testid="exposure-chart">
      {series.map(({ currency, points }) => (
        <div key={currency} className="exposure-block">
          <div className="exposure-ccy">{currency}</div>
          <ResponsiveContainer width="100%" height={Math.max(80, points.length * 30 + 36)}>
            <BarChart data={points} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barGap={2}>
              <CartesianGrid horizontal={false} stroke="var(--grid)" />
              <XAxis
                type="number"
                tickFormatter={(v: number) => compact.format(v)}
                stroke="var(--text-dim)"
                tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
                tickLine={false}
              />
              <YAxis
                type="category"
                dataKey="account"
                width={170}
                stroke="var(--text-dim)"
                tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
                tickLine={false}
              />
              <Tooltip cursor={{ fill: 'var(--hover)' }} content={<ExactTooltip currency={currency} />} isAnimationActive={false} />
              <Bar dataKey="gross" name="Gross" fill="var(--chart-gross)" barSize={9} isAnimationActive={false} />
              <Bar dataKey="net" name="Net" fill="var(--chart-net)" barSize={9} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      ))}
      <div className="legend">
        <span className="legend-swatch gross" /> Gross <span className="legend-swatch net" /> Net
      </div>
    </div>
  );
}

function ExactTooltip({ active, payload, currency }: { active?: boolean; payload?: readonly { payload: ExposurePoint }[]; currency: string }) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  return (
    <div className="chart-tip">
      <div className="chart-tip-title">{p.account}</div>
      <div>
        Gross <span className="num">{formatDecimal(p.grossExact)}</span> {currency}
      </div>
      <div>
        Net <span className="num">{formatDecimal(p.netExact)}</span> {currency}
      </div>
    </div>
  );
}
