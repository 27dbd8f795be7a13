// The read threads' queue, on the main thread: at most one read per thread at a time, the rest
// wait here; a read asked again while the same read is still waiting (twenty consoles polling the
// desk's status) joins it rather than queueing another. Its answer is still fresh for the joiner:
// a waiting read has not begun, and when it begins its read transaction sees every write
// committed before either was asked.
export class ReadLane<I, O> {
  private running = 0;
  /** By request, in the order first asked (a Map keeps insertion order). */
  private readonly waiting = new Map<string, { input: I; settle: { resolve(value: O): void; reject(err: unknown): void }; answer: Promise<O> }>();

  constructor(
    private readonly slots: number,
    private readonly run: (input: I) => Promise<O>,
  ) {}

  /** `key` names the read: the same key is the same question of the same database. */
  read(key: string, input: I): Promise<O> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting.answer;
    let settle!: { resolve(value: O): void; reject(err: unknown): void };
    const answer = new Promise<O>((resolve, reject) => (settle = { resolve, reject }));
    this.waiting.set(key, { input, settle, answer });
    this.next();
    return answer;
  }

  private next(): void {
    while (this.running < this.slots && this.waiting.size > 0) {
      const [key, { input, settle }] = this.waiting.entries().next().value!;
      this.waiting.delete(key);
      this.running++;
      this.run(input)
        .then(settle.resolve, settle.reject)
        .finally(() => {
          this.running--;
          this.next();
        });
    }
  }
}
