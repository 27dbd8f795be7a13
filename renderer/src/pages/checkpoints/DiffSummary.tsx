// A diff at a glance: changes per table and per account; a click narrows the rows below.
import type { CheckpointDiff } from '../../../../shared/api/checkpoints';
import { changedTables, summaryByAccount, tableLabel, totalOf, type KindCounts } from './model/compare';

export interface SummaryFilter {
  table: string | null;
  /** undefined: any account; null: desk-wide records. */
  accountId: string | null | undefined;
}

export function DiffSummary({ diff, filter, onFilter }: { diff: CheckpointDiff; filter: SummaryFilter; onFilter(f: SummaryFilter): void }) {
  const tables = changedTables(diff);
  const accounts = summaryByAccount(diff.rows);
  const total = tables.reduce((n, t) => n + totalOf(t), 0);
  const partial = diff.rows.length < total;
  return (
    <div className="cp-summary" data-testid="diff-summary">
      <SummaryTable
        title="By table"
        testId="diff-by-table"
        rows={tables.map((t) => ({ key: t.table, label: tableLabel(t.table), counts: t, active: filter.table === t.table }))}
        onPick={(key) => onFilter({ ...filter, table: filter.table === key ? null : key })}
        empty="No table differs."
      />
      <SummaryTable
        title={partial ? `By account (first ${diff.rows.length.toLocaleString('en-US')} changes)` : 'By account'}
        testId="diff-by-account"
        rows={accounts.map((a) => ({
          key: a.accountId ?? '',
          label: a.accountId ?? '(desk-wide)',
          counts: a,
          active: filter.accountId !== undefined && filter.accountId === a.accountId,
        }))}
        onPick={(key) => {
          const accountId = key === '' ? null : key;
          onFilter({ ...filter, accountId: filter.accountId === accountId ? undefined : accountId });
        }}
        empty="No account differs."
      />
    </div>
  );
}

function SummaryTable({
  title,
  testId,
  rows,
  onPick,
  empty,
}: {
  title: string;
  testId: string;
  rows: { key: string; label: string; counts: KindCounts; active: boolean }[];
  onPick(key: string): void;
  empty: string;
}) {
  return (
    <section className="panel cp-summary-block">
      <h2 className="panel-title">{title}</h2>
      <table className="money cp-summary-table" data-testid={testId}>
        <thead>
          <tr>
            <th />
            <th className="r">Added</th>
            <th className="r">Removed</th>
            <th className="r">Changed</th>
            <th className="r">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="dim">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr
                key={r.key}
                className={`cp-summary-row${r.active ? ' active' : ''}`}
                onClick={() => onPick(r.key)}
                title={r.active ? 'Show every row again' : 'Show only these rows'}
                data-testid="diff-summary-row"
                data-key={r.key}
              >
                <td className="cp-summary-name">{r.label}</td>
                <td className="r num pos">{r.counts.added ? `+${r.counts.added.toLocaleString('en-US')}` : <span className="dim">0</span>}</td>
                <td className="r num neg">{r.counts.removed ? `−${r.counts.removed.toLocaleString('en-US')}` : <span className="dim">0</span>}</td>
                <td className="r num warnish">{r.counts.changed ? r.counts.changed.toLocaleString('en-US') : <span className="dim">0</span>}</td>
                <td className="r num">{totalOf(r.counts).toLocaleString('en-US')}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
