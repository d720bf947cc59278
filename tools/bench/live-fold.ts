/**
 * `npm run bench:live-fold`: a live model's fold. A model of BENCH_ROWS
 * (10M) labeled predictions over BENCH_DAYS (1, bench:metrics' shape: its
 * last hour is 4 % of the model; over 30 days, 0.14 %), folded; then, round after round,
 * a batch of 1,000 predictions and their labels lands in its last hour and
 * the fold of that hour runs, the two ways alternated (medians of
 * BENCH_RUNS, 5):
 * - today's: the hour's rows read by their ids, the older states and
 *   folded rows deleted in the background (hour-states.ts, NARROW_READ_SHARE);
 * - the baseline, the fold before 2026-12-04: the rows read from the
 *   model's whole history over the hour's span, and the fold over once
 *   the older states and folded rows are deleted (it waited for those).
 * Then a read right after a batch, which waits for that fold: the bench's
 * sliceMetrics question (ACCURACY, ROC_AUC, LOG_LOSS by country, hourly
 * over the last day) through the service's function on in-process chDB, no
 * gateway. BENCH_TOY=1: toy sizes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { bucketsFor, rows } from '@tideline/store';
import { foldModel, HourStates, realizedDefinition, sliceMetrics } from '@tideline/metrics';
import { metricsStore } from './metrics-store.ts';
import { size } from './sizes.ts';
import { timed } from './timing.ts';
import { median } from './traffic.ts';

const ROWS = size('BENCH_ROWS', 10_000_000, 20_000);
const RUNS = size('BENCH_RUNS', 5, 1);
const DAYS = size('BENCH_DAYS', 1, 1);
const BATCH = 1_000;
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const { client, close } = await metricsStore('bench-live-fold-');
try {
  // Predictions [from, from + n), spread over the day by number (the batches after the first ROWS fall in its last hour), and their labels.
  const store = async (from: number, n: number) => {
    await client.command({
      query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, tags, features_num, score, version)
        SELECT 'p', 'churn', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + intDiv(least(number, ${ROWS - 1}) * ${DAYS * DAY}, ${ROWS}))), now64(3),
          map('country', concat('c', toString(number % 20)), 'device', ['ios', 'android', 'web'][number % 3 + 1]),
          map('x1', (cityHash64(number, 1) % 1000) / 100.0, 'x2', (cityHash64(number, 2) % 1000) / 100.0), (cityHash64(number) % 1000000) / 1000000.0, 1
        FROM numbers(${from}, ${n})`,
    });
    await client.command({
      query: `INSERT INTO evalstore_feedback (project, model, prediction_id, task, ts, received_at, label_positive, version)
        SELECT 'p', 'churn', toString(number), 'BINARY', now64(3), now64(3), (cityHash64(number, 7) % 1000000) / 1000000.0 < (cityHash64(number) % 1000000) / 1000000.0, 1
        FROM numbers(${from}, ${n})`,
    });
    // A later batch's rows are stored at a later millisecond than the fold before it read (the fold's lag here is 0).
    await sleep(5);
  };
  const pendingDeletes = async () =>
    Number((await rows<{ n: string }>(client, "SELECT count() AS n FROM system.mutations WHERE table IN ('metrics_folded_rows', 'metrics_hour_states') AND NOT is_done", {}))[0]!.n);
  const deletesDone = async () => {
    for (const deadline = Date.now() + 600_000; (await pendingDeletes()) > 0; await sleep(10)) if (Date.now() > deadline) throw new Error('a delete of older folds still runs after 10 min');
  };
  await store(0, ROWS);
  await client.command({ query: "INSERT INTO evalstore_fields SELECT DISTINCT project, model, 'tags', arrayJoin(mapKeys(tags)) FROM evalstore_predictions" });
  const [, wholeMs] = await timed(() => foldModel(client, 'p', 'churn', 'BINARY', { storeLagMs: 0 }));
  let next = ROWS;
  const batch = async () => {
    await store(next, BATCH);
    next += BATCH;
  };
  // The first batch's fold settles what a fold after a batch touches: its last hour.
  await batch();
  await foldModel(client, 'p', 'churn', 'BINARY', { storeLagMs: 0 });
  await deletesDone();
  const folds = { today: [] as number[], before: [] as number[] };
  let hourRows = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const way of run % 2 ? (['before', 'today'] as const) : (['today', 'before'] as const)) {
      await batch();
      const [, ms] = await timed(async () => {
        await foldModel(client, 'p', 'churn', 'BINARY', { storeLagMs: 0, narrowShare: way === 'before' ? 0 : undefined, onPlan: (n) => (hourRows = n) });
        if (way === 'before') await deletesDone();
      });
      folds[way].push(ms);
      // Today's deletes go on after its fold: done before the next round, which they would slow.
      await deletesDone();
    }
  }
  const [today, before] = [median(folds.today), median(folds.before)];
  console.log(`${ROWS.toLocaleString('en')} labeled predictions over ${DAYS} day${DAYS > 1 ? 's' : ''}; the fold of all of it: ${(wholeMs / 1000).toFixed(1)} s`);
  console.log(
    `one live hour's fold after a batch of ${BATCH.toLocaleString('en')} (the hour holds ${hourRows.toLocaleString('en')} rows; medians of ${RUNS}, alternated): ` +
      `${today.toFixed(0)} ms; before (the hour's span read from the model's history, the fold waiting for its deletes): ${before.toFixed(0)} ms (${(before / today).toFixed(1)}× today's)`,
  );
  // A read right after a batch waits for the fold of its hour, then answers from the states.
  const states = new HourStates(client, (err) => console.error(err), { storeLagMs: 0 });
  const window = { fromMs: T0 + (DAYS - 1) * DAY, toMs: T0 + DAYS * DAY };
  const scope = { project: 'p', model: 'churn', window, buckets: bucketsFor(window, 'HOUR'), granularity: true, task: 'BINARY' as const, average: 'MACRO' as const, minSamples: 1, wholeValues: false };
  const metrics = (['ACCURACY', 'ROC_AUC', 'LOG_LOSS'] as const).map((name) => ({ name, definition: realizedDefinition(name, 'BINARY') }));
  const ask = () => sliceMetrics(client, scope, metrics, ['tags.country'], states);
  await ask();
  const reads = { live: [] as number[], unchanged: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    await batch();
    reads.live.push((await timed(ask))[1]);
    reads.unchanged.push((await timed(ask))[1]);
    await deletesDone();
  }
  console.log(
    `sliceMetrics ACCURACY, ROC_AUC, LOG_LOSS · 24 hourly buckets × 20 countries (in-process, no gateway; medians of ${RUNS}): ` +
      `right after a batch, waiting for its fold: ${median(reads.live).toFixed(0)} ms; the store unchanged since: ${median(reads.unchanged).toFixed(0)} ms`,
  );
} finally {
  await close();
}
// The reads' fold waits leave timers of up to waitMs pending (HourStates races each fold against one): exit once done.
process.exit(process.exitCode ?? 0);
