import { windowQueue } from '../../../src/connectors/http/connector-options';
import { GovernorRejection, RateGovernor } from '../../../src/connectors/http/rate-governor';

/** A task that stays in flight until released, so tests decide when slots free up. */
function held(): { task: () => Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { task: () => done, release };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('the rate governor queue', () => {
  it('when the wait queue is full, then one more call is refused at once with QUEUE_FULL and never runs', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 2, actorShare: 2 });
    const blocker = held();
    const running = governor.run(blocker.task, { actor: 'a' });
    const waiting = [governor.run(async () => 'w1', { actor: 'a' }), governor.run(async () => 'w2', { actor: 'b' })];
    let ran = false;
    const refused = await rejection(governor.run(async () => void (ran = true), { actor: 'c' }));
    expect(refused).toBeInstanceOf(GovernorRejection);
    expect((refused as GovernorRejection).reason).toBe('QUEUE_FULL');
    expect(governor.queueDepth).toBe(2);
    blocker.release();
    await running;
    expect(await Promise.all(waiting)).toEqual(['w1', 'w2']);
    expect(ran).toBe(false);
    expect(governor.queueDepth).toBe(0);
  });

  it("when one actor holds its share, then its next call is refused but another actor's call still queues", async () => {
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 10, actorShare: 2 });
    const blocker = held();
    const running = governor.run(blocker.task, { actor: 'viewer' });
    const mine = [governor.run(async () => 1, { actor: 'viewer' }), governor.run(async () => 2, { actor: 'viewer' })];
    const refused = await rejection(governor.run(async () => 3, { actor: 'viewer' }));
    expect((refused as GovernorRejection).reason).toBe('ACTOR_SHARE_FULL');
    const other = governor.run(async () => 'dpo', { actor: 'dpo' });
    expect(governor.queueDepth).toBe(3);
    blocker.release();
    await running;
    await Promise.all([...mine, other]);
  });

  it('when several actors wait, then they are served round-robin, not first come first served', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 10, actorShare: 5 });
    const blocker = held();
    const running = governor.run(blocker.task, { actor: 'burst' });
    const order: string[] = [];
    const calls = [
      ...['b1', 'b2', 'b3'].map((name) => governor.run(async () => void order.push(name), { actor: 'burst' })),
      governor.run(async () => void order.push('other'), { actor: 'other' }),
    ];
    blocker.release();
    await running;
    await Promise.all(calls);
    expect(order).toEqual(['b1', 'other', 'b2', 'b3']);
  });

  it('when a waiting call is aborted, then it leaves the queue at once with the abort reason and never runs', async () => {
    const depths: number[] = [];
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 5, onQueueDepth: (depth) => depths.push(depth) });
    const blocker = held();
    const running = governor.run(blocker.task);
    const controller = new AbortController();
    let ran = false;
    const waiting = governor.run(async () => void (ran = true), { signal: controller.signal });
    await tick();
    expect(governor.queueDepth).toBe(1);
    const reason = new Error('request ended');
    controller.abort(reason);
    expect(await rejection(waiting)).toBe(reason);
    expect(governor.queueDepth).toBe(0);
    expect(depths).toEqual([1, 0]);
    blocker.release();
    await running;
    expect(ran).toBe(false);
  });

  it('when the signal is already aborted, then the call is refused before it takes a place', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1 });
    const controller = new AbortController();
    controller.abort('gone');
    expect(await rejection(governor.run(async () => 1, { signal: controller.signal }))).toMatchObject({ name: 'AbortError' });
    expect(governor.queueDepth).toBe(0);
  });

  it('when no bound is given, then the queue holds one window (else ten calls per slot) and an actor half of it', () => {
    expect(new RateGovernor({ window: { limit: 120, windowMs: 60_000 } })).toMatchObject({ queueBound: 120, actorShare: 60 });
    expect(new RateGovernor({ maxConcurrent: 10 })).toMatchObject({ queueBound: 100, actorShare: 50 });
    expect(new RateGovernor({ maxConcurrent: 1, queueBound: 1 })).toMatchObject({ queueBound: 1, actorShare: 1 });
  });

  it("when a vendor's queue is sized, then it holds one window of calls (never less than the vendor's), an actor half", () => {
    expect(windowQueue({ limit: 120 })).toEqual({ queueBound: 120, actorShare: 60 });
    expect(windowQueue({ limit: 120 }, { limit: 3 })).toEqual({ queueBound: 120, actorShare: 60 });
    expect(windowQueue({ limit: 100 }, { limit: 1_001 })).toEqual({ queueBound: 1_001, actorShare: 501 });
  });
});
