import { PublicError, isClientErrorCode, type ErrorCode, type SliceKey } from '@tideline/contracts';
import { SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import { LatestPredictionDocument } from './__generated__/evalstore-operations.ts';
import {
  DataQualityFiguresDocument,
  DriftFigureDocument,
  EstimatedFigureDocument,
  MetricFigureDocument,
  SliceGroupsDocument,
  SliceMetricFiguresDocument,
  type MetricName,
  type SliceFilterInput,
} from './__generated__/metrics-operations.ts';
import { countsLabeledSamples, driftCheckOf, isEstimated, type MonitorDefinition } from './monitor-definition.ts';
import { baselineOffsetMsOf, windowMsOf } from './monitor-input.ts';
import type { Observation } from './monitor-state.ts';

/** A series' figure before the condition gives it a bound. */
type Figure = Omit<Observation, 'threshold'>;

interface Window {
  from: Date;
  to: Date;
}

/** The monitor's check could not be run, for a reason its input gives: the metrics service's code, the field mapped to the monitor's input. */
export class CheckError extends PublicError {
  constructor(message: string, code: ErrorCode, field?: string, options?: ErrorOptions) {
    super(code, message, field ? { field } : {}, options);
  }
}

/** An evaluation's checks did not finish within the monitor's time budget. */
export class CheckTimeout extends Error {
  override readonly name = 'CheckTimeout';
}

/**
 * Runs `run` with clients whose requests fail with CheckTimeout once
 * `budgetMs` has passed, and gives up waiting for it then: the evaluation
 * frees its slot, and a check that asks one query per group stops asking.
 * Each request carries what is left of the budget (`x-tideline-time-budget-ms`):
 * the metrics service makes it its ClickHouse query's `max_execution_time`,
 * so the query in flight at the deadline is stopped there too, not answered
 * to nobody. Its QUERY_TIMEOUT is this timeout, whichever side saw it first.
 */
export async function withinBudget<C extends Record<string, SubgraphClient>, T>(budgetMs: number, clients: C, run: (bounded: C) => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let over = false;
  const deadline = Date.now() + budgetMs;
  const timeout = () => new CheckTimeout(`the check did not finish within its time budget of ${budgetMs} ms`);
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      over = true;
      reject(timeout());
    }, budgetMs);
  });
  const stopped = (error: unknown): never => {
    throw error instanceof SubgraphRequestError && error.code === 'QUERY_TIMEOUT' ? timeout() : error;
  };
  // Past the budget a request is not even sent: it would only load the metrics service for nobody.
  const request = (client: SubgraphClient): SubgraphClient['request'] => (project, document, variables) =>
    over ? expired : Promise.race([expired, client.request(project, document, variables, { timeBudgetMs: deadline - Date.now() }).catch(stopped)]);
  const bounded = Object.fromEntries(Object.entries(clients).map(([name, client]): [string, SubgraphClient] => [name, { request: request(client) }])) as C;
  const running = run(bounded);
  // Past the budget nobody awaits `running` any more: its later failure is expected, not unhandled.
  running.catch(() => {});
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The window a monitor checks at `at`: ending there, or (LATEST_PREDICTION)
 * at the model's latest prediction, asked of the evaluation store; null when
 * the model has no predictions yet.
 */
export async function monitorWindow(evalstore: SubgraphClient, m: MonitorDefinition, at: number): Promise<Window | null> {
  let end = at;
  if (m.anchor === 'LATEST_PREDICTION') {
    const data = await evalstore.request(m.project, LatestPredictionDocument, { name: m.model });
    const last = data.model?.lastPredictionAt;
    if (!last) return null;
    end = new Date(last).getTime() + 1; // half-open: the latest prediction is inside
  }
  return { from: new Date(end - windowMsOf(m)), to: new Date(end) };
}

const range = (w: Window) => ({ from: w.from.toISOString(), to: w.to.toISOString() });
const referenceOf = (m: MonitorDefinition) => (m.check.reference ? { from: new Date(m.check.reference.fromMs).toISOString(), to: new Date(m.check.reference.toMs).toISOString() } : null);

