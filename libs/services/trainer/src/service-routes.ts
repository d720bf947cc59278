import { SubgraphRequestError, signRequest, type Subgraphs } from '@tideline/graphql';

/** A service's /v1 routes are served beside its subgraph, as the gateway finds them. */
export const routeUrl = (subgraphs: Subgraphs, service: string, path: string) => `${subgraphs.urlOf(service).replace(/\/graphql\/?$/, '')}${path}`;

/**
 * Another service's /v1 route, asked as the project (signed as the gateway
 * signs, with no API key): a dataset export from curation, an artifact from
 * the registry. A refusal becomes a SubgraphRequestError with the route's
 * own code and message, so the caller handles it as a GraphQL one.
 */
export async function callRoute(subgraphs: Subgraphs, project: string, service: string, path: string, init: { method?: 'GET' | 'POST'; body?: Uint8Array; contentType?: string } = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const url = routeUrl(subgraphs, service, path);
  const headers: Record<string, string> = signRequest(subgraphs.secret, { project }, { method, url, body: init.body ?? null });
  if (init.contentType) headers['content-type'] = init.contentType;
  // Any Uint8Array is a valid body; the DOM typings admit only those over an ArrayBuffer.
  const res = await fetch(url, { method, headers, body: init.body as RequestInit['body'] });
  if (res.ok) return res;
  const text = await res.text();
  let error: { code?: string; message?: string } = {};
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON: the status says enough
  }
  throw new SubgraphRequestError(`${service} ${method} ${path.split('?')[0]}: ${error.message ?? `HTTP ${res.status}`}`, error.code ?? 'INTERNAL_SERVER_ERROR');
}

/** The response body as it streams (never held whole). */
export async function* bodyOf(res: Response): AsyncIterable<Uint8Array> {
  if (!res.body) return;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) yield chunk;
}
