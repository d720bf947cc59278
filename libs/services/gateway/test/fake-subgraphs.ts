import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createSubgraph, sha256Hex, verifyRequest, SignatureError, SubgraphRequestError, type SubgraphContext } from '@tideline/graphql';
import { createLogger, readBody, sendJson, withRequestId, type Logger } from '@tideline/runtime';
import { defineService } from '@tideline/service';

/**
 * Stand-ins for the evalstore, ingest and registry subgraphs (and the /v1 APIs
 * of ingest and the registry): each verifies the gateway's signature, as the
 * real ones do, and echoes what was signed, so tests can see which tenant and
 * key a request ran as. The server also answers `/metrics`, like every
 * Tideline process: an internal route the /v1 proxy must never reach, and
 * serves every request under its x-request-id, as every Tideline process does.
 * Ingest's `failing(kind)` throws errors that are not meant for clients;
 * the registry hangs up on a request for `hangUp`.
 */
export interface FakeUpstreams {
  url: string;
  subgraphUrls: string;
  /** Bodies received on ingest's and the registry's /v1 APIs, with what was signed. */
  bulk: { method: string; path: string; project: string; actor: string | null; body: string }[];
  /** Every raw path the server was asked for. */
  seen: string[];
  /** The last request each subgraph path received, headers and body as sent. */
  lastSubgraphRequest: Map<string, { headers: Record<string, string>; body: string }>;
  stop(): Promise<void>;
}

type Ctx = SubgraphContext;

const eventsSdl = readFileSync(new URL('../../evalstore/src/events.graphql', import.meta.url), 'utf8');

/** A service of the catalog only as it declares itself, never started: the gateway derives its routes from it. */
const declaration = (name: string, routes: Parameters<typeof defineService>[0]['routes']) =>
  defineService({ name, doc: `stand-in for the ${name} service`, source: import.meta.url, routes, start: () => Promise.reject(new Error('a declaration only')) });

/** Ingest's and the registry's public routes, as the real services declare them; their upstream is the fake one (or nothing). */
export const upstreamDeclarations = [
  declaration('ingest', [
    { path: '/v1/predictions', methods: ['POST'], doc: 'predictions' },
    { path: '/v1/feedback', methods: ['POST'], doc: 'feedback' },
  ]),
  declaration('registry', [
    { path: '/v1/artifacts', methods: ['POST'], doc: 'upload' },
    { path: '/v1/artifacts/', methods: ['GET'], pattern: /^sha256:[0-9a-f]{64}$/, doc: 'digest' },
  ]),
];

