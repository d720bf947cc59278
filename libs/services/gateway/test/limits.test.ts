import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import type { Nats } from '@tideline/nats';
import { startNatsServer, type NatsServerHandle } from '@tideline/testing';
import { gatewayModule, createApiKey, createProject, type Gateway } from '../src/index.ts';
import { startFakeUpstreams, upstreamDeclarations, type FakeUpstreams } from './fake-subgraphs.ts';

const SECRET = 'x'.repeat(32);
const MAX_BODY = 1024 * 1024;
let natsServer: NatsServerHandle;
let upstreams: FakeUpstreams;
const gateways: { dev?: RunningProcess; prod?: RunningProcess } = {};
const base = { dev: '', prod: '' };
let key = '';
let project = '';

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function gql(which: 'dev' | 'prod', query: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base[which]}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as GraphqlBody };
}

const startGateway = (env: Record<string, string>) =>
  startModules({
    catalog: [gatewayModule, ...upstreamDeclarations],
    targets: ['gateway'],
    env: {
      PORT: '0',
      NATS_URL: natsServer.url,
      TIDELINE_INTERNAL_SECRET: SECRET,
      TIDELINE_SUBGRAPH_URLS: upstreams.subgraphUrls,
      TIDELINE_MAX_BODY_BYTES: String(MAX_BODY),
      LOG_LEVEL: 'warn',
      ...env,
    },
  });

