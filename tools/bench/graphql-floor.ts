/**
 * The floor of the two GraphQL layers under bench:metrics' sliceMetrics
 * question: its answer's shape (20 slices × 24 hourly buckets × 3 values)
 * served from memory by a bare Apollo subgraph (`@apollo/subgraph`, no
 * ClickHouse, no Tideline code) behind a bare Hive Gateway runtime composed
 * over it, both over HTTP on localhost, in the bench's own process. No
 * request through Tideline's gateway can take less, whatever its SQL does:
 * this is what a ratio to hand-written SQL is up against.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { readBody } from '@tideline/runtime';

export interface GraphqlFloor {
  /** The answer's bytes as JSON. */
  bytes: number;
  /** The answer as a JSON string over HTTP: no GraphQL at all. */
  rawMs: number;
  /** Asked of the bare subgraph. */
  subgraphMs: number;
  /** Asked through the bare gateway. */
  gatewayMs: number;
}

const typeDefs = parse(`
  type Query { sliceMetrics: [Slice!]! }
  type Slice { key: [SliceKey!]! buckets: [Bucket!]! }
  type SliceKey { field: String! value: String }
  type Bucket { from: String! values: [Value!]! }
  type Value { metric: String! value: Float }`);
export const FLOOR_QUESTION = '{ sliceMetrics { key { value } buckets { from values { metric value } } } }';

/** Slices × hourly buckets of three metrics' values (doubles with their full digits, as metrics have). */
function answerOf(slices: number, buckets: number) {
  const t0 = Date.UTC(2026, 0, 1);
  return Array.from({ length: slices }, (_, s) => ({
    key: [{ field: 'tags.country', value: `c${s}` }],
    buckets: Array.from({ length: buckets }, (_, h) => ({
      from: new Date(t0 + h * 3_600_000).toISOString(),
      values: ['ACCURACY', 'ROC_AUC', 'LOG_LOSS'].map((metric, m) => ({ metric, value: 0.5 + Math.sin(s * 1_000 + h * 10 + m) / 3 })),
    })),
  }));
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

/** The floor's three figures, each the median (by `repeat`) of asking for `slices` × `buckets`; every answer is checked for its slices. */
export async function graphqlFloor(slices: number, buckets: number, repeat: (fn: () => Promise<void>) => Promise<number>): Promise<GraphqlFloor> {
  const answer = answerOf(slices, buckets);
  const json = JSON.stringify({ data: { sliceMetrics: answer } });
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: { Query: { sliceMetrics: () => answer } } }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const raw = await listen((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(json));
  const subgraph = await listen((req, res) => {
    void (async () => {
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const out = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: req.method!, headers, search: '', body: JSON.parse((await readBody(req, 1 << 20)).toString('utf8')) }, context: async () => ({}) });
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' }).end(out.body.kind === 'complete' ? out.body.string : '');
    })();
  });
  const composed = composeServices([{ name: 'metrics', url: subgraph.url, typeDefs }]);
  if (composed.errors) throw composed.errors[0];
  const runtime = createGatewayRuntime({ supergraph: composed.supergraphSdl, logging: false, landingPage: false, graphiql: false });
  const gateway = await listen((req, res) => void runtime(req, res));
  const ask = (url: string) => async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: FLOOR_QUESTION }) });
    const body = (await res.json()) as { data?: { sliceMetrics?: unknown[] } };
    if (body.data?.sliceMetrics?.length !== slices) throw new Error(`the GraphQL floor's answer lacks its ${slices} slices: ${JSON.stringify(body).slice(0, 300)}`);
  };
  try {
    return { bytes: Buffer.byteLength(json), rawMs: await repeat(ask(raw.url)), subgraphMs: await repeat(ask(subgraph.url)), gatewayMs: await repeat(ask(gateway.url)) };
  } finally {
    await runtime.dispose();
    await apollo.stop();
    for (const { server } of [raw, subgraph, gateway]) server.close();
  }
}
