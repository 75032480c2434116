import { getEventListeners } from 'node:events';
import { abortScope, raceAbort, sleep } from '../../../src/connectors/http/abortable';
import { createGovernor } from '../../../src/connectors/http/connector-options';
import { GovernorRejection, RateGovernor } from '../../../src/connectors/http/rate-governor';

/** Exact window and pause boundaries, on Jest's fake clock (Date.now and timers). */
describe('the rate governor on a fake clock', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const flush = async (): Promise<void> => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  };

  function startTimes(governor: RateGovernor, count: number): number[] {
    const started: number[] = [];
    for (let i = 0; i < count; i += 1) void governor.run(async () => void started.push(Date.now()));
    return started;
  }

  it('when the window is full, then the next call starts exactly when the oldest start leaves the window', async () => {
    const governor = new RateGovernor({ window: { limit: 2, windowMs: 1_000 } });
    const started = startTimes(governor, 3);
    await flush();
    expect(started).toEqual([0, 0]);
    await jest.advanceTimersByTimeAsync(999);
    expect(started).toEqual([0, 0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 0, 1_000]);
  });

  it('when starts are spread out, then the wait counts from the oldest start in the window', async () => {
    const governor = new RateGovernor({ window: { limit: 2, windowMs: 1_000 } });
    const started: number[] = [];
    void governor.run(async () => void started.push(Date.now()));
    await jest.advanceTimersByTimeAsync(400);
    startTimes(governor, 2).forEach(() => undefined);
    await flush();
    await jest.advanceTimersByTimeAsync(599);
    expect(governor.queueDepth).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(governor.queueDepth).toBe(0);
  });

  it('when the vendor says wait, then no call starts before the pause ends, with or without a window', async () => {
    for (const governor of [new RateGovernor({ maxConcurrent: 10 }), new RateGovernor({ window: { limit: 100, windowMs: 60_000 } })]) {
      governor.pause(500);
      const started = startTimes(governor, 2);
      await jest.advanceTimersByTimeAsync(499);
      expect(started).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(started.length).toBe(2);
      jest.setSystemTime(0);
    }
  });

  it('when a shorter pause follows a longer one, then the longer one still holds', async () => {
    const governor = new RateGovernor({});
    governor.pause(500);
    governor.pause(100);
    const started = startTimes(governor, 1);
    await jest.advanceTimersByTimeAsync(499);
    expect(started).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([500]);
  });
});

describe('the rate governor queue bookkeeping', () => {
  it('when a waiting call is aborted, then its actor may queue again and depths never go below zero', async () => {
    const depths: number[] = [];
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 5, actorShare: 1, onQueueDepth: (depth) => depths.push(depth) });
    let release = (): void => undefined;
    const running = governor.run(() => new Promise<void>((resolve) => (release = resolve)), { actor: 'a' });
    const controller = new AbortController();
    const first = governor.run(async () => 'first', { actor: 'a', signal: controller.signal }).catch((error: unknown) => error);
    controller.abort();
    await first;
    const second = governor.run(async () => 'second', { actor: 'a' });
    expect(governor.queueDepth).toBe(1);
    release();
    await running;
    expect(await second).toBe('second');
    expect(depths).toEqual([1, 0, 1, 0]);
  });

  it('when a started call is aborted afterwards, then nothing changes in the queue', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1 });
    const controller = new AbortController();
    let release = (): void => undefined;
    const running = governor.run(() => new Promise<string>((resolve) => (release = () => resolve('done'))), { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(governor.queueDepth).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    release();
    expect(await running).toBe('done');
  });

  it('when calls carry no actor, then they share one share', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 5, actorShare: 1 });
    let release = (): void => undefined;
    const running = governor.run(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = governor.run(async () => 1);
    const refused = await governor.run(async () => 2).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GovernorRejection);
    expect([(refused as GovernorRejection).name, (refused as GovernorRejection).message]).toEqual([
      'GovernorRejection',
      "the caller's share of the vendor queue is full",
    ]);
    expect(new GovernorRejection('QUEUE_FULL').message).toBe('the vendor queue is full');
    release();
    await running;
    await waiting;
  });

  it("when a vendor's governor is built, then its queue depth is reported with the system", async () => {
    const reported: Array<[string, number]> = [];
    const governor = createGovernor(
      'SURVEYMONKEY',
      { maxConcurrent: 1 },
      { onQueueDepth: (system, depth) => reported.push([system, depth]) },
    );
    let release = (): void => undefined;
    const running = governor.run(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = governor.run(async () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await running;
    await waiting;
    expect(reported).toEqual([
      ['SURVEYMONKEY', 1],
      ['SURVEYMONKEY', 0],
    ]);
    expect(() => createGovernor('MARKETO', {}, {}).queueDepth).not.toThrow();
  });
});

describe('abortable helpers leave no listeners behind', () => {
  it('when a sleep, a race or a scope is over, then the signals they listened on hold no listener of theirs', async () => {
    const controller = new AbortController();
    await sleep(1, controller.signal);
    await raceAbort(Promise.resolve(1), controller.signal, () => new Error('x'));
    await raceAbort(Promise.reject(new Error('boom')), controller.signal, () => new Error('x')).catch(() => undefined);
    const scope = abortScope(controller.signal, { ms: 10_000, reason: () => new Error('late') });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    scope.dispose();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const aborted = new AbortController();
    const pending = raceAbort(new Promise(() => undefined), aborted.signal, () => new Error('gone'));
    aborted.abort();
    await pending.catch(() => undefined);
    expect(getEventListeners(aborted.signal, 'abort')).toHaveLength(0);
  });
});