/**
 * Runs a monitor's check over a window through the metrics subgraph (the
 * alerts service never reads the store itself) and returns one observation
 * per series, with the condition's bound: the threshold, or for DROP / RISE
 * the same check over the baseline window scaled by the relative change.
 */
export async function runCheck(metrics: SubgraphClient, m: MonitorDefinition, window: Window): Promise<Observation[]> {
  const current = await figures(metrics, m, window);
  if (m.condition.op === 'LT' || m.condition.op === 'GT') return current.map((f) => ({ ...f, threshold: m.condition.threshold }));
  const offset = baselineOffsetMsOf(m);
  const baseline = await figures(metrics, m, { from: new Date(window.from.getTime() - offset), to: new Date(window.to.getTime() - offset) });
  const byKey = new Map(baseline.map((b) => [JSON.stringify(b.slice), b]));
  const factor = m.condition.op === 'DROP' ? 1 - m.condition.threshold : 1 + m.condition.threshold;
  return current.map((f) => {
    const base = byKey.get(JSON.stringify(f.slice));
    // A baseline with too few samples is no baseline: the series is then INSUFFICIENT_DATA.
    const usable = base && base.value !== null && base.sampleCount >= m.minSamples;
    return { ...f, threshold: usable ? base.value! * factor : null };
  });
}

async function figures(metrics: SubgraphClient, m: MonitorDefinition, window: Window): Promise<Figure[]> {
  try {
    if (m.check.metric && !isEstimated(m.check.metric)) return await metricFigures(metrics, m, m.check.metric, window);
    if (!m.groupBy.length) return [await oneFigure(metrics, m, window, m.slice, [])];
    const groups = await groupsOf(metrics, m, window);
    const out: Figure[] = [];
    for (const slice of groups) out.push(await oneFigure(metrics, m, window, andSlice(m.slice, slice), slice));
    return out;
  } catch (error) {
    // The metrics service's answers to a bad input are the monitor's; its failures stay internal.
    if (error instanceof SubgraphRequestError && isClientErrorCode(error.code)) throw new CheckError(error.message, error.code, inputField(m, error.code, error.field), { cause: error });
    throw error;
  }
}

/** A metric for every group in one sliceMetrics statement, or for the whole slice with `metric`. */
async function metricFigures(metrics: SubgraphClient, m: MonitorDefinition, metric: MetricName, window: Window): Promise<Figure[]> {
  const labeled = countsLabeledSamples(m.check);
  if (!m.groupBy.length) {
    const data = await metrics.request(m.project, MetricFigureDocument, { model: m.model, metric, window: range(window), slice: m.slice });
    const p = data.metric.points[0];
    return [{ slice: [], value: p?.value ?? null, sampleCount: (labeled ? p?.labeledCount : p?.sampleCount) ?? 0 }];
  }
  const data = await metrics.request(m.project, SliceMetricFiguresDocument, {
    model: m.model,
    metric,
    window: range(window),
    groupBy: m.groupBy,
    slice: m.slice,
  });
  if (data.sliceMetrics.length > m.maxSeries) throw tooManySeries(m, data.sliceMetrics.length);
  return data.sliceMetrics.map((s) => ({ slice: s.key, value: s.values[0]?.value ?? null, sampleCount: labeled ? s.labeledCount : s.sampleCount }));
}

/** The groupBy values present in the window, for checks that run once per group. */
async function groupsOf(metrics: SubgraphClient, m: MonitorDefinition, window: Window): Promise<SliceKey[][]> {
  const data = await metrics.request(m.project, SliceGroupsDocument, { model: m.model, window: range(window), groupBy: m.groupBy, slice: m.slice });
  if (data.sliceMetrics.length > m.maxSeries) throw tooManySeries(m, data.sliceMetrics.length);
  return data.sliceMetrics.map((s) => s.key);
}

