// Reading the cells of one CSV record by field, with problems named by file, line and column:
// "positions.csv:12: quantity (column 3 "Qty"): "1e-7" uses an exponent".
import { controlCharacterIn } from '../../../../shared/text';
import type { DecimalRules } from '../../../../shared/decimal';
import { problemsError, type FieldProblem } from '../../state-files/json-fields';
import type { CsvColumns } from './csv-columns';
import type { CsvKind } from './csv-kinds';
import type { CsvField } from './csv-mapping';
import type { CsvRecord } from './csv-records';
import { acceptDecimal } from './decimals';

/** Problems kept in the error's details; all are counted. */
const KEEP = 50;

export class CsvProblems {
  private readonly kept: FieldProblem[] = [];
  private count = 0;

  constructor(readonly fileName: string) {}

  get ok(): boolean {
    return this.count === 0;
  }

  add(line: number, path: string, message: string): undefined {
    this.count++;
    if (this.kept.length < KEEP) this.kept.push({ path, where: `${this.fileName}:${line}`, message });
    return undefined;
  }

  throwIfAny(): void {
    if (this.count) throw problemsError(this.kept, this.count);
  }
}

export class CsvCells {
  /** The record being read. */
  rec: CsvRecord = { line: 0, fields: [] };
  private readonly unmappedReported = new Set<string>();
  private refused: CsvField | null = null;

  constructor(
    private readonly columns: CsvColumns,
    readonly problems: CsvProblems,
  ) {}

  mapped(field: CsvField): boolean {
    return this.columns.index[field] !== undefined;
  }

  /**
   * The trimmed cell, or null when it is empty or the field is not mapped. A cell holding a
   * control character is reported and read as null (`refused` says so, so it is not also "empty").
   */
  cell(field: CsvField): string | null {
    const k = this.columns.index[field];
    if (k === undefined) return null;
    const v = this.rec.fields[k].trim();
    if (v === '') return null;
    const control = controlCharacterIn(v);
    if (control) {
      this.refused = field;
      this.fail(field, `contains ${control}`);
      return null;
    }
    return v;
  }

  /** `quantity (column 3 "Qty")` */
  path(field: CsvField): string {
    const k = this.columns.index[field];
    return k === undefined ? field : `${field} (${this.columns.label(k)})`;
  }

  fail(field: CsvField, message: string): undefined {
    return this.problems.add(this.rec.line, this.path(field), message);
  }

  /** A cell a row of `kind` cannot do without; an unmapped column is reported once, not per row. */
  required(field: CsvField, kind: CsvKind): string | undefined {
    if (!this.mapped(field)) {
      if (this.unmappedReported.has(field)) return undefined;
      this.unmappedReported.add(field);
      return this.fail(field, `${article(kind)} ${kind} row needs a column for ${field}, but the mapping has none`);
    }
    this.refused = null;
    const v = this.cell(field);
    if (v === null && this.refused === field) return undefined;
    return v ?? this.fail(field, `required for ${article(kind)} ${kind} row but empty`);
  }

  /** A decimal in canonical form; null for an empty optional cell. */
  decimal(field: CsvField, kind: CsvKind, rules: DecimalRules, required: boolean): string | null | undefined {
    const text = required ? this.required(field, kind) : this.cell(field);
    if (text === undefined || text === null) return text;
    const d = acceptDecimal(text, rules);
    return d.problem === undefined ? d.value : this.fail(field, d.problem);
  }

  /** One of `allowed`, case-insensitive; null for an empty optional cell. */
  oneOf<T extends string>(field: CsvField, allowed: readonly T[]): T | null | undefined {
    const text = this.cell(field);
    if (text === null) return null;
    const hit = allowed.find((a) => a === text.toLowerCase());
    return hit ?? this.fail(field, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
  }
}

const article = (kind: CsvKind) => (kind === 'order' ? 'an' : 'a');
