import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import type { Nats } from '@tideline/nats';
import { GATEWAY_TOPICS, gatewaySubject } from '@tideline/contracts';
import { startNatsServer, eventually, type NatsServerHandle } from '@tideline/testing';
import { gatewayModule, createApiKey, createProject, type Gateway } from '../src/index.ts';
import { startFakeUpstreams, type FakeUpstreams } from './fake-subgraphs.ts';

const SECRET = 'x'.repeat(32);
let natsServer: NatsServerHandle;
let upstreams: FakeUpstreams;
let proc: RunningProcess;
let base: string;
let nats: Nats;
const tenants = { a: { id: '', key: '' }, b: { id: '', key: '' } };

const gql = (query: string, key?: string, variables?: Record<string, unknown>) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });

const publishProgress = (project: string, model: string, id: string) =>
  nats.connection.publish(
    gatewaySubject(GATEWAY_TOPICS.storeProgress(project)),
    JSON.stringify({ id, project, model: { name: model }, predictions: 3, feedback: 1, at: new Date().toISOString() }),
  );

beforeAll(async () => {
  natsServer = await startNatsServer();
  upstreams = await startFakeUpstreams(SECRET);
  proc = await startModules({
    catalog: [gatewayModule],
    targets: ['gateway'],
    env: {
      PORT: '0',
      NATS_URL: natsServer.url,
      TIDELINE_INTERNAL_SECRET: SECRET,
      TIDELINE_SUBGRAPH_URLS: upstreams.subgraphUrls,
      TIDELINE_INGEST_URL: upstreams.ingestUrl,
      TIDELINE_MAX_BODY_BYTES: String(1024 * 1024),
      LOG_LEVEL: 'warn',
    },
  });
  await proc.get<Gateway>('gateway').ready;
  base = proc.get<HttpServer>('server').url;
  nats = proc.get<Nats>('nats');
  for (const [tenant, name] of [[tenants.a, 'alpha'], [tenants.b, 'beta']] as const) {
    tenant.id = (await createProject(nats.kvm, name)).id;
    tenant.key = (await createApiKey(nats.kvm, tenant.id, 'test')).key;
  }
});

afterAll(async () => {
  await proc?.stop();
  await upstreams?.stop();
  await natsServer?.stop();
});

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED without a key or with a wrong one', async () => {
    for (const key of [undefined, 'tl_wrong']) {
      const res = await gql('{ whoami }', key);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
    const bulk = await fetch(`${base}/v1/predictions`, { method: 'POST', body: '{}\n' });
    expect(bulk.status).toBe(401);
  });

  it('serves the GraphiQL page without a key in development', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('reports ready once composed', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});

describe('queries', () => {
  it('joins two subgraphs, each seeing only the caller\'s project', async () => {
    for (const tenant of [tenants.a, tenants.b]) {
      const res = await gql('{ whoami models { name task storeProject ingestProject } }', tenant.key);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        data: { whoami: tenant.id, models: [{ name: 'm1', task: 'BINARY', storeProject: tenant.id, ingestProject: tenant.id }] },
      });
    }
  });
});

