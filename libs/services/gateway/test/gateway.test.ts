import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startModules, type HttpServer } from '@tideline/runtime';
import { GATEWAY_TOPICS, gatewaySubject } from '@tideline/contracts';
import { eventually } from '@tideline/testing';
import { gatewayModule } from '../src/index.ts';
import { upstreamDeclarations } from './fake-subgraphs.ts';
import { useGatewayFixture } from './gateway-fixture.ts';

const f = useGatewayFixture();

const publishProgress = (project: string, model: string, id: string) =>
  f.nats.connection.publish(
    gatewaySubject(GATEWAY_TOPICS.storeProgress(project)),
    JSON.stringify({ id, project, model: { name: model }, predictions: 3, feedback: 1, at: new Date().toISOString() }),
  );

/** A request with its path sent exactly as written: fetch would resolve `..` and `%2e%2e` itself. */
const rawRequest = (method: string, path: string, key: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(f.base);
    const req = request({ host: hostname, port, method, path, headers: { authorization: `Bearer ${key}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED without a key or with a wrong one', async () => {
    for (const key of [undefined, 'tl_wrong']) {
      const res = await f.gql('{ whoami }', key);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
    const bulk = await fetch(`${f.base}/v1/predictions`, { method: 'POST', body: '{}\n' });
    expect(bulk.status).toBe(401);
  });

  it('serves the GraphiQL page without a key in development', async () => {
    const res = await fetch(`${f.base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('reports ready once composed', async () => {
    expect((await fetch(`${f.base}/readyz`)).status).toBe(200);
  });
});

describe('queries', () => {
  it('joins two subgraphs, each seeing only the caller\'s project', async () => {
    for (const tenant of [f.tenants.a, f.tenants.b]) {
      const res = await f.gql('{ whoami models { name task storeProject ingestProject } }', tenant.key);
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
      url: `${f.base.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${f.tenants.a.key}` },
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
        publishProgress(f.tenants.b.id, 'm1', `b-${n}`);
        publishProgress(f.tenants.a.id, 'other', `other-${n}`);
        publishProgress(f.tenants.a.id, 'm1', `a-${n}`);
        return received.length > 0;
      }, 15_000, 100);
      expect(errors).toEqual([]);
      expect(received.every((e) => e.id.startsWith('a-'))).toBe(true);
      expect(received[0]!.model).toEqual({ name: 'm1', task: 'BINARY', ingestProject: f.tenants.a.id });
    } finally {
      dispose();
      await client.dispose();
    }
  });

  it('refuses a graphql-ws connection without a valid key', async () => {
    const client = createClient({ url: `${f.base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer tl_nope' }, retryAttempts: 0 });
    const closed = await new Promise<unknown>((resolve) => {
      client.subscribe({ query }, { next: () => {}, error: resolve, complete: () => resolve('complete') });
    });
    expect((closed as { code?: number }).code).toBe(4403);
    await client.dispose();
  });

  it('delivers NATS events over SSE', async () => {
    const abort = new AbortController();
    const res = await fetch(`${f.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${f.tenants.b.key}` },
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
      publishProgress(f.tenants.a.id, 'm1', `a-${n}`);
      publishProgress(f.tenants.b.id, 'm2', `b-${n}`);
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
    expect(event.data.storeProgress.model).toEqual({ name: 'm2', task: 'BINARY', ingestProject: f.tenants.b.id });
  });
});

describe('/v1 bulk proxy', () => {
  const post = (path: string, body: string, key = f.tenants.a.key) =>
    fetch(`${f.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` }, body });

  it('streams the body with the signed project and key (the signature in a trailer) and passes the answer through', async () => {
    const res = await post('/v1/predictions', '{"id":"1"}\n{"id":"2"}\n');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, rejected: 0, errors: [] });
    expect(f.upstreams.bulk.at(-1)).toEqual({ method: 'POST', path: '/v1/predictions', project: f.tenants.a.id, actor: 'test', body: '{"id":"1"}\n{"id":"2"}\n' });
    const feedback = await post('/v1/feedback', '{"predictionId":"1"}\n', f.tenants.b.key);
    expect(feedback.status).toBe(200);
    expect(f.upstreams.bulk.at(-1)).toMatchObject({ path: '/v1/feedback', project: f.tenants.b.id });
  });

  it('forwards artifact uploads and digest downloads to the registry, signed', async () => {
    const upload = await post('/v1/artifacts', 'weights');
    expect(upload.status).toBe(200);
    expect(f.upstreams.bulk.at(-1)).toEqual({ method: 'POST', path: '/v1/artifacts', project: f.tenants.a.id, actor: 'test', body: 'weights' });
    const digest = 'ab'.repeat(32);
    for (const path of [`/v1/artifacts/sha256:${digest}`, `/v1/artifacts/sha256%3A${digest}`]) {
      const res = await fetch(`${f.base}${path}`, { headers: { authorization: `Bearer ${f.memberKey}` } });
      expect(res.status).toBe(200);
      expect(f.upstreams.bulk.at(-1)).toEqual({ method: 'GET', path: `/v1/artifacts/sha256:${digest}`, project: f.tenants.a.id, actor: 'member', body: '' });
    }
  });

  it('forwards nothing but exact paths: no `..` or `%2e%2e` reaches another route of the upstream', async () => {
    const digest = 'ab'.repeat(32);
    const attempts: [string, string][] = [
      ['GET', '/v1/artifacts/../../../../metrics'],
      ['GET', '/v1/artifacts/%2e%2e/%2e%2e/%2e%2e/%2e%2e/metrics'],
      ['GET', '/v1/artifacts/%2E%2E/.%2e/%2e./%2E%2e/metrics'],
      ['GET', `/v1/artifacts/sha256:${digest}/../../../../../metrics`],
      ['GET', '/v1/artifacts/..%2f..%2f..%2f..%2fmetrics'],
      ['GET', `/v1/artifacts/sha256:${digest.toUpperCase()}`],
      ['POST', '/v1/artifacts/../../ingest/v1/predictions'],
      ['POST', '/v1/predictions/../feedback'],
      ['POST', '/v1/%2e%2e/v1/predictions'],
    ];
    const before = f.upstreams.seen.length;
    for (const [method, path] of attempts) {
      const res = await rawRequest(method, path, f.tenants.a.key);
      expect({ path, status: res.status }).toEqual({ path, status: path.startsWith('/v1/artifacts/') ? 400 : 404 });
      expect(res.body).not.toContain('internal metrics');
    }
    expect(f.upstreams.seen.slice(before)).toEqual([]);
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
      catalog: [gatewayModule, ...upstreamDeclarations],
      targets: ['gateway'],
      env: {
        PORT: '0',
        NATS_URL: f.natsServer.url,
        TIDELINE_INTERNAL_SECRET: f.secret,
        TIDELINE_SUBGRAPH_URLS: `evalstore=${unreachable},ingest=${f.upstreams.url}/ingest/graphql`,
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
