import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** The sockets of one vendor transport: its calls reuse open connections instead of each opening one (and a TLS handshake). */
export interface VendorAgents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/**
 * Why these numbers:
 * - `maxSockets` 64 per host: above every vendor governor's calls in flight (at most 10 in
 *   production, 50 in the bench's Salesforce), so the governor, not the agent, decides when a call
 *   goes out; a call queued inside the agent would wait with no timeout running (axios's starts on
 *   the socket).
 * - `maxFreeSockets` 32: enough idle connections for a burst at the governors' concurrency to come
 *   back to; more would only hold file descriptors open.
 * - `idleMs` 4 s: an idle socket is closed by us before the server closes it. A server that closes a
 *   socket just as we reuse it answers the next request with ECONNRESET, and a write (not resent,
 *   since it may have been applied) would fail. Node servers (and Apache) close idle connections
 *   after 5 s, load balancers after 60 s or more; Node's client also shortens this to a server's
 *   `Keep-Alive: timeout=N` hint minus a second when the server sends one.
 */
export const VENDOR_AGENT_LIMITS = Object.freeze({ maxSockets: 64, maxFreeSockets: 32, idleMs: 4_000 });

/** One keep-alive agent pair per vendor transport (created with its client, shared by every call through it). */
export function createVendorAgents(): VendorAgents {
  const options = {
    keepAlive: true,
    maxSockets: VENDOR_AGENT_LIMITS.maxSockets,
    maxFreeSockets: VENDOR_AGENT_LIMITS.maxFreeSockets,
    // Node's agent applies `timeout` to its free sockets (an active request's own timeout replaces it).
    timeout: VENDOR_AGENT_LIMITS.idleMs,
    // The most recently used socket first: under light load the others go idle and close.
    scheduling: 'lifo' as const,
  };
  return { http: new HttpAgent(options), https: new HttpsAgent(options) };
}
