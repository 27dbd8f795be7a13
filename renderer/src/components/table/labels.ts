import type { ColumnDef } from '@tanstack/react-table';

/** The column's name in words: meta.label, a string header, or its id. */
export function columnLabel<T>(def: ColumnDef<T, any>, id: string): string {
  if (def.meta?.label) return def.meta.label;
  if (typeof def.header === 'string') return def.header;
  return id;
}
