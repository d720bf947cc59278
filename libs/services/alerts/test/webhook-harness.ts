/**
 * Webhooks on their own, for the webhook tests: a real nats-server, chDB in a
 * temporary directory, local HTTP receivers, and the webhooks resolvers
 * mounted in a real subgraph called over HTTP with the gateway's signature.
 * Alert events are published on JetStream as the evaluator publishes them
 * (msgID = event id).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createClickHouseClient, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { ALERT_CONSUMERS, ALERT_STREAMS, ALERT_SUBJECTS, type AlertEvent } from '@tideline/contracts';
import { createSubgraph, readSchemaFiles, type Subgraph, type SubgraphContext } from '@tideline/graphql';
import { ensureStream, type Nats } from '@tideline/nats';
import { createLogger } from '@tideline/runtime';
import { eventually, signedGraphql, startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { expect } from 'vitest';
import type { MonitorDefinition } from '../src/monitor-definition.ts';
import { startWebhooks, type WebhookDeps, type Webhooks } from '../src/webhooks/index.ts';

const SECRET = 'w'.repeat(32);
const srcDir = fileURLToPath(new URL('../src', import.meta.url));

export interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Receiver {
  url: string;
  port: number;
  requests: Received[];
  events(): AlertEvent[];
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /** The answer to the nth request (1-based), or 'hang' for none. @default 200 */
  status?: (n: number) => number | 'hang';
  /** Body of answers ≥ 300. */
  body?: string;
  headers?: Record<string, string>;
  /** @default 127.0.0.1 */
  host?: string;
  /** @default any free port */
  port?: number;
}

