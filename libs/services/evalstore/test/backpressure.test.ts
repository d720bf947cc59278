/**
 * A store that falls behind (here: ClickHouse refusing inserts for a while)
 * must not pull its whole backlog into memory: the writer takes at most two
 * batches from JetStream, the rest waits in the stream, and everything is
 * stored once inserts work again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { CONSUMERS, encodeChunk } from '@tideline/contracts';
import { publishChunk } from '@tideline/nats';
import { eventually, predictionRecord } from '@tideline/testing';
import { startStore, type StoreFixture } from './store-fixture.ts';

const BATCH = 100;
const CHUNKS = 100;
const PER_CHUNK = 10;
let store: StoreFixture;

beforeAll(async () => {
  store = await startStore('backpressure', { TIDELINE_INTERNAL_SECRET: 'b'.repeat(32), STORE_BATCH_MAX_RECORDS: String(BATCH), STORE_BATCH_MAX_WAIT_MS: '20' });
});

afterAll(() => store?.stop());

/** Inserts the writer has seen fail for a reason it retries. */
const transientFailures = async () => Number(/tideline_store_insert_failures_total\{error="transient"\} (\d+)/.exec(await (await fetch(`${store.url}/metrics`)).text())?.[1] ?? 0);

const record = (n: number) => predictionRecord('bp', 'backlog', `r-${n}`, Date.UTC(2026, 0, 1) + n, 0.5, { features: { x: n } });

it('holds a bounded part of a backlog (the batch in flight, two more, one pull) while inserts fail, then stores all of it once', async () => {
  const clickhouse = store.proc.get<ClickHouseClient>('clickhouse');
  const jsm = await jetstreamManager(store.nc);
  await clickhouse.command({ query: 'DETACH TABLE evalstore_predictions' });
  let peak = 0;
  try {
    const failedBefore = await transientFailures();
    for (let c = 0; c < CHUNKS; c++) {
      await publishChunk(store.js, encodeChunk(Array.from({ length: PER_CHUNK }, (_, i) => record(c * PER_CHUNK + i))));
    }
    // Watch the consumer while the writer retries, until it has failed five inserts (about 3 s of backoff, time to
    // pull whatever it would): what it was handed and has not acked is what it holds.
    await eventually(async () => {
      const info = await jsm.consumers.info(CONSUMERS.storeWriter.stream, CONSUMERS.storeWriter.durable);
      peak = Math.max(peak, info.num_ack_pending);
      return (await transientFailures()) >= failedBefore + 5;
    }, 30_000, 100);
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
