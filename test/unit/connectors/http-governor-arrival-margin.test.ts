import { ARRIVAL_MARGIN_MS, createGovernor } from '../../../src/connectors/http/connector-options';

/**
 * A vendor counts calls when they arrive: a window's first call that took the slow way and the call
 * a window later that took the fast one would land in one vendor window, so every vendor's governor
 * holds each start the margin longer than the window.
 */
describe("a vendor's governor (createGovernor) on a fake clock", () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('when the window is full, then the next call starts one window plus the arrival margin after the oldest start', async () => {
    const governor = createGovernor('MARKETO', { maxConcurrent: 10, window: { limit: 2, windowMs: 1_000 } }, {});
    const started: number[] = [];
    for (let i = 0; i < 3; i += 1) void governor.run(async () => void started.push(Date.now()));
    await jest.advanceTimersByTimeAsync(1_000 + ARRIVAL_MARGIN_MS - 1);
    expect(started).toEqual([0, 0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 0, 1_000 + ARRIVAL_MARGIN_MS]);
  });
});
