/**
 * `npm run bench:store [-- N]`: the store's writer draining a backlog. N
 * predictions (default 100,000; 5 features of every kind, 2 tags) are put on
 * JetStream by ingest itself, through its HTTP API signed as the gateway
 * signs, while no store runs (the writer's durable consumer keeps them).
 * Then the evalstore module starts in this process and the bench times it
 * until its storeProgress events count all N. Prints records/s including
 * module start, the steady rate from the first stored batch on, and records
 * per CPU second of this process (where the writer and chDB run).
 * STORE_BATCH_MAX_RECORDS and BENCH_LOG_LEVEL pass through to the module.
 */
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { CONSUMERS, GATEWAY_TOPICS, gatewaySubject, type StoreProgressEvent } from '@tideline/contracts';
import { evalstoreModule } from '@tideline/evalstore';
import { ingestModule } from '@tideline/ingest';
import { ensureConsumer } from '@tideline/nats';
import { httpServerModule, startModules, type HttpServer } from '@tideline/runtime';
import { ndjson, signedFetch, startNatsServer, tempDir } from '@tideline/testing';
import { size } from './sizes.ts';
import { fmt } from './traffic.ts';

const N = process.argv[2] ? Number(process.argv[2]) : size('BENCH_N', 100_000, 5_000);
const BATCH = 5_000;
const SECRET = 'b'.repeat(32);
const PROJECT = 'bench';

const nats = await startNatsServer();
const dir = tempDir('tideline-bench-store-');
const nc = await connect({ servers: nats.url });
const env = { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: `chdb://${dir.path}/ch`, TIDELINE_INTERNAL_SECRET: SECRET, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' };

try {
  // The backlog, published as ingest publishes (chunks of up to 1,000 records), kept by the writer's consumer.
  const ingest = await startModules({ catalog: [ingestModule], targets: ['ingest'], env });
  await ensureConsumer(await jetstreamManager(nc), CONSUMERS.storeWriter);
  const url = `${ingest.get<HttpServer>(httpServerModule.name).url}/internal/ingest/v1/predictions`;
  const now = Date.now();
  for (let start = 0; start < N; start += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, N - start) }, (_, j) => {
      const i = start + j;
      return {
        id: `r${i}`,
        model: 'm',
        timestamp: now - i * 10,
        features: { age: i % 90, income: i * 1.5, country: ['de', 'fr', 'us'][i % 3]!, vip: i % 2 === 0, note: null },
        tags: { device: i % 2 ? 'ios' : 'web', region: 'eu' },
        output: { score: (i % 100) / 100 },
      };
    });
    const res = await signedFetch(SECRET, PROJECT, url, { body: ndjson(records) });
    const body = (await res.json()) as { accepted: number };
    if (res.status !== 200 || body.accepted !== records.length) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  await ingest.stop();

  let stored = 0;
  let first: { at: number; cpu: NodeJS.CpuUsage; stored: number } | undefined;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const sub = nc.subscribe(gatewaySubject(GATEWAY_TOPICS.storeProgress(PROJECT)), {
    callback: (_, m) => {
      stored += m.json<StoreProgressEvent>().predictions;
      first ??= { at: performance.now(), cpu: process.cpuUsage(), stored };
      if (stored >= N) done();
    },
  });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const store = await startModules({ catalog: [evalstoreModule], targets: ['evalstore'], env: { ...env, STORE_BATCH_MAX_RECORDS: process.env.STORE_BATCH_MAX_RECORDS ?? '' } });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // Steady state: from the first stored batch to the last, without module start.
  const steadyCpu = process.cpuUsage(first!.cpu);
  const steadyN = N - first!.stored;
  const steadySeconds = (performance.now() - first!.at) / 1000;
  sub.unsubscribe();
  await store.stop();
  console.log(`
bench:store  a backlog of ${fmt(N)} predictions on JetStream, drained by the evalstore writer into chDB
  including module start:  ${fmt(N / seconds)} records/s (${seconds.toFixed(2)} s), ${fmt(N / ((cpu.user + cpu.system) / 1e6))} records per CPU second
  steady state:            ${steadyN > 0 ? `${fmt(steadyN / steadySeconds)} records/s, ${fmt(steadyN / ((steadyCpu.user + steadyCpu.system) / 1e6))} records per CPU second` : 'none: the backlog went in one batch'}
`);
} finally {
  await nc.close();
  await nats.stop();
  dir.remove();
}
