import type { ClickHouseClient } from '@tideline/clickhouse';
import { METRICS_BOUNDS, type Task } from '@tideline/contracts';
import { badInput, PublicError } from '@tideline/graphql';
import { checkWindow, labeledRows, rows, sliceFilterFields, sliceFilterToSql, type SliceFilter, type Window } from '@tideline/store';
import type { MetricName, QueryResolvers } from './__generated__/resolvers-types.ts';
import { isEstimated } from './estimated-performance.ts';
import { checkAverage, checkFieldsExist, definitionFor, type QueryDeps } from './inputs.ts';
import type { Average, MetricDefinition } from './metric-definitions.ts';
import { finiteOrNull } from './metric-series.ts';
import { mcnemar, pairedZ, rowStatistic, type RowStatistic, type TestResult } from './significance.ts';
import { ALPHA } from './slice-metrics.ts';

/** Metrics with a paired test: McNemar needs the same trials for both versions (every labeled id), so not PRECISION / RECALL. */
const MCNEMAR_METRICS: readonly MetricName[] = ['ACCURACY', 'POSITIVE_RATE'];

export function pairedStatistic(metric: MetricName, task: Task): RowStatistic | undefined {
  const stat = rowStatistic(metric, task);
  if (stat?.kind === 'PROPORTION' && !MCNEMAR_METRICS.includes(metric)) return undefined;
  return stat;
}

export interface CompareScope {
  project: string;
  model: string;
  window: Window;
  baseline: string;
  candidate: string;
  /** Each compared on its own (null: all traffic); one statement whatever their number. */
  slices: readonly (SliceFilter | null)[];
  task: Task;
  average: Average;
}

/**
 * The rows of the two versions in the window, each with `mask`: bit i set
 * when the row is in slice i. One slice: its filter is the WHERE and every
 * row has bit 0, as compareVersions always ran. Several: each filter's
 * parameters named apart (`c<i>_sf<n>`) and rows in no slice dropped.
 */
function slicedRows(scope: CompareScope): { sql: string; params: Record<string, unknown> } {
  const source = labeledRows({ project: scope.project, model: scope.model, window: scope.window });
  const versions = 'model_version IN ({baseline:String}, {candidate:String})';
  if (scope.slices.length === 1) {
    const only = sliceFilterToSql(scope.slices[0], { task: scope.task });
    return { sql: `SELECT *, toUInt64(1) AS mask FROM (${source.sql}) WHERE ${versions} AND ${only.sql}`, params: { ...source.params, ...only.params } };
  }
  const compiled = scope.slices.map((slice, i) => sliceFilterToSql(slice, { task: scope.task, paramPrefix: `c${i}_sf` }));
  const bits = compiled.map((c, i) => `if(${c.sql}, toUInt64(${2 ** i}), 0)`);
  return { sql: `SELECT *, ${bits.join(' + ')} AS mask FROM (${source.sql}) WHERE ${versions} AND mask > 0`, params: Object.assign({ ...source.params }, ...compiled.map((c) => c.params)) };
}

/**
 * One statement: the two versions' rows of the window in any slice; a
 * window over each id carries the candidate's outcome (or loss) to the
 * baseline's row and the slices both rows are in (the AND of their masks);
 * then each row is repeated once per slice it is in, paired there when both
 * versions' rows of its id are, and one aggregate row per (slice, version,
 * paired) holds the metric, counts and the paired test's sums (on baseline
 * rows). Ids are sorted once whatever the number of slices.
 */
export function compareSql(scope: CompareScope, definition: MetricDefinition, stat: RowStatistic | undefined): { sql: string; params: Record<string, unknown> } {
  const rowsIn = slicedRows(scope);
  const isCandidate = 'model_version = {candidate:String}';
  const perRow: string[] = ['uniqExact(model_version) OVER byId = 2 AS both_versions', 'groupBitAnd(mask) OVER byId AS both_in'];
  const sums: string[] = [];
  if (stat) {
    perRow.push(`toUInt8(${stat.trial}) AS trial_row`, `maxIf(trial_row, ${isCandidate}) OVER byId AS cand_trial`);
    const both = '(trial_row AND cand_trial)';
    if (stat.kind === 'PROPORTION') {
      perRow.push(`toUInt8(${stat.trial} AND ${stat.hit}) AS hit_row`, `maxIf(hit_row, ${isCandidate}) OVER byId AS cand_hit`);
      sums.push(`countIf(${both} AND hit_row AND NOT cand_hit) AS only_baseline`, `countIf(${both} AND NOT hit_row AND cand_hit) AS only_candidate`);
    } else {
      perRow.push(`if(trial_row, toFloat64(${stat.loss}), 0) AS loss_row`, `sumIf(loss_row, ${isCandidate}) OVER byId AS cand_loss`);
      sums.push(`countIf(${both}) AS d_n`, `sumIf(cand_loss - loss_row, ${both}) AS d_s`, `sumIf(pow(cand_loss - loss_row, 2), ${both}) AS d_q`);
    }
  }
  const sql = `
    SELECT s, toString(model_version) AS version, paired, count() AS samples, countIf(labeled) AS labeled_rows,
      ${finiteOrNull(definition.sql({ task: scope.task, average: scope.average }))} AS value
      ${sums.map((s) => `, ${s}`).join('')}
    FROM (
      SELECT *, arrayJoin(arrayFilter(i -> bitTest(mask, i - 1), range(1, {sliceCount:UInt32} + 1))) AS s, both_versions AND bitTest(both_in, s - 1) AS paired
      FROM (SELECT *, ${perRow.join(', ')} FROM (${rowsIn.sql}) WINDOW byId AS (PARTITION BY id))
    )
    GROUP BY s, version, paired`;
  return { sql, params: { ...rowsIn.params, sliceCount: scope.slices.length, baseline: scope.baseline, candidate: scope.candidate } };
}

