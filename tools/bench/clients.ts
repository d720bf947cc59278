/**
 * `npm run bench:clients`: the platform's clients against its plain HTTP
 * ingest, on one platform process in the same run. Each sends the same N
 * predictions (BENCH_CLIENTS_ROWS, default 1,000,000; 10 numeric features,
 * 3 tags) until every record is accepted (HTTP 200: durably on JetStream):
 *  (a) plain HTTP: pre-built NDJSON batches of BENCH_BATCH, BENCH_CONCURRENCY
 *      requests in flight — the baseline;
 *  (b) the CLI: a Parquet file of the N rows (written by chDB before the round),
 *      ingested by `node tools/cli/launch.mjs ingest predictions` (the bin, as
 *      `npm run tideline` starts it) as a child process, the way a user runs it,
 *      with its default batches (timed from spawn to exit, so its start-up
 *      counts); goal ≥ 0.8 of (a);
 *  (c) the TypeScript SDK's producer, one `await tl.logPrediction(record)` per
 *      record, memory bounded at BENCH_CONCURRENCY + 2 batches, queued or in
 *      flight (backpressure): the requests in flight and two being filled,
 *      as the baseline keeps its requests busy; goal ≥ 0.9 of (a).
 * Each client starts on an idle platform (the previous client's records all
 * stored, not timed) and the order turns each round (a b c, b c a, c a b), so
 * none always goes first; each figure is the median of BENCH_ROUNDS rounds. First, while the
 * platform is idle, the CLI's start: `tideline project list` against it, wall
 * time from spawn to exit, median of 5 (the issue: "each call well under a
 * second"), beside `tideline help` (no API call) and the API call alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { Session } from 'chdb';
import { createApiKey } from '@tideline/gateway';
import { Tideline } from '@tideline/sdk';
import { eventually } from '@tideline/testing';
import { startBenchPlatform } from './platform.ts';
import { size } from './sizes.ts';
import { fmt, generatePredictions, median, toNdjson } from './traffic.ts';

const N = size('BENCH_CLIENTS_ROWS', 1_000_000, 3_000);
const BATCH = size('BENCH_BATCH', 5_000, 1_000);
const CONCURRENCY = size('BENCH_CONCURRENCY', 4, 2);
const ROUNDS = size('BENCH_ROUNDS', 3, 1);
const SDK_BOUND = (CONCURRENCY + 2) * BATCH;
const CLI_GOAL = 0.8;
const SDK_GOAL = 0.9;
const rateOf = (started: number) => N / ((performance.now() - started) / 1000);
// Each round its own model, so no round's records are a resend of another's.
const recordsOf = (model: string) => generatePredictions(model, N).map((r) => ({ ...r, timestamp: new Date(r.timestamp).toISOString() }));

const bench = await startBenchPlatform('bench-clients');
const scratch = mkdtempSync(join(tmpdir(), 'bench-clients-'));

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
  return rateOf(started);
}

/**
 * The round's rows as a Parquet file, columns as the CLI maps them (`id`,
 * `timestamp`, `score`, `features.x0`…, `tags.country`…): written as CSV here,
 * then converted by chDB in its own temporary session.
 */
function writeParquet(model: string): string {
  const records = recordsOf(model);
  const features = Object.keys(records[0]!.features);
  const tags = Object.keys(records[0]!.tags);
  const header = ['id', 'timestamp', 'score', ...features.map((f) => `features.${f}`), ...tags.map((t) => `tags.${t}`)];
  const lines = records.map((r) => [r.id, r.timestamp, r.output.score, ...features.map((f) => r.features[f]), ...tags.map((t) => r.tags[t])].join(','));
  const csv = join(scratch, `${model}.csv`);
  const parquet = join(scratch, `${model}.parquet`);
  writeFileSync(csv, `${header.join(',')}\n${lines.join('\n')}\n`);
  const session = new Session();
  try {
    session.queryBind("INSERT INTO FUNCTION file({parquet:String}, 'Parquet') SELECT * FROM file({csv:String}, 'CSVWithNames')", { csv, parquet });
  } finally {
    session.cleanup();
    rmSync(csv);
  }
  return parquet;
}

