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
