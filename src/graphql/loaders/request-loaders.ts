import DataLoader from 'dataloader';
import type { GatewayServices, RequestLoaders } from '../context';

export function createRequestLoaders(services: GatewayServices): RequestLoaders {
  return {
    consentsBySubjectId: new DataLoader(async (ids: readonly number[]) => {
      const bySubject = await services.consents.entriesFor(ids);
      return ids.map((id) => bySubject.get(id) ?? []);
    }),
  };
}
