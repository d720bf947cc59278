/**
 * The store writer outlives the NATS server it was connected to dying under
 * the flush of a batch's acks. That flush used to reject ("connection
 * disconnected"), which ended the writer's loop and, through the module's
 * ctx.fail, the whole platform: the NATS-cluster test's failure with every
 * request after the kill unanswered. Now the writer logs it and goes on; the
 * batch, unacked, is redelivered after ack_wait.
 *
 * Made deterministic on the real parts: a materialized view (in this test's
 * data only) makes the batch's insert take 2 s; meanwhile the server is
 * frozen (SIGSTOP), so the acks and the flush that follow the insert wait on
 * it; then it is killed, which closes its sockets and drops the connection
 * under the flush.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createClickHouseClient, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { CONSUMERS, STREAMS, encodeChunks } from '@tideline/contracts';
import { ensureConsumer, ensureStream, publishChunk } from '@tideline/nats';
import { captureLogs } from '@tideline/runtime';
import { eventually, predictionRecord, startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { evalstoreMigrations } from '../src/module.ts';
import { startWriter } from '../src/writer.ts';

let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: TempDir;
let clickhouse: ClickHouseClient;
let frozen = false;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, maxReconnectAttempts: -1 });
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, STREAMS.ingest, { maxBytes: 64 * 1024 ** 2 });
  await ensureConsumer(jsm, CONSUMERS.storeWriter);
  dir = tempDir('evalstore-node-loss-');
  clickhouse = createClickHouseClient(`chdb://${dir.path}/ch`);
  await migrate(clickhouse, 'evalstore', evalstoreMigrations);
  await clickhouse.command({ query: 'CREATE MATERIALIZED VIEW test_slow_insert ENGINE = Null AS SELECT sleep(2) AS slept FROM evalstore_predictions' });
}, 60_000);

afterAll(async () => {
  if (frozen) process.kill(nats.pid, 'SIGCONT');
  await nc?.close();
  await nats?.stop();
  await clickhouse?.close();
  dir?.remove();
});

it('goes on when its NATS server dies under the flush of a batch’s acks', async () => {
  const { logger, entries } = captureLogs();
  const crashes: Error[] = [];
  const consumer = await jetstream(nc).consumers.get(CONSUMERS.storeWriter.stream, CONSUMERS.storeWriter.durable);
  const writer = await startWriter({ consumer, connection: nc, clickhouse, logger, maxRecords: 1000, maxWaitMs: 20, onCrash: (err) => crashes.push(err) });

  const [chunk] = encodeChunks([predictionRecord('p1', 'churn', 'r1', Date.UTC(2026, 0, 1))]).chunks;
  await publishChunk(jetstream(nc), chunk!);
  // The writer holds the message (unacked) and its insert has begun: 2 s in ClickHouse.
  const jsm = await jetstreamManager(nc);
  await eventually(async () => (await jsm.consumers.info(CONSUMERS.storeWriter.stream, CONSUMERS.storeWriter.durable)).num_ack_pending === 1, 10_000, 20);
  const sent = nc.stats().outMsgs;
  process.kill(nats.pid, 'SIGSTOP');
  frozen = true;
  // The ack leaves (a publish, into the frozen server's socket) and the flush after it waits for a pong that cannot come.
  await eventually(async () => nc.stats().outMsgs > sent, 20_000, 20);
  await nats.kill();
  frozen = false;

  const dropped = () => entries.some((e) => e.msg === 'NATS connection dropped while acking a batch; it will be redelivered');
  await eventually(async () => dropped() || crashes.length > 0, 10_000, 20);
  expect(crashes.map((e) => e.message)).toEqual([]);
  expect(dropped()).toBe(true);
  // The row was stored before the acks; the writer is still running (idle, waiting for messages).
  expect(await (await clickhouse.query({ query: 'SELECT count() AS n FROM evalstore_predictions', format: 'JSONEachRow' })).json()).toEqual([{ n: 1 }]);
  expect(writer.stalledForMs()).toBe(0);
}, 60_000);
