// One text per value: object keys sorted, no insignificant whitespace. Used for hashing
// (audit chain, settings hash) and for exports that must be byte-identical for the same state.

export function canonicalJson(value: unknown, indent = 0): string {
  return write(value, indent, 0);
}

function write(value: unknown, indent: number, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot encode ${value} in canonical JSON`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  const pad = indent ? '\n' + ' '.repeat(indent * (depth + 1)) : '';
  const end = indent ? '\n' + ' '.repeat(indent * depth) : '';
  const sep = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[' + value.map((v) => pad + write(v, indent, depth + 1)).join(',') + end + ']';
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    if (keys.length === 0) return '{}';
    return (
      '{' +
      keys
        .map((k) => pad + JSON.stringify(k) + sep + write((value as Record<string, unknown>)[k], indent, depth + 1))
        .join(',') +
      end +
      '}'
    );
  }
  throw new TypeError(`cannot encode a ${typeof value} in canonical JSON`);
}
