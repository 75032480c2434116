import type { CoalescingPlan } from './coalescing';

/**
 * Full: Marketo's documented window (100 calls / 20 s), one window of warm-up and one measured, 3
 * runs a side from dist/. Quick: the same rate in a window a quarter as long (25 calls / 5 s), so a
 * run is 10 s; one run a side through ts-node.
 */
export const COALESCING_FULL: CoalescingPlan = {
  runs: 3,
  warmUpSeconds: 20,
  seconds: 20,
  connections: 50,
  marketoWindow: { limit: 100, windowMs: 20_000 },
  latencyMs: 100,
  compiled: true,
};

export const COALESCING_QUICK: CoalescingPlan = {
  runs: 1,
  warmUpSeconds: 5,
  seconds: 5,
  connections: 50,
  marketoWindow: { limit: 25, windowMs: 5_000 },
  latencyMs: 100,
  compiled: false,
};
