import DataLoader from 'dataloader';
import type { ConnectedSystem, PersonRecord } from '../connectors/connector.types';
import { ConnectorError } from '../connectors/connector-error';
import { abortScope } from '../connectors/http/abortable';
import type { ConnectorSet } from '../connectors/registry';
import { normaliseEmail } from '../domain/email';

export type ConnectorLoaders = ReadonlyMap<ConnectedSystem, DataLoader<string, PersonRecord[], string>>;

/** What every lookup of one request carries to the vendors. */
export interface LookupScope {
  /** Aborts when the request ends (response sent or client gone): no vendor call for it starts after. */
  signal?: AbortSignal;
  /** The viewer's audit label: charged for the vendors' queues. */
  actor?: string;
  /**
   * UPSTREAM_TIMEOUT_MS: a batch still running this long after it was sent is aborted (queued
   * calls leave the vendor's queue, in-flight ones are cut), as the subject view has stopped
   * waiting for it by then.
   */
  deadlineMs?: number;
}

/**
 * One DataLoader per connector, built per request: every email asked for in one operation is looked
 * up in ceil(N / batch limit) upstream calls per vendor. Keys are normalised emails; a key the
 * vendor failed is a ConnectorError value, so only that key rejects. Each batch runs under its own
 * abort scope: the request's signal and the upstream deadline.
 */
export function createConnectorLoaders(connectors: ConnectorSet, scope: LookupScope = {}): ConnectorLoaders {
  const loaders = new Map<ConnectedSystem, DataLoader<string, PersonRecord[], string>>();
  for (const [system, connector] of connectors) {
    if (!connector.capabilities.lookupByEmail) continue;
    const batch = async (emails: readonly string[]): Promise<Array<PersonRecord[] | ConnectorError>> => {
      const deadline = scope.deadlineMs;
      const late = (): ConnectorError => new ConnectorError(system, 'TIMEOUT', `${system} did not answer within ${deadline ?? 0} ms`);
      const call = abortScope(scope.signal, deadline === undefined ? undefined : { ms: deadline, reason: late });
      try {
        const startBy = deadline === undefined ? undefined : Date.now() + deadline;
        const results = await connector.lookupByEmails(emails, { signal: call.signal, actor: scope.actor, startBy });
        // Private: DataLoader needs exactly one value per key; a short answer is the connector's bug.
        return emails.map((_, index) => results[index] ?? new ConnectorError(system, 'PERMANENT', `${system} gave no answer for a key`));
      } finally {
        call.dispose();
      }
    };
    loaders.set(
      system,
      new DataLoader<string, PersonRecord[], string>(batch, {
        cacheKeyFn: normaliseEmail,
        maxBatchSize: connector.capabilities.lookupBatchSize,
      }),
    );
  }
  return loaders;
}

/** After a mutation in the same request: forget what was read about these emails. */
export function clearLoaders(loaders: ConnectorLoaders, emails: readonly string[]): void {
  for (const loader of loaders.values()) for (const email of emails) loader.clear(normaliseEmail(email));
}
