import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { configSection, defineModule, setting } from '@tideline/runtime';
import { withReplicas } from './declarations.ts';

export interface Nats {
  connection: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  kvm: Kvm;
}

const natsConfig = configSection({
  url: setting.string({ env: 'NATS_URL', doc: 'NATS server(s) with JetStream, comma-separated', default: 'nats://127.0.0.1:4222' }),
  replicas: setting.int({
    env: 'TIDELINE_NATS_REPLICAS',
    doc: 'copies JetStream keeps of every stream, consumer and KV bucket Tideline declares; set 3 on a 3-node NATS cluster so they survive losing a node (existing ones with fewer are raised at start, never lowered)',
    default: 1,
    min: 1,
    max: 5,
  }),
  pingIntervalMs: setting.int({
    env: 'NATS_PING_INTERVAL_MS',
    doc: 'how often the connection pings its NATS server; with 2 pings unanswered it is taken for dead and the client moves to another server of the cluster, giving each server it dials one interval to answer. A server that stops without closing its connections (a frozen or partitioned node, a lost host) is thus left within about 4 intervals; the client library alone would take 6 minutes, and 20 s more for each dial of a silent server',
    default: 10_000,
    min: 1_000,
    max: 120_000,
  }),
});

const NOTABLE_STATUS = new Set(['disconnect', 'reconnect', 'staleConnection', 'ldm', 'error']);

/** Pings a server may leave unanswered before the connection is taken for dead (the client library's default). */
const MAX_PINGS_OUT = 2;

/** One NATS connection per process, shared by its modules; drained at stop. */
export const natsModule = defineModule({
  name: 'nats',
  internal: true,
  config: natsConfig,
  async start(ctx, config) {
    const servers = config.url.split(',').map((s) => s.trim());
    // A server that accepted the TCP connection (its kernel does, frozen or not) but sent nothing within a ping interval is as silent as one that stopped answering pings.
    const silence = { pingInterval: config.pingIntervalMs, maxPingOut: MAX_PINGS_OUT, timeout: config.pingIntervalMs };
    const connection = await connect({ servers, name: 'tideline', maxReconnectAttempts: -1, ...silence }).catch((cause: Error) => {
      throw new Error(`cannot reach NATS at ${config.url}: ${cause.message}; start nats-server -js or set NATS_URL`, { cause });
    });
    void (async () => {
      for await (const status of connection.status()) {
        // Pings are routine; one overdue (its pong not back by the next) is the first sign of a server gone silent.
        if (status.type === 'ping') {
          if (status.pendingPings > 1) ctx.logger.warn({ status: status.type, pendingPings: status.pendingPings }, 'nats status');
        } else {
          // Losing or changing the server is what explains a stall of publishes: logged at warn, so a process at LOG_LEVEL=warn shows it.
          const level = NOTABLE_STATUS.has(status.type) ? 'warn' : 'info';
          ctx.logger[level]({ status: status.type, ...('server' in status && { server: status.server }) }, 'nats status');
        }
      }
    })();
    const jsm = await jetstreamManager(connection).catch((cause: Error) => {
      throw new Error(`NATS at ${config.url} has no JetStream; start nats-server with -js`, { cause });
    });
    const { replicas } = config;
    const value: Nats = { connection, jsm: withReplicas(jsm, replicas), js: withReplicas(jetstream(connection), replicas), kvm: withReplicas(new Kvm(connection), replicas) };
    return { value, stop: () => connection.drain() };
  },
});
