import type { ClickHouseClient } from '@tideline/clickhouse';
import { badInput, PublicError } from '@tideline/graphql';
import { bucketsFor, checkWindow, labeledRows, LABELED_ROWS, PREDICTED_POSITIVE, rows, sliceFilterToSql, type Buckets, type SliceFilter, type Window } from '@tideline/store';
import type { MetricName, QueryResolvers } from './__generated__/resolvers-types.ts';
import { checkFieldsExist, definitionFor, type QueryDeps } from './inputs.ts';
import { metricSeries } from './metric-points.ts';
import { finiteOrNull } from './metric-series.ts';

export const ESTIMATED: Partial<Record<MetricName, MetricName>> = { ESTIMATED_ACCURACY: 'ACCURACY', ESTIMATED_ROC_AUC: 'ROC_AUC' };
export const isEstimated = (metric: MetricName) => metric in ESTIMATED;
/** Equal-frequency calibration bins over the reference's labeled scores. */
export const CALIBRATION_BINS = 20;
/** Below this many labeled reference predictions, bins of 5 rows make the calibration noise, not signal. */
export const MIN_REFERENCE_LABELED = 100;

/** Bin edges: the reference's exact quantiles at 1/B … (B−1)/B; a score equal to an edge falls in the upper bin. */
export const quantileLevels = (bins: number) => Array.from({ length: bins - 1 }, (_, i) => Number(((i + 1) / bins).toFixed(6)));

/**
 * Expected ROC AUC over the array column `pairs` of (score, p̂): sorted by
 * score descending, expected TP and FP accumulate p̂ and 1 − p̂; only the
 * last row of each distinct score is a threshold (tied scores move
 * diagonally, as scikit-learn counts them); trapezoids from (0, 0). Aliases
 * of one SELECT, so each array is built once.
 */
export const expectedRocAucColumns = (pairs: string): string[] => [
  `arrayReverseSort(x -> x.1, ${pairs}) AS s`,
  'arrayCumSum(arrayMap(x -> x.2, s)) AS tp',
  'arrayCumSum(arrayMap(x -> 1 - x.2, s)) AS fp',
  'arrayFilter(i -> i = length(s) OR s[i].1 != s[i + 1].1, arrayEnumerate(s)) AS idx',
  'arrayMap(i -> tp[i] / tp[-1], idx) AS tpr',
  'arrayMap(i -> fp[i] / fp[-1], idx) AS fpr',
  'arraySum(arrayMap(i -> (fpr[i] - if(i = 1, 0, fpr[i - 1])) * (tpr[i] + if(i = 1, 0, tpr[i - 1])) / 2, arrayEnumerate(tpr))) AS estimate',
];

export interface EstimateScope {
  project: string;
  model: string;
  window: Window;
  reference: Window;
  buckets: Buckets;
  modelVersion?: string | null;
  slice?: SliceFilter | null;
}

export interface EstimatePoint {
  bucket: number;
  samples: number;
  labeled: number;
  value: number | null;
  realized: number | null;
}

