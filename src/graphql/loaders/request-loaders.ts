import DataLoader from 'dataloader';
import { createConnectorLoaders } from '../../federation/connector-loaders';
import type { GatewayServices, RequestLoaders } from '../context';

export function createRequestLoaders(services: GatewayServices): RequestLoaders {
  return {
    consentsBySubjectId: new DataLoader(async (ids: readonly number[]) => {
      const bySubject = await services.consents.entriesFor(ids);
      return ids.map((id) => bySubject.get(id) ?? []);
    }),
    connectors: createConnectorLoaders(services.connectors),
  };
}
