/**
 * The evaluation store as its integration tests run it: the module alone on a
 * real nats-server, chDB in a temporary directory, and a NATS connection to
 * publish what ingest would.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { httpServerModule, startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import { startNatsServer, tempDir } from '@tideline/testing';
import { evalstoreModule } from '../src/index.ts';

export interface StoreFixture {
  proc: RunningProcess;
  /** The module's HTTP server: `/internal/evalstore/graphql`, `/readyz`, `/metrics`. */
  url: string;
  nc: NatsConnection;
  js: JetStreamClient;
  stop(): Promise<void>;
}

/** `env` adds to (or overrides) the module's settings; TIDELINE_INTERNAL_SECRET among them. */
export async function startStore(name: string, env: Record<string, string>): Promise<StoreFixture> {
  const nats = await startNatsServer();
  const dir = tempDir(`evalstore-${name}-`);
  const proc = await startModules({
    catalog: [evalstoreModule],
    targets: ['evalstore'],
    env: { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: `chdb://${dir.path}/ch`, LOG_LEVEL: 'silent', ...env },
  });
  const nc = await connect({ servers: nats.url });
  return {
    proc,
    url: proc.get<HttpServer>(httpServerModule.name).url,
    nc,
    js: jetstream(nc),
    async stop() {
      await nc.close();
      await proc.stop();
      await nats.stop();
      dir.remove();
    },
  };
}
