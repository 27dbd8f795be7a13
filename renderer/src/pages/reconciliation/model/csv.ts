// A CSV broker file's header, read from the first bytes only (the engine reads the rest), and
// mapping files in the CLI's shape: { columns?, symbols? } or a bare column mapping.
import { manyToOne, type CsvMapping } from '../../../../../shared/api/reconcile';

export type Delimiter = ',' | ';' | '\t';

/** The fields a column mapping can name, in the order the form shows them. */
export const MAPPING_FIELDS = [
  { key: 'account', label: 'Account', group: 'every row' },
  { key: 'kind', label: 'Row kind', group: 'every row' },
  { key: 'symbol', label: 'Symbol', group: 'positions & orders' },
  { key: 'quantity', label: 'Quantity', group: 'positions & orders' },
  { key: 'avgPrice', label: 'Avg price', group: 'positions' },
  { key: 'side', label: 'Side', group: 'orders' },
  { key: 'orderId', label: 'Broker order id', group: 'orders' },
  { key: 'clientOrderId', label: 'Client order id', group: 'orders' },
  { key: 'filledQuantity', label: 'Filled qty', group: 'orders' },
  { key: 'limitPrice', label: 'Limit price', group: 'orders' },
  { key: 'status', label: 'Status', group: 'orders' },
  { key: 'currency', label: 'Currency', group: 'cash' },
  { key: 'amount', label: 'Amount', group: 'cash' },
] as const satisfies readonly { key: keyof CsvMapping; label: string; group: string }[];
export type MappingField = (typeof MAPPING_FIELDS)[number]['key'];

/** Splits one CSV line, honouring double quotes ("" inside quotes is a quote). */
export function splitCsvLine(line: string, delimiter: Delimiter): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out.map((c) => c.trim());
}

/** The header's column names and the delimiter that splits it best; null when the head has no line with two fields. */
export function csvHeader(head: string): { columns: string[]; delimiter: Delimiter } | null {
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!first.trim()) return null;
  let best: { columns: string[]; delimiter: Delimiter } | null = null;
  for (const delimiter of [',', ';', '\t'] as const) {
    const columns = splitCsvLine(first, delimiter);
    if (columns.length >= 2 && (!best || columns.length > best.columns.length)) best = { columns, delimiter };
  }
  return best;
}

export interface MappingFile {
  columns?: CsvMapping;
  symbols?: Record<string, Record<string, string>>;
}

/** A mapping file's content, or why it cannot be used (the engine checks the fields themselves). */
export function parseMappingFile(text: string): { ok: true; value: MappingFile } | { ok: false; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, problem: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!isObject(parsed)) return { ok: false, problem: 'must be a JSON object: { "columns": {…}, "symbols": {…} } or a bare column mapping' };
  const stringMap = (v: unknown) => isObject(v) && Object.values(v).every((x) => typeof x === 'string');
  if ('columns' in parsed || 'symbols' in parsed) {
    const { columns, symbols } = parsed as { columns?: unknown; symbols?: unknown };
    if (columns !== undefined && !stringMap(columns)) return { ok: false, problem: '"columns" must map field names to column names' };
    if (symbols !== undefined && !(isObject(symbols) && Object.values(symbols).every(stringMap))) {
      return { ok: false, problem: '"symbols" must map each account to { broker symbol: desk symbol }' };
    }
    for (const [account, map] of Object.entries((symbols ?? {}) as Record<string, Record<string, string>>).sort(([a], [b]) => a.localeCompare(b))) {
      const many = manyToOne(map);
      if (many) {
        const [a, b] = many.brokerSymbols;
        return { ok: false, problem: `"symbols" sends broker symbols ${a} and ${b} of ${account} both to ${many.symbol}; a symbol mapping must be one-to-one` };
      }
    }
    return { ok: true, value: { columns: columns as CsvMapping | undefined, symbols: symbols as MappingFile['symbols'] } };
  }
  if (!stringMap(parsed)) return { ok: false, problem: 'a bare column mapping must map field names to column names' };
  return { ok: true, value: { columns: parsed as CsvMapping } };
}

/** How many symbol mappings a file holds, over how many accounts. */
export function symbolCount(symbols: MappingFile['symbols']): { mappings: number; accounts: number } {
  const entries = Object.values(symbols ?? {});
  return { mappings: entries.reduce((n, m) => n + Object.keys(m).length, 0), accounts: entries.length };
}

/** Only the boxes a person filled: an empty mapping is sent as none, so the engine's header names apply. */
export function cleanMapping(columns: CsvMapping): CsvMapping | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(columns)) if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  return Object.keys(out).length ? (out as CsvMapping) : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
