// Column widths from the values themselves, in pixels of the table's font.
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { measureColumn, type ColumnMeasure } from './column-width';
import './meta';

export function columnIdOf<T>(c: ColumnDef<T, any>): string {
  return c.id ?? ((c as { accessorKey?: string }).accessorKey as string);
}

function accessorOf<T>(c: ColumnDef<T, any>): ((row: T, index: number) => unknown) | null {
  if ('accessorFn' in c && c.accessorFn) return c.accessorFn as (row: T, index: number) => unknown;
  const key = (c as { accessorKey?: string }).accessorKey;
  return key ? (row: T) => (row as Record<string, unknown>)[key] : null;
}

export function measureColumns<T>(data: readonly T[], columns: ColumnDef<T, any>[]): Record<string, ColumnMeasure> {
  const out: Record<string, ColumnMeasure> = {};
  for (const c of columns) {
    const read = accessorOf(c);
    if (!read) continue;
    const display = c.meta?.display;
    const shown = display
      ? (row: T, i: number) => {
          const v = read(row, i) as string | null;
          return v === null || v === undefined ? v : display(v, row).text;
        }
      : read;
    out[columnIdOf(c)] = measureColumn(data.map(shown), c.meta?.kind ?? 'text');
  }
  return out;
}

/** Room for the header label and the sort arrow. */
export function headerWidth<T>(c: ColumnDef<T, any>, charPx: number): number {
  const label = typeof c.header === 'string' ? c.header : (c.meta?.label ?? '');
  return Math.ceil(label.length * charPx) + 36 + (c.meta?.display ? 14 : 0);
}

/** The width of one digit in the table's font, measured once. */
let measuredCharPx: number | null = null;
export function useCharWidth(): number {
  const [px] = useState(() => {
    if (measuredCharPx !== null) return measuredCharPx;
    const probe = document.createElement('span');
    probe.className = 'dt-cell num';
    probe.style.cssText = 'position:absolute;visibility:hidden;padding:0;white-space:pre;font-size:var(--table-font-size)';
    probe.textContent = '0000000000';
    document.body.appendChild(probe);
    const width = probe.getBoundingClientRect().width / 10;
    probe.remove();
    measuredCharPx = width > 3 && width < 20 ? width : 7.5;
    return measuredCharPx;
  });
  return px;
}
