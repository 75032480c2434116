import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Kind, OperationTypeNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Logger } from '../../observability/logger';
import type { GatewayMetrics } from '../../observability/metrics';
import type { GatewayContext } from '../context';
import { ErrorCode, metricErrorCode } from '../errors/error-code';

const META_FIELDS: ReadonlySet<string> = new Set(['__typename', '__schema', '__type']);

/** Root field names the schema defines for this operation type; anything else is not a label. */
function servedFields(schema: GraphQLSchema, operation: OperationDefinitionNode): ReadonlySet<string> {
  // Subscriptions are not served (ServedOperationsRule), whatever a schema might declare.
  const root = operation.operation === OperationTypeNode.SUBSCRIPTION ? null : schema.getRootType(operation.operation);
  return new Set(root ? Object.keys(root.getFields()) : []);
}

/**
 * Metric labels come only from names in the schema (root field names of a served operation type),
 * never from client-chosen operation names or unknown fields, so the number of series is bounded
 * by the schema. A request that did not parse or validate is `invalid`.
 */
export function operationLabel(schema: GraphQLSchema, operation: OperationDefinitionNode | undefined): string {
  if (!operation) return 'invalid';
  const known = servedFields(schema, operation);
  if (known.size === 0) return 'invalid';
  const fields = operation.selectionSet.selections
    .flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []))
    .filter((name) => known.has(name) || META_FIELDS.has(name));
  const unique = [...new Set(fields)].sort();
  return `${operation.operation}:${unique.slice(0, 3).join(',') || '-'}`;
}

function labelOf(context: GraphQLRequestContextWillSendResponse<GatewayContext>): string {
  return operationLabel(context.schema, context.operation);
}

export type RequestOutcome = 'ok' | 'partial' | 'error';

/**
 * `partial` when the only errors are systems that could not answer (UPSTREAM_UNAVAILABLE, added to
 * the response after execution, so Apollo's own `errors` never sees them); any other error wins.
 */
export function requestOutcome(context: GraphQLRequestContextWillSendResponse<GatewayContext>): RequestOutcome {
  if (context.errors && context.errors.length > 0) return 'error';
  const body = context.response.body;
  const sent = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
  if (sent.length === 0) return 'ok';
  return sent.every((error) => error.extensions?.code === ErrorCode.UpstreamUnavailable) ? 'partial' : 'error';
}

/** Counts, times and logs every GraphQL operation (without variables: they hold personal data). */
export function observabilityPlugin(metrics: GatewayMetrics, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            metrics.graphqlErrors.inc({ code: metricErrorCode(code) });
          }
        },
        async willSendResponse(context) {
          const label = labelOf(context);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const outcome = requestOutcome(context);
          metrics.graphqlRequests.inc({ operation: label, outcome });
          metrics.graphqlDuration.observe({ operation: label }, seconds);
          logger.info(
            {
              requestId: context.contextValue.requestId,
              clientRequestId: context.contextValue.clientRequestId,
              actor: context.contextValue.viewer.label,
              operation: label,
              outcome,
              durationMs: Math.round(seconds * 1000),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
