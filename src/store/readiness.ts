import type { DataSource } from 'typeorm';

/**
 * How long /readyz waits for the database. Orchestrators probe every few seconds with a timeout of
 * their own (Kubernetes' default timeoutSeconds is 1, periodSeconds 10); an answer within 2 s, even
 * "unavailable", lets them act instead of piling up probes on a frozen database.
 */
export const READINESS_TIMEOUT_MS = 2000;

// One round trip in flight per data source: probes that arrive while one is pending wait for it
// (each with its own deadline) instead of sending another, so a frozen database holds one pooled
// connection for readiness, not one per probe, until the statement timeout frees it.
const inFlight = new WeakMap<DataSource, Promise<boolean>>();

function roundTrip(dataSource: DataSource): Promise<boolean> {
  const pending = inFlight.get(dataSource);
  if (pending) return pending;
  const answer = dataSource
    .query('SELECT 1')
    .then(
      () => true,
      () => false,
    )
    .finally(() => inFlight.delete(dataSource));
  inFlight.set(dataSource, answer);
  return answer;
}

/** For /readyz: a round trip to the database, answered within `timeoutMs` whatever the database does. */
export async function databaseReachable(dataSource: DataSource, timeoutMs = READINESS_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([roundTrip(dataSource), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
