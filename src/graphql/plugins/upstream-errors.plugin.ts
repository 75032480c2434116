import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context';
import { ErrorCode } from '../errors/error-code';

/**
 * A system that fails or times out leaves its source as ERROR in the data; each field that depended
 * on it reported itself (upstream/upstream-gaps.ts), and this adds one error per (system, path) with
 * `extensions.code = "UPSTREAM_UNAVAILABLE"` and the system, so clients see both the partial
 * answer and where and why it is partial.
 */
export function upstreamErrorsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.upstreamErrors.length === 0) return;
          const seen = new Set<string>();
          const extra: GraphQLFormattedError[] = [];
          for (const report of contextValue.upstreamErrors) {
            const key = `${report.system}:${report.path.join('.')}`;
            if (seen.has(key)) continue;
            seen.add(key);
            extra.push({
              message: report.message,
              path: [...report.path],
              extensions: { code: ErrorCode.UpstreamUnavailable, system: report.system },
            });
          }
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...extra];
        },
      };
    },
  };
}
