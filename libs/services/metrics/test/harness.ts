/**
 * The metrics engine as its tests see it: a real nats-server, chDB in a
 * temporary directory, the evaluation store writing records that arrive on
 * JetStream (published as ingest does), and the metrics subgraph queried over
 * HTTP with the gateway's signature.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { encodeChunks, type FeedbackRecord, type IngestRecord, type PredictionRecord } from '@tideline/contracts';
import { evalstoreModule } from '@tideline/evalstore';
import { signRequest } from '@tideline/graphql';
import { publishChunk } from '@tideline/nats';
import { defineGroup, httpServerModule, startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import { eventually, startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { metricsModule } from '../src/index.ts';

const SECRET = 'm'.repeat(32);

export interface Harness {
  /** Publishes records as ingest does (one chunk per call and subject). */
  publish(...records: IngestRecord[]): Promise<void>;
  /** Waits until the store holds `count` predictions of the model. */
  stored(project: string, model: string, count: number): Promise<void>;
  gql<T = Record<string, unknown>>(project: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
}

let published = 0;

export async function startHarness(): Promise<Harness> {
  const nats: NatsServerHandle = await startNatsServer();
  const dir: TempDir = tempDir('metrics-test-');
  const proc: RunningProcess = await startModules({
    catalog: [defineGroup('store-and-metrics', [evalstoreModule, metricsModule])],
    targets: ['store-and-metrics'],
    env: { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: `chdb://${dir.path}/ch`, TIDELINE_INTERNAL_SECRET: SECRET, LOG_LEVEL: 'warn', STORE_BATCH_MAX_WAIT_MS: '20' },
  });
  const url = proc.get<HttpServer>(httpServerModule.name).url;
  const nc: NatsConnection = await connect({ servers: nats.url });
  const js: JetStreamClient = jetstream(nc);

  const post = async <T>(path: string, project: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> => {
    const body = JSON.stringify({ query, variables });
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(project ? signRequest(SECRET, { project }, { method: 'POST', url: `${url}${path}`, body }) : {}) },
      body,
    });
    return { status: res.status, body: (await res.json()) as GqlResponse<T>['body'] };
  };

  return {
    async publish(...records) {
      const { chunks, tooLarge } = encodeChunks(records);
      if (tooLarge.length) throw new Error(`records ${tooLarge.join(', ')} are too large for a chunk`);
      // A fresh msgID each time, so a test may publish the same records again.
      for (const chunk of chunks) await publishChunk(js, chunk, { msgID: `harness-${++published}` });
    },
    async stored(project, model, count) {
      await eventually(async () => {
        const res = await post<{ model: { predictionCount: number } | null }>('/internal/evalstore/graphql', project, `{ model(name: "${model}") { predictionCount } }`);
        return res.body.data?.model?.predictionCount === count;
      }, 60_000);
    },
    gql: (project, query, variables) => post('/internal/metrics/graphql', project, query, variables),
    async stop() {
      await nc.close();
      await proc.stop();
      await nats.stop();
      dir.remove();
    },
  };
}

/** A binary prediction record; `extra` overrides any field. */
export const binaryPrediction = (project: string, model: string, id: string, ts: number, score: number, extra: Partial<PredictionRecord> = {}): PredictionRecord => ({
  kind: 'prediction',
  project,
  model,
  modelVersion: 'v1',
  id,
  task: 'BINARY',
  timestamp: ts,
  receivedAt: Date.now(),
  features: {},
  tags: {},
  output: { score },
  ...extra,
});

export const feedback = (project: string, model: string, predictionId: string, label: FeedbackRecord['label'], task: FeedbackRecord['task'] = 'BINARY'): FeedbackRecord => ({
  kind: 'feedback',
  project,
  model,
  predictionId,
  task,
  timestamp: Date.now(),
  receivedAt: Date.now(),
  label,
});
