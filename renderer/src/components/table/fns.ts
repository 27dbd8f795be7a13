// Filter and sort functions for table columns, chosen by the column's kind.
import type { ColumnDef, FilterFn, SortingFn } from '@tanstack/react-table';
import { compareDecimalText } from '../../../../shared/decimal-text';
import { matchesDecimalFilter, matchesTextFilter } from '../../../../shared/table-filters';
import './meta';

export const decimalFilter: FilterFn<unknown> = (row, columnId, value: string) =>
  matchesDecimalFilter(row.getValue<string | null>(columnId), value);
decimalFilter.autoRemove = (v) => !v;

export const textFilter: FilterFn<unknown> = (row, columnId, value: string) => {
  const cell = row.getValue<unknown>(columnId);
  return matchesTextFilter(typeof cell === 'object' && cell !== null ? JSON.stringify(cell) : cell, value);
};
textFilter.autoRemove = (v) => !v;

export const decimalSort: SortingFn<unknown> = (a, b, columnId) =>
  compareDecimalText(a.getValue<string | null>(columnId), b.getValue<string | null>(columnId));

/** ISO timestamps and ids sort as plain strings; nulls first. */
export const textSort: SortingFn<unknown> = (a, b, columnId) => {
  const x = a.getValue<unknown>(columnId);
  const y = b.getValue<unknown>(columnId);
  const sx = x == null ? '' : String(x);
  const sy = y == null ? '' : String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
};

export const countSort: SortingFn<unknown> = (a, b, columnId) =>
  (a.getValue<number>(columnId) ?? 0) - (b.getValue<number>(columnId) ?? 0);

/** Fills in filterFn/sortingFn from meta.kind unless the column sets its own. */
export function withKindFns<T>(columns: ColumnDef<T, any>[]): ColumnDef<T, any>[] {
  return columns.map((c) => {
    const kind = c.meta?.kind ?? 'text';
    return {
      filterFn: (kind === 'decimal' ? decimalFilter : textFilter) as FilterFn<T>,
      sortingFn: (kind === 'decimal' ? decimalSort : kind === 'count' ? countSort : textSort) as SortingFn<T>,
      sortDescFirst: kind === 'decimal' || kind === 'count' || kind === 'time',
      ...c,
      meta: { ...c.meta, customCell: c.cell !== undefined },
    };
  });
}
