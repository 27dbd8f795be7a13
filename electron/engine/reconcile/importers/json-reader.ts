// The state importer's FieldReader with what broker files need on top: trimmed symbols, known
// currencies, optional members, and a cap on how many problems get a line:col (locating one walks
// the text, which on a 100 MB file is most of a second).
import { isLosslessNumber } from 'lossless-json';
import { FieldReader, problemsError, type FieldProblem } from '../../state-files/json-fields';
import { formatPath, type JsonPath } from '../../state-files/json-source';
import type { DecimalRules } from '../../../../shared/decimal';
import type { BrokerCash, BrokerOrderStatus } from '../../../../shared/api/reconcile';
import { currencyProblem, normaliseCurrency } from './currencies';
import { acceptDecimal, acceptDecimalOrExponent } from './decimals';
import { FirstSeen } from './duplicates';
import type { ItemProgress } from './progress';
import { orderStatusFrom, orderStatusProblem } from './statuses';

/** Problems located and kept; later ones are only counted. */
const LOCATED = 10;

export class BrokerFieldReader extends FieldReader {
  private located = 0;
  private unlocated = 0;
  /** Ticked per section item read. */
  progress?: ItemProgress;
  /** Whether decimals may use an exponent (CCXT writes tiny amounts as 1.2e-7); read exactly either way. */
  exponents = false;

  override fail(path: JsonPath, message: string): undefined {
    if (this.located >= LOCATED) {
      this.unlocated++;
      return undefined;
    }
    this.located++;
    return super.fail(path, message);
  }

  override get ok(): boolean {
    return super.ok && this.unlocated === 0;
  }

  override throwIfAny(): void {
    try {
      super.throwIfAny();
    } catch (err) {
      const details = (err as { details?: { problems: FieldProblem[]; count: number } }).details;
      if (!details || this.unlocated === 0) throw err;
      throw problemsError(details.problems, details.count + this.unlocated);
    }
  }

  /** FieldReader.decimal with one parse instead of three (see decimals.ts); same answers. */
  override decimal(v: unknown, path: JsonPath, rules: DecimalRules = {}): string | undefined {
    const raw = isLosslessNumber(v) ? v.value : v;
    if (typeof raw !== 'string') return super.decimal(v, path, rules);
    const d = this.exponents ? acceptDecimalOrExponent(raw, rules) : acceptDecimal(raw, rules);
    return d.problem === undefined ? d.value : this.fail(path, d.problem);
  }

  /** A symbol as the broker writes it, stray spaces trimmed (Alpaca pads some). */
  symbol(v: unknown, path: JsonPath): string | undefined {
    return this.text(typeof v === 'string' ? v.trim() : v, path);
  }

  /** A known currency code, upper-cased. */
  currency(v: unknown, path: JsonPath): string | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return this.text(v, path);
    const code = normaliseCurrency(v);
    const problem = currencyProblem(code);
    return problem ? this.fail(path, problem) : code;
  }

  /** A decimal member that may be absent or null (→ null). */
  optionalDecimal(obj: Record<string, unknown>, path: JsonPath, key: string, rules: DecimalRules = {}): string | null | undefined {
    return given(obj, key) ? this.decimal(obj[key], [...path, key], rules) : null;
  }

  /** An id member that may be absent or null (→ null). */
  optionalId(obj: Record<string, unknown>, path: JsonPath, key: string): string | null | undefined {
    return given(obj, key) ? this.id(obj[key], [...path, key]) : null;
  }

  /** Records a duplicate of `key` at `path`, naming where it was first. */
  unique(seen: FirstSeen<JsonPath>, key: string, path: JsonPath, what: string): void {
    const first = seen.check(key, path);
    if (first !== undefined) this.fail(path, `${what} appears twice (first at ${formatPath(first)})`);
  }

  /** An order id may appear only once per account. A repeated client order id is noted, not refused (see duplicates.ts). */
  uniqueOrder(seen: FirstSeen<JsonPath>, path: JsonPath, brokerId: string | null): void {
    if (brokerId) this.unique(seen, `id:${brokerId}`, path, `order id ${JSON.stringify(brokerId)}`);
  }

  /** An order status in any broker's spelling (see statuses.ts). */
  orderStatus(v: unknown, path: JsonPath): BrokerOrderStatus | undefined {
    const text = this.text(v, path);
    if (text === undefined) return undefined;
    return orderStatusFrom(text) ?? this.fail(path, orderStatusProblem(text));
  }

  /** Cash entries with one entry per currency. */
  uniqueCash(cash: BrokerCash[], paths: JsonPath[]): void {
    const seen = new FirstSeen<JsonPath>();
    cash.forEach((c, i) => this.unique(seen, c.currency, paths[i], `currency ${c.currency}`));
  }
}

/** Present: neither absent nor null. */
export const given = (obj: Record<string, unknown>, key: string): boolean => obj[key] !== undefined && obj[key] !== null;