/** A local HTTP endpoint that records every request. */
export async function startReceiver(o: ReceiverOptions = {}): Promise<Receiver> {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = o.status?.(requests.length) ?? 200;
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain', ...o.headers }).end(answer >= 300 ? (o.body ?? '') : 'ok');
    });
  });
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/hook`,
    port,
    requests,
    events: () => requests.map((r) => JSON.parse(r.body) as AlertEvent),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let alertSeq = 0;
export function alertEvent(project: string, monitorId: string, type: AlertEvent['type'] = 'FIRED'): AlertEvent {
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

/**
 * Polls `check` for `ms` and fails at the first poll where it is false: that
 * nothing happens for a while. Only for what the passing of time itself
 * shows (JetStream handing a job back after ack_wait); anything else waits
 * for `settled()`.
 */
export async function holdsFor(check: () => boolean | Promise<boolean>, ms: number, what: string, intervalMs = 50): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!(await check())) throw new Error(`no longer true after ${ms - (until - Date.now())} ms: ${what}`);
    await sleep(intervalMs);
  }
}

export interface WebhookView {
  id: string;
  url: string;
  monitor: { id: string; name: string } | null;
  createdAt: string;
  deadLetters: { eventId: string; event: AlertEvent; attempts: number; lastError: string; failedAt: string }[];
}

const WEBHOOK_FIELDS = 'id url monitor { id name } createdAt deadLetters { eventId event attempts lastError failedAt }';

/** The settings a harness runs webhooks with; everything but the connections. `publicUrl` defaults to HARNESS_PUBLIC_URL. */
export type HarnessSettings = Omit<WebhookDeps, 'nats' | 'clickhouse' | 'logger' | 'getMonitor' | 'publicUrl'> & { publicUrl?: string };

export const HARNESS_PUBLIC_URL = 'https://tideline.example.com';

/** Starts nats-server, chDB, the webhooks and their subgraph; `stop()` undoes it all. */
export async function startHarness(settings: HarnessSettings) {
  const natsServer: NatsServerHandle = await startNatsServer();
  const nc: NatsConnection = await connect({ servers: natsServer.url });
  const nats: Nats = { connection: nc, js: jetstream(nc), jsm: await jetstreamManager(nc), kvm: new Kvm(nc) };
  // The evaluator declares the events stream; here the test stands in for it.
  await ensureStream(nats.jsm, ALERT_STREAMS.events, { maxBytes: 64 * 1024 ** 2 });
  const dir: TempDir = tempDir('alerts-webhooks-test-');
  const clickhouse: ClickHouseClient = createClickHouseClient(`chdb://${dir.path}/ch`);
  await migrate(clickhouse, 'alerts', fileURLToPath(new URL('../src/migrations', import.meta.url)));
  const monitors = new Map<string, MonitorDefinition>();
  const logger = createLogger({ LOG_LEVEL: 'silent' });
  const deps = (): WebhookDeps => ({ nats, clickhouse, logger, getMonitor: async (project, id) => monitors.get(`${project}.${id}`) ?? null, publicUrl: HARNESS_PUBLIC_URL, ...settings });
  let webhooks: Webhooks = await startWebhooks(deps());
  const subgraph: Subgraph = await createSubgraph({
    name: 'alerts',
    typeDefs: readSchemaFiles(srcDir),
    resolvers: webhooks.resolvers as unknown as GraphQLResolverMap<SubgraphContext>,
    secret: SECRET,
    logger,
  });
  const http = createServer((req, res) => void subgraph.handler(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  const receivers: Receiver[] = [];
  /** Messages a webhook consumer (by default the delivery's) still holds: waiting, or handed out and not yet acknowledged. */
  const held = async (consumer: 'webhookDelivery' | 'webhookFanOut' = 'webhookDelivery') => {
    const info = await nats.jsm.consumers.info(ALERT_CONSUMERS[consumer].stream, ALERT_CONSUMERS[consumer].durable);
    return info.num_pending + info.num_ack_pending;
  };

  const gql = signedGraphql(url, SECRET);

  return {
    nats,
    gql,
    addMonitor: (project: string, id: string) => monitors.set(`${project}.${id}`, { id, project, name: `monitor ${id}` } as MonitorDefinition),
    deleteMonitor: (project: string, id: string) => monitors.delete(`${project}.${id}`),

    async receiver(options: ReceiverOptions = {}) {
      const r = await startReceiver(options);
      receivers.push(r);
      return r;
    },

    /** createWebhook's whole answer, errors included. */
    tryCreateWebhook: (project: string, hookUrl: string, opts: { monitor?: string; secret?: string } = {}) =>
      gql<{ createWebhook: { webhook: WebhookView; secret: string } }>(
        project,
        `mutation($url: String!, $monitor: ID, $secret: String) { createWebhook(url: $url, monitor: $monitor, secret: $secret) { secret webhook { ${WEBHOOK_FIELDS} } } }`,
        { url: hookUrl, ...opts },
      ),

    async createWebhook(project: string, hookUrl: string, opts: { monitor?: string; secret?: string } = {}) {
      const res = await this.tryCreateWebhook(project, hookUrl, opts);
      expect(res.errors).toBeUndefined();
      return res.data!.createWebhook;
    },

    async listWebhooks(project: string) {
      const res = await gql<{ webhooks: WebhookView[] }>(project, `{ webhooks { ${WEBHOOK_FIELDS} } }`);
      expect(res.errors).toBeUndefined();
      return res.data!.webhooks;
    },

    /** As the evaluator publishes: the event id is the message id, so JetStream drops a republished copy. */
    publish(event: AlertEvent, msgID: string | undefined = event.id) {
      const subject = event.type === 'FIRED' ? ALERT_SUBJECTS.fired(event.project) : ALERT_SUBJECTS.resolved(event.project);
      return nats.js.publish(subject, JSON.stringify(event), msgID ? { msgID } : {});
    },

    held,

    /**
     * Waits until every event published so far is fanned out (the fan-out
     * acks an event once its jobs are queued) and then every job has ended,
     * delivered or dead-lettered: after that, no webhook receives anything more.
     */
    settled: () => eventually(async () => (await held('webhookFanOut')) === 0 && (await held('webhookDelivery')) === 0, 30_000, 50),

    stopWebhooks: () => webhooks.stop(),
    async startWebhooks() {
      webhooks = await startWebhooks(deps());
    },

    async stop() {
      await webhooks.stop();
      await subgraph.stop();
      await new Promise((resolve) => http.close(resolve));
      await Promise.all(receivers.map((r) => r.close()));
      await nc.close();
      await natsServer.stop();
      await clickhouse.close();
      dir.remove();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
