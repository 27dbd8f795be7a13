// Finding where a JSON path sits in the source text, so an error can say "file:line:col".
// Only used when reporting a problem, on text that already parsed, so a small scanner will do.

export type JsonPath = readonly (string | number)[];

/** `positions[3].quantity`, `positions["BTC/USDT"]`; the empty path is the top level. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** 1-based line and column of a character offset. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}

/**
 * Offset of the value at `path`, or of the deepest part of the path that exists (so a missing
 * field points at the object that lacks it). Returns 0 when nothing matches.
 */
export function offsetOfPath(text: string, path: JsonPath): number {
  const s = new Scanner(text);
  s.ws();
  let found = s.i;
  for (const seg of path) {
    const at = s.enter(seg);
    if (at === null) break;
    found = at;
  }
  return found;
}

class Scanner {
  i = 0;
  constructor(private readonly t: string) {}

  ws(): void {
    while (this.i < this.t.length && ' \t\n\r'.includes(this.t[this.i])) this.i++;
  }

  /** Moves from the start of a container to the start of its member `seg`; null if absent. */
  enter(seg: string | number): number | null {
    const open = this.t[this.i];
    if (open === '{' && typeof seg === 'string') {
      this.i++;
      for (;;) {
        this.ws();
        if (this.t[this.i] !== '"') return null;
        const keyStart = this.i;
        this.skipString();
        const key = JSON.parse(this.t.slice(keyStart, this.i)) as string;
        this.ws();
        this.i++; // ':'
        this.ws();
        if (key === seg) return this.i;
        this.skipValue();
        this.ws();
        if (this.t[this.i] !== ',') return null;
        this.i++;
      }
    }
    if (open === '[' && typeof seg === 'number') {
      this.i++;
      for (let n = 0; ; n++) {
        this.ws();
        if (this.t[this.i] === ']' || this.i >= this.t.length) return null;
        if (n === seg) return this.i;
        this.skipValue();
        this.ws();
        if (this.t[this.i] !== ',') return null;
        this.i++;
      }
    }
    return null;
  }

  private skipString(): void {
    this.i++; // opening quote
    while (this.i < this.t.length) {
      const c = this.t[this.i++];
      if (c === '\\') this.i++;
      else if (c === '"') return;
    }
  }

  private skipValue(): void {
    const c = this.t[this.i];
    if (c === '"') return this.skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (this.i < this.t.length) {
        const d = this.t[this.i];
        if (d === '"') {
          this.skipString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        if (d === '}' || d === ']') depth--;
        this.i++;
        if (depth === 0) return;
      }
      return;
    }
    while (this.i < this.t.length && !',}] \t\n\r'.includes(this.t[this.i])) this.i++;
  }
}
