import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createSubgraph } from '@tideline/graphql';
import { createLogger, readBody, sendJson } from '@tideline/runtime';
import { SignatureError, verifyProject } from '@tideline/graphql';

/**
 * Stand-ins for the evalstore and ingest subgraphs (and ingest's /v1 API):
 * each verifies the gateway's signature and echoes the signed project, so
 * tests can see which tenant a request ran as.
 */
export interface FakeUpstreams {
  url: string;
  subgraphUrls: string;
  ingestUrl: string;
  bulk: { path: string; project: string; body: string }[];
  stop(): Promise<void>;
}

const eventsSdl = readFileSync(new URL('../../evalstore/src/events.graphql', import.meta.url), 'utf8');

export async function startFakeUpstreams(secret: string): Promise<FakeUpstreams> {
  const logger = createLogger({ LOG_LEVEL: 'warn' });
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
      Query: { models: (_: unknown, __: unknown, ctx: { project: string }) => [{ name: 'm1', task: 'BINARY', storeProject: ctx.project }] },
      Model: {
        __resolveReference: (ref: { name: string }, ctx: { project: string }) => ({ name: ref.name, task: 'BINARY', storeProject: ctx.project }),
      },
      // The gateway hands the NATS payload back as the representation; only the model needs loading.
      StoreProgress: {
        __resolveReference: (ref: { id: string; model: { name: string } }, ctx: { project: string }) => ({
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
      }
    `,
    resolvers: {
      Query: { whoami: (_: unknown, __: unknown, ctx: { project: string }) => ctx.project },
      Model: { __resolveReference: (ref: { name: string }, ctx: { project: string }) => ({ name: ref.name, ingestProject: ctx.project }) },
    },
  });

  const bulk: FakeUpstreams['bulk'] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/evalstore/graphql') return void evalstore.handler(req, res);
    if (path === '/ingest/graphql') return void ingest.handler(req, res);
    if (path.startsWith('/ingest/v1/')) {
      void (async () => {
        let project: string;
        try {
          project = verifyProject(secret, (name) => req.headers[name] as string | undefined);
        } catch (err) {
          if (!(err instanceof SignatureError)) throw err;
          return sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message: err.message } });
        }
        const body = (await readBody(req, 1 << 30)).toString('utf8');
        bulk.push({ path: path.slice('/ingest'.length), project, body });
        if (body.includes('overload')) return sendJson(res, 429, { error: { code: 'BACKPRESSURE', message: 'slow down' } }, { 'retry-after': '7' });
        sendJson(res, 200, { accepted: body.split('\n').filter(Boolean).length, rejected: 0, errors: [] });
      })();
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    subgraphUrls: `evalstore=${url}/evalstore/graphql,ingest=${url}/ingest/graphql`,
    ingestUrl: `${url}/ingest`,
    bulk,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([evalstore.stop(), ingest.stop()]);
    },
  };
}