type Row = { version: string; paired: boolean | number | string; samples: string; labeled_rows: string; value: number | null; [k: string]: unknown };
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/** One comparison per slice of the scope, in order, from one statement. */
export async function compareVersions(client: ClickHouseClient, scope: CompareScope, metric: MetricName, definition: MetricDefinition) {
  const stat = pairedStatistic(metric, scope.task);
  const { sql, params } = compareSql(scope, definition, stat);
  const result = await rows<Row>(client, sql, params);
  return scope.slices.map((_, i) => comparison(scope, metric, definition, stat, result.filter((r) => num(r.s) === i + 1)));
}

function comparison(scope: CompareScope, metric: MetricName, definition: MetricDefinition, stat: RowStatistic | undefined, result: readonly Row[]) {
  const find = (version: string, paired: boolean) => result.find((r) => r.version === version && truthy(r.paired) === paired);
  const base = find(scope.baseline, true);
  const cand = find(scope.candidate, true);
  const baselineValue = base?.value ?? null;
  const candidateValue = cand?.value ?? null;
  let test: TestResult | null = null;
  let better: boolean | null = null;
  if (stat && base) {
    if (stat.kind === 'PROPORTION') {
      const b = num(base.only_baseline);
      const c = num(base.only_candidate);
      test = mcnemar(b, c);
      better = definition.higherIsBetter ? c > b : c < b;
    } else {
      test = pairedZ({ n: num(base.d_n), sum: num(base.d_s), sumSquares: num(base.d_q) });
      // d = candidate loss − baseline loss: lower loss is better.
      better = num(base.d_s) < 0;
    }
  }
  const significant = test !== null && test.pValue < ALPHA;
  return {
    model: scope.model,
    metric,
    baseline: scope.baseline,
    candidate: scope.candidate,
    baselineValue,
    candidateValue,
    difference: baselineValue === null || candidateValue === null ? null : candidateValue - baselineValue,
    pairedCount: num(base?.samples),
    labeledPairedCount: num(base?.labeled_rows),
    baselineOnlyCount: num(find(scope.baseline, false)?.samples),
    candidateOnlyCount: num(find(scope.candidate, false)?.samples),
    test: test && stat ? (stat.kind === 'PROPORTION' ? ('MCNEMAR' as const) : ('PAIRED_Z' as const)) : null,
    statistic: test?.statistic ?? null,
    pValue: test?.pValue ?? null,
    candidateBetter: test ? significant && better === true : null,
    candidateWorse: test ? significant && better === false : null,
  };
}

/** The arguments both queries share, checked before any SQL runs; the scope without its slices. */
async function comparedScope(
  deps: QueryDeps,
  project: string,
  args: { model: string; metric: MetricName; window: { from: Date; to: Date }; baseline: string; candidate: string; average?: Average | null },
  sliceFields: { slice?: unknown; groupBy?: string[] },
  sliceArgument?: string,
) {
  const window = checkWindow(args.window);
  if (!args.baseline) throw badInput('baseline must name a model version', 'baseline');
  if (!args.candidate) throw badInput('candidate must name a model version', 'candidate');
  if (args.baseline === args.candidate) throw badInput('baseline and candidate must be two different versions', 'candidate');
  if (isEstimated(args.metric)) throw new PublicError('METRIC_NOT_SUPPORTED', `${args.metric} cannot be compared; compare realized metrics`, { field: 'metric' });
  const modelTask = await deps.task(project, args.model);
  await checkFieldsExist(deps, project, args.model, sliceFields, sliceArgument);
  checkAverage(args.average, modelTask);
  const definition = definitionFor(args.metric, modelTask);
  const scope = { project, model: args.model, window, baseline: args.baseline, candidate: args.candidate, task: modelTask, average: args.average ?? 'MACRO' };
  return { scope, definition };
}

export function compareVersionsQueries(deps: QueryDeps): Pick<QueryResolvers, 'compareVersions' | 'compareVersionsBySlice'> {
  return {
    compareVersions: async (_, args, { project }) => {
      const { scope, definition } = await comparedScope(deps, project, args, { slice: args.slice });
      const [only] = await compareVersions(deps.client, { ...scope, slices: [(args.slice as SliceFilter | null | undefined) ?? null] }, args.metric, definition);
      return only!;
    },
    compareVersionsBySlice: async (_, args, { project }) => {
      if (args.slices.length === 0) throw badInput('slices needs at least one entry (null: all traffic)', 'slices');
      if (args.slices.length > METRICS_BOUNDS.comparedSlices) throw badInput(`at most ${METRICS_BOUNDS.comparedSlices} slices per request (got ${args.slices.length})`, 'slices');
      const { scope, definition } = await comparedScope(deps, project, args, { groupBy: sliceFilterFields({ and: args.slices.filter(Boolean) }) }, 'slices');
      return compareVersions(deps.client, { ...scope, slices: args.slices.map((slice) => (slice as SliceFilter | null) ?? null) }, args.metric, definition);
    },
  };
}
