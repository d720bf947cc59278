/**
 * `npm run soak` (not in CI): one platform process (embedded chDB, its own
 * nats-server) under steady load for SOAK_MINUTES (default 30).
 *
 *  1. Peak: predictions sent flat out for SOAK_PEAK_SECONDS (default 20),
 *     then until all are queryable; peak = stored / (start → all stored), the
 *     rate the store sustains end to end (accepting alone runs faster, into
 *     JetStream's backlog).
 *  2. Soak: half that rate (SOAK_RATE overrides it), paced per batch, while
 *     a query loop runs metric, sliceMetrics and predictions through the
 *     gateway and four monitors (metric, grouped metric, drift, data quality)
 *     evaluate every minute. Each minute prints elapsed time, predictions
 *     sent, accepted (HTTP 200) and stored (`predictionCount`), the RSS of
 *     the platform process and of nats-server (VmRSS), the store writer's
 *     JetStream lag (num_pending + num_ack_pending, in messages of up to
 *     1,000 records) and redeliveries, monitor evaluations, query latencies
 *     and the load average. Past SOAK_MAX_RSS_MB (default 8192) of platform
 *     RSS it stops sending early, drains and fails.
 *  3. End: sending stops; waits until stored == accepted (giving up after
 *     2 minutes without progress), prints the exact stored count and exits 1
 *     if it differs from the accepted count. SOAK_DRAIN_SECONDS (default
 *     600) bounds the wait after the peak phase.
 *
 * Toy size: SOAK_MINUTES=1 SOAK_PEAK_SECONDS=5 npm run soak
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { CONSUMERS } from '@tideline/contracts';
import { createApiKey, createProject } from '@tideline/gateway';
import { eventually, startNatsServer, startPlatformProcess, tempDir } from '@tideline/testing';
import { generatePredictions, quantile, toNdjson } from './traffic.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const PEAK_SECONDS = Number(process.env.SOAK_PEAK_SECONDS ?? 20);
const DRAIN_SECONDS = Number(process.env.SOAK_DRAIN_SECONDS ?? 600);
const STALL_SECONDS = 120;
/** Past this platform RSS the run stops sending early (and fails): the machine may be shared. */
const MAX_RSS_MB = Number(process.env.SOAK_MAX_RSS_MB ?? 8192);
const BATCH = Number(process.env.SOAK_BATCH ?? 1000);
const CONCURRENCY = 4;
const QUERY_PAUSE_MS = 1000;
const MODEL = 'soak';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const mb = (kb: number) => `${fmt(kb / 1024)} MB`;

/** Resident memory of a process in kB, from /proc. */
function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? NaN);
}

/** The nats-server listening on `port` (startNatsServer does not expose its pid). */
function natsPid(port: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args[0]!.endsWith('nats-server') && args[args.indexOf('-p') + 1] === String(port)) return Number(entry);
    } catch {
      /* the process ended meanwhile */
    }
  }
  throw new Error(`no nats-server process on port ${port}`);
}

const dir = tempDir('tideline-soak-');
const nats = await startNatsServer();
const platform = await startPlatformProcess({
  NATS_URL: nats.url,
  CLICKHOUSE_URL: `chdb://${join(dir.path, 'clickhouse')}`,
  TIDELINE_HOME: dir.path,
  TIDELINE_INTERNAL_SECRET: 's'.repeat(64),
});
const nc = await connect({ servers: nats.url });
const jsm = await jetstreamManager(nc);
const natsServerPid = natsPid(nats.port);
let exitCode = 1;
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await nc.close();
    await platform.stop();
    await nats.stop();
    dir.remove();
  })());
// Stopped from outside (kill <pid>): take the platform and nats-server down with the run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

