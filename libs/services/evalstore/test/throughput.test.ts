import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { CONSUMERS, GATEWAY_TOPICS, STREAMS, encodeChunk, gatewaySubject, type PredictionRecord, type StoreProgressEvent } from '@tideline/contracts';
import { ensureConsumer, ensureStream, publishChunk } from '@tideline/nats';
import { startModules, type RunningProcess } from '@tideline/runtime';
import { startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { evalstoreModule } from '../src/index.ts';

// Writer throughput: a backlog already on JetStream, drained into chDB.
// The floor asserted is far below what it reaches, so a slow CI box passes;
// the measured rate is printed.
const N = Number(process.env.EVALSTORE_BENCH_RECORDS ?? 100_000);

let nats: NatsServerHandle;
let dir: TempDir;
let nc: NatsConnection;
let proc: RunningProcess | undefined;

beforeAll(async () => {
  nats = await startNatsServer();
  dir = tempDir('evalstore-bench-');
  nc = await connect({ servers: nats.url });
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, STREAMS.ingest, { maxBytes: 8 * 1024 ** 3 });
  await ensureConsumer(jsm, CONSUMERS.storeWriter);
  const js = jetstream(nc);
  const now = Date.now();
  // Chunks of 1000 records per message, as ingest publishes them.
  for (let start = 0; start < N; start += 1000) {
    const chunk: PredictionRecord[] = [];
    for (let i = start; i < Math.min(start + 1000, N); i++) {
      const record: PredictionRecord = {
        kind: 'prediction',
        project: 'bench',
        model: 'm',
        modelVersion: 'v1',
        id: `r${i}`,
        task: 'BINARY',
        timestamp: now - i * 10,
        receivedAt: now,
        features: { age: i % 90, income: i * 1.5, country: ['de', 'fr', 'us'][i % 3]!, vip: i % 2 === 0, note: null },
        tags: { device: i % 2 ? 'ios' : 'web', region: 'eu' },
        output: { score: (i % 100) / 100 },
      };
      chunk.push(record);
    }
    await publishChunk(js, encodeChunk(chunk));
  }
}, 300_000);

afterAll(async () => {
  await proc?.stop();
  await nc?.close();
  await nats?.stop();
  dir?.remove();
});

it(`stores a backlog of ${N} predictions quickly`, async () => {
  let stored = 0;
  let first: { at: number; cpu: NodeJS.CpuUsage; stored: number } | undefined;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const sub = nc.subscribe(gatewaySubject(GATEWAY_TOPICS.storeProgress('bench')), {
    callback: (_, m) => {
      stored += m.json<StoreProgressEvent>().predictions;
      first ??= { at: performance.now(), cpu: process.cpuUsage(), stored };
      if (stored >= N) done();
    },
  });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  proc = await startModules({
    catalog: [evalstoreModule],
    targets: ['evalstore'],
    env: { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: `chdb://${dir.path}/ch`, TIDELINE_INTERNAL_SECRET: 'x'.repeat(32), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', STORE_BATCH_MAX_RECORDS: process.env.STORE_BATCH_MAX_RECORDS ?? '' },
  });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sub.unsubscribe();
  // Steady state: from the first stored batch to the last, without module start.
  const steadyCpu = process.cpuUsage(first!.cpu);
  const steadyN = N - first!.stored;
  const steadySeconds = (performance.now() - first!.at) / 1000;
  console.log(
    `evalstore writer steady state: ${Math.round(steadyN / steadySeconds)} records/s, ` +
      `${Math.round(steadyN / ((steadyCpu.user + steadyCpu.system) / 1e6))} records per CPU second of this process`,
  );
  const rate = Math.round(N / seconds);
  console.log(`evalstore writer: ${N} records in ${seconds.toFixed(2)} s = ${rate} records/s (including module start); ${cpuSeconds.toFixed(2)} CPU s = ${Math.round(N / cpuSeconds)} records per CPU second`);
  expect(rate).toBeGreaterThan(10_000);
}, 300_000);
