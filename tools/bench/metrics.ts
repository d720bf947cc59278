/**
 * `npm run bench:metrics`: the slice-metric engine on bulk data, through the
 * gateway of a platform process, against baselines measured in the same run.
 *  1. sliceMetrics (ACCURACY, ROC_AUC, LOG_LOSS) over 24 hourly buckets × 20
 *     slices of 10M labeled predictions, versus the same hand-written SQL run
 *     directly on ClickHouse (chDB), and the floor of the question on this
 *     engine: the same SQL on an ideal pre-joined table (slice-floor.ts).
 *  2. driftReport (PSI, KS, WASSERSTEIN) for 20 numeric features, 1M reference
 *     versus 1M current rows, versus the same statistics computed in Node over
 *     the rows pulled out of ClickHouse; and the same report with
 *     `approximate: true` (binned, with error bounds).
 *     And the floor of any answer through the gateway: the same answer's shape
 *     from memory through a bare Apollo subgraph and Hive Gateway
 *     (graphql-floor.ts), against which the ratio to hand-written SQL is read.
 *  3. model statistics (`model(name)` on the 10M model, `models` on 1,000
 *     models × 10k predictions), versus the queries before the model summary
 *     (model-stats.ts).
 * Data are generated inside ClickHouse (INSERT … SELECT FROM numbers()).
 * BENCH_ROWS and BENCH_DRIFT_ROWS shrink the sizes for a quick run.
 */
