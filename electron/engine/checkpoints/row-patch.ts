// The fields of a row's text before a change that differ from the row after it: what a layer
// keeps to turn the row back (see layers.ts), computed by the triggers as rows are written.

/**
 * The fields of a row before (canonical text) that differ from the row after, given as (name,
 * value) pairs: what the triggers store so a layer need not hold the whole row twice.
 */
export function beforePatch(before: string, pairs: unknown[]): string {
  const row = JSON.parse(before) as Record<string, unknown>;
  let out = '';
  for (let i = 0; i < pairs.length; i += 2) {
    const name = pairs[i] as string;
    const was = row[name] ?? null;
    if (was !== (pairs[i + 1] ?? null)) out += (out ? ',' : '{') + JSON.stringify(name) + ':' + JSON.stringify(was);
  }
  return out ? out + '}' : '{}';
}
