import { inGroupsOf, isClientErrorCode, METRICS_BOUNDS } from '@tideline/contracts';
import { PublicError, SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import { ModelAlertsDocument, type ModelAlertsQuery } from '../__generated__/alerts-operations.ts';
import { PairedComparisonsDocument, WindowFiguresDocument, type MetricName, type PairedComparisonsQuery, type SliceFilterInput } from '../__generated__/metrics-operations.ts';
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

/** A window's figures: its predictions, the metric and its labels, and per field the metric on each value (value as the store prints it → figure). */
export interface WindowFigures extends MetricFigure {
  sampleCount: number;
  slices: Map<string, Map<string | null, MetricFigure>>;
}

/**
 * One metric over several windows of one version (or all traffic), and per
 * value of each field, from one read of the model's rows per four fields
 * (`windowMetrics`): the store's row source costs a read of the model's
 * history whatever the window, so asking per window and per field paid it
 * once each.
 */
export async function windowFigures(c: EvidenceClients, project: string, q: { model: string; metric: MetricName; windows: TimeRange[]; fields: string[]; version: string | null }): Promise<WindowFigures[]> {
  // More protected fields than one request slices by take more requests; no field, one request.
  const chunks = q.fields.length ? inGroupsOf(q.fields, METRICS_BOUNDS.windowSlicedBy) : [[]];
  const answers = await Promise.all(
    chunks.map((slicedBy) =>
      c.metrics
        .request(project, WindowFiguresDocument, { model: q.model, metrics: [q.metric], windows: q.windows, slicedBy, modelVersion: q.version })
        .catch(passThrough(`${q.metric} of the windows${slicedBy.length ? ` and protected slices ${slicedBy.join(', ')}` : ''}`)),
    ),
  );
  return q.windows.map((_, w) => {
    const whole = answers[0]!.windowMetrics[w]!;
    const slices = new Map<string, Map<string | null, MetricFigure>>(q.fields.map((f) => [f, new Map()]));
    for (const answer of answers) {
      for (const s of answer.windowMetrics[w]!.slices) slices.get(s.field)?.set(s.value ?? null, { value: s.values[0]?.value ?? null, labeledCount: s.labeledCount });
    }
    return { value: whole.values[0]?.value ?? null, sampleCount: whole.sampleCount, labeledCount: whole.labeledCount, slices };
  });
}

type ComparisonQuery = { model: string; metric: MetricName; window: TimeRange; champion: string; challenger: string };
type Compared = Pick<PairedComparisonsQuery['compareVersionsBySlice'][number], 'test' | 'baselineValue' | 'candidateValue' | 'difference' | 'pValue' | 'pairedCount' | 'labeledPairedCount'>;

const comparison = (metric: MetricName, v: Compared): Comparison => ({
  metric,
  test: v.test ?? null,
  baselineValue: v.baselineValue ?? null,
  candidateValue: v.candidateValue ?? null,
  difference: v.difference ?? null,
  pValue: v.pValue ?? null,
  pairedCount: v.pairedCount,
  labeledPairedCount: v.labeledPairedCount,
});

/** `compareVersions` of the champion and a challenger on paired ids, all traffic. */
export async function compare(c: EvidenceClients, project: string, q: ComparisonQuery): Promise<Comparison> {
  const [all] = await compareBySlice(c, project, q, [null]);
  return all!;
}

/** The same, for each slice (null: all traffic), from one read of the window per 50 slices (`compareVersionsBySlice`). */
export async function compareBySlice(c: EvidenceClients, project: string, q: ComparisonQuery, slices: (SliceFilterInput | null)[]): Promise<Comparison[]> {
  const chunks = inGroupsOf(slices, METRICS_BOUNDS.comparedSlices);
  const answers = await Promise.all(
    chunks.map((chunk) =>
      c.metrics
        .request(project, PairedComparisonsDocument, { model: q.model, metric: q.metric, window: q.window, baseline: q.champion, candidate: q.challenger, slices: chunk })
        .catch(passThrough(`${q.challenger} against ${q.champion}`)),
    ),
  );
  return answers.flatMap((a) => a.compareVersionsBySlice.map((v) => comparison(q.metric, v)));
}
