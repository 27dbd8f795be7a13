// The row keys state.changed named for one table since a view last caught up: patched one by one
// while they are few, refetched whole once they are many or the engine named the table alone.
import { MAX_KEYS_PER_TABLE } from '../../../shared/api/changes';

export type CatchUp = { kind: 'none' } | { kind: 'patch'; keys: string[] } | { kind: 'refetch' };

export class RowChanges {
  private keys = new Set<string>();
  private whole = false;

  constructor(private readonly maxKeys = MAX_KEYS_PER_TABLE) {}

  /** Keys from one event; null when the event named the table without keys. */
  add(keys: readonly string[] | null | undefined): void {
    if (this.whole) return;
    if (!keys) {
      this.whole = true;
      this.keys.clear();
      return;
    }
    for (const k of keys) this.keys.add(k);
    if (this.keys.size > this.maxKeys) {
      this.whole = true;
      this.keys.clear();
    }
  }

  /** What the view must do to catch up, and forget it. */
  take(): CatchUp {
    const out: CatchUp = this.whole ? { kind: 'refetch' } : this.keys.size ? { kind: 'patch', keys: [...this.keys] } : { kind: 'none' };
    this.whole = false;
    this.keys = new Set();
    return out;
  }
}
