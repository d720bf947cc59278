import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createGatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import { NATSPubSub } from '@graphql-hive/pubsub/nats';
import type { NatsConnection } from '@nats-io/transport-node';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { GATEWAY_TOPIC_PREFIX } from '@tideline/contracts';
import { maskGatewayError } from '@tideline/graphql';
import type { Logger, RequestHandler, UpgradeHandler } from '@tideline/runtime';
import { authenticateRequest, type Authenticate, type AuthenticatedKey } from './auth.ts';
import { limitPlugins, readBodyWithin, YOGA_MAX_BODY_BYTES, type GraphqlLimits } from './limits.ts';
import { signUpstream, type TenantContext } from './sign-upstream.ts';

export interface GraphqlServerOptions {
  supergraphSdl: string;
  secret: string;
  nats: NatsConnection;
  authenticate: Authenticate;
  /** GraphiQL, introspection and field suggestions (NODE_ENV is not "production"). */
  development: boolean;
  limits: GraphqlLimits;
  maxBodyBytes: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | false;
  /** Where masked errors are logged in full, under the request id the client gets. */
  logger: Logger;
}

export interface GraphqlServer {
  handler: RequestHandler;
  upgrade: UpgradeHandler;
  stop(): Promise<void>;
}

const tenantOf = (key: AuthenticatedKey): TenantContext => ({ project: key.project, actor: key.name, admin: key.admin });

/** Resolves once the gateway's schema is loaded, so the first request (a graphql-ws subscription included) finds it. */
export async function createGraphqlServer(options: GraphqlServerOptions): Promise<GraphqlServer> {
  const maxBodyBytes = Math.min(options.maxBodyBytes, YOGA_MAX_BODY_BYTES);
  const gateway = createGatewayRuntime<TenantContext>({
    supergraph: options.supergraphSdl,
    // Topics map to NATS subjects `tideline:<topic>`; the connection belongs to natsModule.
    pubsub: new NATSPubSub(options.nats, { subjectPrefix: GATEWAY_TOPIC_PREFIX, noCloseOnDispose: true }),
    plugins: () => [signUpstream(options.secret), ...limitPlugins(options.limits, options.development)],
    graphqlEndpoint: '/graphql',
    // GraphiQL's assets come from an installed package, not a CDN, so it works
    // offline; imported only when served (they weigh 9 MB).
    ...(options.development ? { graphiql: true, renderGraphiQL: (await import('./graphiql.ts')).createGraphiqlRenderer() } : { graphiql: false }),
    landingPage: false,
    logging: options.logLevel,
    // Clients see only errors meant for them, whether raised here or answered by a subgraph.
    maskedErrors: { maskError: maskGatewayError(options.logger) },
    // Subgraph errors stay as the subgraph wrote them: no subgraph name added, no code given to one without.
    subgraphErrors: false,
  });
  // The runtime loads its schema on the first HTTP request; graphql-ws does not
  // trigger that, so a subscription opened first would find no schema.
  await gateway.getSchema();

  const handler: RequestHandler = async (req, res) => {
    // The GraphiQL page itself holds no data and a browser cannot add a header
    // to a page load; its queries are POSTs and need the key like any other.
    const graphiqlPage = options.development && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if (graphiqlPage) return void (await gateway(req, res, {}));
    const key = await authenticateRequest(options.authenticate, req, res);
    if (!key || !(await readBodyWithin(req, res, maxBodyBytes))) return;
    // The adapter called as a node listener writes the response itself.
    await gateway(req, res, tenantOf(key));
  };

  // graphql-ws on the same path; the key comes in connectionParams (browsers
  // cannot set headers on a WebSocket) or in the upgrade request's header.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes });
  const tenants = new WeakMap<object, TenantContext>();
  const wsServer = useServer<Record<string, unknown> | undefined, { request: IncomingMessage }>(
    {
      ...getGraphQLWSOptions<TenantContext, { request: IncomingMessage }>(gateway, (ctx) => ({ ...tenants.get(ctx)! })),
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const given = params.authorization ?? params.Authorization ?? ctx.extra.request.headers.authorization;
        const key = await options.authenticate(typeof given === 'string' ? given : undefined);
        if (!key) return false; // graphql-ws closes with 4403 Forbidden
        tenants.set(ctx, tenantOf(key));
        return true;
      },
    },
    wss,
  );
  const upgrade: UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  return {
    handler,
    upgrade,
    async stop() {
      await wsServer.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await gateway.dispose();
    },
  };
}
