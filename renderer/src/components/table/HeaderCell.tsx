// A column header: label, sort state, resize handle.
import { zoned } from '../../format/time';
import { flexRender, type Header } from '@tanstack/react-table';
import { columnLabel } from './labels';
import './meta';

export function HeaderCell<T>({ header, manualSort }: { header: Header<T, unknown>; manualSort: boolean }) {
  const column = header.column;
  const sorted = column.getIsSorted();
  const kind = column.columnDef.meta?.kind ?? 'text';
  const sortIndex = column.getSortIndex();
  return (
    <div
      className={`dt-th k-${kind}${column.getCanSort() ? ' sortable' : ''}`}
      style={{ width: header.getSize() }}
      role="columnheader"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      title={[
        column.columnDef.meta?.headerTitle,
        column.getCanSort() ? (manualSort ? 'Click to sort' : 'Click to sort; shift-click adds a sort key') : null,
      ]
        .filter(Boolean)
        .join('. ') || columnLabel(column.columnDef, column.id)}
      onClick={column.getCanSort() ? column.getToggleSortingHandler() : undefined}
      data-testid={`column-header-${column.id}`}
    >
      {column.columnDef.meta?.display ? (
        <span className="dt-approx" aria-label="rounded for display">
          ≈
        </span>
      ) : null}
      <span className="dt-th-label">{headerText(column.columnDef.header, column.columnDef.meta?.kind) ?? flexRender(column.columnDef.header, header.getContext())}</span>
      {sorted ? (
        <span className="dt-sort">
          {sorted === 'asc' ? '▲' : '▼'}
          {sortIndex > 0 ? <sub>{sortIndex + 1}</sub> : null}
        </span>
      ) : null}
      {column.getCanResize() ? (
        <span
          className={`dt-resizer${column.getIsResizing() ? ' active' : ''}`}
          onMouseDown={header.getResizeHandler()}
          onClick={(e) => e.stopPropagation()}
          aria-hidden="true"
        />
      ) : null}
    </div>
  );
}

/** A time column's header names the zone its cells are in: "Taken (UTC)" reads "Taken (CET)" when the console shows local time. */
function headerText(header: unknown, kind: string | undefined): string | null {
  if (kind !== 'time' || typeof header !== 'string') return null;
  return header.endsWith(' (UTC)') ? zoned(header.slice(0, -' (UTC)'.length)) : null;
}
