import { GovernorRejection, RateGovernor } from '../../../src/connectors/http/rate-governor';

/** A call the vendor's window cannot start before its caller gives up is refused at once. */
describe('the rate governor and the caller deadline (startBy)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const spend = (governor: RateGovernor, count: number): void => {
    for (let i = 0; i < count; i += 1) void governor.run(async () => undefined);
  };

  async function refusal(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
      return 'started';
    } catch (error) {
      return error instanceof GovernorRejection ? error.reason : String(error);
    }
  }

  it('when the window is spent and its next slot comes after the deadline, then the call is refused at once as WAIT_PAST_DEADLINE', async () => {
    const governor = new RateGovernor({ window: { limit: 2, windowMs: 60_000 } });
    spend(governor, 2);
    const outcome = refusal(governor.run(async () => undefined, { startBy: 5_000 }));
    await jest.advanceTimersByTimeAsync(0);
    expect(await outcome).toBe('WAIT_PAST_DEADLINE');
    expect(governor.queueDepth).toBe(0);
  });

  it('when the next slot comes exactly at the deadline, then the call waits for it and starts', async () => {
    const governor = new RateGovernor({ window: { limit: 2, windowMs: 1_000 } });
    spend(governor, 2);
    const outcome = refusal(governor.run(async () => undefined, { startBy: 1_000 }));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toBe('started');
  });

  it('when enough calls already wait to fill the next window, then a deadline inside that window refuses the newcomer', async () => {
    const governor = new RateGovernor({ window: { limit: 2, windowMs: 1_000 }, queueBound: 10, actorShare: 10 });
    spend(governor, 4); // two start now, two wait for the window at 1 000 ms
    const outcome = refusal(governor.run(async () => undefined, { startBy: 1_500 }));
    await jest.advanceTimersByTimeAsync(0);
    expect(await outcome).toBe('WAIT_PAST_DEADLINE');
    const patient = refusal(governor.run(async () => undefined, { startBy: 2_000 }));
    await jest.advanceTimersByTimeAsync(2_000);
    expect(await patient).toBe('started');
  });

  it('when a call has no deadline, then it waits in the queue as before', async () => {
    const governor = new RateGovernor({ window: { limit: 1, windowMs: 60_000 } });
    spend(governor, 1);
    const outcome = refusal(governor.run(async () => undefined));
    await jest.advanceTimersByTimeAsync(0);
    expect(governor.queueDepth).toBe(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(await outcome).toBe('started');
  });

  it('then the refusal says why without naming anyone', () => {
    expect(new GovernorRejection('WAIT_PAST_DEADLINE').message).toBe("the vendor's rate limit leaves no slot before the caller's deadline");
  });
});
