import { signRequest } from './signing.ts';

export interface SubgraphClient {
  /** Runs `query` as `project` (signed as the gateway signs, with no API key: `actor` is null) and returns `data`; throws `SubgraphRequestError` on any error. */
  request<T>(project: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string; field?: string };
}

/** A failed request to another subgraph, keeping its GraphQL error code and field. */
export class SubgraphRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * A service's client for another service's subgraph. Services never import
 * each other; when one needs another's answers it asks over GraphQL, exactly
 * as it would across machines.
 */
export function createSubgraphClient(options: { url: string; secret: string; timeoutMs?: number }): SubgraphClient {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    async request<T>(project: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      let res: Response;
      const payload = JSON.stringify({ query, variables });
      try {
        res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signRequest(options.secret, { project }, { method: 'POST', url: options.url, body: payload }) },
          body: payload,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        throw new SubgraphRequestError(`subgraph ${options.url} unreachable`, 'SUBGRAPH_UNREACHABLE', undefined, { cause });
      }
      const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GraphqlError[] };
      const error = body.errors?.[0];
      if (error) throw new SubgraphRequestError(error.message, error.extensions?.code ?? 'INTERNAL_SERVER_ERROR', error.extensions?.field);
      if (!res.ok || body.data === undefined) throw new SubgraphRequestError(`subgraph ${options.url} answered ${res.status}`, 'SUBGRAPH_UNAVAILABLE');
      return body.data;
    },
  };
}
