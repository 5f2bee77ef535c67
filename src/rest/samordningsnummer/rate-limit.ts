/**
 * A sliding-window limiter: at most `limit` calls per key within any `windowMs`. Only admitted calls count, so a
 * client that keeps calling while refused is admitted again as soon as its oldest admitted call leaves the window.
 */
export class SlidingWindowLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits the call, or says how long until the next one would be admitted. */
  take(key: string): { admitted: true } | { admitted: false; retryAfterMs: number } {
    if (this.limit <= 0) return { admitted: true };
    const now = this.now();
    const recent = (this.calls.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.calls.set(key, recent);
      return { admitted: false, retryAfterMs: recent[0]! + this.windowMs - now };
    }
    recent.push(now);
    this.calls.set(key, recent);
    return { admitted: true };
  }
}