/** Drift, data quality or an estimated metric over one slice. */
async function oneFigure(metrics: SubgraphClient, m: MonitorDefinition, window: Window, slice: SliceFilterInput | null, key: SliceKey[]): Promise<Figure> {
  const { dataQuality, metric } = m.check;
  const vars = { model: m.model, window: range(window), reference: referenceOf(m), slice };
  if (m.check.drift) {
    const drift = driftCheckOf(m.check.drift);
    const { drift: d } = await metrics.request(m.project, DriftFigureDocument, { ...vars, feature: drift.feature, method: drift.method, approximate: drift.approximate });
    // DRIFTED is the metrics service's own verdict; undefined (no value in a window) stays null, as the statistic.
    const value = { STATISTIC: d.statistic, EFFECT_SIZE: d.effectSize, DRIFTED: d.statistic === null ? null : Number(d.drifted) }[drift.value];
    return { slice: key, value, sampleCount: d.currentCount };
  }
  if (dataQuality) {
    const data = await metrics.request(m.project, DataQualityFiguresDocument, vars);
    const q = data.dataQuality.find((f) => f.feature === dataQuality.feature);
    // A group may lack a feature the model has; the whole traffic lacking it means the name is wrong.
    if (!q && !key.length) throw new CheckError(`feature '${dataQuality.feature}' is in neither the window nor the reference`, 'FEATURE_NOT_FOUND', 'input.check.dataQuality.feature');
    if (!q) return { slice: key, value: null, sampleCount: 0 };
    const value = { NULL_RATE: q.nullRate, TYPE_MISMATCH_RATE: q.rowCount ? q.typeMismatchCount / q.rowCount : null, OUT_OF_RANGE_SHARE: q.outOfRangeShare, UNSEEN_CATEGORY_SHARE: q.unseenCategoryShare }[dataQuality.figure];
    return { slice: key, value, sampleCount: q.rowCount };
  }
  if (!metric) throw new Error(`monitor ${m.id} checks neither a metric, a drift nor a data-quality figure`);
  const data = await metrics.request(m.project, EstimatedFigureDocument, { ...vars, metric });
  const p = data.estimatedPerformance.points[0];
  return { slice: key, value: p?.value ?? null, sampleCount: p?.sampleCount ?? 0 };
}

const andSlice = (slice: SliceFilterInput | null, key: SliceKey[]): SliceFilterInput => {
  const leaves = key.map((k): SliceFilterInput => (k.value === null ? { field: k.field, op: 'IS_NULL' } : { field: k.field, op: 'EQ', value: k.value }));
  return { and: slice ? [slice, ...leaves] : leaves };
};

const tooManySeries = (m: MonitorDefinition, count: number) =>
  new CheckError(`groupBy ${m.groupBy.join(', ')} has ${count} values in the window, past maxSeries (${m.maxSeries})`, 'TOO_MANY_SERIES', 'input.groupBy');

/** The monitor input field behind a metrics-service error, so createMonitor can name it. */
function inputField(m: MonitorDefinition, code: string, field: string | undefined): string | undefined {
  switch (code) {
    case 'MODEL_NOT_FOUND':
      return 'input.model';
    case 'METRIC_NOT_APPLICABLE':
      return 'input.check.metric';
    case 'METHOD_NOT_APPLICABLE':
      return 'input.check.drift.method';
    case 'FEATURE_NOT_FOUND':
      return m.check.drift ? 'input.check.drift.feature' : 'input.check.dataQuality.feature';
    case 'REFERENCE_REQUIRED':
    case 'REFERENCE_TOO_SMALL':
      return 'input.check.reference';
    case 'INVALID_GROUP_BY':
    case 'TOO_MANY_GROUPS':
      return 'input.groupBy';
    case 'INVALID_SLICE':
      return 'input.slice';
    case 'FIELD_NOT_FOUND':
      return field === 'groupBy' ? 'input.groupBy' : 'input.slice';
    default:
      return field ? `input.${field}` : undefined;
  }
}
