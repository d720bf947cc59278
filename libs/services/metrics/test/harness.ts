/**
 * The metrics engine as its tests see it: a real nats-server, chDB in a
 * temporary directory, the evaluation store writing records that arrive on
 * JetStream (published as ingest does), and the metrics subgraph queried over
 * HTTP with the gateway's signature.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { clickhouseModule, type ClickHouseClient } from '@tideline/clickhouse';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { encodeChunks, type IngestRecord } from '@tideline/contracts';
import { evalstoreModule } from '@tideline/evalstore';
import { publishChunk } from '@tideline/nats';
import { defineGroup, httpServerModule, startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import { eventually, signedGraphql, startNatsServer, tempDir, type NatsServerHandle, type SignedGraphql, type TempDir } from '@tideline/testing';
import { metricsModule } from '../src/index.ts';

/** The secret the harness's services share with the gateway they stand in for. */
export const SECRET = 'm'.repeat(32);

export interface Harness {
  /** The process's HTTP server: the metrics routes are below `/internal/metrics`. */
  url: string;
  /** The process's ClickHouse (chDB): to look at what a request left behind, or to generate bulk data in SQL. */
  clickhouse: ClickHouseClient;
  /** Publishes records as ingest does (one chunk per call and subject). */
  publish(...records: IngestRecord[]): Promise<void>;
  /** Waits until the store holds `count` predictions of the model. */
  stored(project: string, model: string, count: number): Promise<void>;
  /** The nats-server the process uses. */
  natsUrl: string;
  /** The metrics subgraph, signed for a project (`null`: unsigned). */
  gql: SignedGraphql;
  stop(): Promise<void>;
}

let published = 0;

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const nats: NatsServerHandle = await startNatsServer();
  const dir: TempDir = tempDir('metrics-test-');
  const proc: RunningProcess = await startModules({
    catalog: [defineGroup('store-and-metrics', [evalstoreModule, metricsModule])],
    targets: ['store-and-metrics'],
    env: { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: `chdb://${dir.path}/ch`, TIDELINE_INTERNAL_SECRET: SECRET, LOG_LEVEL: 'warn', STORE_BATCH_MAX_WAIT_MS: '20', ...env },
  });
  const url = proc.get<HttpServer>(httpServerModule.name).url;
  const nc: NatsConnection = await connect({ servers: nats.url });
  const js: JetStreamClient = jetstream(nc);

  const evalstore = signedGraphql(`${url}/internal/evalstore/graphql`, SECRET);

  return {
    url,
    natsUrl: nats.url,
    clickhouse: proc.get<ClickHouseClient>(clickhouseModule.name),
    async publish(...records) {
      const { chunks, tooLarge } = encodeChunks(records);
      if (tooLarge.length) throw new Error(`records ${tooLarge.join(', ')} are too large for a chunk`);
      // A fresh msgID each time, so a test may publish the same records again.
      for (const chunk of chunks) await publishChunk(js, chunk, { msgID: `harness-${++published}` });
    },
    async stored(project, model, count) {
      await eventually(async () => {
        const res = await evalstore<{ model: { predictionCount: number } | null }>(project, `{ model(name: "${model}") { predictionCount } }`);
        return res.data?.model?.predictionCount === count;
      }, 60_000);
    },
    gql: signedGraphql(`${url}/internal/metrics/graphql`, SECRET),
    async stop() {
      await nc.close();
      await proc.stop();
      await nats.stop();
      dir.remove();
    },
  };
}
