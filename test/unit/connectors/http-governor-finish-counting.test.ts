import { RateGovernor } from '../../../src/connectors/http/rate-governor';

/**
 * A call's place in the window counts from when it finished, not only from when it was let through:
 * a process whose event loop was busy sends a call late, and the vendor counts the arrival.
 */
describe('the rate governor counts a slow call from its finish (fake clock)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const slowCall = (ms: number, log: number[]) => async () => {
    log.push(Date.now());
    await new Promise((resolve) => setTimeout(resolve, ms));
  };

  it('when the window is one call per second and the first call takes 800 ms, then the second starts 1 s after the first finished', async () => {
    const governor = new RateGovernor({ maxConcurrent: 5, window: { limit: 1, windowMs: 1_000 } });
    const started: number[] = [];
    void governor.run(slowCall(800, started));
    void governor.run(slowCall(0, started));
    await jest.advanceTimersByTimeAsync(1_000);
    // Counted from admission it would start at 1,000; the first call may have arrived as late as 800.
    expect(started).toEqual([0]);
    await jest.advanceTimersByTimeAsync(799);
    expect(started).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 1_800]);
  });

  it('when every place is held by a call still in flight, then nothing starts until one finishes, however long the window has passed', async () => {
    const governor = new RateGovernor({ maxConcurrent: 5, window: { limit: 2, windowMs: 100 } });
    const started: number[] = [];
    void governor.run(slowCall(5_000, started));
    void governor.run(slowCall(5_000, started));
    void governor.run(slowCall(0, started));
    await jest.advanceTimersByTimeAsync(4_999);
    expect(started).toEqual([0, 0]);
    await jest.advanceTimersByTimeAsync(101);
    expect(started).toEqual([0, 0, 5_100]);
  });

  it('when calls finish at once, then the window behaves as before (counted from admission)', async () => {
    const governor = new RateGovernor({ maxConcurrent: 5, window: { limit: 2, windowMs: 1_000 } });
    const started: number[] = [];
    for (let i = 0; i < 3; i += 1) void governor.run(slowCall(0, started));
    await jest.advanceTimersByTimeAsync(999);
    expect(started).toEqual([0, 0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 0, 1_000]);
  });
});