import { createClickHouseClient, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { evalstoreMigrations } from '@tideline/evalstore';
import { dataOf, signedGraphql, startNatsServer, tempDir } from '@tideline/testing';
import { driftInNode } from './drift-baseline.ts';
import { graphqlFloor } from './graphql-floor.ts';
import { generateManyModels, modelStatsDirect, modelStatsGateway, modelStatsReport } from './model-stats.ts';
import { size } from './sizes.ts';
import { sliceFloor, sliceMetricsSql } from './slice-floor.ts';
import { handStates } from './slice-states.ts';
import { BENCH_INTERNAL_SECRET, benchProject, prepareBenchData, medianMs, startPlatformOnBenchData, timed } from './timing.ts';

const ROWS = size('BENCH_ROWS', 10_000_000, 20_000);
const DRIFT_ROWS = size('BENCH_DRIFT_ROWS', 1_000_000, 5_000);
const RUNS = size('BENCH_RUNS', 3, 1);
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const FEATURES = Array.from({ length: 20 }, (_, i) => `f${i}`);

type Gql = (query: string, as?: string) => Promise<Record<string, unknown[]>>;

/** Waits (bounded) until the platform has finished a fold into hour states; its time and rows, from /metrics. */
async function foldDone(url: string): Promise<{ seconds: number; rows: number }> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (pattern: string) => Number(new RegExp(`^${pattern} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    if (value('tideline_metrics_folds_total\\{outcome="failed"\\}') > 0) throw new Error('the fold into hour states failed: see the platform log');
    if (value('tideline_metrics_folds_total\\{outcome="ok"\\}') >= 1) return { seconds: value('tideline_metrics_fold_seconds_sum'), rows: value('tideline_metrics_folded_rows_total') };
    if (Date.now() > deadline) throw new Error('no fold into hour states finished within 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
const repeat = (fn: () => Promise<unknown>) => medianMs(RUNS, fn);
/**
 * Answers of tens of milliseconds (the hour states, directly or through the
 * gateway): more runs and warm-ups, as the gateway's first requests run cold
 * and one slow run moves a median of three.
 */
const QUICK_RUNS = size('BENCH_QUICK_RUNS', 15, 1);
const QUICK_WARMUPS = 5;
const repeatQuick = (fn: () => Promise<unknown>) => medianMs(QUICK_RUNS, fn, QUICK_WARMUPS);

async function generate(client: ClickHouseClient, project: string) {
  await migrate(client, 'evalstore', evalstoreMigrations);
  // 10M predictions over one day, 20 countries, labels ~ Bernoulli(score) as feedback.
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, tags, score, version)
      SELECT {project:String}, 'churn', 'v1', toString(number), 'BINARY',
        fromUnixTimestamp64Milli(toInt64(${T0} + intDiv(number * ${DAY}, ${ROWS}))), now64(3),
        map('country', concat('c', toString(number % 20)), 'device', ['ios', 'android', 'web'][number % 3 + 1]),
        (cityHash64(number) % 1000000) / 1000000.0, 1
      FROM numbers(${ROWS})`,
    query_params: { project },
  });
  await client.command({
    query: `INSERT INTO evalstore_feedback (project, model, prediction_id, task, ts, received_at, label_positive, version)
      SELECT {project:String}, 'churn', toString(number), 'BINARY', now64(3), now64(3),
        (cityHash64(number, 7) % 1000000) / 1000000.0 < (cityHash64(number) % 1000000) / 1000000.0, 1
      FROM numbers(${ROWS})`,
    query_params: { project },
  });
  // Drift: 20 numeric features; the current day shifts half of them.
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, score, version)
      SELECT {project:String}, 'drift', 'v1', toString(number), 'BINARY',
        fromUnixTimestamp64Milli(toInt64(${T0} + intDiv(number * ${2 * DAY}, ${2 * DRIFT_ROWS}))), now64(3),
        mapFromArrays([${FEATURES.map((f) => `'${f}'`).join(',')}],
          arrayMap(i -> (cityHash64(number, i) % 1000000) / 100000.0 + if(number >= ${DRIFT_ROWS} AND i % 2 = 0, 0.5, 0), range(20))),
        0.5, 1
      FROM numbers(${2 * DRIFT_ROWS})`,
    query_params: { project },
  });
  // The store's writer records the tag and feature names each model carries; bulk
  // inserts bypass it, so the field catalog is filled here as the writer would.
  for (const [kind, names] of [['tags', 'mapKeys(tags)'], ['features', 'mapKeys(features_num)']]) {
    await client.command({
      query: `INSERT INTO evalstore_fields SELECT DISTINCT project, model, '${kind}', arrayJoin(${names}) FROM evalstore_predictions WHERE project = {project:String}`,
      query_params: { project },
    });
  }
  await client.command({ query: 'OPTIMIZE TABLE evalstore_predictions FINAL' });
  await client.command({ query: 'OPTIMIZE TABLE evalstore_feedback FINAL' });
}

/** The store's rows for the sliceMetrics question as a ClickHouse user would read them: both tables FINAL, joined by id. */
const HAND_SOURCE = `(
  SELECT p.ts AS ts, p.tags['country'] AS country, p.score AS score, f.label_positive AS label_positive
  FROM (SELECT * FROM evalstore_predictions FINAL WHERE project = {project:String} AND model = 'churn'
        AND ts >= fromUnixTimestamp64Milli(${T0}) AND ts < fromUnixTimestamp64Milli(${T0 + DAY})) AS p
  ANY INNER JOIN (SELECT prediction_id, label_positive FROM evalstore_feedback FINAL WHERE project = {project:String} AND model = 'churn') AS f
    ON f.prediction_id = p.id
  SETTINGS join_algorithm = 'full_sorting_merge')`;
/** What a ClickHouse user would write for the sliceMetrics question, run directly. */
const HAND_SLICE_SQL = sliceMetricsSql(HAND_SOURCE);

const dir = tempDir('tideline-bench-metrics-');
const nats = await startNatsServer();
try {
  const { project, key, clickhouseUrl, direct } = await prepareBenchData(nats.url, dir.path);
  const many = await benchProject(nats.url, 'bench-many-models');
  const [, generateMs] = await timed(async () => {
    await generate(direct, project);
    await generateManyModels(direct, many.project, T0);
  });
  const modelStats = await modelStatsDirect(direct, project, many.project, RUNS);
  const handSlices = await repeat(async () => {
    const result = await direct.query({ query: HAND_SLICE_SQL, query_params: { project: project }, format: 'JSONEachRow' });
    if ((await result.json()).length !== 24 * 20) throw new Error('hand-written SQL returned the wrong number of groups');
  });
  const floor = await sliceFloor(direct, HAND_SOURCE, { project }, 24 * 20, RUNS);
  // One run: the baseline moves every row through Node and takes minutes at full size.
  const [, nodeDrift] = await timed(() => driftInNode(direct, project, FEATURES, { from: T0, to: T0 + DAY }, { from: T0 + DAY, to: T0 + 2 * DAY }));
  await direct.close();

  /** Runs `fn` against a platform process on the bench's data (with `env` added), stopped after. */
  async function onPlatform<T>(env: Record<string, string>, fn: (gql: Gql, url: string) => Promise<T>): Promise<T> {
    const platform = await startPlatformOnBenchData(nats.url, clickhouseUrl, dir.path, env);
    try {
      return await fn(async (query, as = key) => {
        const res = await fetch(`${platform.url}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as { data?: Record<string, unknown[]>; errors?: unknown[] };
        if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
        return body.data!;
      }, platform.url);
    } finally {
      await platform.stop();
    }
  }

  const window = (from: number, to: number) => `{ from: "${new Date(from).toISOString()}", to: "${new Date(to).toISOString()}" }`;
  const sliceQuestion = `{ sliceMetrics(model: "churn", metrics: [ACCURACY, ROC_AUC, LOG_LOSS], groupBy: ["tags.country"], granularity: HOUR,
    window: ${window(T0, T0 + DAY)}) { key { value } buckets { from values { metric value } } } }`;
  const askSlices = (gql: Gql, question = sliceQuestion) => async () => {
    if ((await gql(question)).sliceMetrics!.length !== 20) throw new Error('sliceMetrics returned the wrong number of slices');
  };
  // The same question over part hours (half an hour in from each end): not from the hour states, from the folded rows.
  const partQuestion = sliceQuestion.replace(window(T0, T0 + DAY), window(T0 + 1_800_000, T0 + DAY - 1_800_000));
  // An hour of the day, from :30 to :30: the folded rows read its two hours, the store's rows the whole model.
  const hourQuestion = sliceQuestion.replace(window(T0, T0 + DAY), window(T0 + 12.5 * 3_600_000, T0 + 13.5 * 3_600_000));

  // The platform process owns the chDB directory from here on: first with the hour states, then reading the rows as before them.
  const withStates = await onPlatform({}, async (gql, url) => {
    // The first read after the data changed starts folding every hour of the model into states (in the background
    // past 4M rows: it answers from the rows); the reads after the fold read the states.
    const [, firstRead] = await timed(askSlices(gql));
    const fold = await foldDone(url);
    const slices = await repeatQuick(askSlices(gql));
    // The same question asked of the metrics subgraph itself, signed as the gateway signs: what the gateway adds, and what the service takes.
    const subgraph = signedGraphql(`${url}/internal/metrics/graphql`, BENCH_INTERNAL_SECRET);
    const subgraphSlices = await repeatQuick(askSlices(async (query) => dataOf(await subgraph<Record<string, unknown[]>>(project, query))));
    const partSlices = await repeat(askSlices(gql, partQuestion));
    const hourSlices = await repeat(askSlices(gql, hourQuestion));
    const driftReport = (approximate: boolean) => async () => {
      const data = await gql(`{ driftReport(model: "drift", features: [${FEATURES.map((f) => `"features.${f}"`).join(', ')}], methods: [PSI, KS, WASSERSTEIN],
        reference: ${window(T0, T0 + DAY)}, current: ${window(T0 + DAY, T0 + 2 * DAY)}, approximate: ${approximate}) { feature method statistic errorBound } }`);
      if (data.driftReport!.length !== 60) throw new Error(`driftReport returned ${data.driftReport!.length} results, not 60`);
    };
    const drift = await repeat(driftReport(false));
    const driftApprox = await repeat(driftReport(true));
    const modelStatsThroughGateway = await modelStatsGateway(gql, key, many.key, RUNS, ROWS);
    return { firstRead, fold, slices, subgraphSlices, partSlices, hourSlices, drift, driftApprox, modelStatsThroughGateway };
  });
  const { slices, drift, driftApprox } = withStates;
  const rowsSlices = await onPlatform({ METRICS_HOUR_STATES: 'false' }, async (gql) => ({ whole: await repeat(askSlices(gql)), part: await repeat(askSlices(gql, partQuestion)), hour: await repeat(askSlices(gql, hourQuestion)) }));
  const reopened = createClickHouseClient(clickhouseUrl);
  const handOnStates = await handStates(reopened, project, T0, T0 + DAY, 24 * 20, (fn) => repeatQuick(fn)).finally(() => reopened.close());
  // In this process, after the platform stopped: nothing else runs beside it.
  const graphqlLayers = await graphqlFloor(20, 24, (fn) => repeatQuick(fn));
  const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;
  console.log(`
bench:metrics  (medians of ${RUNS} runs after one warm-up; data generated in ClickHouse in ${fmt(generateMs)})
  sliceMetrics ACCURACY, ROC_AUC, LOG_LOSS · 24 hourly buckets × 20 slices · ${ROWS.toLocaleString('en-US')} labeled predictions
    through the gateway, hour states:        ${fmt(slices)}   (target ≤ 500 ms; this and the next: medians of ${QUICK_RUNS} after ${QUICK_WARMUPS} warm-ups)
    hand-written SQL on the hour states:     ${fmt(handOnStates)}
    ratio gateway / hand-written:            ${(slices / handOnStates).toFixed(2)}   (target ≤ 1.3)
    the GraphQL layers alone, no SQL:        ${fmt(graphqlLayers.gatewayMs)}   (the same ${Math.round(graphqlLayers.bytes / 1000)} KB answer from memory, no ClickHouse: ${(graphqlLayers.gatewayMs / handOnStates).toFixed(2)}× the hand-written SQL before any SQL runs; the subgraph alone ${fmt(graphqlLayers.subgraphMs)}, the JSON over HTTP ${fmt(graphqlLayers.rawMs)})
    Tideline above that floor:               ${fmt(slices - graphqlLayers.gatewayMs)}   (its SQL: one statement while the store is unchanged, two after a change; shaping, signing and limits; the hand-written SQL alone takes ${fmt(handOnStates)})
    the metrics subgraph alone, no gateway:  ${fmt(withStates.subgraphSlices)}   (ratio to hand-written ${(withStates.subgraphSlices / handOnStates).toFixed(2)}; the gateway adds ${fmt(slices - withStates.subgraphSlices)})
    the first read after the data changed:   ${fmt(withStates.firstRead)}   (one run; it starts the fold of the model's 24 hours, and waits only for a fold of ≤ 15 % of the model's rows (≥ 100k, ≤ 3M): else it answers from the rows)
    the fold of the 24 hours:                 ${fmt(withStates.fold.seconds * 1000)}   (${withStates.fold.rows.toLocaleString('en-US')} rows into folded rows and hour states, from the platform's /metrics)
    through the gateway, rows (METRICS_HOUR_STATES=false): ${fmt(rowsSlices.whole)}   (the layout before the states: ${(rowsSlices.whole / slices).toFixed(1)}× slower; target ≥ 10×)
    the day from :30 to :30, folded rows:    ${fmt(withStates.partSlices)}   (part hours: not from the states; the rows, METRICS_HOUR_STATES=false: ${fmt(rowsSlices.part)}, ratio rows / folded ${(rowsSlices.part / withStates.partSlices).toFixed(1)})
    one hour from :30 to :30, folded rows:   ${fmt(withStates.hourSlices)}   (the rows: ${fmt(rowsSlices.hour)}, ratio ${(rowsSlices.hour / withStates.hourSlices).toFixed(1)}: they read the model's whole history)
    hand-written SQL on the rows:            ${fmt(handSlices)}
    floor, the same SQL on an ideal table:   ${fmt(floor.metricsMs)}   (pre-joined, time-ordered, one part, no FINAL: the floor of any row layout)
    floor, counting each group's rows alone: ${fmt(floor.countMs)}
  driftReport PSI, KS, WASSERSTEIN · 20 numeric features · ${DRIFT_ROWS.toLocaleString('en-US')} reference vs ${DRIFT_ROWS.toLocaleString('en-US')} current rows
    through the gateway:                    ${fmt(drift)}   (target ≤ 2,000 ms)
    rows pulled into Node, computed there:   ${fmt(nodeDrift)}   (one run)
    speed-up over the Node baseline:         ${(nodeDrift / drift).toFixed(1)}×
    approximate: true (binned, error bounds): ${fmt(driftApprox)}   (${(drift / driftApprox).toFixed(1)}× faster than exact; target ≤ 2,000 ms)
${modelStatsReport(modelStats, withStates.modelStatsThroughGateway, ROWS, fmt)}`);
} finally {
  await nats.stop();
  dir.remove();
}
