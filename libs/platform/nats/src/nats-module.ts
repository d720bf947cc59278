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
});

/** One NATS connection per process, shared by its modules; drained at stop. */
export const natsModule = defineModule({
  name: 'nats',
  internal: true,
  config: natsConfig,
  async start(ctx, config) {
    const servers = config.url.split(',').map((s) => s.trim());
    const connection = await connect({ servers, name: 'tideline', maxReconnectAttempts: -1 }).catch((cause: Error) => {
      throw new Error(`cannot reach NATS at ${config.url}: ${cause.message}; start nats-server -js or set NATS_URL`, { cause });
    });
    void (async () => {
      for await (const status of connection.status()) ctx.logger.info({ status: status.type }, 'nats status');
    })();
    const jsm = await jetstreamManager(connection).catch((cause: Error) => {
      throw new Error(`NATS at ${config.url} has no JetStream; start nats-server with -js`, { cause });
    });
    const { replicas } = config;
    const value: Nats = { connection, jsm: withReplicas(jsm, replicas), js: withReplicas(jetstream(connection), replicas), kvm: withReplicas(new Kvm(connection), replicas) };
    return { value, stop: () => connection.drain() };
  },
});
