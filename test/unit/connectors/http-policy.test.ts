import { backoffDelay, parseRetryAfter, resolvePolicy } from '../../../src/connectors/http/http-policy';
import { RateGovernor } from '../../../src/connectors/http/rate-governor';
import { TokenCache } from '../../../src/connectors/http/token-cache';

describe('the shared HTTP policy', () => {
  const policy = resolvePolicy({ baseDelayMs: 100, maxDelayMs: 1_000 });

  it('when attempts go on, then the backoff doubles with jitter and stops at the cap', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 1)).toBe(400);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1_000);
  });

  it('when the vendor asks for a longer wait, then its Retry-After wins', () => {
    expect(backoffDelay(policy, 1, () => 0, 700)).toBe(700);
    expect(parseRetryAfter('37')).toBe(37_000);
    expect(parseRetryAfter(new Date(Date.now() + 5_000).toUTCString())).toBeGreaterThan(3_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('the rate governor', () => {
  it('when more calls start than the window allows, then the extra ones wait for the window', async () => {
    const governor = new RateGovernor({ window: { limit: 2, windowMs: 200 } });
    const started: number[] = [];
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(() => governor.run(async () => void started.push(Date.now() - t0))));
    expect(started.filter((at) => at < 100)).toHaveLength(2);
    expect(Math.max(...started)).toBeGreaterThanOrEqual(190);
  });

  it('when calls exceed the concurrency cap, then no more than the cap run at once', async () => {
    const governor = new RateGovernor({ maxConcurrent: 2 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        governor.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 10));
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});

describe('the token cache', () => {
  it('when many calls need a token at once, then one token request serves them all', async () => {
    let fetched = 0;
    const cache = new TokenCache(async () => ({ value: `t${++fetched}`, expiresAt: Date.now() + 3_600_000 }));
    const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(tokens.map((t) => t.value)).toEqual(['t1', 't1', 't1']);
    expect(fetched).toBe(1);
  });

  it('when the rejected token is invalidated, then the next call fetches a new one; a stale invalidation is ignored', async () => {
    let fetched = 0;
    const cache = new TokenCache(async () => ({ value: `t${++fetched}`, expiresAt: null }));
    await cache.get();
    cache.invalidate('t1');
    expect((await cache.get()).value).toBe('t2');
    cache.invalidate('t1');
    expect((await cache.get()).value).toBe('t2');
  });

  it('when a token is within a minute of expiry, then it is refreshed early', async () => {
    let now = 0;
    let fetched = 0;
    const cache = new TokenCache(
      async () => ({ value: `t${++fetched}`, expiresAt: now + 120_000 }),
      () => now,
    );
    await cache.get();
    now = 61_000;
    expect((await cache.get()).value).toBe('t2');
  });
});
