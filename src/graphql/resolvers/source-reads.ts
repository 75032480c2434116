import type { GraphQLResolveInfo } from 'graphql';
import type { FederatedSources } from '../../federation/federated-sources';
import type { SourcePresence } from '../../federation/source-result';
import { selectsAnyField } from '../selection';

/**
 * What a federated Subject field reads. `sources` without `data` or `records` selected says who
 * holds the person, which the vendor index answers without a vendor call; every other field (and
 * `sources` with the records) needs what the systems hold, read live.
 */
export function sourcesForField(federation: FederatedSources, email: string, info: GraphQLResolveInfo): Promise<SourcePresence[]> {
  const holdersOnly = info.fieldName === 'sources' && !selectsAnyField(info, ['data', 'records']);
  return holdersOnly ? federation.presenceFor(email) : federation.sourcesFor(email);
}
