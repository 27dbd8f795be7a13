// What a backup reads of its repository before it starts: every index file and every snapshot
// record. Both only ever grow (a schedule of one incremental a minute adds 1,440 of each a day), and
// both are immutable once written (an index file is named by the hash of its bytes; a snapshot
// record is written once and only ever deleted). So a backup may remember, for the life of this
// thread, what it read — by name and size — and read only what is new. Only backups do: verify,
// prune and restore read everything afresh, so damage is still found where it is looked for.
const MAX_ENTRIES = 200_000;

export class ReadMemo<T> {
  private readonly entries = new Map<string, { size: number; value: T }>();

  get(key: string, size: number): T | undefined {
    const hit = this.entries.get(key);
    return hit && hit.size === size ? hit.value : undefined;
  }

  set(key: string, size: number, value: T): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { size, value });
  }

  /** Forgets what is no longer listed (a pruned index file, a forgotten snapshot). */
  keepOnly(listed: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) if (!listed.has(key)) this.entries.delete(key);
  }
}

const memos = new Map<string, ReadMemo<unknown>>();

/** The memo of one kind of file of one repository (told apart by a fingerprint under its key). */
export function readMemo<T>(fingerprint: string, kind: 'index' | 'snapshots'): ReadMemo<T> {
  const name = `${fingerprint}/${kind}`;
  let memo = memos.get(name);
  if (!memo) {
    if (memos.size >= 16) memos.clear();
    memo = new ReadMemo<unknown>();
    memos.set(name, memo);
  }
  return memo as ReadMemo<T>;
}