describe('subscriptions', () => {
  const query = 'subscription ($model: String) { storeProgress(model: $model) { id predictions model { name task ingestProject } } }';

  it('delivers NATS events over graphql-ws, scoped to the project and filtered by model', async () => {
    const client = createClient({
      url: `${base.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tenants.a.key}` },
      retryAttempts: 0,
    });
    const received: { id: string; model: { name: string; task: string; ingestProject: string } }[] = [];
    const errors: unknown[] = [];
    const dispose = client.subscribe<{ storeProgress: (typeof received)[number] }>(
      { query, variables: { model: 'm1' } },
      { next: (r) => (r.data ? received.push(r.data.storeProgress) : errors.push(r.errors)), error: (e) => errors.push(e), complete: () => {} },
    );
    try {
      let n = 0;
      await eventually(async () => {
        // The subscription reaches NATS asynchronously: publish until it lands.
        n += 1;
        publishProgress(tenants.b.id, 'm1', `b-${n}`);
        publishProgress(tenants.a.id, 'other', `other-${n}`);
        publishProgress(tenants.a.id, 'm1', `a-${n}`);
        await new Promise((r) => setTimeout(r, 100));
        return received.length > 0;
      }, 15_000);
      expect(errors).toEqual([]);
      expect(received.every((e) => e.id.startsWith('a-'))).toBe(true);
      expect(received[0]!.model).toEqual({ name: 'm1', task: 'BINARY', ingestProject: tenants.a.id });
    } finally {
      dispose();
      await client.dispose();
    }
  });

  it('refuses a graphql-ws connection without a valid key', async () => {
    const client = createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer tl_nope' }, retryAttempts: 0 });
    const closed = await new Promise<unknown>((resolve) => {
      client.subscribe({ query }, { next: () => {}, error: resolve, complete: () => resolve('complete') });
    });
    expect((closed as { code?: number }).code).toBe(4403);
    await client.dispose();
  });

  it('delivers NATS events over SSE', async () => {
    const abort = new AbortController();
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${tenants.b.key}` },
      body: JSON.stringify({ query, variables: {} }),
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    let n = 0;
    const publisher = setInterval(() => {
      n += 1;
      publishProgress(tenants.a.id, 'm1', `a-${n}`);
      publishProgress(tenants.b.id, 'm2', `b-${n}`);
    }, 100);
    try {
      while (!/data: .*storeProgress/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } finally {
      clearInterval(publisher);
      abort.abort();
    }
    const line = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('storeProgress'))!;
    const event = JSON.parse(line.slice('data: '.length)) as { data: { storeProgress: { id: string; model: { name: string; task: string; ingestProject: string } } } };
    expect(event.data.storeProgress.id).toMatch(/^b-/);
    expect(event.data.storeProgress.model).toEqual({ name: 'm2', task: 'BINARY', ingestProject: tenants.b.id });
  });
});

describe('/v1 bulk proxy', () => {
  const post = (path: string, body: string, key = tenants.a.key) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` }, body });

  it('forwards the body with the signed project and passes the answer through', async () => {
    const res = await post('/v1/predictions', '{"id":"1"}\n{"id":"2"}\n');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, rejected: 0, errors: [] });
    expect(upstreams.bulk.at(-1)).toEqual({ path: '/v1/predictions', project: tenants.a.id, body: '{"id":"1"}\n{"id":"2"}\n' });
    const feedback = await post('/v1/feedback', '{"predictionId":"1"}\n', tenants.b.key);
    expect(feedback.status).toBe(200);
    expect(upstreams.bulk.at(-1)).toMatchObject({ path: '/v1/feedback', project: tenants.b.id });
  });

  it('passes 429 and Retry-After through', async () => {
    const res = await post('/v1/predictions', '{"id":"overload"}\n');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ error: { code: 'BACKPRESSURE' } });
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await post('/v1/predictions', 'x'.repeat(2 * 1024 * 1024));
    expect(res.status).toBe(413);
  });

  it('answers 404 for other paths', async () => {
    expect((await post('/v1/other', '{}')).status).toBe(404);
  });
});

describe('composition at start', () => {
  it('fails naming the unreachable subgraph once the wait is over', async () => {
    const unreachable = 'http://127.0.0.1:9/evalstore/graphql';
    const broken = await startModules({
      catalog: [gatewayModule],
      targets: ['gateway'],
      env: {
        PORT: '0',
        NATS_URL: natsServer.url,
        TIDELINE_INTERNAL_SECRET: SECRET,
        TIDELINE_SUBGRAPH_URLS: `evalstore=${unreachable},ingest=${upstreams.url}/ingest/graphql`,
        TIDELINE_SUBGRAPH_WAIT_MS: '1500',
        LOG_LEVEL: 'silent',
      },
    });
    const server = broken.get<HttpServer>('server');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    const failure = await broken.stopped;
    expect(failure?.message).toContain(unreachable);
  });
});
