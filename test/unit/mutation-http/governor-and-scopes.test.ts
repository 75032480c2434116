import { getEventListeners } from 'node:events';
import { abortScope, raceAbort, sleep } from '../../../src/connectors/http/abortable';
import { GovernorRejection, RateGovernor } from '../../../src/connectors/http/rate-governor';
import { TokenCache } from '../../../src/connectors/http/token-cache';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the rate governor in detail', () => {
  it('when a call is refused before it may wait, then the rejection says which bound', () => {
    const full = new GovernorRejection('QUEUE_FULL');
    const share = new GovernorRejection('ACTOR_SHARE_FULL');
    expect([full.name, full.reason, full.message]).toEqual(['GovernorRejection', 'QUEUE_FULL', 'the vendor queue is full']);
    expect([share.name, share.reason, share.message]).toEqual([
      'GovernorRejection',
      'ACTOR_SHARE_FULL',
      "the caller's share of the vendor queue is full",
    ]);
  });

  it('when the only slot is taken, then the next call waits and starts as soon as the slot frees', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1 });
    let release = (): void => undefined;
    const order: string[] = [];
    const first = governor.run(() => new Promise<void>((resolve) => (release = () => (order.push('first done'), resolve()))));
    const second = governor.run(async () => void order.push('second ran'));
    await tick();
    expect([governor.queueDepth, order]).toEqual([1, []]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first done', 'second ran']);
  });

  it('when a waiting call is aborted with a plain reason, then it rejects with an AbortError and the next actor still starts', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1 });
    let release = (): void => undefined;
    const first = governor.run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const aborted = governor.run(async () => 'never', { signal: controller.signal, actor: 'A' });
    const other = governor.run(async () => 'B ran', { actor: 'B' });
    await tick();
    controller.abort('gone');
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError', message: 'The operation was aborted' });
    expect(governor.queueDepth).toBe(1);
    release();
    await first;
    await expect(other).resolves.toBe('B ran');
    expect(governor.queueDepth).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('when a queued call starts, then it leaves no abort listener on its signal', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1 });
    let release = (): void => undefined;
    const first = governor.run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const queued = governor.run(async () => 'ran', { signal: controller.signal });
    await tick();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    release();
    await first;
    await expect(queued).resolves.toBe('ran');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it("when a window's oldest start expires exactly now, then a new call starts at once", async () => {
    let now = 0;
    const governor = new RateGovernor({ window: { limit: 1, windowMs: 1_000 } }, () => now);
    await governor.run(async () => undefined);
    now = 1_000;
    const next = governor.run(async () => 'started');
    expect(governor.queueDepth).toBe(0);
    await expect(next).resolves.toBe('started');
  });

  it('when the window is full, then the next call waits exactly until the oldest start leaves it', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const governor = new RateGovernor({ window: { limit: 2, windowMs: 1_000 } });
      await governor.run(async () => undefined);
      jest.setSystemTime(300);
      await governor.run(async () => undefined);
      jest.setSystemTime(600);
      let started = false;
      const third = governor.run(async () => void (started = true));
      await jest.advanceTimersByTimeAsync(399);
      expect(started).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await third;
      expect(started).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('when the vendor pushed back, then pause holds new calls for that long, with or without a window, and a shorter pause does not cut a longer one', async () => {
    jest.useFakeTimers({ now: 10_000 });
    try {
      const governor = new RateGovernor({ window: { limit: 3, windowMs: 1_000 } });
      governor.pause(250);
      let started = false;
      const held = governor.run(async () => void (started = true));
      await jest.advanceTimersByTimeAsync(249);
      expect(started).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await held;
      expect(started).toBe(true);
      const unwindowed = new RateGovernor({ maxConcurrent: 2 });
      unwindowed.pause(1_000);
      unwindowed.pause(10);
      let later = false;
      const waiting = unwindowed.run(async () => void (later = true));
      await jest.advanceTimersByTimeAsync(999);
      expect(later).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await waiting;
      expect(later).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('cancellation helpers leave nothing behind', () => {
  it('when a sleep ends by its timer, then its abort listener is gone', async () => {
    const controller = new AbortController();
    await sleep(5, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('when raced work settles, then its abort listener is gone', async () => {
    const controller = new AbortController();
    await raceAbort(Promise.resolve(1), controller.signal, () => new Error('x'));
    await raceAbort(Promise.reject(new Error('no')), controller.signal, () => new Error('x')).catch(() => undefined);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it("when a scope's parent aborts, then the scope's listener on the parent is gone too", () => {
    const parent = new AbortController();
    abortScope(parent.signal);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(1);
    parent.abort();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  });

  it('when a token is invalidated before any was fetched, then nothing happens', async () => {
    const cache = new TokenCache(async () => ({ value: 't1', expiresAt: null }));
    expect(() => cache.invalidate('t0')).not.toThrow();
    expect((await cache.get()).value).toBe('t1');
  });
});