/** `node tools/cli/launch.mjs …args` run to its end: exit code, output and wall time in ms. */
async function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['tools/cli/launch.mjs', ...args], {
    env: { ...process.env, TIDELINE_STATE_DIR: join(scratch, 'state') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  return { code, stdout, stderr, ms: performance.now() - started };
}

/**
 * The CLI ingesting the round's Parquet file: its rate from spawn to exit, and
 * the rate it reports itself (from the first block read, so without start-up
 * and opening the file).
 */
async function cli(model: string): Promise<{ rate: number; sendingRate: number }> {
  const file = writeParquet(model);
  const run = await runCli(['ingest', 'predictions', file, '--model', model, '--task', 'binary', '--url', bench.platform.url, '--key', bench.key]);
  rmSync(file);
  const summary = `${fmt(N)} accepted, 0 rejected`;
  if (run.code !== 0 || !run.stdout.includes(summary)) throw new Error(`the CLI did not ingest all ${fmt(N)} rows (exit ${run.code}): ${run.stdout}${run.stderr}`);
  // Its last progress line: "progress N/N rows in 12s (34,567 rows/s)".
  const sendingRate = Number(/\(([\d,]+) rows\/s\)\s*$/.exec(run.stderr)?.[1]?.replace(/,/g, '') ?? NaN);
  return { rate: N / (run.ms / 1000), sendingRate };
}

/**
 * The CLI's start, 5 calls each: `project list` with an admin key (spawn to
 * exit), `help` (no API call: Node and the bundle), and the same GraphQL call
 * made from here (the API's share). A first `help` builds the bundle if stale.
 */
async function startTimes(): Promise<{ projectList: number[]; help: number[]; api: number[] }> {
  const { key } = await createApiKey(new Kvm(bench.nc), bench.project, 'bench-admin', { admin: true });
  const times = async (call: () => Promise<void>) => {
    const walls: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await call();
      walls.push(performance.now() - started);
    }
    return walls;
  };
  const ok = async (args: string[]) => {
    const run = await runCli(args);
    if (run.code !== 0) throw new Error(`tideline ${args.join(' ')} failed (exit ${run.code}): ${run.stderr}`);
  };
  await ok(['help']);
  const projectList = await times(() => ok(['project', 'list', '--url', bench.platform.url, '--key', key]));
  const help = await times(() => ok(['help']));
  const api = await times(async () => {
    const res = await fetch(`${bench.platform.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ projects { id name } }' }) });
    if (res.status !== 200) throw new Error(`projects answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  });
  return { projectList, help, api };
}

/** The SDK, one awaited call per record, then a flush. */
async function sdkProducer(model: string): Promise<{ rate: number; peakHeld: number; heapGrowth: number }> {
  const records = recordsOf(model);
  const tl = new Tideline({ url: bench.platform.url, apiKey: bench.key, batchSize: BATCH, maxBatchBytes: 64 * 1024 * 1024, maxInFlight: CONCURRENCY, maxQueuedRecords: SDK_BOUND });
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  for (const record of records) await tl.logPrediction(record);
  await tl.close();
  const rate = rateOf(started);
  clearInterval(sampler);
  const { accepted, failed, peakHeld } = tl.stats;
  if (accepted !== N || failed) throw new Error(`the SDK accepted ${accepted} of ${N} records (${failed} given up)`);
  return { rate, peakHeld, heapGrowth: heapPeak - heapBefore };
}

/** Waits (untimed) until all N records of a model are stored and queryable. */
const stored = (model: string) =>
  eventually(async () => ((await bench.gql<{ model: { predictionCount: number } | null }>('query ($name: String!) { model(name: $name) { predictionCount } }', { name: model })).model?.predictionCount ?? 0) >= N, 30 * 60_000, 250);

const ratioLine = (ratio: number, goal: number) => `${ratio.toFixed(2)}  (goal ≥ ${goal}: ${ratio >= goal ? 'met' : 'NOT met'})`;

try {
  const start = await startTimes();
  const http: number[] = [];
  const clis: Awaited<ReturnType<typeof cli>>[] = [];
  const sdk: Awaited<ReturnType<typeof sdkProducer>>[] = [];
  // Each client starts on an idle platform (the previous one's records all stored, untimed), and the order turns
  // each round, so no client always runs first or always behind the store's backlog.
  const clients = [
    async (round: number) => http.push(await plainHttp(`http-${round}`)),
    async (round: number) => clis.push(await cli(`cli-${round}`)),
    async (round: number) => sdk.push(await sdkProducer(`sdk-${round}`)),
  ];
  const names = ['http', 'cli', 'sdk'];
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < clients.length; k++) {
      const which = (k + round) % clients.length;
      await clients[which]!(round);
      await stored(`${names[which]}-${round}`);
    }
  }
  const httpRate = median(http);
  const cliRate = median(clis.map((c) => c.rate));
  const sdkRate = median(sdk.map((s) => s.rate));
  const rounds = (rates: number[]) => `(rounds: ${rates.map(fmt).join(', ')})`;
  const calls = (ms: number[]) => `(calls: ${ms.map(fmt).join(', ')} ms)`;
  console.log(`
bench:clients  N=${fmt(N)} predictions (10 numeric features, 3 tags) a round, ${ROUNDS} rounds each; HTTP and SDK: batches of ${fmt(BATCH)}, ${CONCURRENCY} requests in flight; CLI: its defaults
  (a) plain HTTP NDJSON, accepted:         ${fmt(httpRate)} predictions/s  ${rounds(http)}
  (b) CLI, Parquet file, spawn to exit:    ${fmt(cliRate)} predictions/s  ${rounds(clis.map((c) => c.rate))}
      the CLI's own figure, sending only:  ${fmt(median(clis.map((c) => c.sendingRate)))} predictions/s  ${rounds(clis.map((c) => c.sendingRate))}
      ratio CLI / HTTP:                    ${ratioLine(cliRate / httpRate, CLI_GOAL)}
  (c) SDK producer (await per record):     ${fmt(sdkRate)} predictions/s  ${rounds(sdk.map((s) => s.rate))}
      ratio SDK / HTTP:                    ${ratioLine(sdkRate / httpRate, SDK_GOAL)}
      records the producer held, at most:  ${fmt(Math.max(...sdk.map((s) => s.peakHeld)))} (bound: ${fmt(SDK_BOUND)})
      heap growth while producing, at most: ${(Math.max(...sdk.map((s) => s.heapGrowth)) / 2 ** 20).toFixed(1)} MiB (the round's ${fmt(N)} records are generated before it starts)
  (d) CLI start, platform idle, median of 5 (spawn to exit):
      \`tideline project list\`:            ${fmt(median(start.projectList))} ms  ${calls(start.projectList)}
      \`tideline help\` (no API call):       ${fmt(median(start.help))} ms  ${calls(start.help)}
      the API call alone (from the bench): ${fmt(median(start.api))} ms  ${calls(start.api)}
`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
  await bench.stop();
}
