// The explorer's table: virtualized rows, sort, per-column and quick filters, column chooser,
// keyboard selection. Decimal columns line up on the point and sort exactly.
import {
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { activeFilters, matchesQuickFilter, quickFilterTerms, type ColumnFilters } from '../../../../shared/table-filters';
import { ColumnChooser } from './ColumnChooser';
import { withKindFns } from './fns';
import { HeaderCell } from './HeaderCell';
import { columnLabel } from './labels';
import { columnIdOf, headerWidth, measureColumns, useCharWidth } from './measure';
import { RowCells } from './RowCells';
import { usePersistedVisibility } from './usePersistedVisibility';
import './meta';

export const ROW_HEIGHT = 26;
/** Label row + filter row; fixed so virtual rows start exactly below them. */
const HEAD_HEIGHT = 56;
/** The label row alone (a windowed table without server-side column filters). */
const LABELS_HEIGHT = 30;

export interface DataTableProps<T> {
  /** Remembers column visibility under this name. */
  tableId: string;
  testId: string;
  rowTestId: string;
  data: readonly T[];
  columns: ColumnDef<T, any>[];
  getRowId(row: T): string;
  /** Enter or double-click. */
  onOpen?(row: T): void;
  onSelect?(row: T): void;
  /** A server-side quick filter; without it the table filters the rows it has. */
  quickFilter?: { value: string; onChange(value: string): void; placeholder?: string };
  /**
   * Server-side column filters (column id → what was typed): the boxes show `state` and report
   * each change; the server narrows the rows. A windowed table has filter boxes only with these.
   */
  columnFilters?: { state: ColumnFilters; onChange(state: ColumnFilters): void };
  /** Server-side sorting; without it the table sorts the rows it has. */
  sorting?: { state: SortingState; onChange(state: SortingState): void };
  initialSorting?: SortingState;
  initialHidden?: string[];
  rowClass?(row: T): string | undefined;
  /** Extra controls after the quick filter. */
  toolbar?: ReactNode;
  /** Shown before the row count, e.g. "showing N of TOTAL". */
  status?: ReactNode;
  empty?: ReactNode;
  /** Show "N of M rows" only while a filter narrows the rows (when `status` already counts them). */
  countOnlyWhenFiltered?: boolean;
  /** Text the quick filter searches in; defaults to every plain field of the row. */
  searchText?(row: T): string;
  /**
   * The rows are one window of a longer server-side list (use with `sorting` and `quickFilter`):
   * `data` holds rows offset..offset+data.length-1 of `total`; the table scrolls over all of them,
   * shows rows it has not got yet as pending, and reports what it shows with onRange. Column
   * filters are off unless the server applies them (`columnFilters`): on the window alone they
   * would narrow the rows it happens to hold.
   */
  window?: { total: number; offset: number; of?: number; onRange(first: number, last: number): void };
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { data, getRowId, onOpen, onSelect, quickFilter, window: win } = props;
  const [localQuick, setLocalQuick] = useState('');
  const deferredQuick = useDeferredValue(quickFilter ? '' : localQuick);
  const terms = useMemo(() => quickFilterTerms(deferredQuick), [deferredQuick]);
  const searchText = props.searchText ?? defaultSearchText;
  const visibleData = useMemo(() => {
    if (terms.length === 0) return data as T[];
    return data.filter((row) => matchesQuickFilter(searchText(row).toLowerCase(), terms));
  }, [data, terms, searchText]);

  const baseColumns = useMemo(() => withKindFns(props.columns), [props.columns]);
  const charPx = useCharWidth();
  // Widths and decimal alignment come from all rows, so filtering does not make columns jump.
  const measured = useMemo(() => measureColumns(data, baseColumns), [data, baseColumns]);
  // A window's widths only grow, so scrolling to other rows does not make columns jump.
  const widest = useRef(measured);
  const measures = useMemo(() => (win ? (widest.current = widerOf(widest.current, measured)) : measured), [win ? 1 : 0, measured]);
  const widthKey = baseColumns.map((c) => `${columnIdOf(c)}:${measures[columnIdOf(c)]?.chars ?? ''}`).join('|');
  const columns = useMemo(
    () =>
      baseColumns.map((c) => {
        const m = measures[columnIdOf(c)];
        if (!m || c.meta?.kind === 'json' || c.meta?.fixedWidth) return c;
        return { ...c, size: Math.max(headerWidth(c, charPx), Math.ceil(m.chars * charPx) + 22) };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [baseColumns, widthKey, charPx],
  );
  const [localSorting, setLocalSorting] = useState<SortingState>(props.initialSorting ?? []);
  const [localFilters, setLocalFilters] = useState<ColumnFiltersState>([]);
  const serverFilters = props.columnFilters;
  const columnFilters: ColumnFiltersState = useMemo(
    () => (serverFilters ? activeFilters(serverFilters.state).map(([id, value]) => ({ id, value })) : localFilters),
    [serverFilters?.state, localFilters],
  );
  const setColumnFilters = (next: ColumnFiltersState) =>
    serverFilters ? serverFilters.onChange(Object.fromEntries(next.map((f) => [f.id, String(f.value ?? '')]))) : setLocalFilters(next);
  const withFilterRow = !win || Boolean(serverFilters);
  const [columnVisibility, setColumnVisibility] = usePersistedVisibility(props.tableId, props.initialHidden);
  const [columnSizing, setColumnSizing] = useState({});
  const manual = props.sorting;

  const table = useReactTable<T>({
    data: visibleData,
    columns,
    getRowId: (row) => getRowId(row),
    state: { sorting: manual ? manual.state : localSorting, columnFilters, columnVisibility, columnSizing },
    onSortingChange: manual
      ? (updater) => manual.onChange(typeof updater === 'function' ? updater(manual.state) : updater)
      : setLocalSorting,
    onColumnFiltersChange: (updater) => setColumnFilters(typeof updater === 'function' ? updater(columnFilters) : updater),
    onColumnVisibilityChange: setColumnVisibility,
    onColumnSizingChange: setColumnSizing,
    manualSorting: Boolean(manual),
    enableMultiSort: !manual,
    enableColumnFilters: withFilterRow,
    manualFiltering: Boolean(serverFilters),
    isMultiSortEvent: (e) => (e as MouseEvent).shiftKey,
    columnResizeMode: 'onChange',
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    ...(manual ? {} : { getSortedRowModel: getSortedRowModel() }),
  });

  const rows = table.getRowModel().rows;
  const offset = win?.offset ?? 0;
  const count = win ? win.total : rows.length;
  /** The row at a position of the whole list, or undefined while its window is not here. */
  const rowAt = useCallback((index: number) => rows[index - offset], [rows, offset]);
  const visibleColumns = table.getVisibleLeafColumns();
  const totalWidth = table.getTotalSize();

  // Rows re-render only when their data, the column layout or the alignment changes: scrolling
  // and live refreshes of other rows leave them alone.
  const scalesKey = Object.entries(measures)
    .map(([id, m]) => `${id}:${m.scale}`)
    .join('|');
  const scales = useMemo(() => Object.fromEntries(Object.entries(measures).map(([id, m]) => [id, m.scale])), [scalesKey]);
  const layoutKey = `${visibleColumns.map((c) => `${c.id}:${c.getSize()}`).join('|')}#${scalesKey}`;

  const headHeight = withFilterRow ? HEAD_HEIGHT : LABELS_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });

  const [selectedId, setSelectedId] = useState<string | null>(null);
  // A row picked from the keyboard before its window arrived (End on 10,000 rows).
  const [pendingIndex, setPendingIndex] = useState<number | null>(null);
  const selectedIndex = useMemo(() => {
    if (pendingIndex !== null) return pendingIndex;
    if (selectedId === null) return -1;
    const i = rows.findIndex((r) => r.id === selectedId);
    return i < 0 ? -1 : i + offset;
  }, [rows, selectedId, pendingIndex, offset]);

  const select = useCallback(
    (index: number) => {
      if (index < 0 || index >= count) return;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      const row = rowAt(index);
      if (!row) return setPendingIndex(index);
      setPendingIndex(null);
      setSelectedId(row.id);
      onSelect?.(row.original);
    },
    [count, rowAt, onSelect, virtualizer],
  );
  useEffect(() => {
    if (pendingIndex === null) return;
    const row = rowAt(pendingIndex);
    if (!row) return;
    setPendingIndex(null);
    setSelectedId(row.id);
    onSelect?.(row.original);
  }, [pendingIndex, rowAt, onSelect]);

  // Tell a windowed list which rows are on screen.
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items[items.length - 1]?.index ?? 0;
  const onRange = win?.onRange;
  useEffect(() => {
    if (onRange && count > 0) onRange(firstShown, lastShown);
    // A new window (a new query, a list that shrank) may not cover the rows on screen: report again.
  }, [onRange, firstShown, lastShown, count, offset, data.length]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - headHeight) / ROW_HEIGHT) - 1);
    const at = selectedIndex;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at < 0 ? 0 : at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: count - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      select(Math.min(count - 1, Math.max(0, moves[e.key])));
    } else if (e.key === 'Enter' && at >= 0) {
      e.preventDefault();
      const row = rowAt(at);
      if (row) onOpen?.(row.original);
    }
  };

  // "/" jumps to the quick filter from anywhere on the page.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      e.preventDefault();
      filterRef.current?.focus();
      filterRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const filtersActive = columnFilters.length > 0 || (!quickFilter && localQuick !== '');
  const clearFilters = () => {
    setColumnFilters([]);
    if (!quickFilter) setLocalQuick('');
  };

  return (
    <div className="dt" data-testid={props.testId}>
      <div className="dt-toolbar">
        <input
          ref={filterRef}
          className="input dt-quick"
          type="search"
          placeholder={quickFilter?.placeholder ?? 'Quick filter (/)'}
          value={quickFilter ? quickFilter.value : localQuick}
          onChange={(e) => (quickFilter ? quickFilter.onChange(e.target.value) : setLocalQuick(e.target.value))}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              scrollRef.current?.focus();
              if (selectedIndex < 0) select(0);
            } else if (e.key === 'Escape') {
              (e.target as HTMLInputElement).blur();
            }
          }}
          data-testid="table-filter"
          aria-label="Quick filter"
          spellCheck={false}
        />
        {props.toolbar}
        <div className="dt-toolbar-right">
          {filtersActive ? (
            <button type="button" className="btn btn-ghost" onClick={clearFilters} data-testid="clear-filters">
              Clear filters
            </button>
          ) : null}
          {props.status}
          {win ? (
            !props.countOnlyWhenFiltered || win.total !== (win.of ?? win.total) ? (
              <span className="dt-count" data-testid="row-count">
                {win.total.toLocaleString('en-US')} of {(win.of ?? win.total).toLocaleString('en-US')} rows
              </span>
            ) : null
          ) : !props.countOnlyWhenFiltered || rows.length !== data.length ? (
            <span className="dt-count" data-testid="row-count">
              {rows.length.toLocaleString('en-US')} of {data.length.toLocaleString('en-US')} rows
            </span>
          ) : null}
          <ColumnChooser table={table} />
        </div>
      </div>
      <div
        ref={scrollRef}
        className="dt-scroll"
        tabIndex={0}
        role="grid"
        aria-rowcount={count}
        aria-colcount={visibleColumns.length}
        onKeyDown={onKeyDown}
        data-testid={`${props.testId}-body`}
      >
        <div className={withFilterRow ? 'dt-head' : 'dt-head dt-head-labels'} role="rowgroup" style={{ width: totalWidth }}>
          <div className="dt-head-row" role="row">
            {table.getHeaderGroups()[0].headers.map((header) => (
              <HeaderCell key={header.id} header={header} manualSort={Boolean(manual)} />
            ))}
          </div>
          {withFilterRow ? (
            <div className="dt-filter-row" role="row">
              {table.getHeaderGroups()[0].headers.map((header) => (
                <div key={header.id} className="dt-filter-cell" style={{ width: header.getSize() }}>
                  {header.column.getCanFilter() ? (
                    <input
                      className="input dt-col-filter"
                      value={(header.column.getFilterValue() as string | undefined) ?? ''}
                      onChange={(e) => header.column.setFilterValue(e.target.value)}
                      placeholder={header.column.columnDef.meta?.kind === 'decimal' ? '>0, 1..5' : 'filter'}
                      aria-label={`Filter ${columnLabel(header.column.columnDef, header.column.id)}`}
                      data-testid={`column-filter-${header.column.id}`}
                      spellCheck={false}
                    />
                  ) : null}
                </div>
              ))}
            </div>
          ) : null}
        </div>
        <div className="dt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            if (!row) {
              return (
                <div
                  key={`pending-${item.index}`}
                  className={`dt-row dt-row-pending${item.index % 2 ? ' odd' : ''}`}
                  role="row"
                  aria-rowindex={item.index + 1}
                  aria-busy="true"
                  data-testid={`${props.rowTestId}-pending`}
                  style={{ transform: `translateY(${item.start - headHeight}px)`, width: totalWidth }}
                />
              );
            }
            const selected = item.index === selectedIndex;
            const extra = props.rowClass?.(row.original);
            return (
              <div
                key={row.id}
                className={`dt-row${item.index % 2 ? ' odd' : ''}${selected ? ' selected' : ''}${extra ? ` ${extra}` : ''}`}
                role="row"
                aria-selected={selected}
                aria-rowindex={item.index + 1}
                data-testid={props.rowTestId}
                data-row-id={row.id}
                style={{ transform: `translateY(${item.start - headHeight}px)`, width: totalWidth }}
                onMouseDown={() => select(item.index)}
                onDoubleClick={() => onOpen?.(row.original)}
              >
                <RowCells row={row} scales={scales} layout={layoutKey} />
              </div>
            );
          })}
        </div>
        {count === 0 ? (
          <div className="dt-empty">{data.length === 0 && !(win && win.of) ? (props.empty ?? 'No rows.') : 'No rows match the filters.'}</div>
        ) : null}
      </div>
    </div>
  );
}

function widerOf(a: ReturnType<typeof measureColumns>, b: ReturnType<typeof measureColumns>): ReturnType<typeof measureColumns> {
  const out = { ...a };
  let changed = false;
  for (const [id, m] of Object.entries(b)) {
    const old = a[id];
    if (!old || m.chars > old.chars || m.scale > old.scale) {
      out[id] = old ? { ...m, chars: Math.max(m.chars, old.chars), scale: Math.max(m.scale, old.scale) } : m;
      changed = true;
    }
  }
  return changed ? out : a;
}

function defaultSearchText(row: unknown): string {
  if (typeof row !== 'object' || row === null) return String(row);
  let text = '';
  for (const v of Object.values(row)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') text += `${v}\u0001`;
  }
  return text;
}

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
