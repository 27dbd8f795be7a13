// The top-level transactions a call runs on a better-sqlite3 connection, and how long each took.
import type { Database } from 'better-sqlite3';

/**
 * Runs `fn` and reports how long each top-level transaction on `db` took, in the order they ran,
 * by wrapping `db.transaction` on this connection for the duration of the call. Nested
 * transactions count towards their parent. The benches use it to split an operation into its
 * phases without touching it: reconcile() into loading the book and storing the run, a rollback
 * into its pre_rollback checkpoint and the apply.
 */
export function withTransactionSpans<T>(db: Database, fn: () => T): { value: T; spansMs: number[] } {
  const spansMs: number[] = [];
  const original = db.transaction;
  const timed = <F extends (...args: never[]) => unknown>(f: F): F =>
    function (this: unknown, ...args: never[]) {
      if (db.inTransaction) return f.apply(this, args);
      const t0 = performance.now();
      try {
        return f.apply(this, args);
      } finally {
        spansMs.push(performance.now() - t0);
      }
    } as F;
  (db as { transaction: unknown }).transaction = function (this: Database, body: (...args: never[]) => unknown) {
    const tx = original.call(this, body);
    const wrapped = timed(tx) as unknown as typeof tx;
    for (const k of ['deferred', 'immediate', 'exclusive'] as const) Object.defineProperty(wrapped, k, { value: timed(tx[k]) });
    Object.defineProperty(wrapped, 'default', { value: wrapped });
    return wrapped;
  };
  try {
    return { value: fn(), spansMs };
  } finally {
    delete (db as { transaction?: unknown }).transaction;
  }
}