/** One statement: calibration on the reference, estimate and realized value per bucket of the window. */
export function estimateSql(scope: EstimateScope, metric: MetricName): { sql: string; params: Record<string, unknown> } {
  const base = ESTIMATED[metric]!;
  const realized = definitionFor(base, 'BINARY').sql({ task: 'BINARY', average: 'MACRO' });
  const current = labeledRows(scope);
  const ref = labeledRows({ ...scope, window: scope.reference });
  // The reference's window bounds get their own parameter names.
  const refSql = ref.sql.replaceAll('{from:Int64}', '{ref_from:Int64}').replaceAll('{to:Int64}', '{ref_to:Int64}');
  if (refSql === ref.sql) throw new Error('labeledRows no longer names its window parameters from / to');
  const slice = sliceFilterToSql(scope.slice, { task: 'BINARY' });
  const edges = `(SELECT quantilesExact(${quantileLevels(CALIBRATION_BINS).join(', ')})(assumeNotNull(score)) FROM (${refSql}) WHERE ${LABELED_ROWS.BINARY} AND ${slice.sql})`;
  const bin = `arraySum(arrayMap(e -> toUInt32(assumeNotNull(score) >= e), ${edges}))`;
  const accuracy = metric === 'ESTIMATED_ACCURACY';
  const inner = `
    SELECT intDiv(toUnixTimestamp64Milli(ts) - {origin:Int64}, {step:Int64}) AS bucket,
      count() AS samples, countIf(labeled) AS labeled_rows,
      ${accuracy ? `avg(if(${PREDICTED_POSITIVE}, p, 1 - p)) AS estimate` : 'groupArray((assumeNotNull(score), p)) AS pairs'},
      ${finiteOrNull(realized)} AS realized,
      any(reference_labeled) AS reference_labeled
    FROM (
      SELECT a.ts AS ts, a.score AS score, a.labeled AS labeled, a.label_positive AS label_positive,
        coalesce(c.rate, toFloat64(assumeNotNull(a.score))) AS p,
        (SELECT count() FROM (${refSql}) WHERE ${LABELED_ROWS.BINARY} AND ${slice.sql}) AS reference_labeled
      FROM (SELECT ts, score, labeled, label_positive, ${bin} AS bin FROM (${current.sql}) WHERE score IS NOT NULL AND ${slice.sql}) AS a
      LEFT JOIN (
        SELECT ${bin} AS bin, toNullable(avg(toFloat64(assumeNotNull(label_positive)))) AS rate
        FROM (${refSql}) WHERE ${LABELED_ROWS.BINARY} AND ${slice.sql} GROUP BY bin
      ) AS c ON a.bin = c.bin
    )
    GROUP BY bucket`;
  const sql = accuracy
    ? `SELECT bucket, samples, labeled_rows, ${finiteOrNull('estimate')} AS value, realized, reference_labeled FROM (${inner})`
    : `SELECT bucket, samples, labeled_rows, ${finiteOrNull('estimate')} AS value, realized, reference_labeled
       FROM (SELECT *, ${expectedRocAucColumns('pairs').join(', ')} FROM (${inner}))`;
  return {
    sql,
    params: {
      ...current.params,
      ...ref.params,
      ...slice.params,
      from: scope.window.fromMs,
      to: scope.window.toMs,
      ref_from: scope.reference.fromMs,
      ref_to: scope.reference.toMs,
      origin: scope.buckets.originMs,
      step: scope.buckets.stepMs,
    },
  };
}

export async function estimateByBucket(client: ClickHouseClient, scope: EstimateScope, metric: MetricName): Promise<EstimatePoint[]> {
  const { sql, params } = estimateSql(scope, metric);
  const result = await rows<{ bucket: string; samples: string; labeled_rows: string; value: number | null; realized: number | null; reference_labeled: string }>(client, sql, params);
  const referenceLabeled = result.length ? Number(result[0]!.reference_labeled) : null;
  if (referenceLabeled !== null && referenceLabeled < MIN_REFERENCE_LABELED) {
    throw new PublicError(
      'REFERENCE_TOO_SMALL',
      `the reference window has ${referenceLabeled} labeled predictions in this slice; estimation needs at least ${MIN_REFERENCE_LABELED} to calibrate the scores`,
      { field: 'reference' },
    );
  }
  return result.map((r) => ({
    bucket: Number(r.bucket),
    samples: Number(r.samples),
    labeled: Number(r.labeled_rows),
    value: r.value === null ? null : Number(r.value),
    realized: r.realized === null ? null : Number(r.realized),
  }));
}

/** The `estimatedPerformance` query: ESTIMATED_* metrics with their realized values, point per bucket. */
export function estimatedPerformanceQueries(deps: QueryDeps): Pick<QueryResolvers, 'estimatedPerformance'> {
  const { client, task, references } = deps;
  return {
    estimatedPerformance: async (_, args, { project }) => {
      if (!isEstimated(args.metric)) throw badInput(`estimatedPerformance takes ${Object.keys(ESTIMATED).join(' or ')}; ask metric(...) for ${args.metric}`, 'metric');
      const window = checkWindow(args.window);
      const reference = await references.resolve(project, args.model, args.reference);
      const buckets = bucketsFor(window, args.granularity);
      const modelTask = await task(project, args.model);
      await checkFieldsExist(deps, project, args.model, { slice: args.slice });
      if (modelTask !== 'BINARY') {
        throw new PublicError('METRIC_NOT_APPLICABLE', `${args.metric} applies to binary classifiers only, not to a ${modelTask} model`, { field: 'metric' });
      }
      const values = await estimateByBucket(
        client,
        { project, model: args.model, window, reference, buckets, modelVersion: args.modelVersion, slice: args.slice as SliceFilter | null | undefined },
        args.metric,
      );
      return metricSeries(args, window, buckets, values);
    },
  };
}
