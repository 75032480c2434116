import autocannon from 'autocannon';

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, connection errors and timeouts: each should be 0. */
  failures: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Seconds a request may take before autocannon counts it a timeout (its default: 10). */
  timeoutSeconds?: number;
  /** Sees every answer as it arrives (its status and body), e.g. to judge and time each one. */
  onAnswer?: (status: number, body: string) => void;
}

/**
 * POSTs one JSON body per request at `url` from `connections` concurrent connections for
 * `seconds`, each request for the next email of the list (every connection views other people).
 */
export async function loadWith(
  url: string,
  emails: readonly string[],
  body: (email: string) => unknown,
  options: LoadOptions,
): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.timeoutSeconds ? { timeout: options.timeoutSeconds } : {}),
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [
      {
        setupRequest: (request) => {
          const email = emails[next % emails.length] ?? '';
          next += 1;
          return { ...request, body: JSON.stringify(body(email)) };
        },
        ...(options.onAnswer ? { onResponse: options.onAnswer } : {}),
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
