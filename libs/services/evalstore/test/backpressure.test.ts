/**
 * A store that falls behind (here: ClickHouse refusing inserts for a while)
 * must not pull its whole backlog into memory: the writer takes at most two
 * batches from JetStream, the rest waits in the stream, and everything is
 * stored once inserts work again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { CONSUMERS, encodeChunk, type PredictionRecord } from '@tideline/contracts';
import { publishChunk } from '@tideline/nats';
import { httpServerModule, startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import { eventually, startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { evalstoreModule } from '../src/index.ts';

const BATCH = 100;
const CHUNKS = 100;
const PER_CHUNK = 10;
let nats: NatsServerHandle;
let dir: TempDir;
let proc: RunningProcess;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startNatsServer();
  dir = tempDir('evalstore-backpressure-');
  proc = await startModules({
    catalog: [evalstoreModule],
    targets: ['evalstore'],
    env: { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: `chdb://${dir.path}/ch`, TIDELINE_INTERNAL_SECRET: 'b'.repeat(32), LOG_LEVEL: 'silent', STORE_BATCH_MAX_RECORDS: String(BATCH), STORE_BATCH_MAX_WAIT_MS: '20' },
  });
  expect(proc.get<HttpServer>(httpServerModule.name).url).toMatch(/^http/);
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await proc?.stop();
  await nats?.stop();
  dir?.remove();
});

const record = (n: number): PredictionRecord => ({
  kind: 'prediction', project: 'bp', model: 'backlog', modelVersion: 'v1', id: `r-${n}`, task: 'BINARY',
  timestamp: Date.UTC(2026, 0, 1) + n, receivedAt: Date.now(), features: { x: n }, tags: {}, output: { score: 0.5 },
});

it('holds a bounded part of a backlog (the batch in flight, two more, one pull) while inserts fail, then stores all of it once', async () => {
  const clickhouse = proc.get<ClickHouseClient>('clickhouse');
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await clickhouse.command({ query: 'DETACH TABLE evalstore_predictions' });
  let peak = 0;
  try {
    for (let c = 0; c < CHUNKS; c++) {
      await publishChunk(js, encodeChunk(Array.from({ length: PER_CHUNK }, (_, i) => record(c * PER_CHUNK + i))));
    }
    // Watch the consumer while the writer retries: what it was handed and has not acked is what it holds.
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      const info = await jsm.consumers.info(CONSUMERS.storeWriter.stream, CONSUMERS.storeWriter.durable);
      peak = Math.max(peak, info.num_ack_pending);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await clickhouse.command({ query: 'ATTACH TABLE evalstore_predictions' });
  }
  // The batch being retried, two more in the buffer (one chunk of overshoot) and one pull of 4 messages: far below the backlog.
  expect(peak).toBeGreaterThan(0);
  expect(peak).toBeLessThanOrEqual((3 * BATCH) / PER_CHUNK + 1 + 4);
  expect(peak).toBeLessThan(CHUNKS);
  await eventually(async () => {
    const rows = await (await clickhouse.query({ query: "SELECT count() AS n, uniqExact(id) AS ids FROM evalstore_predictions FINAL WHERE project = 'bp'", format: 'JSONEachRow' })).json<{ n: string; ids: string }>();
    return Number(rows[0]!.n) === CHUNKS * PER_CHUNK && Number(rows[0]!.ids) === CHUNKS * PER_CHUNK;
  }, 60_000);
});
