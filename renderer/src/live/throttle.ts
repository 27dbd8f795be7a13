// Refreshes at most once per interval, never two at once, and always once more after the last
// request: a burst of state.changed events becomes a few refetches, the final one up to date.
// A slow refresh (10,000 orders) stretches the interval to twice its duration, so a busy desk
// never keeps the console fetching all the time.
export class RefreshThrottle {
  private running = false;
  private pending = false;
  private disposed = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastDuration = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly minIntervalMs: number,
  ) {}

  request(): void {
    if (this.disposed) return;
    this.pending = true;
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.disposed || this.running || this.timer || !this.pending) return;
    const wait = this.lastStart + Math.max(this.minIntervalMs, 2 * this.lastDuration) - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    this.pending = false;
    this.running = true;
    this.lastStart = Date.now();
    void Promise.resolve()
      .then(this.run)
      .catch(() => undefined) // stores keep their own error state
      .finally(() => {
        this.lastDuration = Date.now() - this.lastStart;
        this.running = false;
        this.pump();
      });
  }
}

/** Whether a change to `changed` tables concerns a view that shows `watched` ones. */
export function touches(watched: readonly string[], changed: readonly string[]): boolean {
  if (changed.length === 0 || watched.includes('*')) return true;
  return changed.some((c) => watched.some((w) => c === w || c.startsWith(w) || w.startsWith(c)));
}
