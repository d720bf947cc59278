import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isErrorCode, isPublicError, type ErrorCode } from '@tideline/contracts';
import { currentRequestId, newRequestId, type Logger } from '@tideline/runtime';

export { PublicError, badInput } from '@tideline/contracts';

const INTERNAL: ErrorCode = 'INTERNAL_SERVER_ERROR';
const MESSAGE = 'Internal server error';

// By tag, not instanceof: a test runner may load graphql twice (ESM and CJS builds).
const isGraphqlError = (error: unknown): error is GraphQLError => Object.prototype.toString.call(error) === '[object GraphQLError]';

/** What a resolver (or the gateway's own code) threw under the GraphQLErrors wrapping it; undefined when graphql raised the error itself. */
function thrownBy(error: unknown): unknown {
  let current = error;
  while (isGraphqlError(current) && current.originalError) current = current.originalError;
  return isGraphqlError(current) ? undefined : current;
}

/**
 * Whether a GraphQL error may reach the client as it is: a PublicError, or
 * one graphql-js, Apollo or Yoga raised about the client's own request (parse,
 * validation, variables, the gateway's limits) with a code of the catalog.
 * An INTERNAL_SERVER_ERROR never passes as it is: it gets a request id.
 */
function isForClients(error: unknown, code: unknown): boolean {
  const thrown = thrownBy(error);
  if (thrown !== undefined) return isPublicError(thrown);
  return isErrorCode(code) && code !== INTERNAL;
}

/** The id a masked error is logged and answered under: the request's (x-request-id) when known. */
const requestIdNow = () => currentRequestId() ?? newRequestId();

/**
 * Apollo's `formatError` for subgraphs: errors meant for clients pass (a
 * PublicError with its code, message and details); anything else becomes
 * INTERNAL_SERVER_ERROR with the request id, and is logged in full under it.
 */
export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const thrown = thrownBy(error);
    if (isPublicError(thrown)) return { message: thrown.message, locations: formatted.locations, path: formatted.path, extensions: thrown.extensions };
    if (isForClients(error, formatted.extensions?.code)) return formatted;
    const requestId = requestIdNow();
    logger.error({ err: thrown ?? error, path: formatted.path, requestId }, 'unexpected resolver error');
    return { message: MESSAGE, path: formatted.path, extensions: { code: INTERNAL, requestId } };
  };
}

/**
 * The gateway's mask (GraphQL Yoga's `maskedErrors.maskError`), over its own
 * errors and every error a subgraph answered: the same rule as `maskErrors`.
 * A subgraph's INTERNAL_SERVER_ERROR keeps its request id (the subgraph logged
 * it, and got the id from the gateway), and nothing else of what it said.
 */
export function maskGatewayError(logger: Logger) {
  return (error: unknown): Error => {
    const graphql = isGraphqlError(error) ? error : undefined;
    const code = graphql?.extensions?.code;
    if (isForClients(error, code)) return error as Error;
    const status = (graphql?.extensions?.http as { status?: unknown } | undefined)?.status;
    if (graphql && code === undefined && thrownBy(error) === undefined && typeof status === 'number' && status >= 400 && status < 500) {
      // Yoga's refusals of a malformed request (variables that do not fit their types, no query) carry a status but no code.
      graphql.extensions.code = status === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST';
      return graphql;
    }
    const location = { path: graphql?.path, nodes: graphql?.nodes, source: graphql?.source, positions: graphql?.positions };
    const upstreamId = graphql?.extensions?.requestId;
    if (code === INTERNAL && thrownBy(error) === undefined && typeof upstreamId === 'string') {
      const { code: _code, requestId: _id, ...more } = graphql!.extensions;
      // Already in the masked form (the usual case) it goes as it is: Yoga logs an error it sees replaced.
      if (graphql!.message === MESSAGE && !Object.keys(more).length) return graphql!;
      return new GraphQLError(MESSAGE, { ...location, extensions: { code: INTERNAL, requestId: upstreamId } });
    }
    const requestId = requestIdNow();
    logger.error({ err: thrownBy(error) ?? error, path: graphql?.path, requestId }, 'unexpected gateway error');
    return new GraphQLError(MESSAGE, { ...location, extensions: { code: INTERNAL, requestId } });
  };
}
