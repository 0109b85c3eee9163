// Graph allows 5 provisionOnDemand requests per 10 seconds (graph-synchronization.md §3.7, §7). Rather than run
// into 429s, callers take a slot here first: the pacer lets 5 through in any 10-second window and makes the next
// one wait (cancellably) until the oldest leaves the window.

export interface PacerClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const ON_DEMAND_LIMIT = 5;
export const ON_DEMAND_WINDOW_MS = 10_000;

export class PacerCancelledError extends Error {
  override readonly name = 'PacerCancelledError';
  constructor() {
    super('Cancelled while waiting for Graph\'s provision-on-demand limit (5 requests per 10 seconds).');
  }
}

export class SlidingWindowPacer {
  private readonly taken: number[] = [];

  constructor(
    private readonly limit = ON_DEMAND_LIMIT,
    private readonly windowMs = ON_DEMAND_WINDOW_MS,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** Milliseconds until a slot is free (0 = now). */
  waitTime(): number {
    this.prune();
    if (this.taken.length < this.limit) return 0;
    return Math.max(0, this.taken[0]! + this.windowMs - this.clock.now());
  }

  /**
   * Takes a slot, waiting as long as needed; `onWait` hears each wait before it starts (to say so in the UI).
   * Rejects with PacerCancelledError when the signal aborts. Resolves with the milliseconds waited.
   */
  async acquire(signal?: AbortSignal, onWait?: (ms: number) => void): Promise<number> {
    const started = this.clock.now();
    for (;;) {
      if (signal?.aborted) throw new PacerCancelledError();
      const wait = this.waitTime();
      if (wait === 0) {
        this.taken.push(this.clock.now());
        return this.clock.now() - started;
      }
      onWait?.(wait);
      try {
        await this.clock.sleep(wait, signal);
      } catch {
        throw new PacerCancelledError();
      }
    }
  }

  private prune(): void {
    const horizon = this.clock.now() - this.windowMs;
    while (this.taken.length > 0 && this.taken[0]! <= horizon) this.taken.shift();
  }
}

const pacers = new Map<string, SlidingWindowPacer>();

/** One pacer per job (case-insensitive key), shared by every caller in this process. */
export function pacerFor(key: string): SlidingWindowPacer {
  const normalized = key.toLowerCase();
  let pacer = pacers.get(normalized);
  if (!pacer) {
    pacer = new SlidingWindowPacer();
    pacers.set(normalized, pacer);
  }
  return pacer;
}

const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new PacerCancelledError());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new PacerCancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
