import type { VendorHttpClient } from '../../connectors/http/vendor-http-client';

/** How many vendor calls went through a counted client, and how many it may send (null: no limit). */
export interface CallCount {
  calls: number;
  limit: number | null;
}

/** A counted client refused a call that would have gone past its limit (the day's budget). */
export class CallBudgetSpent extends Error {
  constructor() {
    super('the call budget is spent');
    this.name = 'CallBudgetSpent';
  }
}

/**
 * The same client (governor, token, policy) with every call it sends counted, clients bound from
 * it by `withCall` included: what an index scan spent is checked against the vendor's daily quota.
 * A call is counted once when sent, whatever its retries; one past the limit is refused unsent.
 */
export function countingClient(client: VendorHttpClient, count: CallCount): VendorHttpClient {
  return new Proxy(client, {
    get(target, property, receiver): unknown {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'withCall')
        return (...args: Parameters<VendorHttpClient['withCall']>) => countingClient(target.withCall(...args), count);
      if (property === 'send' || property === 'sendAllowingNotFound')
        return (...args: unknown[]) => {
          if (count.limit !== null && count.calls >= count.limit) return Promise.reject(new CallBudgetSpent());
          count.calls += 1;
          return (value as (...rest: unknown[]) => unknown).apply(target, args);
        };
      return (value as (...rest: unknown[]) => unknown).bind(target);
    },
  });
}
