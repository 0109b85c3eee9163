// provisionOnDemand's documented limit: 5 requests per 10 seconds (graph-synchronization.md §3.7, §7), per job.
// A sliding window: a request is admitted when fewer than `limit` were admitted in the last `windowMs`; otherwise the
// caller is told how long until the oldest one leaves the window (the Retry-After it answers with).

export class SlidingWindowLimiter {
  private readonly admitted = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Admits the request (recording it) or returns the whole seconds to wait. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    const recent = (this.admitted.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.admitted.set(key, recent);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.admitted.set(key, recent);
    return { ok: true };
  }
}
