/**
 * `npm run bench:sdk [-- N]`: the TypeScript SDK's producer against plain HTTP
 * NDJSON, on one platform in the same run. Both send the same N predictions
 * (default 200,000; 10 numeric features, 3 tags) in batches of BENCH_BATCH with
 * BENCH_CONCURRENCY requests in flight, until every record is accepted (HTTP
 * 200: durably on JetStream). The SDK is driven the way a service uses it, one
 * `await tl.logPrediction(record)` per record, with memory bounded at four
 * batches (backpressure). Rounds alternate (HTTP, SDK, HTTP, SDK, …) so the
 * store's background work weighs on both; each figure is the median of its
 * rounds. Prints both rates, their ratio (the goal is ≥ 0.9), the most
 * records the producer held, and the heap's growth during its rounds.
 */
import { Tideline } from '@tideline/sdk';
import { startBenchPlatform } from './platform.ts';
import { size } from './sizes.ts';
import { generatePredictions, median, toNdjson } from './traffic.ts';

const N = process.argv[2] ? Number(process.argv[2]) : size('BENCH_N', 200_000, 3_000);
const BATCH = size('BENCH_BATCH', 5_000, 1_000);
const CONCURRENCY = size('BENCH_CONCURRENCY', 4, 2);
const ROUNDS = size('BENCH_ROUNDS', 3, 1);

const bench = await startBenchPlatform('bench-sdk');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
// Each round its own model, so no round's records are a resend of another's.
const recordsOf = (model: string) => generatePredictions(model, N).map((r) => ({ ...r, timestamp: new Date(r.timestamp).toISOString() }));

/** Plain HTTP: the batches posted by CONCURRENCY workers; a refused batch waits its Retry-After and goes again. */
async function plainHttp(model: string): Promise<number> {
  const records = recordsOf(model);
  const bodies = Array.from({ length: Math.ceil(N / BATCH) }, (_, i) => toNdjson(records.slice(i * BATCH, (i + 1) * BATCH)));
  const started = performance.now();
  const worker = async () => {
    for (let body = bodies.shift(); body !== undefined; body = bodies.shift()) {
      let res = await fetch(`${bench.platform.url}/v1/predictions`, { method: 'POST', headers: bench.auth, body });
      while (res.status !== 200) {
        await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 1) * 1000));
        res = await fetch(`${bench.platform.url}/v1/predictions`, { method: 'POST', headers: bench.auth, body });
      }
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return N / ((performance.now() - started) / 1000);
}

/** The SDK, one awaited call per record, then a flush. */
async function sdkProducer(model: string): Promise<{ rate: number; peakHeld: number; heapGrowth: number }> {
  const records = recordsOf(model);
  const tl = new Tideline({ url: bench.platform.url, apiKey: bench.key, batchSize: BATCH, maxBatchBytes: 64 * 1024 * 1024, maxInFlight: CONCURRENCY, maxQueuedRecords: 4 * BATCH });
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  for (const record of records) await tl.logPrediction(record);
  await tl.close();
  const rate = N / ((performance.now() - started) / 1000);
  clearInterval(sampler);
  const { accepted, failed, peakHeld } = tl.stats;
  if (accepted !== N || failed) throw new Error(`the SDK accepted ${accepted} of ${N} records (${failed} given up)`);
  return { rate, peakHeld, heapGrowth: heapPeak - heapBefore };
}

try {
  const http: number[] = [];
  const sdk: Awaited<ReturnType<typeof sdkProducer>>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    http.push(await plainHttp(`http-${round}`));
    sdk.push(await sdkProducer(`sdk-${round}`));
  }
  const httpRate = median(http);
  const sdkRate = median(sdk.map((s) => s.rate));
  console.log(`
bench:sdk  N=${fmt(N)} predictions (10 numeric features, 3 tags) a round, ${ROUNDS} rounds each, batches of ${fmt(BATCH)}, ${CONCURRENCY} requests in flight
  plain HTTP NDJSON, accepted:           ${fmt(httpRate)} predictions/s  (rounds: ${http.map(fmt).join(', ')})
  SDK producer (await per record):       ${fmt(sdkRate)} predictions/s  (rounds: ${sdk.map((s) => fmt(s.rate)).join(', ')})
  ratio SDK / HTTP:                      ${(sdkRate / httpRate).toFixed(2)}
  records the producer held, at most:    ${fmt(Math.max(...sdk.map((s) => s.peakHeld)))} (bound: ${fmt(4 * BATCH)})
  heap growth while producing, at most:  ${(Math.max(...sdk.map((s) => s.heapGrowth)) / 2 ** 20).toFixed(1)} MiB (the round's ${fmt(N)} records are generated before it starts)
`);
} finally {
  await bench.stop();
}
