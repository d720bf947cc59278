import { fileURLToPath } from 'node:url';
import { internalPath } from '@tideline/contracts';
import { subgraphsModule } from '@tideline/graphql';
import { sendJson, servicesOf, type RequestHandler } from '@tideline/runtime';
import { defineService } from '@tideline/service';
import { createAuthenticator } from './auth.ts';
import { createBulkProxy } from './bulk-proxy.ts';
import { createConsoleHandler } from './console-route.ts';
import { composeWhenReachable, type SubgraphEndpoint } from './composition.ts';
import { gatewayConfig } from './config.ts';
import { createGraphqlServer, type GraphqlServer } from './graphql-server.ts';
import { keysResolvers } from './keys-resolvers.ts';
import { resolveRoutes } from './public-routes.ts';

export interface Gateway {
  /** Resolves once the supergraph is composed and /graphql serves; rejects if it never will. */
  ready: Promise<void>;
  subgraphs: readonly SubgraphEndpoint[];
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** apps/console's build in this checkout (tools/bootstrap/start.sh builds it). */
const BUILT_CONSOLE = fileURLToPath(new URL('../../../../apps/console/dist', import.meta.url));

/**
 * The public front door: `POST /graphql` (federated over the subgraphs,
 * subscriptions over graphql-ws and SSE) and the services' public HTTP
 * routes (`/v1/…`), both behind API-key authentication. What it serves is
 * derived from the catalog: every service's subgraph and declared routes.
 * Its own subgraph manages the API keys (it owns their bucket and the
 * authentication cache a revocation must clear).
 */
export const gatewayModule = defineService({
  name: 'gateway',
  doc: "the public front door: one federated GraphQL endpoint (queries, mutations, subscriptions) and the services' /v1 routes, behind API keys it manages",
  source: import.meta.url,
  config: gatewayConfig,
  subgraph: true,
  nats: {},
  async start(ctx) {
    const { server, nats, config } = ctx;
    const { secret, urls } = ctx.get(subgraphsModule);
    // An explicit TIDELINE_SUBGRAPH_URLS is the whole federation (a split deployment names every subgraph),
    // with the gateway's own subgraph from this process unless listed; by default every service of the
    // catalog with a subgraph is served by this process.
    const local = (name: string): SubgraphEndpoint => ({ name, url: `${server.url}${internalPath(name)}/graphql` });
    const listed = urls ? Object.entries(urls).map(([name, url]) => ({ name, url })) : null;
    const subgraphs: SubgraphEndpoint[] = listed
      ? [...listed, ...(urls!.gateway ? [] : [local('gateway')])]
      : servicesOf(ctx.catalog)
          .filter((m) => m.service!.subgraph)
          .map((m) => local(m.name));
    const authenticator = createAuthenticator(nats.kvm);
    const authenticate = authenticator.authenticate;

    let graphql: GraphqlServer | undefined;
    server.addReadinessCheck('gateway', () => graphql !== undefined);
    const notYet: RequestHandler = (_req, res) =>
      sendJson(res, 503, { errors: [{ message: 'the gateway is still composing its schema', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }, { 'retry-after': '1' });
    server.route('/graphql', (req, res) => (graphql ? graphql.handler(req, res) : notYet(req, res)));
    server.onUpgrade('/graphql', (req, socket, head) => (graphql ? graphql.upgrade(req, socket, head) : socket.destroy()));
    server.route('/v1', createBulkProxy({ routes: resolveRoutes(ctx.catalog, urls, server.url), secret, authenticate, maxBodyBytes: config.maxBodyBytes, logger: ctx.logger }));
    // The console answers every path no module serves (routes match in the order added): added
    // once all modules have started, so it never shadows another module's route.
    // (A start that fails stops the process; its rejection is handled where composition waits on it.)
    ctx.allStarted.then(() => server.route('/', createConsoleHandler(config.consoleDir || BUILT_CONSOLE))).catch(() => undefined);

    // Composition runs in the background, once this module's own subgraph serves, so a split
    // deployment's gateway can come up (and report not ready) before its subgraphs do.
    const aborted = new AbortController();
    const level = ctx.env.LOG_LEVEL as (typeof LOG_LEVELS)[number] | undefined;
    const ready = ctx.allStarted
      .then(() => composeWhenReachable(subgraphs, { secret, waitMs: config.subgraphWaitMs, logger: ctx.logger, signal: aborted.signal }))
      .then(async (supergraphSdl) => {
        graphql = await createGraphqlServer({
          supergraphSdl,
          secret,
          nats: nats.connection,
          authenticate,
          development: config.nodeEnv !== 'production',
          limits: config,
          maxBodyBytes: config.maxBodyBytes,
          logLevel: level && LOG_LEVELS.includes(level) ? level : 'warn',
          logger: ctx.logger,
        });
        ctx.logger.info({ subgraphs }, 'supergraph composed; serving /graphql');
      });
    ready.catch((err: Error) => {
      if (!aborted.signal.aborted) ctx.fail(err);
    });

    return {
      value: { ready, subgraphs } satisfies Gateway,
      resolvers: keysResolvers(nats.kvm, authenticator),
      async stop() {
        aborted.abort();
        await graphql?.stop();
      },
    };
  },
});
