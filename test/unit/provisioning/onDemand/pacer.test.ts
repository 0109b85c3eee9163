import assert from 'node:assert/strict';
import { PacerCancelledError, SlidingWindowPacer, type PacerClock } from '../../../../src/provisioning/onDemand';

/** A clock whose sleeps advance time at once (and record how long was waited). */
function fakeClock(): PacerClock & { t: number; sleeps: number[] } {
  const clock = {
    t: 1_000_000,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new Error('aborted');
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

describe('SlidingWindowPacer (5 requests / 10 s)', () => {
  it('lets 5 through at once, then makes the 6th wait until the oldest leaves the window', async () => {
    const clock = fakeClock();
    const pacer = new SlidingWindowPacer(5, 10_000, clock);
    for (let i = 0; i < 5; i++) {
      assert.equal(await pacer.acquire(), 0);
      clock.t += 100;
    }
    const waits: number[] = [];
    const waited = await pacer.acquire(undefined, (ms) => waits.push(ms));
    assert.equal(waited, 9_500);
    assert.deepEqual(waits, [9_500]);
    assert.equal(pacer.waitTime(), 100, 'the second request leaves the window 100 ms later');
  });

  it('never lets more than 5 into any 10-second window', async () => {
    const clock = fakeClock();
    const pacer = new SlidingWindowPacer(5, 10_000, clock);
    const times: number[] = [];
    for (let i = 0; i < 23; i++) {
      await pacer.acquire();
      times.push(clock.t);
      clock.t += 700;
    }
    for (const start of times) assert.ok(times.filter((t) => t >= start && t < start + 10_000).length <= 5);
  });

  it('is cancellable while waiting', async () => {
    const pacer = new SlidingWindowPacer(1, 10_000);
    await pacer.acquire();
    const controller = new AbortController();
    const pending = pacer.acquire(controller.signal);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, PacerCancelledError);
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(new SlidingWindowPacer().acquire(aborted.signal), PacerCancelledError);
  });
});
