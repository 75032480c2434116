import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { GatewayContext, GatewayServices } from './context';
import { createFormatError } from './errors/format-error';
import { observabilityPlugin } from './plugins/observability.plugin';
import { upstreamErrorsPlugin } from './plugins/upstream-errors.plugin';
import { ServedOperationsRule } from './validation/served-operations.rule';

// Limits sized for our largest legitimate query (a 200-subject page with every source and
// consent): depth 10 and cost 20k leave room for it and stop recursive or alias-amplified abuse.
// 5,000 tokens is ~10x the IDE's longest example query.
const MAX_TOKENS = 5000;
const armor = new ApolloArmor({
  maxDepth: { n: 10 },
  maxAliases: { n: 20 },
  maxDirectives: { n: 20 },
  // Private: armor's token plugin re-parses inside Apollo's parsingDidStart hook and throws there, so
  // every syntax error and every over-long query became HTTP 500. graphql-js's own parser counts
  // tokens (parseOptions.maxTokens below): its refusal is a parse error, HTTP 400 GRAPHQL_PARSE_FAILED.
  maxTokens: { enabled: false },
  costLimit: { maxCost: 20000 },
  blockFieldSuggestion: { enabled: true },
});

export function createApolloServer(schema: GraphQLSchema, services: GatewayServices, httpServer: Server): ApolloServer<GatewayContext> {
  const protection = armor.protect();
  return new ApolloServer<GatewayContext>({
    schema,
    introspection: services.config.graphqlIde,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM (drain HTTP, close sandboxes and the database); two handlers deadlock.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [ServedOperationsRule, ...protection.validationRules],
    formatError: createFormatError(services.logger),
    plugins: [
      ...protection.plugins,
      // Apollo's default grace is 10 s; a request may wait UPSTREAM_TIMEOUT_MS (up to 120 s) for vendors.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: services.config.drainGraceMs }),
      // Apollo's landing page loads from a CDN; our own IDE is served from local files instead.
      ApolloServerPluginLandingPageDisabled(),
      upstreamErrorsPlugin(),
      observabilityPlugin(services.metrics, services.logger),
    ],
  });
}
