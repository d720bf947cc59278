/**
 * Requests to a subgraph or a service's HTTP API signed as the gateway signs
 * what it forwards (`signRequest` of @tideline/graphql), for the tests that
 * call a service without a gateway in front of it.
 */
import { signRequest, type Principal } from '@tideline/graphql';
import { postGraphql, type GraphqlAnswer } from './graphql-client.ts';

/** Whom a request is signed for: a project id, a whole principal, or `null` for an unsigned request. */
export type SignedFor = string | Principal | null;

/** The headers that sign the request for `who` (none for `null`). */
export function gatewayHeaders(secret: string, who: SignedFor, request: { method: string; url: string; body?: string | Uint8Array | null }): Record<string, string> {
  if (who === null) return {};
  return signRequest(secret, typeof who === 'string' ? { project: who } : who, request);
}

/** fetch() signed for `who`: a POST when there is a body, else a GET; `headers` are added after the signature's. */
export function signedFetch(secret: string, who: SignedFor, url: string, init: { method?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<Response> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers = { ...gatewayHeaders(secret, who, { method, url, body: init.body }), ...init.headers };
  // Any Uint8Array is a valid body; the DOM typings admit only those over an ArrayBuffer.
  return fetch(url, { method, headers, body: init.body as RequestInit['body'] });
}

/** GraphQL to a subgraph's endpoint `url`, each operation signed for the principal it names. */
export type SignedGraphql = <T = Record<string, unknown>>(who: SignedFor, query: string, variables?: Record<string, unknown>) => Promise<GraphqlAnswer<T>>;

export const signedGraphql =
  (url: string, secret: string): SignedGraphql =>
  (who, query, variables) =>
    postGraphql(url, query, variables, (body) => gatewayHeaders(secret, who, { method: 'POST', url, body }));