/** What ingest's `failing(kind)` throws: internal failures that name internal addresses. */
const failures: Record<string, () => Error> = {
  // What Node throws when a connection is refused: a code, and the address in the message.
  refused: () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4222 (nats://127.0.0.1:4222)'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' }),
  // One of our own errors with an upper-snake code, and an internal URL in its message.
  unreachable: () => new SubgraphRequestError('subgraph http://127.0.0.1:4000/internal/metrics/graphql unreachable', 'SUBGRAPH_UNREACHABLE'),
};

export async function startFakeUpstreams(secret: string, logger: Logger = createLogger({ LOG_LEVEL: 'warn' })): Promise<FakeUpstreams> {
  const evalstore = await createSubgraph({
    name: 'evalstore',
    secret,
    logger,
    typeDefs: /* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type Model @key(fields: "name") {
        name: String!
        task: String!
        "The project the store was asked as."
        storeProject: String!
      }
      type Query {
        models: [Model!]!
      }
      ${eventsSdl}
    `,
    resolvers: {
      Query: { models: (_: unknown, __: unknown, ctx: Ctx) => [{ name: 'm1', task: 'BINARY', storeProject: ctx.project }] },
      Model: {
        __resolveReference: (ref: { name: string }, ctx: Ctx) => ({ name: ref.name, task: 'BINARY', storeProject: ctx.project }),
      },
      // The gateway hands the NATS payload back as the representation; only the model needs loading.
      StoreProgress: {
        __resolveReference: (ref: { id: string; model: { name: string } }, ctx: Ctx) => ({
          ...ref,
          model: { name: ref.model.name, task: 'BINARY', storeProject: ctx.project },
        }),
      },
    },
  });
  const ingest = await createSubgraph({
    name: 'ingest',
    secret,
    logger,
    typeDefs: /* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type Model @key(fields: "name") {
        name: String!
        "The project ingest was asked as."
        ingestProject: String!
      }
      type Query {
        whoami: String!
        "Throws failures[kind]."
        failing(kind: String!): String
      }
    `,
    resolvers: {
      Query: {
        whoami: (_: unknown, __: unknown, ctx: Ctx) => ctx.project,
        failing: (_: unknown, { kind }: { kind: string }) => {
          throw failures[kind]!();
        },
      },
      Model: { __resolveReference: (ref: { name: string }, ctx: Ctx) => ({ name: ref.name, ingestProject: ctx.project }) },
    },
  });
  const registry = await createSubgraph({
    name: 'registry',
    secret,
    logger,
    typeDefs: /* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type Caller {
        project: String!
        actor: String
        admin: Boolean!
      }
      type Query {
        "The principal the registry was asked as."
        caller: Caller!
        "Never answered: the server hangs up on a request that asks it."
        hangUp: String
      }
    `,
    resolvers: { Query: { caller: (_: unknown, __: unknown, { project, actor, admin }: Ctx) => ({ project, actor, admin }) } },
  });
  const subgraphs: Record<string, typeof registry> = { '/evalstore/graphql': evalstore, '/ingest/graphql': ingest, '/registry/graphql': registry };
  const lastSubgraphRequest: FakeUpstreams['lastSubgraphRequest'] = new Map();

  /** As ingest and the registry do: read the body, then verify the signature (streamed bodies carry it in a trailer). */
  const bulkApi = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const arrivedAt = Date.now();
    const body = await readBody(req, 1 << 30);
    let principal;
    try {
      principal = verifyRequest(secret, req, sha256Hex(body), arrivedAt);
    } catch (err) {
      if (!(err instanceof SignatureError)) throw err;
      return sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message: err.message } });
    }
    const text = body.toString('utf8');
    bulk.push({ method: req.method!, path, project: principal.project, actor: principal.actor, body: text });
    if (path.startsWith('/v1/artifacts')) return sendJson(res, 200, { digest: `sha256:${sha256Hex(body)}`, size: body.length });
    if (text.includes('overload')) return sendJson(res, 429, { error: { code: 'BACKPRESSURE', message: 'slow down' } }, { 'retry-after': '7' });
    sendJson(res, 200, { accepted: text.split('\n').filter(Boolean).length, rejected: 0, errors: [] });
  };

  let stopped: Promise<void> | undefined;
  const bulk: FakeUpstreams['bulk'] = [];
  const seen: string[] = [];
  const server: Server = createServer(withRequestId((req, res) => {
    seen.push(req.url ?? '/');
    const path = (req.url ?? '/').split('?')[0]!;
    const subgraph = subgraphs[path];
    if (subgraph) {
      // Kept as sent, so a test can replay the signature with another body; the subgraph reads a copy.
      return void readBody(req, 1 << 30).then((body) => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-tideline-'))) as Record<string, string>;
        lastSubgraphRequest.set(path, { headers, body: body.toString('utf8') });
        if (body.includes('hangUp')) return void res.socket?.destroy();
        const copy = Object.assign(Readable.from([body]), { headers: req.headers, url: req.url, method: req.method, trailers: req.trailers });
        return subgraph.handler(copy as unknown as IncomingMessage, res);
      });
    }
    if (path === '/metrics') return void res.end('internal metrics of the upstream process\n');
    for (const prefix of ['/ingest', '/registry']) {
      if (path.startsWith(`${prefix}/v1/`)) return void bulkApi(req, res, path.slice(prefix.length));
    }
    res.statusCode = 404;
    res.end();
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    subgraphUrls: `evalstore=${url}/evalstore/graphql,ingest=${url}/ingest/graphql,registry=${url}/registry/graphql`,
    bulk,
    seen,
    lastSubgraphRequest,
    stop() {
      // Once: a test may stop the upstreams before the fixture does.
      stopped ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      })();
      return stopped;
    },
  };
}
