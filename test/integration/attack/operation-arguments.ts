/**
 * Reads the root fields of the schema the gateway serves and builds, for each, a minimal valid
 * call from the argument types alone, so a new operation is covered the moment it exists.
 */
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isLeafType,
} from 'graphql';
import { createSchema } from '../../../src/graphql/schema';

export type RootKind = 'query' | 'mutation' | 'subscription';

export interface RootOperation {
  kind: RootKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
  /** `Query.subject`, `Mutation.recordConsent`: the key of the rule tables. */
  key: string;
}

const TYPE_OF_KIND: Record<RootKind, string> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

export async function servedSchema(): Promise<GraphQLSchema> {
  return createSchema();
}

export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const roots: Array<[RootKind, ReturnType<GraphQLSchema['getQueryType']>]> = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type
      ? Object.values(type.getFields()).map((field) => ({ kind, name: field.name, field, key: `${TYPE_OF_KIND[kind]}.${field.name}` }))
      : [],
  );
}

/** Values a real client would send, chosen by the argument's name, then by its type. */
export interface ValueHints {
  email: string;
  text: string;
  id: string;
  /** Enum values that make a valid combination (a channel whose basis needs no evidence, ...). */
  enums?: Record<string, string>;
}

function scalarValue(typeName: string, argName: string, hints: ValueHints): unknown {
  switch (typeName) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'ID':
      return hints.id;
    case 'DateTimeISO':
      return '2026-01-01T00:00:00.000Z';
    case 'JSONObject':
      return {};
    default:
      return /email/i.test(argName) ? hints.email : hints.text;
  }
}

/** A value for one argument or input field; nullable ones are left out unless they name an email. */
export function valueFor(type: GraphQLInputType, argName: string, hints: ValueHints): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [valueFor(inner.ofType, argName, hints)];
  const named = getNamedType(inner);
  if (isEnumType(named)) return hints.enums?.[named.name] ?? named.getValues()[0]?.value;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields()).filter((field) => isNonNullType(field.type) || /email|evidence/i.test(field.name));
    return Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, field.name, hints)]));
  }
  if (isScalarType(named)) return scalarValue(named.name, argName, hints);
  throw new Error(`no value for ${String(named)}`);
}

function wanted(arg: GraphQLArgument): boolean {
  return isNonNullType(arg.type) && arg.defaultValue === undefined;
}

/** `query($email: String!) { subject(email: $email) { __typename } }` and its variables. */
export function minimalCall(
  operation: RootOperation,
  hints: ValueHints,
  args?: readonly GraphQLArgument[],
  selection?: string,
): { query: string; variables: Record<string, unknown> } {
  const used = args ?? operation.field.args.filter(wanted);
  const declarations = used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passing = used.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const fields = isLeafType(getNamedType(operation.field.type)) ? '' : ` { ${selection ?? '__typename'} }`;
  const query = `${operation.kind}${declarations ? `(${declarations})` : ''} { ${operation.name}${passing ? `(${passing})` : ''}${fields} }`;
  const variables = Object.fromEntries(used.map((arg) => [arg.name, valueFor(arg.type, arg.name, hints)]));
  return { query, variables };
}

/** Paths of every String argument or input field whose name says it holds an email. */
export function emailPaths(operation: RootOperation): string[][] {
  const walk = (name: string, type: GraphQLInputType, prefix: string[]): string[][] => {
    const named = getNamedType(type);
    if (isInputObjectType(named))
      return Object.values(named.getFields()).flatMap((field) => walk(field.name, field.type, [...prefix, name]));
    return isScalarType(named) && named.name === 'String' && /email/i.test(name) ? [[...prefix, name]] : [];
  };
  return operation.field.args.flatMap((arg) => walk(arg.name, arg.type, []));
}

/** A minimal call in which the value at `path` (an argument or a nested input field) is replaced. */
export function callWith(
  operation: RootOperation,
  hints: ValueHints,
  path: readonly string[],
  value: unknown,
  selection?: string,
): { query: string; variables: Record<string, unknown> } {
  const args = operation.field.args.filter((arg) => wanted(arg) || arg.name === path[0]);
  const call = minimalCall(operation, hints, args, selection);
  const [head, ...rest] = path;
  if (head === undefined) return call;
  if (rest.length === 0) call.variables[head] = value;
  else {
    let target = call.variables[head] as Record<string, unknown>;
    for (const key of rest.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    const last = rest.at(-1);
    if (last !== undefined) target[last] = value;
  }
  return call;
}

export type LeafKind = 'string' | 'enum' | 'int' | 'boolean' | 'other';

export interface ArgumentPath {
  path: string[];
  kind: LeafKind;
  /** The leaf's own name (`email`, `evidence`, `after`). */
  name: string;
}

function leafKind(type: GraphQLInputType): LeafKind {
  const named = getNamedType(type);
  if (isEnumType(named)) return 'enum';
  if (!isScalarType(named)) return 'other';
  if (named.name === 'String' || named.name === 'ID') return 'string';
  if (named.name === 'Int') return 'int';
  return named.name === 'Boolean' ? 'boolean' : 'other';
}

/** Every leaf an attacker can set: arguments and the fields of input objects, at any depth. */
export function argumentPaths(operation: RootOperation): ArgumentPath[] {
  const walk = (name: string, type: GraphQLInputType, prefix: string[]): ArgumentPath[] => {
    const named = getNamedType(type);
    if (isInputObjectType(named))
      return Object.values(named.getFields()).flatMap((field) => walk(field.name, field.type, [...prefix, name]));
    return [{ path: [...prefix, name], kind: leafKind(type), name }];
  };
  return operation.field.args.flatMap((arg) => walk(arg.name, arg.type, []));
}
