// Cash differences per currency and account, broker − ours, around zero: right of the line the
// broker has more, left it has less. Bars are floats for drawing; labels and tooltips are exact.
import { Bar, BarChart, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReconcileReport } from '../../../../shared/api/reconcile';
import { formatDecimal } from '../../../../shared/decimal-text';
import { useReconReport } from './store/report';
import { cashDeltaSeries, symmetricAxis, type CashDeltaPoint } from './model/chart';
import { signed } from './model/fields';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function CashDeltaChart({ report }: { report: ReconcileReport }) {
  const openDrawer = useReconReport((s) => s.openDrawer);
  const series = cashDeltaSeries(report.discrepancies, report.summary);
  const uncovered = Object.entries(report.summary.coverage).filter(([, c]) => !c.cash).map(([a]) => a);
  if (series.length === 0) {
    return (
      <div className="rc-chart-empty" data-testid="recon-cash-chart" data-series="0">
        <span className="rc-ok-mark">✓</span> Cash agrees in every currency the file reports.
        {uncovered.length ? (
          <div className="rc-uncovered">
            {report.summary.local?.cashCovered === false ? 'Cash not covered: our side keeps no balances' : `Cash not reported for ${uncovered.join(', ')}`}.
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <div className="rc-chart" data-testid="recon-cash-chart" data-series={series.length}>
      {series.map((s) => {
        const axis = symmetricAxis(s);
        return (
        <div key={s.currency} className="rc-chart-block" data-testid="recon-cash-series" data-currency={s.currency}>
          <div className="rc-chart-ccy">{s.currency}</div>
          <ResponsiveContainer width="100%" height={s.points.length * 28 + 30}>
            <BarChart data={s.points} layout="vertical" margin={{ top: 2, right: 86, bottom: 2, left: 4 }}>
              <XAxis
                type="number"
                domain={axis.domain}
                ticks={axis.ticks}
                tickFormatter={(v: number) => compact.format(v)}
                stroke="var(--text-dim)"
                tick={{ fill: 'var(--text-dim)', fontSize: 10 }}
                tickLine={false}
              />
              <YAxis type="category" dataKey="accountId" width={120} stroke="var(--text-dim)" tick={{ fill: 'var(--text-muted)', fontSize: 11 }} tickLine={false} />
              <ReferenceLine x={0} stroke="var(--border-strong)" />
              <Tooltip cursor={{ fill: 'var(--hover)' }} content={<ExactTip currency={s.currency} />} isAnimationActive={false} />
              <Bar
                dataKey="value"
                barSize={12}
                isAnimationActive={false}
                onClick={(d: unknown) => {
                  const id = (d as { payload?: CashDeltaPoint }).payload?.itemId;
                  if (id) openDrawer(id);
                }}
              >
                {s.points.map((p) => (
                  <Cell key={p.accountId} cursor={p.itemId ? 'pointer' : undefined} fill={p.resolved || p.withinTolerance ? 'var(--text-dim)' : 'var(--warn)'} />
                ))}
                <LabelList dataKey="delta" position="right" formatter={(v: unknown) => signed(String(v))} fill="var(--text)" fontSize={11} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        );
      })}
    </div>
  );
}

function ExactTip({ active, payload, currency }: { active?: boolean; payload?: readonly { payload: CashDeltaPoint }[]; currency: string }) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  return (
    <div className="chart-tip">
      <div className="chart-tip-title">
        {p.accountId} · {currency}
      </div>
      {p.local !== null ? (
        <div>
          Ours <span className="num">{formatDecimal(p.local)}</span>
        </div>
      ) : null}
      {p.broker !== null ? (
        <div>
          Broker <span className="num">{formatDecimal(p.broker)}</span>
        </div>
      ) : null}
      <div>
        Δ <span className="num">{signed(p.delta)}</span>
        {p.resolved ? ' · resolved' : p.withinTolerance ? ' · within tolerance' : ''}
      </div>
      {p.itemId ? <div className="dim">{p.itemId} · click for details</div> : null}
    </div>
  );
}
