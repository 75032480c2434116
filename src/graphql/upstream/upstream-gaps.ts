import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { ConnectedSystem } from '../../connectors/connector.types';
import type { SourcePresence } from '../../federation/source-result';
import { sourcesForField } from '../resolvers/source-reads';
import type { GatewayContext } from '../context';
import type { Subject } from '../types/subject.type';

/**
 * Which systems a federated Subject field is computed from. The typed views read one system's
 * record kinds; `sources` has one entry per system, so its gap points at that entry. Every other
 * field (merged names, phone, company, provenance, opt-outs, and any field added later) may take a
 * value from any system, so it depends on all of them: a field is never silently partial by default.
 */
type Dependency = { kind: 'all' } | { kind: 'systems'; systems: readonly ConnectedSystem[] } | { kind: 'per-entry' };

const FIELD_DEPENDENCIES: Readonly<Record<string, Dependency>> = {
  crmRecords: { kind: 'systems', systems: ['SALESFORCE'] },
  marketingLeads: { kind: 'systems', systems: ['MARKETO'] },
  chats: { kind: 'systems', systems: ['LIVECHAT'] },
  surveyResponses: { kind: 'systems', systems: ['SURVEYMONKEY'] },
  agreements: { kind: 'systems', systems: ['ADOBE_SIGN'] },
  sources: { kind: 'per-entry' },
};

function dependencyOf(field: string): Dependency {
  return FIELD_DEPENDENCIES[field] ?? { kind: 'all' };
}

// Private: `sources` lists LOCAL first, so a vendor's entry sits one after its index in the results.
const LOCAL_ENTRIES = 1;

/** Adds one UPSTREAM_UNAVAILABLE report per failed system the value at `path` depends on. */
export function reportGaps(
  context: GatewayContext,
  results: readonly SourcePresence[],
  path: ReadonlyArray<string | number>,
  dependency: Dependency = { kind: 'all' },
): void {
  results.forEach((result, index) => {
    if (result.status !== 'ERROR') return;
    if (dependency.kind === 'systems' && !dependency.systems.includes(result.system)) return;
    const at = dependency.kind === 'per-entry' ? [...path, index + LOCAL_ENTRIES] : [...path];
    context.upstreamErrors.push({ system: result.system, message: `${result.system} is unavailable (${result.error.kind})`, path: at });
  });
}

export function pathOf(info: GraphQLResolveInfo): Array<string | number> {
  return responsePathAsArray(info.path);
}

/**
 * One mechanism for every federated Subject field (applied to the whole resolver class): once the
 * field has resolved, each failed system it depends on is reported at the field's path, whatever
 * the query selected. The lookups are memoised per request, so this costs no extra vendor call.
 */
export const ReportUpstreamGaps: MiddlewareFn<GatewayContext> = async ({ root, context, info }, next) => {
  const value: unknown = await next();
  const subject = root as Subject;
  const results = await sourcesForField(context.federation, subject.email, info);
  reportGaps(context, results, pathOf(info), dependencyOf(info.fieldName));
  return value;
};
