import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { signRequest } from '@tideline/graphql';
import type { Logger } from '@tideline/runtime';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** The project name the gateway signs for its own requests (SDL fetches): no tenant's data. */
export const GATEWAY_PROJECT = '_gateway';

export class CompositionError extends Error {
  override readonly name = 'CompositionError';
  readonly code = 'COMPOSITION_FAILED';
}

export class SubgraphUnreachableError extends Error {
  override readonly name = 'SubgraphUnreachableError';
  readonly code = 'SUBGRAPH_UNREACHABLE';
}

export async function fetchSubgraphSdl(subgraph: SubgraphEndpoint, secret: string, timeoutMs = 5_000): Promise<string> {
  let response: Response;
  const payload = JSON.stringify({ query: '{ _service { sdl } }' });
  try {
    response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signRequest(secret, { project: GATEWAY_PROJECT }, { method: 'POST', url: subgraph.url, body: payload }) },
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    throw new SubgraphUnreachableError(`subgraph '${subgraph.name}' at ${subgraph.url} is unreachable: ${(cause as Error).message}`, { cause });
  }
  const text = await response.text();
  let body: { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* reported below */
  }
  const sdl = body?.data?._service?.sdl;
  if (!response.ok || !sdl) {
    const detail = body?.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 200);
    throw new SubgraphUnreachableError(`subgraph '${subgraph.name}' at ${subgraph.url} answered ${response.status} without an SDL: ${detail}`);
  }
  return sdl;
}

export function compose(subgraphs: readonly (SubgraphEndpoint & { sdl: string })[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    const list = result.errors.map((e) => `  - ${e.message}`).join('\n');
    throw new CompositionError(`the subgraphs' schemas do not compose (${subgraphs.map((s) => s.name).join(', ')}):\n${list}`);
  }
  return result.supergraphSdl;
}

export interface WaitOptions {
  secret: string;
  /** Give up after this long with the subgraphs still unreachable. */
  waitMs: number;
  logger: Logger;
  signal?: AbortSignal;
  retryEveryMs?: number;
}

/**
 * Fetches every subgraph's SDL and composes the supergraph. Subgraphs of a
 * split deployment may start after the gateway, so unreachable ones are
 * retried until `waitMs`; a composition error is final.
 */
export async function composeWhenReachable(subgraphs: readonly SubgraphEndpoint[], options: WaitOptions): Promise<string> {
  const deadline = Date.now() + options.waitMs;
  const sdls = new Map<string, string>();
  for (;;) {
    options.signal?.throwIfAborted();
    const failures: SubgraphUnreachableError[] = [];
    await Promise.all(
      subgraphs
        .filter((s) => !sdls.has(s.name))
        .map((s) =>
          fetchSubgraphSdl(s, options.secret).then(
            (sdl) => void sdls.set(s.name, sdl),
            (err: unknown) => {
              if (!(err instanceof SubgraphUnreachableError)) throw err;
              failures.push(err);
            },
          ),
        ),
    );
    if (!failures.length) return compose(subgraphs.map((s) => ({ ...s, sdl: sdls.get(s.name)! })));
    if (Date.now() >= deadline) {
      throw new SubgraphUnreachableError(
        `gave up after ${options.waitMs} ms waiting for subgraphs:\n${failures.map((f) => `  - ${f.message}`).join('\n')}\nstart them or fix TIDELINE_SUBGRAPH_URLS`,
      );
    }
    options.logger.info({ waiting: failures.map((f) => f.message) }, 'waiting for subgraphs');
    await new Promise((resolve) => setTimeout(resolve, options.retryEveryMs ?? 1_000));
  }
}
