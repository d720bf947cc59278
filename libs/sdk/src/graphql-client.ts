import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { TidelineError, errorFromGraphql, networkError, type GraphqlErrorBody } from './errors.ts';

/**
 * An operation: a string, a typed document of this SDK (its text with its
 * result and variable types), or any parsed document that kept its source
 * (graphql-tag's and graphql-js's `parse` do).
 */
export type Operation<TResult = unknown, TVariables = Record<string, unknown>> =
  | string
  | (DocumentTypeDecoration<TResult, TVariables> & { toString(): string })
  | { kind: 'Document'; loc?: { source: { body: string } } };

/** The operation's text, whichever form it came in. */
export function operationText(operation: Operation<unknown, never>): string {
  if (typeof operation === 'string') return operation;
  if ('kind' in operation && operation.kind === 'Document') {
    const body = operation.loc?.source.body;
    if (!body) throw new TypeError('a parsed GraphQL document without its source text: pass the operation as a string');
    return body;
  }
  return operation.toString();
}

export interface GraphqlTransport {
  url: string;
  apiKey: string;
  fetch: typeof fetch;
}

/** The request as the gateway takes it (`POST /graphql`), for queries, mutations and SSE subscriptions alike. */
export function graphqlRequest(transport: GraphqlTransport, query: string, variables: unknown, accept: string, signal?: AbortSignal): Promise<Response> {
  const url = `${transport.url}/graphql`;
  return transport
    .fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${transport.apiKey}`, 'content-type': 'application/json', accept },
      body: JSON.stringify({ query, variables: variables ?? {} }),
      signal,
    })
    .catch((cause: unknown) => {
      if (signal?.aborted) throw cause;
      throw networkError(url, cause);
    });
}

/** One query or mutation: its data, or a TidelineError carrying the first error's code and field. */
export async function executeGraphql<TResult>(transport: GraphqlTransport, query: string, variables: unknown): Promise<TResult> {
  const response = await graphqlRequest(transport, query, variables, 'application/graphql-response+json, application/json');
  const text = await response.text();
  const requestId = response.headers.get('x-request-id');
  let body: { data?: TResult | null; errors?: GraphqlErrorBody[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new TidelineError({ code: `HTTP_${response.status}`, message: `the gateway answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`, status: response.status, requestId });
  }
  if (body.errors?.length || body.data === undefined || body.data === null) throw errorFromGraphql(body.errors ?? [], response.status, requestId);
  return body.data;
}
