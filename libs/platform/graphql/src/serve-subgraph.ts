import { internalPath } from '@tideline/contracts';
import { configSection, defineModule, httpServerModule, servicesOf, type HttpServer, type ModuleContext, type RequestHandler } from '@tideline/runtime';
import { internalSecretSetting } from './signing.ts';
import { createSubgraph, type Subgraph } from './subgraph.ts';
import { createSubgraphClient, type SubgraphClient } from './subgraph-client.ts';
import { subgraphUrl, subgraphUrlsSetting, type SubgraphUrls } from './subgraph-urls.ts';

export interface Subgraphs {
  /** The secret the gateway signs projects with (subgraphs verify it). */
  secret: string;
  server: HttpServer;
  /** TIDELINE_SUBGRAPH_URLS, or null when every subgraph is served by this process. */
  urls: SubgraphUrls | null;
  /** Where subgraph `name` is served. */
  urlOf(name: string): string;
}

/**
 * What every process that serves or calls subgraphs shares: the internal
 * secret and where each subgraph lives. Internal: it starts as a dependency
 * of the services that need it, and its settings are declared once here.
 */
export const subgraphsModule = defineModule({
  name: 'subgraphs',
  internal: true,
  deps: [httpServerModule],
  config: configSection({ secret: internalSecretSetting, urls: subgraphUrlsSetting }),
  async start(ctx, config) {
    const server = ctx.get(httpServerModule);
    const known = new Set(servicesOf(ctx.catalog).map((m) => m.name));
    const unknown = Object.keys(config.urls ?? {}).filter((name) => !known.has(name));
    if (unknown.length) ctx.logger.warn({ unknown, known: [...known] }, 'TIDELINE_SUBGRAPH_URLS names services this catalog does not have');
    const value: Subgraphs = { secret: config.secret, server, urls: config.urls, urlOf: (name) => subgraphUrl(config.urls, server.url, name) };
    return { value };
  },
});

export interface ServeSubgraphOptions<R extends object> {
  /** The service's name: the subgraph is served at `/internal/<name>/graphql`. */
  name: string;
  /** The subgraph's SDL (federation v2): its `*.graphql` files, without the shared scalars and inputs. */
  schema: string;
  /** Resolvers typed by the service's generated `Resolvers`. */
  resolvers: R;
  maxBodyBytes?: number;
  /** Wraps the HTTP handler (the service kit counts requests in flight with it, to drain them at stop). */
  wrap?: (handler: RequestHandler) => RequestHandler;
}

/**
 * Serves a service's subgraph on the process's HTTP server, behind the
 * gateway's signature, and stops it with the module. The one way every
 * service serves its subgraph.
 */
export async function serveSubgraph<R extends object>(ctx: ModuleContext, options: ServeSubgraphOptions<R>): Promise<Subgraph> {
  const subgraphs = ctx.get(subgraphsModule);
  const subgraph = await createSubgraph({ name: options.name, typeDefs: options.schema, resolvers: options.resolvers, secret: subgraphs.secret, logger: ctx.logger, maxBodyBytes: options.maxBodyBytes });
  subgraphs.server.route(`${internalPath(options.name)}/graphql`, options.wrap ? options.wrap(subgraph.handler) : subgraph.handler);
  ctx.onStop(() => subgraph.stop());
  return subgraph;
}

/** A client for another service's subgraph (found through TIDELINE_SUBGRAPH_URLS), signed like the gateway. */
export function subgraphClient(ctx: ModuleContext, name: string): SubgraphClient {
  const subgraphs = ctx.get(subgraphsModule);
  return createSubgraphClient({ url: subgraphs.urlOf(name), secret: subgraphs.secret });
}
