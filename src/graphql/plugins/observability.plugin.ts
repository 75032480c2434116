import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Kind } from 'graphql';
import type { Logger } from '../../observability/logger';
import type { GatewayMetrics } from '../../observability/metrics';
import type { GatewayContext } from '../context';

/**
 * Metric labels come from the schema (root field names), never from client-chosen operation
 * names, so their number stays bounded.
 */
function operationLabel(context: GraphQLRequestContextWillSendResponse<GatewayContext>): string {
  const operation = context.operation;
  if (!operation) return 'unparsed';
  const fields = operation.selectionSet.selections
    .filter((selection) => selection.kind === Kind.FIELD)
    .map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : ''))
    .sort();
  return `${operation.operation}:${fields.slice(0, 3).join(',') || '-'}`;
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
            metrics.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
          }
        },
        async willSendResponse(context) {
          const label = operationLabel(context);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const outcome = context.errors && context.errors.length > 0 ? 'error' : 'ok';
          metrics.graphqlRequests.inc({ operation: label, outcome });
          metrics.graphqlDuration.observe({ operation: label }, seconds);
          logger.info(
            { requestId: context.contextValue.requestId, actor: context.contextValue.viewer.label, operation: label, outcome, durationMs: Math.round(seconds * 1000) },
            'graphql request',
          );
        },
      };
    },
  };
}
