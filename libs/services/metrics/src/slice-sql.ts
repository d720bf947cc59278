import type { Task } from '@tideline/contracts';
import { labeledRows, sliceFilterToSql, type Buckets, type SliceFilter, type Window } from '@tideline/store';
import type { MetricName } from './__generated__/resolvers-types.ts';
import type { GroupField } from './group-by.ts';
import type { Average, MetricDefinition } from './metric-definitions.ts';
import type { MetricSums } from './metric-sums.ts';
import { finiteOrNull } from './metric-series.ts';
import type { RowStatistic } from './significance.ts';

/** More slices than a table can show is a mistake in the request (grouping by an id, say). */
export const MAX_GROUPS = 1000;

export interface RequestedMetric {
  name: MetricName;
  definition: MetricDefinition;
  statistic?: RowStatistic;
}

/** The SQL aggregates of a row statistic by suffix: `n`, and `x` (proportion) or `s`, `q` (mean); all add up across slices and buckets. */
export function statisticSums(stat: RowStatistic): Record<string, string> {
  const n = `countIf(${stat.trial})`;
  if (stat.kind === 'PROPORTION') return { n, x: `countIf(${stat.trial} AND ${stat.hit})` };
  return { n, s: `toFloat64(sumIf(${stat.loss}, ${stat.trial}))`, q: `toFloat64(sumIf(pow(${stat.loss}, 2), ${stat.trial}))` };
}

/** A row statistic's aggregates as columns `<prefix>_n`, `_x` or `_s`, `_q`. */
export const statisticColumns = (stat: RowStatistic, prefix: string): string[] =>
  Object.entries(statisticSums(stat)).map(([suffix, sql]) => `${sql} AS ${prefix}_${suffix}`);

/** The names of a statistic's columns (`s<i>_n`…), which add up across slices and buckets. */
const statisticNames = (stat: RowStatistic, i: number) => Object.keys(statisticSums(stat)).map((c) => `s${i}_${c}`);

export interface SliceScope {
  project: string;
  model: string;
  window: Window;
  buckets: Buckets;
  granularity: boolean;
  modelVersion?: string | null;
  slice?: SliceFilter | null;
  task: Task;
  average: Average;
  minSamples: number;
  /** The answer selects the slices' whole-window values; else only the first metric's is needed (it orders the slices). */
  wholeValues: boolean;
  /** Opt-in: a binary ROC AUC over buckets longer than an hour may be read from the states' score histograms, with an error bound (score-histograms.ts). */
  approximate?: boolean;
}

/**
 * The sums of the metrics whose whole-window value the answer needs, when
 * each of them is additive: then a slice's whole window is the sum of its
 * buckets and the statement groups by (keys, bucket) only. Null: a needed
 * value is not additive (ROC AUC, R², macro averages…) or there are no
 * buckets, and the whole windows are aggregated (ROLLUP).
 */
export function wholeFromBuckets(scope: SliceScope, metrics: readonly RequestedMetric[]): MetricSums[] | null {
  if (!scope.granularity) return null;
  const ctx = { task: scope.task, average: scope.average };
  const sums = (scope.wholeValues ? metrics : metrics.slice(0, 1)).map((m) => m.definition.sums?.(ctx));
  return sums.every((s) => s !== undefined) ? sums : null;
}

export interface SliceQuery {
  sql: string;
  params: Record<string, unknown>;
  /**
   * The rows are buckets only, each carrying its slice's whole window as
   * `w_` columns (`w_samples`, `w_m<i>`…); otherwise whole windows are rows
   * of their own (`whole`).
   */
  wholeInBucketRows: boolean;
}

/**
 * The one statement of a sliceMetrics request. Layers, inside out:
 * 1. aggregate the row source by the group keys (and by bucket, with
 *    granularity): counts, each metric's expression (or, for a metric whose
 *    whole window is derived, its sums) and, when the answer asks for
 *    significance, the sums its test needs. A slice's whole window is
 *    either derived from its buckets' sums (`wholeFromBuckets`: nothing is
 *    merged again) or the ROLLUP of its buckets: their aggregation states
 *    merged (for ROC AUC every bucket's scores concatenated and sorted
 *    again), not every row aggregated a second time as a second grouping
 *    set would; HAVING drops the coarser levels ROLLUP also makes;
 * 2. window functions over those few rows: the totals of each window or
 *    bucket (the "rest" is the total minus the slice), the slice's sample
 *    count over the window (minSamples), its whole window when derived, and
 *    the numeric-feature check;
 * 3. minSamples, the number of slices left (the cap) and a LIMIT that bounds
 *    what comes back even when the cap is exceeded.
 */
