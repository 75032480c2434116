import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * graphql-js 16 does not check that the schema has a root for the operation type (the rule
 * `KnownOperationTypesRule` arrives in graphql 17), so `subscription { anything }` used to pass
 * validation and fail inside execution: a 500-class error, a logged stack trace, and the field name
 * in a metric label. This refuses it while validating, so Apollo answers HTTP 400
 * GRAPHQL_VALIDATION_FAILED before anything runs. The gateway serves queries and mutations only.
 */
export const ServedOperationsRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This server does not serve ${node.operation} operations.`, { nodes: node }));
  },
});
