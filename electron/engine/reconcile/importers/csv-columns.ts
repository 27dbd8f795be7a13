// Where each mapped field sits in a CSV: by header name or by 1-based number. A mapped column
// the header lacks is refused at the header line, naming the field and listing the header.
import type { CsvMapping } from '../../../../shared/api/reconcile';
import { decimalProblem } from '../../../../shared/decimal';
import { problemsError, type FieldProblem } from '../../state-files/json-fields';
import type { CsvRecord } from './csv-records';
import { CSV_FIELDS, DEFAULT_NAMES, normaliseName, type CsvField } from './csv-mapping';
import { csvKind } from './csv-kinds';

export interface CsvColumns {
  /** 0-based column of each mapped field. */
  index: Partial<Record<CsvField, number>>;
  /** `column 3 "Qty"`, for messages. */
  label: (column: number) => string;
  /** Whether the first record is a header (else it is data). */
  hasHeader: boolean;
  /** Fields per record. */
  width: number;
}

const isNumber = (v: string) => /^[1-9][0-9]*$/.test(v.trim());

/**
 * Resolves the mapping (or, with none, the header's own names) against the first record. With
 * only column numbers the first record is a header unless it reads as data: a known kind in the
 * kind column, or else a decimal in the quantity column.
 */
export function resolveColumns(mapping: CsvMapping | undefined, first: CsvRecord, fileName: string): CsvColumns {
  const cells = first.fields.map((f) => f.trim());
  const specs = CSV_FIELDS.filter((f) => mapping?.[f] !== undefined).map((f) => [f, mapping![f]!] as const);
  const hasHeader = specs.length === 0 || !specs.every(([, v]) => isNumber(v)) || looksLikeHeader(cells, mapping!);
  const width = cells.length;
  const label = (k: number) => (hasHeader ? `column ${k + 1} ${JSON.stringify(cells[k])}` : `column ${k + 1}`);
  const problems: FieldProblem[] = [];
  const where = `${fileName}:${first.line}`;
  const index: Partial<Record<CsvField, number>> = {};

  if (!mapping) {
    for (const field of CSV_FIELDS) {
      const k = byDefaultName(cells, field);
      if (k !== undefined) index[field] = k;
    }
  }
  for (const [field, spec] of specs) {
    const path = `mapping.${field}`;
    if (isNumber(spec)) {
      const k = Number.parseInt(spec, 10) - 1;
      if (k < width) index[field] = k;
      else problems.push({ path, where, message: `column ${k + 1}, but line ${first.line} has only ${width} columns` });
      continue;
    }
    const exact = indexesOf(cells, (c) => c === spec.trim());
    const found = exact.length ? exact : indexesOf(cells, (c) => normaliseName(c) === normaliseName(spec));
    if (found.length === 1) index[field] = found[0];
    else if (found.length === 0) problems.push({ path, where, message: `no column ${JSON.stringify(spec)} in the header (it has ${cells.map((c) => JSON.stringify(c)).join(', ')})` });
    else problems.push({ path, where, message: `${JSON.stringify(spec)} names columns ${found.map((k) => k + 1).join(' and ')}; map it by number` });
  }
  if (problems.length) throw problemsError(problems, problems.length);
  return { index, label, hasHeader, width };
}

function looksLikeHeader(cells: string[], mapping: CsvMapping): boolean {
  const cell = (spec: string | undefined) => (spec === undefined ? undefined : cells[Number.parseInt(spec, 10) - 1]);
  const kind = cell(mapping.kind);
  if (kind !== undefined) return csvKind(kind) === null;
  const quantity = cell(mapping.quantity);
  return quantity === undefined || decimalProblem(quantity) !== null;
}

function byDefaultName(cells: string[], field: CsvField): number | undefined {
  for (const name of DEFAULT_NAMES[field]) {
    const k = cells.findIndex((c) => normaliseName(c) === name);
    if (k !== -1) return k;
  }
  return undefined;
}

function indexesOf(cells: string[], match: (cell: string) => boolean): number[] {
  const out: number[] = [];
  cells.forEach((c, k) => match(c) && out.push(k));
  return out;
}
