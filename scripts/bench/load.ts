import autocannon from 'autocannon';

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, connection errors and timeouts: each should be 0. */
  failures: number;
}

/**
 * POSTs one JSON body per request at `url` from `connections` concurrent connections for
 * `seconds`, each request for the next email of the list (every connection views other people).
 */
export async function loadWith(
  url: string,
  emails: readonly string[],
  body: (email: string) => unknown,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [
      {
        setupRequest: (request) => {
          const email = emails[next % emails.length] ?? '';
          next += 1;
          return { ...request, body: JSON.stringify(body(email)) };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
