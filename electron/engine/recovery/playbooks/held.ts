// What a playbook holds while it runs — a connection to the desk's database and the single-writer
// lease — and letting go of it whatever happened.

export interface Held {
  db: { close(): void } | null;
  lease: { release(): void } | null;
}

/** Closes a connection; one that failed half-way may throw on close, which changes nothing. */
export function closeQuietly(db: { close(): void } | null | undefined): void {
  try {
    db?.close();
  } catch {
    // closing a connection that failed half-way
  }
}

/** The connection closed, the lease given back. */
export function releaseHeld(s: Held): void {
  closeQuietly(s.db);
  s.db = null;
  s.lease?.release();
  s.lease = null;
}
