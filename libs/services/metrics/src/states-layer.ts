import { HOUR_MS, stateKeys } from './hour-states.ts';
import { finiteOrNull } from './metric-series.ts';
import { fromHistograms, HISTOGRAM_SUM, histogramAuc, HISTOGRAMS_HELD } from './score-histograms.ts';
import { statisticSums, wholeFromBuckets, type RequestedMetric, type SliceScope } from './slice-sql.ts';
import { bucketValue, STATE_BUCKET, statesSource, wholeHours } from './states-source.ts';

/**
 * Whether the hour states can answer a sliceMetrics request: one tag to
 * group by, no slice filter, whole hours, the default average, every
 * whole-window value it needs additive, and a bucket value that is not
 * additive (ROC AUC) only in hourly buckets, where it is held as is
 * (without granularity: every metric additive, or a window of one hour).
 * Exactly, unless the request is approximate: then a binary ROC AUC over
 * longer buckets, or a whole window, is read from the score histograms.
 */
export function statesCanAnswer(scope: SliceScope, metrics: readonly RequestedMetric[], groupBy: readonly string[]): boolean {
  const { window, buckets } = scope;
  const derived = wholeFromBuckets(scope, metrics);
  return (
    groupBy.length === 1 &&
    groupBy[0]!.startsWith('tags.') &&
    !scope.slice &&
    scope.average === 'MACRO' &&
    // Without granularity the window is the one bucket, each value from its hours' parts; with it, whole windows are derived from the buckets' parts, or rolled up from histograms.
    (derived !== null || !scope.granularity || rolledUpFromHistograms(scope, metrics)) &&
    wholeHours(window, buckets) &&
    metrics.every((m, i) => derived?.[i] !== undefined || buckets.stepMs === HOUR_MS || sumsOf(scope, m) !== undefined || fromHistograms(scope, m))
  );
}

const sumsOf = (scope: SliceScope, m: RequestedMetric) => m.definition.sums?.({ task: scope.task, average: scope.average });

/** With granularity, whole windows that cannot be derived from the buckets' parts but can be rolled up from the states: each needed one additive or from histograms. */
function rolledUpFromHistograms(scope: SliceScope, metrics: readonly RequestedMetric[]): boolean {
  const needed = scope.wholeValues ? metrics : metrics.slice(0, 1);
  return scope.granularity && needed.some((m) => fromHistograms(scope, m)) && needed.every((m) => sumsOf(scope, m) !== undefined || fromHistograms(scope, m));
}

/**
 * The first layer of sliceMetricsQuery (one row per slice and bucket, the
 * same columns) read from the hour states; a metric read from histograms
 * adds its error bound (`e<i>`), and `histograms_held` says whether every
 * state read holds one (else the caller answers exactly instead).
 */
export function statesLayer(scope: SliceScope, metrics: readonly RequestedMetric[], field: string): { sql: string; params: Record<string, unknown> } {
  const derived = wholeFromBuckets(scope, metrics) ?? [];
  const source = statesSource(scope, field);
  const { held } = source;
  const approximate = metrics.some((m) => fromHistograms(scope, m));
  const columns = metrics.flatMap((m, i) => {
    // A metric whose whole window is needed: its parts (layer 2 adds them up); else its value per bucket.
    const parts = derived[i]
      ? derived[i].parts.map((_, j) => `sum(${held(stateKeys.part(m.name, j))}) AS m${i}_${j}`)
      : fromHistograms(scope, m)
        ? histogramColumns(i)
        : [`${bucketValue(held, m.name, sumsOf(scope, m), scope.buckets.stepMs)!} AS m${i}`];
    const statistic = m.statistic ? Object.keys(statisticSums(m.statistic)).map((c) => `sum(${held(stateKeys.statistic(m.name, c))}) AS s${i}_${c}`) : [];
    return [...parts, ...statistic];
  });
  // Without granularity, the rows are the slices' whole windows, as the row path's are; whole windows not derived from the buckets are their ROLLUP, as on the rows.
  const rollUp = scope.granularity && !wholeFromBuckets(scope, metrics);
  const bucket = !scope.granularity ? ['0 AS bucket', 'true AS whole'] : [`${STATE_BUCKET} AS bucket`, rollUp ? 'GROUPING(bucket) = 1 AS whole' : 'false AS whole'];
  const groupBy = !scope.granularity ? 'k0' : rollUp ? 'k0, bucket WITH ROLLUP HAVING GROUPING(k0) = 0' : 'k0, bucket';
  const histogramsHeld = approximate ? [`${HISTOGRAMS_HELD} AS histograms_held`] : [];
  const sql = source.select(['value AS k0', ...bucket, 'sum(samples) AS samples', 'sum(labeled_rows) AS labeled_rows', ...columns, ...histogramsHeld], groupBy);
  return { sql, params: source.params() };
}

/** ROC AUC m<i> and its error bound e<i> from the summed histograms of a group of states (null both when a class is missing). */
function histogramColumns(i: number): string[] {
  const { value, bound } = histogramAuc(HISTOGRAM_SUM);
  return [`${finiteOrNull(value)} AS m${i}`, `if(isFinite(${value}), ${bound}, NULL) AS e${i}`];
}
