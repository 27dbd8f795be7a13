// The tiers over time (tiers.history): stored bytes per tier, hit ratio and read latency.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TierSample } from '../../../../shared/api/tiers';
import { formatBytes } from '../../format/bytes';
import { historyRows } from './model/series';

const COLORS = { hot: 'var(--warn)', warm: 'var(--accent)', cold: 'var(--text-dim)' } as const;
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const axis = { stroke: 'var(--text-dim)', tick: { fill: 'var(--text-dim)', fontSize: 10 }, tickLine: false } as const;

function Chart({ title, rows, prefix, format, testId }: { title: string; rows: ReturnType<typeof historyRows>; prefix: string; format(v: number): string; testId: string }) {
  return (
    <div className="st-chart" data-testid={testId} data-points={rows.length}>
      <div className="st-chart-title">{title}</div>
      <ResponsiveContainer width="100%" height={130}>
        <LineChart data={rows} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => time.format(v)} {...axis} />
          <YAxis {...axis} width={52} tickFormatter={format} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(v) => `${time.format(Number(v))} UTC`}
            formatter={(value, name) => [format(Number(value)), String(name)]}
            contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)', fontSize: 12 }}
          />
          {(['hot', 'warm', 'cold'] as const).map((t) => (
            <Line key={t} dataKey={`${prefix}_${t}`} name={t} stroke={COLORS[t]} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function TierCharts({ samples }: { samples: readonly TierSample[] }) {
  const rows = historyRows(samples);
  return (
    <div className="st-charts" data-testid="tier-charts">
      <Chart title="Stored bytes" rows={rows} prefix="bytes" format={formatBytes} testId="chart-bytes" />
      <Chart title="Hit ratio, %" rows={rows} prefix="hit" format={(v) => String(v)} testId="chart-hits" />
      <Chart title="Read latency p99, µs" rows={rows} prefix="p99" format={(v) => String(v)} testId="chart-latency" />
    </div>
  );
}
