// Progress for long parses, reported as a fraction of the whole and rate-limited so a 100 MB
// file costs a few dozen events, not millions.

export type ProgressCallback = (fraction: number) => void;

export class Progress {
  private next = 0;

  /** Reports the part [from, to] of the whole; `step` is the least change worth reporting. */
  constructor(
    private readonly onProgress: ProgressCallback | undefined,
    private readonly from = 0,
    private readonly to = 1,
    private readonly step = 0.02,
  ) {}

  /** `done` out of `total` of this part. */
  at(done: number, total: number): void {
    if (!this.onProgress || total <= 0) return;
    const f = Math.min(1, done / total);
    if (f < this.next) return;
    this.next = f + this.step;
    this.onProgress(this.from + (this.to - this.from) * f);
  }
}

/** Progress by items read, for a parsed JSON tree whose item count is known up front. */
export class ItemProgress {
  private done = 0;
  private readonly progress: Progress;

  constructor(
    onProgress: ProgressCallback | undefined,
    private readonly total: number,
    from: number,
    to: number,
  ) {
    this.progress = new Progress(onProgress, from, to);
  }

  tick(): void {
    if ((++this.done & 0x3ff) === 0) this.progress.at(this.done, this.total);
  }
}
