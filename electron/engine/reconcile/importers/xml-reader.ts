// Reading typed attributes out of an XML broker file, collecting every problem with its path and
// file:line:col (the attribute's value), so one bad file yields one clear error, as for JSON:
// "FlexStatement[U1]/OpenPositions/OpenPosition[2]/@position: "1,5" contains a comma …".
// An attribute written empty (position="") is the same as one left out: Flex writes every
// column of a query, and leaves the ones that do not apply empty.
import { problemsError, type FieldProblem } from '../../state-files/json-fields';
import type { DecimalRules } from '../../../../shared/decimal';
import { controlCharacterIn } from '../../../../shared/text';
import { currencyProblem, normaliseCurrency } from './currencies';
import { acceptDecimal } from './decimals';
import { attributeOffset, type XmlElement, type XmlSource } from './xml-source';

/** Problems kept in the error's details; the count says how many there were in all. */
const KEEP = 50;

/** An element and the path that names it in messages. */
export interface Located {
  el: XmlElement;
  path: string;
}

export class XmlFieldReader {
  private readonly problems: FieldProblem[] = [];
  private count = 0;

  constructor(readonly src: XmlSource) {}

  get ok(): boolean {
    return this.count === 0;
  }

  /** Records a problem at an element (or one of its attributes); returns undefined for `return r.fail(…)`. */
  fail(at: Located, attr: string | null, message: string): undefined {
    this.count++;
    if (this.problems.length < KEEP) {
      const offset = attr === null ? at.el.start : attributeOffset(this.src.text, at.el.start, attr);
      this.problems.push({ path: attr === null ? at.path : `${at.path}/@${attr}`, where: this.src.whereAt(offset), message });
    }
    return undefined;
  }

  throwIfAny(): void {
    if (this.count > 0) throw problemsError(this.problems, this.count);
  }

  /** The attribute's text, or null when it is absent or empty. */
  optional(at: Located, attr: string): string | null {
    const v = at.el.attrs[attr];
    return v === undefined || v.trim() === '' ? null : v;
  }

  required(at: Located, attr: string): string | undefined {
    return this.optional(at, attr) ?? this.fail(at, attr, `required but missing (the Flex query must include ${attr})`);
  }

  /** A non-empty text without control characters, trimmed (Flex pads nothing, but hand edits do). */
  text(at: Located, attr: string, value: string | null | undefined): string | undefined {
    if (value === null || value === undefined) return undefined;
    const t = value.trim();
    if (t.length > 200) return this.fail(at, attr, 'is longer than 200 characters');
    const control = controlCharacterIn(t);
    return control ? this.fail(at, attr, `contains ${control}`) : t;
  }

  /** A decimal checked on its exact digits (decimalProblem), returned canonical. */
  decimal(at: Located, attr: string, value: string | null | undefined, rules: DecimalRules = {}): string | undefined {
    if (value === null || value === undefined) return undefined;
    const d = acceptDecimal(value, rules);
    return d.problem === undefined ? d.value : this.fail(at, attr, d.problem);
  }

  /** A known currency code, upper-cased. */
  currency(at: Located, attr: string, value: string | null | undefined): string | undefined {
    if (value === null || value === undefined) return undefined;
    const code = normaliseCurrency(value);
    const problem = currencyProblem(code);
    return problem ? this.fail(at, attr, problem) : code;
  }

  /** The child elements named `name`, each with its 1-based XPath-style path. */
  children(parent: Located, name: string): Located[] {
    return parent.el.children.filter((c) => c.name === name).map((el, i) => ({ el, path: `${parent.path}/${name}[${i + 1}]` }));
  }

  /** The one child section named `name`, or null when the statement has none (not reported). */
  section(parent: Located, name: string): Located | null {
    const found = parent.el.children.filter((c) => c.name === name);
    if (found.length > 1) this.fail({ el: found[1], path: `${parent.path}/${name}` }, null, `${name} appears twice in one statement (first on line ${this.src.lineAt(found[0].start)})`);
    return found.length ? { el: found[0], path: `${parent.path}/${name}` } : null;
  }
}
