/**
 * Webhooks on their own: a real nats-server, chDB in a temporary directory,
 * local HTTP receivers, and the webhooks resolvers mounted in a real subgraph
 * called over HTTP with the gateway's signature. Alert events are published on
 * JetStream as the evaluator publishes them (msgID = event id).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createClickHouseClient, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { ALERT_STREAMS, ALERT_SUBJECTS, type AlertEvent } from '@tideline/contracts';
import { createSubgraph, readSchemaFiles, signRequest, type Subgraph, type SubgraphContext } from '@tideline/graphql';
import { ensureStream, type Nats } from '@tideline/nats';
import { createLogger } from '@tideline/runtime';
import { eventually, startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorDefinition } from '../src/monitor-definition.ts';
import { startWebhooks, verifyWebhook, type WebhookDeps, type Webhooks } from '../src/webhooks/index.ts';

const SECRET = 'w'.repeat(32);
const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 100;
const TIMEOUT_MS = 1000;
const srcDir = fileURLToPath(new URL('../src', import.meta.url));

interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

interface Receiver {
  url: string;
  requests: Received[];
  events(): AlertEvent[];
  close(): Promise<void>;
}

/** An endpoint answering the nth request (1-based) with `status(n)`, or never when it returns 'hang'. */
async function startReceiver(status: (n: number) => number | 'hang' = () => 200, errorBody = ''): Promise<Receiver> {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = status(requests.length);
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? errorBody : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests,
    events: () => requests.map((r) => JSON.parse(r.body) as AlertEvent),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let alertSeq = 0;
function alertEvent(project: string, monitorId: string, type: AlertEvent['type'] = 'FIRED'): AlertEvent {
  const alertId = `alert-${++alertSeq}-${Date.now()}`;
  const firedAt = new Date().toISOString();
  return {
    id: `${alertId}.${type}`,
    type,
    project,
    model: { name: 'churn' },
    alert: {
      id: alertId,
      project,
      model: { name: 'churn' },
      monitor: { id: monitorId, name: `monitor ${monitorId}` },
      slice: [{ field: 'tags.country', value: 'BR' }],
      metric: 'ACCURACY',
      value: 0.61,
      threshold: 0.8,
      sampleCount: 420,
      severity: 'CRITICAL',
      state: type === 'FIRED' ? 'FIRING' : 'RESOLVED',
      firedAt,
      resolvedAt: type === 'FIRED' ? null : firedAt,
      resolvedValue: type === 'FIRED' ? null : 0.9,
    },
    at: firedAt,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface GqlBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

interface WebhookView {
  id: string;
  url: string;
  monitor: { id: string; name: string } | null;
  createdAt: string;
  deadLetters: { eventId: string; event: AlertEvent; attempts: number; lastError: string; failedAt: string }[];
}

const WEBHOOK_FIELDS = 'id url monitor { id name } createdAt deadLetters { eventId event attempts lastError failedAt }';

describe('webhooks', () => {
  let natsServer: NatsServerHandle;
  let nc: NatsConnection;
  let nats: Nats;
  let dir: TempDir;
  let clickhouse: ClickHouseClient;
  let webhooks: Webhooks;
  let subgraph: Subgraph;
  let http: Server;
  let url: string;
  const receivers: Receiver[] = [];
  const monitors = new Map<string, MonitorDefinition>();
  const logger = createLogger({ LOG_LEVEL: 'silent' });

  const deps = (): WebhookDeps => ({
    nats,
    clickhouse,
    logger,
    getMonitor: async (project, id) => monitors.get(`${project}.${id}`) ?? null,
    maxAttempts: MAX_ATTEMPTS,
    baseDelayMs: BASE_DELAY_MS,
    timeoutMs: TIMEOUT_MS,
  });

  const addMonitor = (project: string, id: string) => monitors.set(`${project}.${id}`, { id, project, name: `monitor ${id}` } as MonitorDefinition);

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };

  const gql = async <T>(project: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlBody<T>> => {
    const body = JSON.stringify({ query, variables });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signRequest(SECRET, { project }, { method: 'POST', url, body }) },
      body,
    });
    return (await res.json()) as GqlBody<T>;
  };

  const createWebhook = async (project: string, hookUrl: string, opts: { monitor?: string; secret?: string } = {}) => {
    const res = await gql<{ createWebhook: { webhook: WebhookView; secret: string } }>(
      project,
      `mutation($url: String!, $monitor: ID, $secret: String) { createWebhook(url: $url, monitor: $monitor, secret: $secret) { secret webhook { ${WEBHOOK_FIELDS} } } }`,
      { url: hookUrl, ...opts },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createWebhook;
  };

  const listWebhooks = async (project: string) => {
    const res = await gql<{ webhooks: WebhookView[] }>(project, `{ webhooks { ${WEBHOOK_FIELDS} } }`);
    expect(res.errors).toBeUndefined();
    return res.data!.webhooks;
  };

  /** As the evaluator publishes: the event id is the message id, so JetStream drops a republished copy. */
  const publish = async (event: AlertEvent, msgID: string | undefined = event.id) => {
    const subject = event.type === 'FIRED' ? ALERT_SUBJECTS.fired(event.project) : ALERT_SUBJECTS.resolved(event.project);
    return nats.js.publish(subject, JSON.stringify(event), msgID ? { msgID } : {});
  };

  beforeAll(async () => {
    natsServer = await startNatsServer();
    nc = await connect({ servers: natsServer.url });
    nats = { connection: nc, js: jetstream(nc), jsm: await jetstreamManager(nc), kvm: new Kvm(nc) };
    // The evaluator declares the events stream; here the test stands in for it.
    await ensureStream(nats.jsm, ALERT_STREAMS.events, { maxBytes: 64 * 1024 ** 2 });
    dir = tempDir('alerts-webhooks-test-');
    clickhouse = createClickHouseClient(`chdb://${dir.path}/ch`);
    await migrate(clickhouse, 'alerts', fileURLToPath(new URL('../src/migrations', import.meta.url)));
    webhooks = await startWebhooks(deps());
    subgraph = await createSubgraph({
      name: 'alerts',
      typeDefs: readSchemaFiles(srcDir),
      resolvers: webhooks.resolvers as unknown as GraphQLResolverMap<SubgraphContext>,
      secret: SECRET,
      logger,
    });
    http = createServer((req, res) => void subgraph.handler(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await webhooks?.stop();
    await subgraph?.stop();
    await new Promise((resolve) => http?.close(resolve));
    await Promise.all(receivers.map((r) => r.close()));
    await nc?.close();
    await natsServer?.stop();
    await clickhouse?.close();
    dir?.remove();
  });

  it('POSTs the event as JSON with a valid signature, and never shows the secret again', async () => {
    const project = 'p-signed';
    const hook = await receiver();
    const created = await createWebhook(project, hook.url);
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.webhook).toMatchObject({ url: hook.url, monitor: null, deadLetters: [] });

    const listed = await gql<{ webhooks: Record<string, unknown>[] }>(project, '{ webhooks { id url createdAt } }');
    expect(listed.data?.webhooks).toEqual([{ id: created.webhook.id, url: hook.url, createdAt: created.webhook.createdAt }]);
    const asked = await gql(project, '{ webhooks { secret } }');
    expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const event = alertEvent(project, 'm1');
    await publish(event);
    await eventually(async () => hook.requests.length === 1);
    const [request] = hook.requests;
    expect(JSON.parse(request!.body)).toEqual(event);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-tideline-event-id']).toBe(event.id);
    expect(request!.headers['x-tideline-attempt']).toBe('1');
    const signature = request!.headers['x-tideline-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(/t=(\d+)/.exec(signature)![1]) - request!.at)).toBeLessThan(5_000);
    expect(verifyWebhook(created.secret, signature, request!.body)).toBe(true);
    expect(verifyWebhook('0'.repeat(64), signature, request!.body)).toBe(false);
  });

  it('refuses an invalid url, a short secret and an unknown monitor, naming the field', async () => {
    const project = 'p-invalid';
    const create = (vars: Record<string, unknown>) =>
      gql(project, 'mutation($url: String!, $monitor: ID, $secret: String) { createWebhook(url: $url, monitor: $monitor, secret: $secret) { secret } }', vars);
    expect((await create({ url: 'ftp://example.com/x' })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
    expect((await create({ url: 'not a url' })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
    expect((await create({ url: 'https://example.com/x', secret: 'too-short' })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'secret' });
    expect((await create({ url: 'https://example.com/x', monitor: 'nope' })).errors?.[0]?.extensions).toEqual({ code: 'MONITOR_NOT_FOUND', field: 'monitor' });
    expect(await listWebhooks(project)).toEqual([]);
  });

  it('retries a failing endpoint with growing gaps and delivers exactly once when it recovers', async () => {
    const project = 'p-retry';
    const hook = await receiver((n) => (n <= 2 ? 500 : 200));
    const secret = 'a-caller-chosen-secret';
    const { webhook } = await createWebhook(project, hook.url, { secret });
    const event = alertEvent(project, 'm1');
    await publish(event);

    await eventually(async () => hook.requests.length === 3);
    await sleep(BASE_DELAY_MS * 2 ** MAX_ATTEMPTS); // longer than any further retry would wait
    expect(hook.requests).toHaveLength(3);
    expect(hook.requests.map((r) => r.headers['x-tideline-attempt'])).toEqual(['1', '2', '3']);
    for (const r of hook.requests) {
      expect(r.headers['x-tideline-event-id']).toBe(event.id);
      expect(verifyWebhook(secret, r.headers['x-tideline-signature'] as string, r.body)).toBe(true);
    }
    const [first, second, third] = hook.requests.map((r) => r.at) as [number, number, number];
    const [gap1, gap2] = [second - first, third - second];
    console.info(`retry gaps with base ${BASE_DELAY_MS} ms: ${gap1} ms, ${gap2} ms`);
    // nak delays are a lower bound (JetStream redelivers on its next check), so assert the floor and the growth.
    expect(gap1).toBeGreaterThanOrEqual(BASE_DELAY_MS * 0.9);
    expect(gap2).toBeGreaterThanOrEqual(BASE_DELAY_MS * 2 * 0.9);
    expect(gap2).toBeGreaterThan(gap1);
    const [listed] = await listWebhooks(project);
    expect(listed).toMatchObject({ id: webhook.id, deadLetters: [] });
  });

  it('keeps exactly one dead letter after the last attempt, while a healthy webhook of the project gets the event at once', async () => {
    const project = 'p-dead';
    const failing = await receiver(() => 503, 'down for maintenance');
    const hanging = await receiver(() => 'hang');
    const healthy = await receiver();
    const failingHook = await createWebhook(project, failing.url);
    const hangingHook = await createWebhook(project, hanging.url);
    await createWebhook(project, healthy.url);

    const event = alertEvent(project, 'm1');
    const publishedAt = Date.now();
    await publish(event);
    await eventually(async () => healthy.requests.length === 1, 5_000, 10);
    const healthyLatency = healthy.requests[0]!.at - publishedAt;
    console.info(`healthy webhook received the event ${healthyLatency} ms after publishing`);
    expect(healthyLatency).toBeLessThan(1_000);

    const withDeadLetters = async () => {
      const hooks = await listWebhooks(project);
      return hooks.every((h) => h.id !== failingHook.webhook.id && h.id !== hangingHook.webhook.id || h.deadLetters.length > 0) ? hooks : undefined;
    };
    const hooks = await eventually(withDeadLetters, 30_000, 200);
    // No attempt after the dead letter.
    await sleep(BASE_DELAY_MS * 2 ** MAX_ATTEMPTS + TIMEOUT_MS);
    expect(failing.requests).toHaveLength(MAX_ATTEMPTS);
    expect(hanging.requests).toHaveLength(MAX_ATTEMPTS);
    expect(healthy.requests).toHaveLength(1);
    const gaps = failing.requests.slice(1).map((r, i) => r.at - failing.requests[i]!.at);
    console.info(`always-failing endpoint: ${MAX_ATTEMPTS} attempts, gaps ${gaps.join(' ms, ')} ms`);

    const byId = new Map(hooks.map((h) => [h.id, h]));
    const failed = byId.get(failingHook.webhook.id)!.deadLetters;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ eventId: event.id, event, attempts: MAX_ATTEMPTS, lastError: 'HTTP 503: down for maintenance' });
    expect(Date.parse(failed[0]!.failedAt)).toBeGreaterThanOrEqual(failing.requests.at(-1)!.at - 1_000);
    const timedOut = byId.get(hangingHook.webhook.id)!.deadLetters;
    expect(timedOut).toMatchObject([{ eventId: event.id, attempts: MAX_ATTEMPTS, lastError: `no response within ${TIMEOUT_MS} ms` }]);
    const again = new Map((await listWebhooks(project)).map((h) => [h.id, h.deadLetters.length]));
    expect(again.get(failingHook.webhook.id)).toBe(1);
  });

  it("sends a monitor's webhook only that monitor's events", async () => {
    const project = 'p-monitor';
    addMonitor(project, 'm1');
    addMonitor(project, 'm2');
    const scoped = await receiver();
    const everything = await receiver();
    const scopedHook = await createWebhook(project, scoped.url, { monitor: 'm1' });
    expect(scopedHook.webhook.monitor).toEqual({ id: 'm1', name: 'monitor m1' });
    await createWebhook(project, everything.url);

    const ofM2 = alertEvent(project, 'm2');
    const ofM1 = alertEvent(project, 'm1');
    await publish(ofM2);
    await publish(ofM1);
    await eventually(async () => everything.requests.length === 2 && scoped.requests.length === 1);
    await sleep(500);
    expect(everything.events().map((e) => e.id).sort()).toEqual([ofM1.id, ofM2.id].sort());
    expect(scoped.events().map((e) => e.id)).toEqual([ofM1.id]);

    // A deleted monitor leaves the webhook without one rather than failing the query.
    monitors.delete(`${project}.m1`);
    const listed = await listWebhooks(project);
    expect(listed.find((h) => h.id === scopedHook.webhook.id)?.monitor).toBeNull();
  });

  it("never lets a project see, delete or receive another project's webhooks and events", async () => {
    const mine = await receiver();
    const theirs = await receiver();
    const myHook = await createWebhook('p-mine', mine.url);
    await createWebhook('p-theirs', theirs.url);

    await publish(alertEvent('p-mine', 'm1'));
    await eventually(async () => mine.requests.length === 1);
    await sleep(500);
    expect(theirs.requests).toHaveLength(0);

    expect((await listWebhooks('p-theirs')).map((h) => h.url)).toEqual([theirs.url]);
    const deleted = await gql<{ deleteWebhook: boolean }>('p-theirs', 'mutation($id: ID!) { deleteWebhook(id: $id) }', { id: myHook.webhook.id });
    expect(deleted.data?.deleteWebhook).toBe(false);
    expect((await listWebhooks('p-mine')).map((h) => h.id)).toEqual([myHook.webhook.id]);
    // The entity reference resolves within the caller's project only.
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Webhook { id url } } }';
    const r = [{ __typename: 'Webhook', id: myHook.webhook.id }];
    expect((await gql<{ _entities: unknown[] }>('p-mine', entities, { r })).data?._entities).toEqual([{ id: myHook.webhook.id, url: mine.url }]);
    expect((await gql<{ _entities: unknown[] }>('p-theirs', entities, { r })).data?._entities).toEqual([null]);
  });

  it('delivers an event published twice only once', async () => {
    const project = 'p-dedupe';
    const hook = await receiver();
    await createWebhook(project, hook.url);
    const event = alertEvent(project, 'm1');
    const first = await publish(event);
    const again = await publish(event);
    expect(again.duplicate).toBe(true);
    expect(again.seq).toBe(first.seq);
    // A copy that got past the stream's dedupe (another message id) is still one delivery job per webhook.
    const copy = await publish(event, `${event.id}-copy`);
    expect(copy.duplicate).toBe(false);
    const later = alertEvent(project, 'm1', 'RESOLVED');
    await publish(later);
    await eventually(async () => hook.events().some((e) => e.id === later.id));
    await sleep(500);
    expect(hook.events().map((e) => e.id).sort()).toEqual([event.id, later.id].sort());
  });

  it('catches up after a restart, skipping events from before a webhook existed, and stops at its deletion', async () => {
    const project = 'p-restart';
    const sentinel = await receiver();
    await createWebhook(project, sentinel.url);
    await webhooks.stop();

    // Published while no webhook process runs; the new webhook is created after the first one.
    const before = alertEvent(project, 'm1');
    await publish(before);
    await sleep(20);
    const late = await receiver();
    const lateHook = await createWebhook(project, late.url);
    const after = alertEvent(project, 'm1');
    await publish(after);
    await sleep(300);
    expect(sentinel.requests).toHaveLength(0);

    webhooks = await startWebhooks(deps());
    await eventually(async () => sentinel.requests.length === 2 && late.requests.length === 1);
    expect(sentinel.events().map((e) => e.id).sort()).toEqual([before.id, after.id].sort());
    expect(late.events().map((e) => e.id)).toEqual([after.id]);

    const deleted = await gql<{ deleteWebhook: boolean }>(project, 'mutation($id: ID!) { deleteWebhook(id: $id) }', { id: lateHook.webhook.id });
    expect(deleted.data?.deleteWebhook).toBe(true);
    const last = alertEvent(project, 'm1', 'RESOLVED');
    await publish(last);
    await eventually(async () => sentinel.requests.length === 3);
    await sleep(500);
    expect(late.requests).toHaveLength(1);
  });
});
