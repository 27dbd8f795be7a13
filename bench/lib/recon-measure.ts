// Measuring helpers for the reconcile bench: memory high-water marks sampled around phases, and
// the longest stall of this thread's event loop while something runs elsewhere. (The top-level
// transactions a call runs are timed by ./transaction-spans, shared with the checkpoints bench.)

/** The high-water mark of rss and heapUsed over the samples taken (a sample is process.memoryUsage()). */
export class MemoryPeaks {
  rss = 0;
  heapUsed = 0;
  external = 0;

  sample(): NodeJS.MemoryUsage {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heapUsed) this.heapUsed = m.heapUsed;
    if (m.external + m.arrayBuffers > this.external) this.external = m.external + m.arrayBuffers;
    return m;
  }

  snapshot(): { rssBytes: number; heapUsedBytes: number; externalBytes: number } {
    return { rssBytes: this.rss, heapUsedBytes: this.heapUsed, externalBytes: this.external };
  }
}

/** The process's peak resident set size so far (getrusage ru_maxrss), in bytes. */
export const maxRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

/**
 * Watches this thread's event loop with a short timer: the longest gap between two ticks beyond
 * the interval is how long the loop (in the app, the console's main process) could not answer.
 */
export class StallWatch {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private readonly gaps: number[] = [];

  constructor(private readonly intervalMs = 5) {}

  start(): void {
    this.last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.gaps.push(Math.max(0, now - this.last - this.intervalMs));
      this.last = now;
    }, this.intervalMs);
  }

  stop(): { maxStallMs: number; stallsOver50Ms: number; stallsOver100Ms: number; ticks: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // The time since the last tick is a gap too (a stall right at the end).
    this.gaps.push(Math.max(0, performance.now() - this.last - this.intervalMs));
    return {
      maxStallMs: Math.max(0, ...this.gaps),
      stallsOver50Ms: this.gaps.filter((g) => g > 50).length,
      stallsOver100Ms: this.gaps.filter((g) => g > 100).length,
      ticks: this.gaps.length,
    };
  }
}
