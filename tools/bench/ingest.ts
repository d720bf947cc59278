/**
 * `npm run bench:ingest [-- N]`: N predictions (default 200,000; 10 numeric
 * features, 3 tags) sent as HTTP NDJSON through the gateway of a platform
 * process until all are queryable through GraphQL. Prints sustained
 * predictions/s, p50/p95 from HTTP accept to queryable, and the ratio to
 * inserting the same rows straight into ClickHouse (chDB) with
 * @clickhouse/client, measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClickHouseClient, migrate } from '@tideline/clickhouse';
import { evalstoreMigrations, predictionRow } from '@tideline/evalstore';
import { validatePrediction } from '@tideline/ingest';
import { directInsert } from './direct-insert.ts';
import { startBenchPlatform } from './platform.ts';
import { fmt, generatePredictions, quantile, toNdjson } from './traffic.ts';
import { size } from './sizes.ts';

const N = process.argv[2] ? Number(process.argv[2]) : size('BENCH_N', 200_000, 3_000);
const BATCH = size('BENCH_BATCH', 5_000, 1_000);
const CONCURRENCY = size('BENCH_CONCURRENCY', 4, 2);
const MODEL = 'bench';
/** How often the queryable count is polled: each poll is a query the embedded engine runs between the store's inserts. */
const POLL_MS = size('BENCH_POLL_MS', 25, 25);

/** Counters of the platform's /metrics the breakdown is read from. */
async function platformCounters(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { insertSeconds: value('tideline_store_insert_seconds_sum'), inserts: value('tideline_store_insert_seconds_count'), cpuSeconds: value('process_cpu_seconds_total') };
}

/** CPU seconds a process has used, from /proc (Linux: utime and stime in USER_HZ, 100 a second); NaN elsewhere. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const bench = await startBenchPlatform('bench');
const { platform, auth, gql } = bench;

try {
  const records = generatePredictions(MODEL, N);
  const bodies: string[] = [];
  for (let i = 0; i < N; i += BATCH) bodies.push(toNdjson(records.slice(i, i + BATCH)));

  const storedCount = async () => (await gql<{ model: { predictionCount: number } | null }>(`{ model(name: "${MODEL}") { predictionCount } }`)).model?.predictionCount ?? 0;

  const before = await platformCounters(platform.url);
  const natsCpu0 = processCpuSeconds(bench.nats.pid);
  const ownCpu0 = ownCpuSeconds();
  // Accept times, in order of acceptance, with the running total of accepted records.
  const accepts: { at: number; total: number }[] = [];
  let accepted = 0;
  const started = performance.now();
  let next = 0;
  const sender = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      for (;;) {
        const res = await fetch(`${platform.url}/v1/predictions`, { method: 'POST', headers: auth, body });
        const result = (await res.json()) as { accepted: number };
        if (res.status === 200) {
          accepted += result.accepted;
          accepts.push({ at: performance.now(), total: accepted });
          break;
        }
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
      }
    }
  };

  // Poll what is queryable while sending; each accept is matched with the first poll that covers it.
  const polls: { at: number; count: number }[] = [];
  let sending = true;
  const poller = (async () => {
    while (sending || (polls.at(-1)?.count ?? 0) < N) {
      polls.push({ at: performance.now(), count: await storedCount() });
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  const allAccepted = performance.now();
  sending = false;
  await poller;
  const allQueryable = polls.at(-1)!.at;
  const after = await platformCounters(platform.url);
  const natsCpu = processCpuSeconds(bench.nats.pid) - natsCpu0;
  const loadCpu = ownCpuSeconds() - ownCpu0;
  const platformCpu = after.cpuSeconds - before.cpuSeconds;

  const latencies = accepts.map(({ at, total }) => polls.find((p) => p.at >= at && p.count >= total)!.at - at);
  const e2eRate = N / ((allQueryable - started) / 1000);
  const perPrediction = (seconds: number) => ((1000 * seconds) / N).toFixed(3);

  // Baseline: the same rows straight into ClickHouse, same table, same batch size.
  const client = createClickHouseClient(`chdb://${join(bench.home.path, 'baseline')}`);
  await migrate(client, 'evalstore', evalstoreMigrations);
  const rows = records.map((r) => predictionRow(validatePrediction(r, { project: 'p_bench', receivedAt: Date.now(), taskOf: () => 'BINARY' })));
  const BASELINE_RUNS = 3;
  const { rate: baselineRate, cpuSeconds: baselineCpu } = await directInsert(client, rows, BATCH, BASELINE_RUNS);
  await client.close();
  console.log(`
bench:ingest  N=${fmt(N)} predictions (10 numeric features, 3 tags), batches of ${fmt(BATCH)}, ${CONCURRENCY} concurrent HTTP requests
  accepted (HTTP 200, on JetStream):   ${fmt(N / ((allAccepted - started) / 1000))} predictions/s
  end to end (accepted → queryable):   ${fmt(e2eRate)} predictions/s  (${((allQueryable - started) / 1000).toFixed(2)} s)
  accept → queryable latency:          p50 ${fmt(quantile(latencies, 0.5))} ms, p95 ${fmt(quantile(latencies, 0.95))} ms
  baseline, direct @clickhouse/client: ${fmt(baselineRate)} rows/s (median of ${BASELINE_RUNS})
  ratio end to end / baseline:         ${(e2eRate / baselineRate).toFixed(2)}
  where the time goes, over the run of ${((allQueryable - started) / 1000).toFixed(2)} s (CPU per prediction; the 2 cores are shared by all three):
    store inserts into ClickHouse:     ${(after.insertSeconds - before.insertSeconds).toFixed(2)} s in ${fmt(after.inserts - before.inserts)} batches (${fmt(N / Math.max(1, after.inserts - before.inserts))} predictions a batch)
    platform CPU, all modules:         ${platformCpu.toFixed(2)} s (${perPrediction(platformCpu)} ms)
    nats-server CPU:                   ${natsCpu.toFixed(2)} s (${perPrediction(natsCpu)} ms)
    load generator CPU (HTTP, polls):  ${loadCpu.toFixed(2)} s (${perPrediction(loadCpu)} ms)
    all three:                         ${(platformCpu + natsCpu + loadCpu).toFixed(2)} s (${perPrediction(platformCpu + natsCpu + loadCpu)} ms)
    baseline CPU (client and chDB):    ${baselineCpu.toFixed(2)} s a run (${perPrediction(baselineCpu)} ms per row)
`);
} finally {
  await bench.stop();
}
