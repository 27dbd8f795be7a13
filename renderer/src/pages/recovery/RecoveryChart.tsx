// RTO and RPO of every recovery and drill on this desk, over time, both in seconds: RTO on the
// left axis, RPO on the right (seconds against a minute or more, so each has its own scale). Drills and real
// recoveries are points on the same lines; the table below says which is which.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RecoveryRecord } from '../../../../shared/api/recovery';
import { stampMs } from '../../format/time';
import { recoveryPoints } from './model/history';

const tick = (v: number) => String(Number(v.toPrecision(2)));
const axis = { stroke: 'var(--text-dim)', tick: { fill: 'var(--text-dim)', fontSize: 10 }, tickLine: false, tickFormatter: tick, width: 40 } as const;

/** A point's time to the minute, in the shown zone (format/time.ts). */
const day = (ms: number) => stampMs(ms, false).slice(0, 16);

export function RecoveryChart({ history }: { history: readonly RecoveryRecord[] }) {
  const points = recoveryPoints(history);
  return (
    <div className="rv-chart" data-testid="recovery-chart" data-points={points.length}>
      <ResponsiveContainer width="100%" height={170}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => day(v)} stroke="var(--text-dim)" tick={{ fill: 'var(--text-dim)', fontSize: 10 }} tickLine={false} />
          <YAxis yAxisId="rto" {...axis} />
          <YAxis yAxisId="rpo" orientation="right" {...axis} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(v) => stampMs(Number(v))}
            formatter={(value, name) => [`${Number(value).toFixed(2)} s`, name]}
            contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)', fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Line yAxisId="rto" dataKey="rtoSeconds" name="RTO, s (left)" stroke="var(--accent)" dot={{ r: 3 }} isAnimationActive={false} />
          <Line yAxisId="rpo" dataKey="rpoSeconds" name="RPO, s (right)" stroke="var(--warn)" dot={{ r: 3 }} strokeDasharray="4 3" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
