import { defineModule, httpServerModule, sendJson, type RequestHandler } from '@tideline/runtime';
import { natsModule } from '@tideline/nats';
import { SUBGRAPHS, internalPath } from '@tideline/contracts';
import { createAuthenticator } from './auth.ts';
import { createBulkProxy } from './bulk-proxy.ts';
import { composeWhenReachable, type SubgraphEndpoint } from './composition.ts';
import { gatewayConfig } from './config.ts';
import { createGraphqlServer, type GraphqlServer } from './graphql-server.ts';
import { createKeysSubgraph, KEYS_SUBGRAPH } from './keys-subgraph.ts';

export interface Gateway {
  /** Resolves once the supergraph is composed and /graphql serves; rejects if it never will. */
  ready: Promise<void>;
  subgraphs: readonly SubgraphEndpoint[];
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * The public front door: `POST /graphql` (federated over the subgraphs,
 * subscriptions over graphql-ws and SSE) and the `/v1` bulk ingest proxy,
 * both behind API-key authentication; and the `keys` subgraph, which manages
 * those keys.
 */
export const gatewayModule = defineModule({
  name: 'gateway',
  deps: [httpServerModule, natsModule],
  config: gatewayConfig,
  async start(ctx, config) {
    const server = ctx.get(httpServerModule);
    const nats = ctx.get(natsModule);
    // An explicit list is the whole federation (split deployments name every subgraph);
    // by default every subgraph is served by this process.
    const own = (name: string) => ({ name, url: `${server.url}${internalPath(name)}/graphql` });
    const listed = config.subgraphUrls ? Object.entries(config.subgraphUrls).map(([name, url]) => ({ name, url })) : SUBGRAPHS.map(own);
    // The keys subgraph is the gateway's own: composed from this process unless the list says otherwise.
    const subgraphs = listed.some((s) => s.name === KEYS_SUBGRAPH) ? listed : [...listed, own(KEYS_SUBGRAPH)];
    const authenticator = createAuthenticator(nats.kvm);
    const authenticate = authenticator.authenticate;
    const keys = await createKeysSubgraph({ kvm: nats.kvm, authenticator, secret: config.secret, logger: ctx.logger });
    server.route(`${internalPath(KEYS_SUBGRAPH)}/graphql`, keys.handler);

    let graphql: GraphqlServer | undefined;
    server.addReadinessCheck('gateway', () => graphql !== undefined);
    const notYet: RequestHandler = (_req, res) =>
      sendJson(res, 503, { errors: [{ message: 'the gateway is still composing its schema', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }, { 'retry-after': '1' });
    server.route('/graphql', (req, res) => (graphql ? graphql.handler(req, res) : notYet(req, res)));
    server.onUpgrade('/graphql', (req, socket, head) => (graphql ? graphql.upgrade(req, socket, head) : socket.destroy()));
    server.route(
      '/v1',
      createBulkProxy({
        ingestUrl: config.ingestUrl ?? `${server.url}${internalPath('ingest')}`,
        // The registry's HTTP API sits beside its subgraph: /internal/registry/graphql → /internal/registry.
        registryUrl: (subgraphs.find((s) => s.name === 'registry')?.url ?? `${server.url}${internalPath('registry')}/graphql`).replace(/\/graphql$/, ''),
        secret: config.secret,
        authenticate,
        maxBodyBytes: config.maxBodyBytes,
        logger: ctx.logger,
      }),
    );

    // Composition runs in the background so a split deployment's gateway can
    // come up (and report not ready) before its subgraphs do.
    const aborted = new AbortController();
    const level = ctx.env.LOG_LEVEL as (typeof LOG_LEVELS)[number] | undefined;
    const ready = composeWhenReachable(subgraphs, { secret: config.secret, waitMs: config.subgraphWaitMs, logger: ctx.logger, signal: aborted.signal }).then(
      async (supergraphSdl) => {
        graphql = await createGraphqlServer({
          supergraphSdl,
          secret: config.secret,
          nats: nats.connection,
          authenticate,
          development: config.nodeEnv !== 'production',
          limits: config,
          maxBodyBytes: config.maxBodyBytes,
          logLevel: level && LOG_LEVELS.includes(level) ? level : 'warn',
        });
        ctx.logger.info({ subgraphs }, 'supergraph composed; serving /graphql');
      },
    );
    ready.catch((err: Error) => {
      if (!aborted.signal.aborted) ctx.fail(err);
    });

    return {
      value: { ready, subgraphs } satisfies Gateway,
      async stop() {
        aborted.abort();
        await graphql?.stop();
        await keys.stop();
      },
    };
  },
});