export function sliceMetricsQuery(
  scope: SliceScope,
  metrics: readonly RequestedMetric[],
  fields: readonly GroupField[],
  groupParams: Record<string, string>,
  /** Where layer 1 comes from: read elsewhere with the same columns (the hour states, slice-states.ts), or aggregated from a row source (by default the store's, labeledRows). */
  from: { firstLayer?: { sql: string; params: Record<string, unknown> }; rows?: { sql: string; params: Record<string, unknown> } } = {},
): SliceQuery {
  const keys = fields.map((_, i) => `k${i}`).join(', ');
  const ctx = { task: scope.task, average: scope.average };
  const derived = wholeFromBuckets(scope, metrics);
  const parts = (i: number) => derived![i]!.parts.map((_, j) => `m${i}_${j}`);
  const aggregates = [
    'count() AS samples',
    'countIf(labeled) AS labeled_rows',
    ...metrics.flatMap((m, i) => (derived?.[i] ? derived[i].parts.map((p, j) => `${p} AS m${i}_${j}`) : [`${finiteOrNull(m.definition.sql(ctx))} AS m${i}`])),
    ...metrics.flatMap((m, i) => (m.statistic ? statisticColumns(m.statistic, `s${i}`) : [])),
    ...fields.flatMap((f, i) => (f.invalidCount ? [`${f.invalidCount} AS invalid${i}`] : [])),
  ];
  const bucket = 'intDiv(toUnixTimestamp64Milli(ts) - {origin:Int64}, {step:Int64})';
  const grouping = !scope.granularity
    ? `GROUP BY ${keys}`
    : derived
      ? `GROUP BY ${keys}, bucket`
      : `GROUP BY ${keys}, bucket WITH ROLLUP HAVING GROUPING(k${fields.length - 1}) = 0`;
  const source = from.firstLayer ?? rowLayer();
  function rowLayer() {
    const rows = from.rows ?? labeledRows(scope);
    const slice = sliceFilterToSql(scope.slice, { task: scope.task });
    const sql = `
    SELECT ${fields.map((f, i) => `${f.sql} AS k${i}`).join(', ')},
      ${!scope.granularity ? '0 AS bucket, true AS whole' : derived ? `${bucket} AS bucket, false AS whole` : `${bucket} AS bucket, GROUPING(bucket) = 1 AS whole`},
      ${aggregates.join(',\n      ')}
    FROM (${rows.sql}) WHERE ${slice.sql}
    ${grouping}`;
    return { sql, params: { ...rows.params, ...slice.params } };
  }
  const layer1 = source.sql;
  const statistics = metrics.flatMap((m, i) => (m.statistic ? statisticNames(m.statistic, i) : []));
  const overSlice = (column: string) => `sum(${column}) OVER slice`;
  const windowColumns = derived
    ? [
        // Each bucket row carries its slice's whole window: the buckets' sums, summed.
        ...derived.map((sums, i) => `${finiteOrNull(sums.value(parts(i)))} AS m${i}`),
        ...derived.map((sums, i) => `${finiteOrNull(sums.value(parts(i).map(overSlice)))} AS w_m${i}`),
        ...['samples', 'labeled_rows', ...statistics].map((c) => `${overSlice(c)} AS w_${c}`),
        ...statistics.map((c) => `sum(${c}) OVER () AS w_t${c.slice(1)}`),
        ...statistics.map((c) => `sum(${c}) OVER (PARTITION BY bucket) AS t${c.slice(1)}`),
        'w_samples AS group_samples',
        // One row per slice counts it: its first bucket.
        'bucket = min(bucket) OVER slice AS counts_slice',
      ]
    : [
        ...statistics.map((c) => `sum(${c}) OVER (PARTITION BY whole, bucket) AS t${c.slice(1)}`),
        `max(if(whole, samples, 0)) OVER slice AS group_samples`,
        'whole AS counts_slice',
      ];
  // invalid_total<i> is read as "any numeric value": rows of a ROLLUP's two levels may count one twice.
  const layer2 = `
    SELECT *,
      ${[...windowColumns, ...fields.flatMap((f, i) => (f.invalidCount ? [`sum(invalid${i}) OVER () AS invalid_total${i}`] : []))].join(',\n      ')}
    FROM (${layer1})
    WINDOW slice AS (PARTITION BY ${keys})`;
  const sql = `
    SELECT *, countIf(counts_slice) OVER () AS group_count
    FROM (${layer2})
    WHERE group_samples >= {minSamples:UInt64}
    LIMIT {limit:UInt64}`;
  const params = {
    ...source.params,
    ...groupParams,
    origin: scope.buckets.originMs,
    step: scope.buckets.stepMs,
    minSamples: scope.minSamples,
    limit: (MAX_GROUPS + 1) * (scope.buckets.count + 1),
  };
  return { sql, params, wholeInBucketRows: !!derived };
}
