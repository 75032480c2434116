import DataLoader from 'dataloader';
import { abortScope } from '../../connectors/http/abortable';
import { createConnectorLoaders, type LookupScope } from '../../federation/connector-loaders';
import type { GatewayServices, RequestLoaders } from '../context';

/** Per-request loaders; vendor lookups carry the request's scope (signal, actor, upstream deadline). */
export function createRequestLoaders(services: GatewayServices, scope: LookupScope = {}): RequestLoaders {
  return {
    consentsBySubjectId: new DataLoader(async (ids: readonly number[]) => {
      const bySubject = await services.consents.entriesFor(ids);
      return ids.map((id) => bySubject.get(id) ?? []);
    }),
    connectors: createConnectorLoaders(services.connectors, scope),
  };
}

/**
 * A signal that aborts when the HTTP exchange ends: `close` fires once the response is sent or the
 * client went away, and either way nobody waits for the request's vendor lookups any more.
 */
export function signalOfExchange(res: { once(event: 'close', listener: () => void): unknown }): AbortSignal {
  const scope = abortScope();
  res.once('close', () => scope.abort(new Error('the HTTP request ended')));
  return scope.signal;
}
