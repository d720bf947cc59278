/**
 * `npm run bench:store [-- N]`: the store's writer draining a backlog. N
 * predictions (default 100,000; 5 features of every kind, 2 tags) are put on
 * JetStream by ingest itself, through its HTTP API signed as the gateway
 * signs, while no store runs (the writer's durable consumer keeps them).
 * Then the evalstore module starts in this process and the bench times it
 * until its storeProgress events count all N. Prints records/s including
 * module start, the steady rate from the first stored batch on, and records
 * per CPU second of this process (where the writer and chDB run), medians of
 * BENCH_RUNS drains (3; new ids each, so JetStream keeps every backlog); then
 * the baseline: the same rows inserted straight into the same table of the
 * same engine with @clickhouse/client, in batches of the writer's size, and
 * the ratio of the writer's steady rate to it.
 * STORE_BATCH_MAX_RECORDS and BENCH_LOG_LEVEL pass through to the module.
 */
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createClickHouseClient } from '@tideline/clickhouse';
import { CONSUMERS, GATEWAY_TOPICS, gatewaySubject, type StoreProgressEvent } from '@tideline/contracts';
import { evalstoreModule, predictionRow } from '@tideline/evalstore';
import { ingestModule, validatePrediction } from '@tideline/ingest';
import { ensureConsumer } from '@tideline/nats';
import { httpServerModule, startModules, type HttpServer } from '@tideline/runtime';
import { ndjson, signedFetch, startNatsServer, tempDir } from '@tideline/testing';
import { directInsert } from './direct-insert.ts';
import { size } from './sizes.ts';
import { fmt, median } from './traffic.ts';

const N = process.argv[2] ? Number(process.argv[2]) : size('BENCH_N', 100_000, 5_000);
const RUNS = size('BENCH_RUNS', 3, 1);
const BATCH = 5_000;
/** The writer's batch size (its default unless STORE_BATCH_MAX_RECORDS says otherwise): the baseline inserts as many rows at once. */
const WRITER_BATCH = Number(process.env.STORE_BATCH_MAX_RECORDS || 20_000);
const SECRET = 'b'.repeat(32);
const PROJECT = 'bench';

const records = (run: number, start: number, count: number, now: number) =>
  Array.from({ length: count }, (_, j) => {
    const i = start + j;
    return {
      id: `r${run}-${i}`,
      model: 'm',
      timestamp: now - i * 10,
      features: { age: i % 90, income: i * 1.5, country: ['de', 'fr', 'us'][i % 3]!, vip: i % 2 === 0, note: null },
      tags: { device: i % 2 ? 'ios' : 'web', region: 'eu' },
      output: { score: (i % 100) / 100 },
    };
  });

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const cpu = process.cpuUsage(since);
  return (cpu.user + cpu.system) / 1e6;
};

const nats = await startNatsServer();
const dir = tempDir('tideline-bench-store-');
const nc = await connect({ servers: nats.url });
const clickhouseUrl = `chdb://${dir.path}/ch`;
const env = { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: clickhouseUrl, TIDELINE_INTERNAL_SECRET: SECRET, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' };

/** One drain: a backlog of N new predictions published while no store runs, then the writer started and timed until it stored them all. */
async function drain(run: number) {
  // The backlog, published as ingest publishes (chunks of up to 1,000 records), kept by the writer's consumer.
  const ingest = await startModules({ catalog: [ingestModule], targets: ['ingest'], env });
  await ensureConsumer(await jetstreamManager(nc), CONSUMERS.storeWriter);
  const url = `${ingest.get<HttpServer>(httpServerModule.name).url}/internal/ingest/v1/predictions`;
  const now = Date.now();
  for (let start = 0; start < N; start += BATCH) {
    const batch = records(run, start, Math.min(BATCH, N - start), now);
    const res = await signedFetch(SECRET, PROJECT, url, { body: ndjson(batch) });
    const body = (await res.json()) as { accepted: number };
    if (res.status !== 200 || body.accepted !== batch.length) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
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
  const cpu = cpuSeconds(cpu0);
  // Steady state: from the first stored batch to the last, without module start.
  const steadyN = N - first!.stored;
  const steadySeconds = (performance.now() - first!.at) / 1000;
  const steadyCpu = cpuSeconds(first!.cpu);
  sub.unsubscribe();
  await store.stop();
  return {
    rate: N / seconds,
    seconds,
    perCpu: N / cpu,
    steadyRate: steadyN > 0 ? steadyN / steadySeconds : NaN,
    steadyPerCpu: steadyN > 0 ? steadyN / steadyCpu : NaN,
  };
}

/** The same rows straight into the same table of the same engine (this process's chDB), batches of the writer's size. */
async function baseline() {
  const client = createClickHouseClient(clickhouseUrl);
  const receivedAt = Date.now();
  const rows = records(RUNS, 0, N, receivedAt).map((r) => predictionRow(validatePrediction(r, { project: PROJECT, receivedAt, taskOf: () => 'BINARY' })));
  try {
    return await directInsert(client, rows, WRITER_BATCH, RUNS);
  } finally {
    await client.close();
  }
}

try {
  const drains: Awaited<ReturnType<typeof drain>>[] = [];
  for (let run = 0; run < RUNS; run++) drains.push(await drain(run));
  const m = (key: keyof (typeof drains)[number]) => median(drains.map((d) => d[key]));
  const base = await baseline();
  const steady = m('steadyRate');
  console.log(`
bench:store  a backlog of ${fmt(N)} predictions on JetStream, drained by the evalstore writer into chDB (medians of ${RUNS} drains)
  including module start:  ${fmt(m('rate'))} records/s (${m('seconds').toFixed(2)} s), ${fmt(m('perCpu'))} records per CPU second
  steady state:            ${Number.isNaN(steady) ? 'none: the backlog went in one batch' : `${fmt(steady)} records/s, ${fmt(m('steadyPerCpu'))} records per CPU second`}
  baseline, the same rows inserted directly with @clickhouse/client (batches of ${fmt(WRITER_BATCH)}, same table, same engine):
                           ${fmt(base.rate)} rows/s, ${fmt(base.perCpu)} rows per CPU second
  ratio to the baseline:   ${Number.isNaN(steady) ? '' : `steady state ${(steady / base.rate).toFixed(2)}, `}including module start ${(m('rate') / base.rate).toFixed(2)}
`);
} finally {
  await nc.close();
  await nats.stop();
  dir.remove();
}
