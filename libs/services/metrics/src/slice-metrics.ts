import type { ClickHouseClient } from '@tideline/clickhouse';
import { badInput, PublicError, selectedFieldNames } from '@tideline/graphql';
import { bucketBounds, bucketsFor, checkWindow, rows, type SliceFilter } from '@tideline/store';
import type { MetricName, QueryResolvers } from './__generated__/resolvers-types.ts';
import { compileGroupBy, groupByError } from './group-by.ts';
import { checkAverage, checkFieldsExist, checkMetricList, realizedDefinition, type QueryDeps } from './inputs.ts';
import { rowStatistic, twoProportionZ, welchZ, type TestResult } from './significance.ts';
import { MAX_GROUPS, sliceMetricsQuery, type RequestedMetric, type SliceQuery, type SliceScope } from './slice-sql.ts';
import { statesReads } from './fold-metrics.ts';
import { WHOLE_FIELD } from './hour-states.ts';
import { statesCanAnswer, statesLayer, type FoldCheck, type HourStates, type StatesRequest } from './slice-states.ts';
import { foldedRowsSource, storeFingerprintOf } from './states-source.ts';

/** Significance level of `worseThanRest`. */
export const ALPHA = 0.05;

export interface SliceRow {
  [column: string]: unknown;
}

export interface Significance {
  metric: MetricName;
  test: 'TWO_PROPORTION_Z' | 'WELCH_Z';
  statistic: number;
  pValue: number;
  restValue: number | null;
  worseThanRest: boolean;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * A slice's statistic against the rest: the totals of its bucket (or window)
 * minus its own. `row` holds `s<i>_*` and the totals `t<i>_*`.
 */
export function significanceOf(metric: RequestedMetric, i: number, row: SliceRow): Significance | null {
  const stat = metric.statistic;
  if (!stat) return null;
  const n = num(row[`s${i}_n`]);
  const restN = num(row[`t${i}_n`]) - n;
  let result: TestResult | null;
  let restValue: number | null;
  if (stat.kind === 'PROPORTION') {
    const x = num(row[`s${i}_x`]);
    const restX = num(row[`t${i}_x`]) - x;
    result = twoProportionZ(x, n, restX, restN);
    restValue = restN > 0 ? restX / restN : null;
  } else {
    const s = num(row[`s${i}_s`]);
    const q = num(row[`s${i}_q`]);
    const rest = { n: restN, sum: num(row[`t${i}_s`]) - s, sumSquares: num(row[`t${i}_q`]) - q };
    result = welchZ({ n, sum: s, sumSquares: q }, rest);
    const mean = restN > 0 ? rest.sum / restN : null;
    restValue = mean === null ? null : metric.name === 'RMSE' ? Math.sqrt(Math.max(0, mean)) : mean;
  }
  if (!result) return null;
  const worse = metric.definition.higherIsBetter ? result.statistic < 0 : result.statistic > 0;
  return {
    metric: metric.name,
    test: stat.kind === 'PROPORTION' ? 'TWO_PROPORTION_Z' : 'WELCH_Z',
    statistic: result.statistic,
    pValue: result.pValue,
    restValue,
    worseThanRest: worse && result.pValue < ALPHA,
  };
}

/** Worst first by the first metric (undefined last), then larger slices first, then by key. */
export function compareSlices(higherIsBetter: boolean) {
  return (a: { value: number | null; sampleCount: number; keyText: string }, b: { value: number | null; sampleCount: number; keyText: string }): number => {
    if (a.value !== b.value) {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return higherIsBetter ? a.value - b.value : b.value - a.value;
    }
    if (a.sampleCount !== b.sampleCount) return b.sampleCount - a.sampleCount;
    return a.keyText < b.keyText ? -1 : a.keyText > b.keyText ? 1 : 0;
  };
}

interface MetricValue {
  metric: MetricName;
  value: number | null;
  /** Only on a value read from score histograms (`e<i>`); the schema's resolver makes every other 0 (null with its value). */
  errorBound?: number | null;
}

const valueOf = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const valuesOf = (metrics: readonly RequestedMetric[], row: SliceRow): MetricValue[] =>
  metrics.map((m, i) => {
    const value = valueOf(row[`m${i}`]);
    return `e${i}` in row ? { metric: m.name, value, errorBound: value === null ? null : valueOf(row[`e${i}`]) } : { metric: m.name, value };
  });

/** A read from the states' histograms met a state folded without one (before migration 005): its answer is dropped for an exact one. */
const lacksHistograms = (rows: readonly SliceRow[]) => rows.some((row) => 'histograms_held' in row && Number(row.histograms_held) === 0);

const significancesOf = (metrics: readonly RequestedMetric[], row: SliceRow): Significance[] =>
  metrics.flatMap((m, i) => {
    const s = significanceOf(m, i, row);
    return s ? [s] : [];
  });

const isWhole = (row: SliceRow) => row.whole === true || row.whole === 1 || row.whole === '1';

/** A slice's whole window carried by one of its bucket rows: its keys and the `w_` columns, unprefixed. */
const wholeOfBucket = (row: SliceRow): SliceRow =>
  Object.fromEntries(Object.entries(row).flatMap(([column, value]) => (/^k\d+$/.test(column) ? [[column, value]] : column.startsWith('w_') ? [[column.slice(2), value]] : [])));

const statesRequest = (scope: SliceScope, field: string): StatesRequest => ({ project: scope.project, model: scope.model, task: scope.task, field, ...scope.window });

/**
 * Where the request is read from when the model's fold is current: its
 * first layer from the hour states when they answer it exactly and hold its
 * field for every hour, else its rows from the folded rows (a window's
 * hours, not the model's history); nothing when stale: the store's rows.
 * Only a request the states answer folds a stale model first.
 */
async function fromFold(states: HourStates | undefined, scope: SliceScope, metrics: readonly RequestedMetric[], groupBy: readonly string[], answerable: boolean, checked?: FoldCheck) {
  if (!states) return { source: 'rows' as const };
  const field = answerable ? groupBy[0]! : WHOLE_FIELD;
  const fold = await states.freshness(statesRequest(scope, field), { fold: answerable, checked });
  if (fold === 'stale') return { source: 'rows' as const };
  if (fold === 'holds' && field !== WHOLE_FIELD) return { source: 'states' as const, firstLayer: statesLayer(scope, metrics, field) };
  return { source: 'folded' as const, rows: foldedRowsSource(scope) };
}

/**
 * The request's rows and the statement that read them, from where
 * `fromFold` says; a request the states can answer is read from them while
 * the fold is checked (`HourStates.readIfHolds`), and by `fromFold`'s way,
 * from that check, when it finds them stale or lacking its field.
 */
async function readAnswer(client: ClickHouseClient, states: HourStates | undefined, scope: SliceScope, metrics: readonly RequestedMetric[], groupBy: readonly string[], queryOf: (from: Parameters<typeof sliceMetricsQuery>[4]) => SliceQuery) {
  const answerable = !!states && statesCanAnswer(scope, metrics, groupBy);
  let checked: FoldCheck | undefined;
  if (states && answerable) {
    const field = groupBy[0]!;
    const query = queryOf({ firstLayer: statesLayer(scope, metrics, field) });
    const early = await states.readIfHolds(statesRequest(scope, field), () => rows<SliceRow>(client, query.sql, query.params), storeFingerprintOf);
    if (early.answer !== undefined) return { source: 'states' as const, query, result: early.answer };
    checked = early.check;
  }
  const from = await fromFold(states, scope, metrics, groupBy, answerable, checked);
  const query = queryOf(from);
  return { source: from.source, query, result: await rows<SliceRow>(client, query.sql, query.params) };
}

/**
 * sliceMetrics: one SQL statement per request, over the hour states when
 * they answer it exactly, else over the folded rows when the model's fold
 * is current, else over the store's rows; then the few aggregated rows are
 * shaped and ordered here.
 */
export async function sliceMetrics(client: ClickHouseClient, scope: SliceScope, metrics: readonly RequestedMetric[], groupBy: readonly string[], states?: HourStates) {
  const { fields, params } = compileGroupBy(groupBy, scope.task);
  const read = (asked: SliceScope) => readAnswer(client, states, asked, metrics, groupBy, (from) => sliceMetricsQuery(asked, metrics, fields, params, from));
  let answer = await read(scope);
  if (answer.source === 'states' && scope.approximate && lacksHistograms(answer.result)) answer = await read({ ...scope, approximate: false });
  const { source, query, result } = answer;
  statesReads.inc({ query: 'sliceMetrics', source });
  fields.forEach((f, i) => {
    if (num(result[0]?.[`invalid_total${i}`]) > 0) throw groupByError(`${f.field} has numeric values; group by a string or boolean feature (filter numeric ones with slice ranges)`);
  });
  const groupCount = num(result[0]?.group_count);
  if (groupCount > MAX_GROUPS) {
    throw new PublicError(
      'TOO_MANY_GROUPS',
      `groupBy [${groupBy.join(', ')}] gives ${groupCount} slices; at most ${MAX_GROUPS} are allowed: group by fewer or coarser fields, raise minSamples or narrow the slice`,
      { field: 'groupBy' },
    );
  }
  const keyOf = (row: SliceRow) => JSON.stringify(fields.map((_, i) => row[`k${i}`] ?? null));
  const groups = new Map<string, { whole?: SliceRow; buckets: SliceRow[] }>();
  for (const row of result) {
    const key = keyOf(row);
    const group = groups.get(key) ?? { buckets: [] };
    if (isWhole(row)) group.whole = row;
    else {
      group.buckets.push(row);
      if (query.wholeInBucketRows) group.whole ??= wholeOfBucket(row);
    }
    groups.set(key, group);
  }
  const out = [...groups.entries()].flatMap(([keyText, g]) => {
    const whole = g.whole;
    if (!whole) return [];
    const values = valuesOf(metrics, whole);
    return [
      {
        keyText,
        value: values[0]?.value ?? null,
        key: fields.map((f, i) => ({ field: f.field, value: (whole[`k${i}`] as string | null | undefined) ?? null })),
        sampleCount: num(whole.samples),
        labeledCount: num(whole.labeled_rows),
        values,
        significance: significancesOf(metrics, whole),
        buckets: g.buckets
          .map((b) => ({ i: num(b.bucket), b }))
          .sort((x, y) => x.i - y.i)
          .map(({ i, b }) => ({
            ...bucketBounds(scope.window, scope.buckets, i),
            sampleCount: num(b.samples),
            labeledCount: num(b.labeled_rows),
            values: valuesOf(metrics, b),
            significance: significancesOf(metrics, b),
          })),
      },
    ];
  });
  out.sort(compareSlices(metrics[0]!.definition.higherIsBetter));
  return out.map(({ keyText: _k, value: _v, ...rest }) => rest);
}

/** The `sliceMetrics` query: checks every argument before any SQL runs. */
export function sliceMetricsQueries(deps: QueryDeps): Pick<QueryResolvers, 'sliceMetrics'> {
  const { client, task } = deps;
  return {
    sliceMetrics: async (_, args, { project }, info) => {
      const window = checkWindow(args.window);
      const buckets = bucketsFor(window, args.granularity);
      checkMetricList(args.metrics);
      const minSamples = args.minSamples ?? 1;
      if (!Number.isInteger(minSamples) || minSamples < 0) throw badInput('minSamples must be a non-negative integer', 'minSamples');
      const modelTask = await task(project, args.model);
      checkAverage(args.average, modelTask);
      // The sums of the significance tests only when an answer asks for a test (of a slice or a bucket).
      const tested = selectedFieldNames(info, { deep: true }).has('significance');
      // Whole-window values beyond the first metric's (the order) only when the slices' values are asked.
      const wholeValues = selectedFieldNames(info).has('values');
      const metrics = args.metrics.map((name): RequestedMetric => ({ name, definition: realizedDefinition(name, modelTask), statistic: tested ? rowStatistic(name, modelTask) : undefined }));
      compileGroupBy(args.groupBy, modelTask); // argument errors before the model's rows are read
      await checkFieldsExist(deps, project, args.model, { slice: args.slice, groupBy: args.groupBy });
      return sliceMetrics(
        client,
        {
          project,
          model: args.model,
          window,
          buckets,
          granularity: !!args.granularity,
          modelVersion: args.modelVersion,
          slice: args.slice as SliceFilter | null | undefined,
          task: modelTask,
          average: args.average ?? 'MACRO',
          minSamples,
          wholeValues,
          approximate: args.approximate ?? false,
        },
        metrics,
        args.groupBy,
        deps.hourStates,
      );
    },
  };
}