try {
  const kvm = new Kvm(nc);
  const project = await createProject(kvm, 'soak');
  const { key } = await createApiKey(kvm, project.id, 'soak');
  const auth = { authorization: `Bearer ${key}` };
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${platform.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data!;
  };
  const storedCount = async () => (await gql<{ model: { predictionCount: number } | null }>(`{ model(name: "${MODEL}") { predictionCount } }`)).model?.predictionCount ?? 0;
  const consumer = async () => {
    const info = await jsm.consumers.info(CONSUMERS.storeWriter.stream, CONSUMERS.storeWriter.durable);
    return { lag: info.num_pending + info.num_ack_pending, redelivered: info.num_redelivered };
  };

  let sent = 0;
  let accepted = 0;
  let nextBatch = 0;
  let stopSending = false;
  /** Labeled, timestamped now, ids unique over the whole run. */
  const batchBody = (batch: number) => {
    const now = Date.now();
    return toNdjson(
      generatePredictions(MODEL, BATCH, now, batch + 1).map((r, i) => ({ ...r, id: `soak-${batch * BATCH + i}`, timestamp: now, label: { positive: (i * 7919) % 100 < r.output.score * 100 } })),
    );
  };
  const post = async (body: string) => {
    for (let attempt = 0; attempt < 600; attempt++) {
      const res = await fetch(`${platform.url}/v1/predictions`, { method: 'POST', headers: auth, body });
      const result = (await res.json()) as { accepted?: number };
      if (res.status === 200 && result.accepted === BATCH) return;
      if (res.status !== 429 && res.status !== 503) throw new Error(`/v1/predictions: ${res.status} ${JSON.stringify(result).slice(0, 500)}`);
      await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
    }
    throw new Error('/v1/predictions refused a batch for 600 attempts');
  };
  /** Sends batches until `endAt`, batch n not before `startAt + n × BATCH / rate` (flat out for rate Infinity). */
  const send = async (rate: number, startAt: number, endAt: number) => {
    const first = nextBatch;
    const worker = async () => {
      for (;;) {
        const batch = nextBatch;
        const due = startAt + ((batch - first) * BATCH * 1000) / rate;
        if (stopSending || due >= endAt || Date.now() >= endAt) return;
        nextBatch++;
        if (due > Date.now()) await sleep(due - Date.now());
        sent += BATCH;
        await post(batchBody(batch));
        accepted += BATCH;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };
  const drained = (timeoutMs: number) => eventually(async () => (await storedCount()) === accepted, timeoutMs, 1000);

  // ---- 1. Peak, end to end.
  const peakStart = Date.now();
  await send(Infinity, peakStart, peakStart + PEAK_SECONDS * 1000);
  const acceptRate = accepted / ((Date.now() - peakStart) / 1000);
  await drained(DRAIN_SECONDS * 1000);
  const peak = accepted / ((Date.now() - peakStart) / 1000);
  const rate = Number(process.env.SOAK_RATE ?? peak / 2);
  const reference = { from: new Date(peakStart).toISOString(), to: new Date().toISOString() };
  console.log(`soak: peak over ${PEAK_SECONDS} s flat out: ${fmt(acceptRate)} predictions/s accepted, ${fmt(peak)}/s end to end (${fmt(accepted)} stored)`);
  console.log(`soak: ${MINUTES} min at ${fmt(rate)} predictions/s, batches of ${fmt(BATCH)}, ${CONCURRENCY} senders; queries in a loop; 4 monitors every 1m`);

  // ---- 2. Monitors and the query loop.
  const monitors = [
    { name: 'accuracy', check: { metric: 'ACCURACY' }, condition: { op: 'LT', threshold: 0.1 } },
    { name: 'log loss by country', check: { metric: 'LOG_LOSS' }, groupBy: ['tags.country'], condition: { op: 'GT', threshold: 10 } },
    { name: 'drift x0', check: { drift: { feature: 'features.x0', method: 'PSI' }, reference }, condition: { op: 'GT', threshold: 0.5 } },
    { name: 'nulls x1', check: { dataQuality: { feature: 'features.x1', figure: 'NULL_RATE' }, reference }, condition: { op: 'GT', threshold: 0.5 } },
  ];
  for (const m of monitors) {
    await gql('mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', { input: { ...m, model: MODEL, window: '5m', interval: '1m', minSamples: 30 } });
  }
  const window = () => ({ from: new Date(Date.now() - 5 * 60_000).toISOString(), to: new Date().toISOString() });
  const queries = [
    ['metric', 'query($w: TimeRangeInput!) { metric(model: "soak", metric: ACCURACY, window: $w, granularity: MINUTE) { points { value sampleCount } } }'],
    ['sliceMetrics', 'query($w: TimeRangeInput!) { sliceMetrics(model: "soak", metrics: [ACCURACY, LOG_LOSS], window: $w, groupBy: ["tags.country"]) { sampleCount } }'],
    ['predictions', 'query($w: TimeRangeInput!) { predictions(model: "soak", window: $w, slice: { field: "tags.device", op: EQ, value: "ios" }, first: 100) { edges { cursor } } }'],
  ] as const;
  let latencies: number[] = [];
  let queryErrors: string[] = [];
  let soaking = true;
  const queryLoop = (async () => {
    for (let i = 0; soaking; i++) {
      const [name, query] = queries[i % queries.length]!;
      const t0 = performance.now();
      await gql(query, { w: window() }).then(
        () => latencies.push(performance.now() - t0),
        (err: Error) => queryErrors.push(`${name}: ${err.message.slice(0, 200)}`),
      );
      await sleep(QUERY_PAUSE_MS);
    }
  })();
  const evaluationCounts = async () => {
    const text = await (await fetch(`${platform.url}/metrics`)).text();
    const count = (outcome: string) => Number(text.split('\n').find((l) => l.startsWith(`tideline_monitor_evaluations_total{outcome="${outcome}"}`))?.split(' ')[1] ?? 0);
    return { ok: count('ok'), error: count('error') };
  };

  // ---- 3. Steady load, a line a minute.
  const soakStart = Date.now();
  const soakEnd = soakStart + MINUTES * 60_000;
  let senderError: unknown;
  const sender = send(rate, soakStart, soakEnd).catch((err: unknown) => (senderError = err));
  let lastEvaluations = await evaluationCounts();
  let peakRss = 0;
  let completed = true;
  for (let minute = 1; minute <= MINUTES; minute++) {
    await sleep(soakStart + minute * 60_000 - Date.now());
    if (senderError) throw senderError;
    const [stored, { lag, redelivered }, evaluations] = [await storedCount(), await consumer(), await evaluationCounts()];
    const status = await gql<{ monitors: { name: string; status: { error: string | null } | null }[] }>(`{ monitors(model: "${MODEL}") { name status { error } } }`);
    const monitorErrors = status.monitors.filter((m) => m.status?.error).map((m) => `${m.name}: ${m.status!.error!.slice(0, 200)}`);
    const platformRss = rssKb(platform.pid);
    peakRss = Math.max(peakRss, platformRss);
    const q = latencies.length ? `${latencies.length} queries p50 ${fmt(quantile(latencies, 0.5))} ms p95 ${fmt(quantile(latencies, 0.95))} ms` : '0 queries';
    console.log(
      `[${String(minute).padStart(2)} min] sent ${fmt(sent)}  accepted ${fmt(accepted)}  stored ${fmt(stored)}  ` +
        `rss platform ${mb(platformRss)} nats ${mb(rssKb(natsServerPid))}  lag ${fmt(lag)} msgs (${fmt(redelivered)} redelivered)  ` +
        `evaluations ${evaluations.ok - lastEvaluations.ok} ok ${evaluations.error - lastEvaluations.error} failed  ${q}${queryErrors.length ? `, ${queryErrors.length} errors` : ''}  ` +
        `load ${loadavg()[0]!.toFixed(1)}`,
    );
    for (const error of monitorErrors) console.log(`         monitor error: ${error}`);
    for (const error of queryErrors.slice(0, 3)) console.log(`         query error: ${error}`);
    lastEvaluations = evaluations;
    latencies = [];
    queryErrors = [];
    if (platformRss / 1024 > MAX_RSS_MB) {
      console.log(`soak: platform RSS ${mb(platformRss)} is past SOAK_MAX_RSS_MB=${fmt(MAX_RSS_MB)}; stopping the load after ${minute} min`);
      completed = false;
      stopSending = true;
      break;
    }
  }
  await sender;
  soaking = false;
  if (senderError) throw senderError;
  await queryLoop;

  // ---- 4. Everything accepted is stored, exactly once.
  // The backlog may be large after a slow run: wait as long as the store makes progress.
  const drainStart = Date.now();
  let stored = await storedCount();
  for (let lastProgress = Date.now(); stored !== accepted && Date.now() - lastProgress < STALL_SECONDS * 1000; ) {
    await sleep(1000);
    const now = await storedCount();
    if (now !== stored) lastProgress = Date.now();
    stored = now;
  }
  console.log(`soak: sent ${fmt(sent)}, accepted ${fmt(accepted)}, stored ${fmt(stored)} (drained in ${((Date.now() - drainStart) / 1000).toFixed(1)} s); platform RSS peak ${mb(peakRss)}`);
  if (stored !== accepted) console.log(`soak: FAILED, stored ${stored} != accepted ${accepted}`);
  else if (!completed) console.log(`soak: FAILED, stopped early; exactly ${stored} predictions stored, as accepted`);
  else {
    console.log(`soak: OK, exactly ${stored} predictions stored`);
    exitCode = 0;
  }
} finally {
  await cleanUp();
}
process.exit(exitCode);
