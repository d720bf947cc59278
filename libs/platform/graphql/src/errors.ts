import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@tideline/runtime';

/**
 * An error a client may see, with a stable `extensions.code`. Anything else
 * thrown by a resolver is masked as INTERNAL_SERVER_ERROR and logged in full.
 */
const PUBLIC = Symbol.for('tideline.PublicError');

export class PublicError extends GraphQLError {
  readonly [PUBLIC] = true;
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

// A brand rather than instanceof: a test runner may load graphql twice (ESM and CJS builds).
const isPublic = (error: unknown) => typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[PUBLIC] === true;

export const badInput = (message: string, field?: string) => new PublicError('BAD_USER_INPUT', message, field ? { field } : {});
export const notFound = (message: string) => new PublicError('NOT_FOUND', message);

/** Codes of errors that graphql-js or Apollo raise for the client's own mistakes. */
const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND', 'BAD_REQUEST', 'UNAUTHENTICATED']);

export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    if (isPublic(original) || isPublic(error)) return formatted;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    // Errors carrying their own stable code (SliceFilterError, …) are the caller's to see.
    const own = (original as { code?: unknown } | undefined)?.code;
    // Only our own codes (UPPER_SNAKE_CASE); ClickHouse's numeric codes come with SQL in the message.
    if (typeof own === 'string' && /^[A-Z][A-Z_]+$/.test(own) && original instanceof Error && own !== 'INTERNAL') {
      return { ...formatted, message: original.message, extensions: { code: own } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected resolver error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
