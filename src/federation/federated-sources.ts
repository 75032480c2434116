import { CONNECTED_SYSTEMS, type ConnectedSystem, type PersonRecord } from '../connectors/connector.types';
import { ConnectorError } from '../connectors/connector-error';
import type { ConnectorSet } from '../connectors/registry';
import { normaliseEmail } from '../domain/email';
import type { ConnectorLoaders } from './connector-loaders';
import type { SourceResult } from './source-result';

function withDeadline<T>(system: ConnectedSystem, work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectorError(system, 'TIMEOUT', `${system} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function toResult(system: ConnectedSystem, settled: PromiseSettledResult<PersonRecord[]>): SourceResult {
  if (settled.status === 'rejected') {
    const error =
      settled.reason instanceof ConnectorError ? settled.reason : new ConnectorError(system, 'TRANSIENT', `${system} lookup failed`);
    return { system, status: 'ERROR', error };
  }
  return settled.value.length > 0 ? { system, status: 'FOUND', records: settled.value } : { system, status: 'NOT_FOUND' };
}

/**
 * Asks every connected system about one email concurrently, each under the same deadline
 * (UPSTREAM_TIMEOUT_MS); a failure or a late answer is that system's ERROR, never the subject's.
 * The deadline here answers on time whatever a connector does; the loaders' batches abort the
 * vendor calls behind a late answer at the same deadline, and when the request ends
 * (connector-loaders.ts), so no abandoned lookup keeps a vendor's queue busy.
 * Memoised per request so that every field of a subject shares one lookup.
 */
export class FederatedSources {
  private readonly memo = new Map<string, Promise<SourceResult[]>>();

  constructor(
    private readonly connectors: ConnectorSet,
    private readonly loaders: ConnectorLoaders,
    private readonly timeoutMs: number,
  ) {}

  /** Private: loads are issued synchronously, so all subjects of a page land in one batch. */
  sourcesFor(email: string): Promise<SourceResult[]> {
    const key = normaliseEmail(email);
    const known = this.memo.get(key);
    if (known) return known;
    const pending = Promise.all(CONNECTED_SYSTEMS.map((system) => this.ask(system, key)));
    this.memo.set(key, pending);
    return pending;
  }

  forget(email: string): void {
    this.memo.delete(normaliseEmail(email));
  }

  private async ask(system: ConnectedSystem, email: string): Promise<SourceResult> {
    const connector = this.connectors.get(system);
    if (!connector) return { system, status: 'SKIPPED', reason: `${system} is not connected` };
    const loader = this.loaders.get(system);
    if (!loader) return { system, status: 'SKIPPED', reason: `${system} cannot look people up by email` };
    const [settled] = await Promise.allSettled([withDeadline(system, loader.load(email), this.timeoutMs)]);
    return settled ? toResult(system, settled) : { system, status: 'NOT_FOUND' };
  }
}
