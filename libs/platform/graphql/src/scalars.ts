import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** Shared scalars: ISO-8601 instants and arbitrary JSON values. */
export const scalarTypeDefs = /* GraphQL */ `
  "An instant, ISO-8601 with time zone (e.g. 2026-01-01T00:00:00Z); epoch milliseconds are accepted as input."
  scalar DateTime
  "Any JSON value."
  scalar JSON
`;

const toDate = (value: unknown): Date => {
  const date = typeof value === 'number' ? new Date(value) : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime must be ISO-8601 or epoch milliseconds, got ${JSON.stringify(value)}`);
  return date;
};

const literalValue = (node: ValueNode): unknown => {
  switch (node.kind) {
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalValue(f.value)]));
    default:
      throw new GraphQLError('JSON literals cannot contain variables');
  }
};

export const scalarResolvers = {
  DateTime: new GraphQLScalarType<Date, string>({
    name: 'DateTime',
    serialize: (value) => toDate(value instanceof Date ? value.getTime() : value).toISOString(),
    parseValue: toDate,
    parseLiteral: (node) => toDate(node.kind === Kind.INT ? Number((node as { value: string }).value) : (node as { value?: string }).value),
  }),
  JSON: new GraphQLScalarType({ name: 'JSON', serialize: (v) => v, parseValue: (v) => v, parseLiteral: literalValue }),
};
