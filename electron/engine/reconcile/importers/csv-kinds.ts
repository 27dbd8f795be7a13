// What a CSV row is, from its kind column.

export type CsvKind = 'position' | 'order' | 'cash';

const KINDS: Record<string, CsvKind> = {
  position: 'position',
  positions: 'position',
  order: 'order',
  orders: 'order',
  cash: 'cash',
  balance: 'cash',
  balances: 'cash',
};

export function csvKind(cell: string): CsvKind | null {
  if (Object.hasOwn(KINDS, cell)) return KINDS[cell];
  const key = cell.trim().toLowerCase();
  return Object.hasOwn(KINDS, key) ? KINDS[key] : null;
}

export const CSV_KIND_NAMES = Object.keys(KINDS);