/** `{ ... on Query { ... on Query { whoami } } }` nested so that whoami sits at `depth`. */
const nestedTo = (depth: number) => `{ ${'... on Query { '.repeat(depth - 1)}whoami${' }'.repeat(depth - 1)} }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: whoami`).join(' ')} }`;
const codes = (body: GraphqlBody) => (body.errors ?? []).map((e) => e.extensions?.code);

beforeAll(async () => {
  natsServer = await startNatsServer();
  upstreams = await startFakeUpstreams(SECRET);
  // Default limits in development; production with a low cost limit set through the environment.
  gateways.dev = await startGateway({});
  gateways.prod = await startGateway({ NODE_ENV: 'production', TIDELINE_GRAPHQL_MAX_COST: '5' });
  for (const which of ['dev', 'prod'] as const) {
    await gateways[which]!.get<Gateway>('gateway').ready;
    base[which] = gateways[which]!.get<HttpServer>('server').url;
  }
  const nats = gateways.dev.get<Nats>('nats');
  project = (await createProject(nats.kvm, 'limits')).id;
  key = (await createApiKey(nats.kvm, project, 'test')).key;
});

afterAll(async () => {
  await gateways.dev?.stop();
  await gateways.prod?.stop();
  await upstreams?.stop();
  await natsServer?.stop();
});

describe('operation limits (defaults)', () => {
  it('refuses a query deeper than 12 with QUERY_TOO_DEEP, and serves one at 12', async () => {
    expect((await gql('dev', nestedTo(12))).body).toEqual({ data: { whoami: project } });
    const { body } = await gql('dev', nestedTo(13));
    expect(body.data).toBeUndefined();
    expect(codes(body)).toEqual(['QUERY_TOO_DEEP']);
    expect(body.errors![0]!.message).toBe("Query depth limit of 12 exceeded, found 13 (the gateway's TIDELINE_GRAPHQL_MAX_DEPTH)");
  });

  it('refuses 1,000 aliases with TOO_MANY_ALIASES, and serves 50', async () => {
    const ok = await gql('dev', aliases(50));
    expect(ok.body.errors).toBeUndefined();
    expect(Object.keys(ok.body.data!)).toHaveLength(50);
    const { body } = await gql('dev', aliases(1000));
    expect(codes(body)).toEqual(['TOO_MANY_ALIASES']);
    expect(body.errors![0]!.message).toContain('Aliases limit of 50 exceeded, found 1000');
  });

  it('refuses a document of more than 50,000 tokens with TOO_MANY_TOKENS', async () => {
    // 45,004 tokens; aliases of __typename do not count against the alias limit.
    const typenames = Array.from({ length: 15_000 }, (_, i) => `t${i}: __typename`).join(' ');
    const { body } = await gql('dev', `{ whoami ${typenames} }`);
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data!)).toHaveLength(15_001);
    const refused = await gql('dev', `{ whoami${' t'.repeat(50_000)} }`);
    expect(codes(refused.body)).toEqual(['TOO_MANY_TOKENS']);
    expect(refused.body.errors![0]!.message).toBe("Token limit of 50000 exceeded (the gateway's TIDELINE_GRAPHQL_MAX_TOKENS)");
  });
});

describe('request body limit (TIDELINE_MAX_BODY_BYTES)', () => {
  // Whitespace after the query: the body grows, the operation stays `{ whoami }`.
  const padded = (bytes: number) => {
    const body = JSON.stringify({ query: '{ whoami }' });
    return body.replace('}"', `}${' '.repeat(bytes - body.length)}"`);
  };
  const post = (body: string) =>
    fetch(`${base.dev}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });

  it('serves a body of exactly the limit and answers 413 PAYLOAD_TOO_LARGE one byte past it', async () => {
    const atLimit = await post(padded(MAX_BODY));
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toEqual({ data: { whoami: project } });
    const over = await post(padded(MAX_BODY + 1));
    expect(over.status).toBe(413);
    const body = (await over.json()) as GraphqlBody;
    expect(codes(body)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(body.errors![0]!.message).toContain(`limit of ${MAX_BODY} bytes`);
  });

  it('answers 413 to a chunked body without Content-Length once it passes the limit', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${base.dev}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'transfer-encoding': 'chunked' },
      });
      req.once('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk));
        res.once('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.once('error', reject);
      // The limit in 64 KiB chunks, then one byte past it, and the body is never ended: the gateway must answer
      // without waiting for its end. Nothing is written after that byte, the last the gateway must read before it
      // answers: a write after its answer would race its close (EPIPE before the 413 is read).
      const chunks = [...Array.from({ length: MAX_BODY / (64 * 1024) }, () => 'x'.repeat(64 * 1024)), 'x'];
      const write = () => {
        while (chunks.length > 0) if (!req.write(chunks.shift()!)) return void req.once('drain', write);
      };
      write();
    });
    expect(answer.status).toBe(413);
    expect(codes(JSON.parse(answer.body) as GraphqlBody)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('closes a graphql-ws connection whose message passes the limit (1009)', async () => {
    const client = createClient({ url: `${base.dev.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` }, retryAttempts: 0 });
    const closed = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `{ whoami }${' '.repeat(MAX_BODY)}` }, { next: () => {}, error: resolve, complete: () => resolve('complete') });
    });
    expect((closed as { code?: number }).code).toBe(1009);
    await client.dispose();
  });
});

describe('development and production', () => {
  it('allows introspection and suggests fields in development', async () => {
    expect((await gql('dev', '{ __schema { queryType { name } } }')).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const { body } = await gql('dev', '{ whoamii }');
    expect(body.errors![0]!.message).toBe('Cannot query field "whoamii" on type "Query". Did you mean "whoami"?');
  });

  it('serves GraphiQL in development with every asset inline, nothing from a CDN', async () => {
    const res = await fetch(`${base.dev}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Tideline GraphiQL</title>');
    expect(html).toContain('id="api-key"');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="?https?:/);
    expect(html).not.toContain('unpkg.com');
  });

  it('refuses introspection in production with INTROSPECTION_DISABLED, still answering __typename', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Model") { fields { name } } }']) {
      const { body } = await gql('prod', query);
      expect(body.data).toBeUndefined();
      expect(codes(body)).toContain('INTROSPECTION_DISABLED');
    }
    expect((await gql('prod', '{ __typename whoami }')).body).toEqual({ data: { __typename: 'Query', whoami: project } });
  });

  it('gives no field suggestions in production', async () => {
    const { body } = await gql('prod', '{ whoamii }');
    expect(body.errors![0]!.message).toBe('Cannot query field "whoamii" on type "Query".');
  });

  it('serves no GraphiQL page in production', async () => {
    const res = await fetch(`${base.prod}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(401);
  });

  it('applies TIDELINE_GRAPHQL_MAX_COST: QUERY_TOO_COMPLEX past it', async () => {
    expect((await gql('prod', '{ whoami }')).body).toEqual({ data: { whoami: project } });
    // 2 for the object field + 1.5 × 3 scalars = 6.5
    const { body } = await gql('prod', '{ models { name task storeProject } }');
    expect(codes(body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(body.errors![0]!.message).toContain('Query Cost limit of 5 exceeded, found 6.5');
  });
});
