// One row's cells. Memoized on the row's data and the column layout, so scrolling and live
// refreshes of other rows do not re-render it.
import { flexRender, type Cell, type Row } from '@tanstack/react-table';
import { memo } from 'react';
import { shownTime, utcStamp } from '../../format/time';
import { detailsSummary } from './summary';
import { DecimalText } from '../DecimalText';
import './meta';

interface RowCellsProps {
  row: Row<any>;
  scales: Record<string, number>;
  /** Column ids, widths and scales: the cells depend on nothing else but the row's data. */
  layout: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RowCells = memo(
  function RowCells({ row, scales }: RowCellsProps) {
    return (
      <>
        {row.getVisibleCells().map((cell) => (
          <div
            key={cell.id}
            className={`dt-cell k-${cell.column.columnDef.meta?.kind ?? 'text'}`}
            style={{ width: cell.column.getSize() }}
            role="gridcell"
            data-col={cell.column.id}
          >
            <CellContent cell={cell} scale={scales[cell.column.id] ?? 0} />
          </div>
        ))}
      </>
    );
  },
  (a, b) => a.row.original === b.row.original && a.layout === b.layout,
);

function CellContent<T>({ cell, scale }: { cell: Cell<T, unknown>; scale: number }) {
  const meta = cell.column.columnDef.meta;
  if (meta?.customCell) return <>{flexRender(cell.column.columnDef.cell, cell.getContext())}</>;
  const value = cell.getValue();
  switch (meta?.kind) {
    case 'decimal': {
      const tone = meta.tone === 'pnl' ? 'pnl' : 'plain';
      if (meta.display && typeof value === 'string') {
        const shown = meta.display(value, cell.row.original);
        return (
          <DecimalText
            value={shown.text}
            scale={scale}
            tone={tone}
            className={shown.rounded ? 'rounded' : undefined}
            title={shown.rounded ? `exact: ${value}` : value}
          />
        );
      }
      return <DecimalText value={value as string | null} scale={scale} tone={tone} />;
    }
    case 'time':
      return <span title={value ? utcStamp(value as string) : undefined}>{shownTime(value as string | null, false) || '—'}</span>;
    case 'count':
      return <span className="num">{typeof value === 'number' ? value.toLocaleString('en-US') : '—'}</span>;
    case 'bool':
      return <span>{value ? 'yes' : 'no'}</span>;
    case 'json':
      return <span className="mono dim">{detailsSummary(value)}</span>;
    default:
      return value == null || value === '' ? <span className="dim">—</span> : <span title={String(value)}>{String(value)}</span>;
  }
}
