// What a JSON document looks like at the top, read from its text without parsing all of it:
// enough to tell the broker formats apart before committing to a full (slow, lossless) parse.
// Tolerant: a truncated or broken document yields whatever was readable.
import { isJsonObject } from '../../state-files/json-source';

export type ValueKind = 'object' | 'array' | 'string' | 'other';

export interface JsonShape {
  top: ValueKind;
  /** Top-level member names, in order. */
  keys: string[];
  /** What each top-level member is (null counts as absent). */
  kinds: Record<string, ValueKind>;
  /** The top-level "format" member, when it is a string. */
  format: string | null;
  /** Member names of the first account, when "accounts" is an object of objects. */
  firstAccountKeys: string[];
  /** Member names of the first item, when the top level is an array whose first item is an object. */
  firstItemKeys: string[];
  /** Whether the top level is an empty array. */
  emptyArray: boolean;
}

/** The shape of an already parsed document. */
export function shapeOfRoot(root: unknown): JsonShape {
  const shape: JsonShape = { top: kindOf(root), keys: [], kinds: {}, format: null, firstAccountKeys: [], firstItemKeys: [], emptyArray: false };
  if (Array.isArray(root)) {
    shape.emptyArray = root.length === 0;
    if (isJsonObject(root[0])) shape.firstItemKeys = Object.keys(root[0]);
    return shape;
  }
  if (!isJsonObject(root)) return shape;
  for (const [key, value] of Object.entries(root)) {
    shape.keys.push(key);
    if (value !== null) shape.kinds[key] = kindOf(value);
  }
  if (typeof root.format === 'string') shape.format = root.format;
  const first = isJsonObject(root.accounts) ? Object.values(root.accounts)[0] : undefined;
  if (isJsonObject(first)) shape.firstAccountKeys = Object.keys(first);
  return shape;
}

const kindOf = (v: unknown): ValueKind =>
  Array.isArray(v) ? 'array' : isJsonObject(v) ? 'object' : typeof v === 'string' ? 'string' : 'other';

const KIND_BY_CHAR: Record<string, ValueKind> = { '{': 'object', '[': 'array', '"': 'string' };

/** The shape read from text; one pass over the top level at most. */
export function peekJsonShape(text: string): JsonShape {
  const shape: JsonShape = { top: 'other', keys: [], kinds: {}, format: null, firstAccountKeys: [], firstItemKeys: [], emptyArray: false };
  const s = new Peek(text);
  s.ws();
  if (s.char() === '[') {
    shape.top = 'array';
    s.i++;
    s.ws();
    shape.emptyArray = s.char() === ']';
    if (s.char() === '{') shape.firstItemKeys = [...new Peek(text).members(s.i)].map((m) => m.key);
    return shape;
  }
  if (s.char() !== '{') return shape;
  shape.top = 'object';
  for (const { key, at } of s.members(s.i)) {
    shape.keys.push(key);
    const c = text[at];
    if (!text.startsWith('null', at)) shape.kinds[key] = KIND_BY_CHAR[c] ?? 'other';
    if (key === 'format' && c === '"') shape.format = new Peek(text, at).string();
    if (key === 'accounts') {
      const first = c === '{' ? new Peek(text).members(at).next().value : undefined;
      if (first && text[first.at] === '{') shape.firstAccountKeys = [...new Peek(text).members(first.at)].map((m) => m.key);
    }
  }
  return shape;
}

class Peek {
  constructor(
    private readonly t: string,
    public i = t.charCodeAt(0) === 0xfeff ? 1 : 0,
  ) {}

  char(): string {
    return this.t[this.i];
  }

  ws(): void {
    while (this.i < this.t.length && ' \t\n\r'.includes(this.t[this.i])) this.i++;
  }

  /** Member names and value offsets of the object opening at `open`; stops quietly on bad text. */
  *members(open: number): Generator<{ key: string; at: number }> {
    this.i = open + 1;
    for (;;) {
      this.ws();
      if (this.char() !== '"') return;
      const key = this.string();
      if (key === null) return;
      this.ws();
      if (this.char() !== ':') return;
      this.i++;
      this.ws();
      const at = this.i;
      yield { key, at };
      this.i = at;
      if (!this.skipValue()) return;
      this.ws();
      if (this.char() !== ',') return;
      this.i++;
    }
  }

  /** The string starting at `i` (its opening quote), or null if it never closes. */
  string(): string | null {
    const start = this.i;
    const end = this.stringEnd(start);
    if (end === -1) return null;
    this.i = end;
    try {
      return JSON.parse(this.t.slice(start, end)) as string;
    } catch {
      return null;
    }
  }

  /** The offset just past the string opening at `start`, or -1. */
  private stringEnd(start: number): number {
    let q = start;
    for (;;) {
      q = this.t.indexOf('"', q + 1);
      if (q === -1) return -1;
      let backslashes = 0;
      while (this.t.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
    }
  }

  /** Moves past the value at `i`; false when the text ends first. */
  private skipValue(): boolean {
    const t = this.t;
    let depth = 0;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 34) {
        const end = this.stringEnd(this.i);
        if (end === -1) return false;
        this.i = end;
      } else if (c === 123 || c === 91) {
        depth++;
        this.i++;
      } else if (c === 125 || c === 93) {
        if (depth === 0) return true;
        depth--;
        this.i++;
      } else if (depth === 0 && c === 44) {
        return true;
      } else this.i++;
      if (depth === 0 && (c === 34 || c === 125 || c === 93)) return true;
    }
    return depth === 0;
  }
}
