// Patching a window of a sorted list with rows fetched by key: the rows in the window are replaced
// where they stand; whatever would change the window's membership or order asks for a refetch of
// the window, and a change outside it only for a fresh total.
export interface WindowRows<T> {
  rows: readonly T[];
  offset: number;
  total: number;
}

export interface PatchRules<T> {
  /** The key state.changed names the row by. */
  keyOf(row: T): string;
  /** Whether the row belongs in the list as filtered now. */
  matches(row: T): boolean;
  /** The list's order. */
  compare(a: T, b: T): number;
}

export interface Patched<T> {
  rows: T[];
  /** The window's membership or order may have changed: fetch it again. */
  refetch: boolean;
  /** A row outside the window changed, or may have come or gone: the total may be off. */
  recount: boolean;
}

/** `changed`: the keys the events named; `fetched`: those rows as they are now (a missing one was deleted). */
export function patchWindow<T>(w: WindowRows<T>, changed: readonly string[], fetched: readonly T[], rules: PatchRules<T>): Patched<T> {
  const now = new Map(fetched.map((r) => [rules.keyOf(r), r]));
  const changedSet = new Set(changed);
  let refetch = false;
  let recount = false;
  const seen = new Set<string>();
  const rows: T[] = [];
  const replaced: number[] = [];
  for (const row of w.rows) {
    const key = rules.keyOf(row);
    if (!changedSet.has(key)) {
      rows.push(row);
      continue;
    }
    seen.add(key);
    const next = now.get(key);
    if (!next || !rules.matches(next)) {
      // Gone from the list: the rows after it move up.
      refetch = true;
      continue;
    }
    replaced.push(rows.length);
    rows.push(next);
  }
  // A replaced row must still sit between its neighbours.
  for (const i of replaced) {
    if ((i > 0 && rules.compare(rows[i - 1], rows[i]) > 0) || (i < rows.length - 1 && rules.compare(rows[i], rows[i + 1]) > 0)) refetch = true;
  }
  const atStart = w.offset === 0;
  const atEnd = w.offset + w.rows.length >= w.total;
  for (const key of changedSet) {
    if (seen.has(key)) continue;
    const next = now.get(key);
    if (!next || !rules.matches(next)) {
      recount = true;
      continue;
    }
    const first = w.rows[0];
    const last = w.rows[w.rows.length - 1];
    const afterStart = atStart || (first !== undefined && rules.compare(first, next) <= 0);
    const beforeEnd = atEnd || (last !== undefined && rules.compare(next, last) <= 0);
    if (afterStart && beforeEnd) refetch = true;
    else recount = true;
  }
  return { rows, refetch, recount: recount && !refetch };
}
