import { isClientErrorCode } from '@tideline/contracts';
import { PublicError, SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import { ModelAlertsDocument, type ModelAlertsQuery } from '../__generated__/alerts-operations.ts';
import { PairedComparisonDocument, SliceMetricDocument, WindowMetricDocument, type MetricName, type SliceFilterInput } from '../__generated__/metrics-operations.ts';
import type { AlertEvidence, AlertKind, Comparison, MetricFigure, TimeRange } from './evidence-types.ts';

/** The services the evidence comes from, each reached over its subgraph as from another machine. */
export interface EvidenceClients {
  evalstore: SubgraphClient;
  registry: SubgraphClient;
  alerts: SubgraphClient;
  metrics: SubgraphClient;
}

/** Another service's client errors keep their code (the caller's model is at fault); anything else stays internal. */
export const passThrough =
  (what: string) =>
  (err: unknown): never => {
    if (err instanceof SubgraphRequestError && isClientErrorCode(err.code)) throw new PublicError(err.code, `${what}: ${err.message}`, { field: 'model' }, { cause: err });
    throw err;
  };

type AlertRow = ModelAlertsQuery['alerts'][number];

const DRIFT_LABEL = /^(PSI|KS|WASSERSTEIN|JENSEN_SHANNON|CHI2)\(/;
const QUALITY_LABEL = /^(NULL_RATE|TYPE_MISMATCH_RATE|OUT_OF_RANGE_SHARE|UNSEEN_CATEGORY_SHARE)\(/;

/** The kind of check behind an alert: from its monitor, or from the alert's own label once the monitor is deleted. */
export function alertKind(row: Pick<AlertRow, 'metric' | 'monitor'>): AlertKind {
  const check = row.monitor?.check;
  if (check?.drift || (!check && DRIFT_LABEL.test(row.metric))) return 'DRIFT';
  if (check?.dataQuality || (!check && QUALITY_LABEL.test(row.metric))) return 'DATA_QUALITY';
  return (check?.metric ?? row.metric).startsWith('ESTIMATED_') ? 'ESTIMATED' : 'METRIC';
}

/** The model's alerts firing now (`state` FIRING) or fired since `from`, newest first. */
export async function modelAlerts(c: EvidenceClients, project: string, model: string, filter: { state?: 'FIRING'; from?: string }): Promise<AlertEvidence[]> {
  const answer = await c.alerts.request(project, ModelAlertsDocument, { model, state: filter.state ?? null, from: filter.from ?? null }).catch(passThrough('alerts'));
  return answer.alerts.map((a) => ({
    id: a.id,
    monitorName: a.monitorName,
    kind: alertKind(a),
    metric: a.metric,
    slice: a.slice.map((s) => ({ field: s.field, value: s.value ?? null })),
    value: a.value ?? null,
    threshold: a.threshold ?? null,
    severity: a.severity,
    state: a.state,
    firedAt: a.firedAt,
  }));
}

/** One metric over a whole window, of one version (or all traffic). */
export async function windowMetric(c: EvidenceClients, project: string, q: { model: string; metric: MetricName; window: TimeRange; version: string | null }) {
  const answer = await c.metrics.request(project, WindowMetricDocument, { model: q.model, metric: q.metric, window: q.window, modelVersion: q.version }).catch(passThrough(`${q.metric} of the window`));
  const point = answer.metric.points[0];
  return { value: point?.value ?? null, sampleCount: point?.sampleCount ?? 0, labeledCount: point?.labeledCount ?? 0 };
}

/** The metric on every value of one field: value (as the store prints it) → figure. */
export async function sliceFigures(c: EvidenceClients, project: string, q: { model: string; metric: MetricName; window: TimeRange; version: string | null; field: string }): Promise<Map<string | null, MetricFigure>> {
  const answer = await c.metrics.request(project, SliceMetricDocument, { model: q.model, metric: q.metric, window: q.window, groupBy: [q.field], modelVersion: q.version }).catch(passThrough(`protected slice ${q.field}`));
  return new Map(answer.sliceMetrics.map((s) => [s.key[0]?.value ?? null, { value: s.values[0]?.value ?? null, labeledCount: s.labeledCount }]));
}

/** `compareVersions` of the champion and a challenger on paired ids, optionally within a slice. */
export async function compare(c: EvidenceClients, project: string, q: { model: string; metric: MetricName; window: TimeRange; champion: string; challenger: string; slice?: SliceFilterInput }): Promise<Comparison> {
  const answer = await c.metrics
    .request(project, PairedComparisonDocument, { model: q.model, metric: q.metric, window: q.window, baseline: q.champion, candidate: q.challenger, slice: q.slice ?? null })
    .catch(passThrough(`${q.challenger} against ${q.champion}`));
  const v = answer.compareVersions;
  return {
    metric: q.metric,
    test: v.test ?? null,
    baselineValue: v.baselineValue ?? null,
    candidateValue: v.candidateValue ?? null,
    difference: v.difference ?? null,
    pValue: v.pValue ?? null,
    pairedCount: v.pairedCount,
    labeledPairedCount: v.labeledPairedCount,
  };
}
