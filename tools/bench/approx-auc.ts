/**
 * `npm run bench:approx-auc`: a daily ROC AUC (and ACCURACY) by country
 * through sliceMetrics (the service's function on in-process chDB, no
 * gateway) on bench:metrics' data shape: approximate from the hour states'
 * score histograms, against exact from the folded rows and from the store's
 * rows in the same run; the fold's time, the states' bytes a row with and
 * without histograms, and every approximate value's error against its bound
 * (the run fails if one lies outside). BENCH_ROWS (2M) over one day,
 * BENCH_RUNS; BENCH_TOY=1: toy sizes.
 */
import { bucketsFor } from '@tideline/store';
import { HourStates, realizedDefinition, sliceMetrics } from '@tideline/metrics';
import { metricsStore } from './metrics-store.ts';
import { size } from './sizes.ts';
import { medianMs } from './timing.ts';

const ROWS = size('BENCH_ROWS', 2_000_000, 20_000);
const RUNS = size('BENCH_RUNS', 5, 1);
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const { client, close } = await metricsStore('exp-approx-');
try {
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, tags, score, version)
      SELECT 'p', 'churn', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + intDiv(number * ${DAY}, ${ROWS}))), now64(3),
        map('country', concat('c', toString(number % 20)), 'device', ['ios', 'android', 'web'][number % 3 + 1]), (cityHash64(number) % 1000000) / 1000000.0, 1
      FROM numbers(${ROWS})`,
  });
  await client.command({
    query: `INSERT INTO evalstore_feedback (project, model, prediction_id, task, ts, received_at, label_positive, version)
      SELECT 'p', 'churn', toString(number), 'BINARY', now64(3), now64(3), (cityHash64(number, 7) % 1000000) / 1000000.0 < (cityHash64(number) % 1000000) / 1000000.0, 1
      FROM numbers(${ROWS})`,
  });
  await client.command({ query: "INSERT INTO evalstore_fields SELECT DISTINCT project, model, 'tags', arrayJoin(mapKeys(tags)) FROM evalstore_predictions" });
  const states = new HourStates(client, (err) => console.error(err), { waitMs: 600_000, waitRows: Infinity, storeLagMs: 0 });
  const window = { fromMs: T0, toMs: T0 + DAY };
  const scope = { project: 'p', model: 'churn', window, buckets: bucketsFor(window, 'DAY'), granularity: true, task: 'BINARY' as const, average: 'MACRO' as const, minSamples: 1, wholeValues: false };
  const metrics = (['ROC_AUC', 'ACCURACY'] as const).map((name) => ({ name, definition: realizedDefinition(name, 'BINARY') }));
  const foldStart = Date.now();
  await sliceMetrics(client, { ...scope, granularity: false, buckets: bucketsFor(window, 'HOUR') }, metrics.slice(1), ['tags.country'], states);
  console.log(`${ROWS} rows; fold ${Date.now() - foldStart} ms`);
  // The states' bytes a row with their histograms and without (the same rows copied without those columns).
  await client.command({ query: 'CREATE TABLE states_without ENGINE = MergeTree ORDER BY (project, model, hour) AS SELECT * EXCEPT (histogram_bins, score_bins, bin_positives, bin_negatives) FROM metrics_hour_states' });
  for (const table of ['metrics_hour_states', 'states_without']) {
    await client.command({ query: `OPTIMIZE TABLE ${table} FINAL` });
    const r = (await (await client.query({ query: `SELECT sum(rows) AS n, sum(bytes_on_disk) AS b FROM system.parts WHERE active AND table = '${table}'`, format: 'JSONEachRow' })).json()) as { n: string; b: string }[];
    console.log(`${table}: ${r[0]!.n} rows, ${(Number(r[0]!.b) / Number(r[0]!.n)).toFixed(0)} B a row on disk, ${(Number(r[0]!.b) / 1e6).toFixed(2)} MB`);
  }
  const approximate = await sliceMetrics(client, { ...scope, approximate: true }, metrics, ['tags.country'], states);
  const exact = await sliceMetrics(client, scope, metrics, ['tags.country'], states);
  const gaps = approximate.map((s) => {
    const e = exact.find((x) => x.key[0]!.value === s.key[0]!.value)!.buckets[0]!.values[0]!.value!;
    const a = s.buckets[0]!.values[0]! as { value: number; errorBound: number };
    return { error: Math.abs(e - a.value), bound: a.errorBound };
  });
  const outside = gaps.filter((g) => g.error > g.bound + 1e-12).length;
  console.log(`max error ${Math.max(...gaps.map((g) => g.error)).toExponential(2)}, bounds ${Math.min(...gaps.map((g) => g.bound)).toExponential(2)}–${Math.max(...gaps.map((g) => g.bound)).toExponential(2)}, outside ${outside}`);
  if (outside > 0) throw new Error(`${outside} approximate ROC AUC values lie outside their error bound`);
  const approxMs = await medianMs(RUNS, () => sliceMetrics(client, { ...scope, approximate: true }, metrics, ['tags.country'], states), 2);
  const foldedMs = await medianMs(RUNS, () => sliceMetrics(client, scope, metrics, ['tags.country'], states), 1);
  const rowsMs = await medianMs(RUNS, () => sliceMetrics(client, scope, metrics, ['tags.country']), 1);
  console.log(
    `daily ROC AUC + ACCURACY by country (medians of ${RUNS}): approximate (states) ${approxMs.toFixed(0)} ms, ` +
      `exact (folded rows) ${foldedMs.toFixed(0)} ms (${(foldedMs / approxMs).toFixed(1)}×), exact (store's rows) ${rowsMs.toFixed(0)} ms (${(rowsMs / approxMs).toFixed(1)}×)`,
  );
} finally {
  await close();
}
// The reads' fold waits leave timers of up to waitMs pending (HourStates races each fold against one): exit once done.
process.exit(process.exitCode ?? 0);
