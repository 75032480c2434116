import DataLoader from 'dataloader';
import type { ConnectedSystem, PersonRecord } from '../connectors/connector.types';
import { ConnectorError } from '../connectors/connector-error';
import type { ConnectorSet } from '../connectors/registry';
import { normaliseEmail } from '../domain/email';

export type ConnectorLoaders = ReadonlyMap<ConnectedSystem, DataLoader<string, PersonRecord[], string>>;

/**
 * One DataLoader per connector, built per request: every email asked for in one operation is looked
 * up in ceil(N / batch limit) upstream calls per vendor. Keys are normalised emails; a key the
 * vendor failed is a ConnectorError value, so only that key rejects.
 */
export function createConnectorLoaders(connectors: ConnectorSet): ConnectorLoaders {
  const loaders = new Map<ConnectedSystem, DataLoader<string, PersonRecord[], string>>();
  for (const [system, connector] of connectors) {
    if (!connector.capabilities.lookupByEmail) continue;
    loaders.set(
      system,
      new DataLoader<string, PersonRecord[], string>(
        async (emails) => {
          const results = await connector.lookupByEmails(emails);
          // Private: DataLoader needs exactly one value per key; a short answer is the connector's bug.
          return emails.map((_, index) => results[index] ?? new ConnectorError(system, 'PERMANENT', `${system} gave no answer for a key`));
        },
        { cacheKeyFn: normaliseEmail, maxBatchSize: connector.capabilities.lookupBatchSize },
      ),
    );
  }
  return loaders;
}

/** After a mutation in the same request: forget what was read about these emails. */
export function clearLoaders(loaders: ConnectorLoaders, emails: readonly string[]): void {
  for (const loader of loaders.values()) for (const email of emails) loader.clear(normaliseEmail(email));
}
