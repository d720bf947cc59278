import type { Task } from '@tideline/contracts';
import { PublicError, SubgraphRequestError } from '@tideline/graphql';
import { DEFAULT_PRIMARY_METRIC, type EvaluationMetric } from '@tideline/store';
import { ModelTrafficDocument } from '../__generated__/evalstore-operations.ts';
import { EstimatedMetricDocument, StoredReferenceDocument } from '../__generated__/metrics-operations.ts';
import { RegisteredModelDocument, type RegisteredModelQuery } from '../__generated__/registry-operations.ts';
import type { ChallengerEvidence, Evidence, LabelsEvidence, MetricFigure, PerformanceEvidence, PromotionEvidence, SliceFigure, TimeRange } from './evidence-types.ts';
import { compare, compareBySlice, modelAlerts, passThrough, windowFigures, type EvidenceClients, type WindowFigures } from './evidence-sources.ts';
import { wholeSecond } from './decide.ts';
import type { DecisionRules } from './rules.ts';

export type { EvidenceClients } from './evidence-sources.ts';

type Registered = NonNullable<RegisteredModelQuery['registeredModel']>;

/** Metrics `compareVersions` has a paired test for; for any other primary metric the task's stands in for significance. */
const TESTED = new Set(['ACCURACY', 'LOG_LOSS', 'BRIER', 'MAE', 'RMSE']);
const TESTED_BY_TASK: Record<Task, EvaluationMetric> = { BINARY: 'ACCURACY', MULTICLASS: 'ACCURACY', REGRESSION: 'RMSE' };
/** CBPE estimates these two (binary models only). */
const ESTIMATED: Partial<Record<EvaluationMetric, 'ESTIMATED_ACCURACY' | 'ESTIMATED_ROC_AUC'>> = { ACCURACY: 'ESTIMATED_ACCURACY', ROC_AUC: 'ESTIMATED_ROC_AUC' };

const iso = (ms: number) => new Date(ms).toISOString();
/** A window's figure as the evidence keeps it: the metric, its labels and the predictions. */
const figureOf = ({ value, sampleCount, labeledCount }: WindowFigures): MetricFigure & { sampleCount: number } => ({ value, sampleCount, labeledCount });

interface Scope {
  c: EvidenceClients;
  project: string;
  model: string;
  rules: DecisionRules;
  window: TimeRange;
  task: Task | null;
  metric: EvaluationMetric;
  champion: string | null;
  protectedSlices: string[];
}

/** The latest change that made a CHAMPION, with the alerts fired since (not watched after a rollback). */
async function lastPromotion(s: Scope, registered: Registered | null): Promise<PromotionEvidence | null> {
  const change = [...(registered?.stageHistory ?? [])].reverse().find((h) => h.to === 'CHAMPION');
  if (!change) return null;
  const previousChampion = change.displaced.find((d) => d.from === 'CHAMPION')?.version ?? null;
  const alertsSince = change.rollback || !previousChampion ? [] : await modelAlerts(s.c, s.project, s.model, { from: new Date(wholeSecond(change.at)).toISOString() });
  return { version: change.version, promotedAt: change.at, previousChampion, rollback: change.rollback, alertsSince };
}

/** Protected slices name fields or single values (`tags.country=BR`): field → the values judged (null: every value). */
function protectedFields(slices: readonly string[]): Map<string, Set<string> | null> {
  const fields = new Map<string, Set<string> | null>();
  for (const s of slices) {
    const [field, ...rest] = s.split('=');
    if (!rest.length) fields.set(field!, null);
    else if (fields.get(field!) !== null) fields.set(field!, new Set([...(fields.get(field!) ?? []), rest.join('=')]));
  }
  return fields;
}

/** The reference window: the model's stored one, else the window of the same length just before. */
async function referenceOf(s: Scope): Promise<{ window: TimeRange; source: 'STORED' | 'PRECEDING' }> {
  const stored = (await s.c.metrics.request(s.project, StoredReferenceDocument, { model: s.model }).catch(passThrough('reference window'))).referenceWindow;
  const span = Date.parse(s.window.to) - Date.parse(s.window.from);
  return stored ? { window: { from: stored.from, to: stored.to }, source: 'STORED' } : { window: { from: iso(Date.parse(s.window.from) - span), to: s.window.from }, source: 'PRECEDING' };
}

/** The window's performance, its reference's and the protected slices' (from the figures read for both windows), then the CBPE estimate when labels are few. */
async function performance(s: Scope, referenceWindow: TimeRange, source: 'STORED' | 'PRECEDING', current: WindowFigures, reference: WindowFigures): Promise<PerformanceEvidence> {
  const base = { metric: s.metric, version: s.champion };
  const slices: SliceFigure[] = [];
  for (const [field, values] of protectedFields(s.protectedSlices)) {
    const before = reference.slices.get(field)!;
    const judged = [...current.slices.get(field)!].filter(([value]) => !values || (value !== null && values.has(value))).sort((a, b) => b[1].labeledCount - a[1].labeledCount);
    for (const [value, figure] of judged.slice(0, s.rules.maxSliceValues)) slices.push({ field, value, current: figure, reference: before.get(value) ?? null });
  }
  const predictionCount = current.sampleCount;
  let estimate: number | null = null;
  let estimateUnavailable: string | null = null;
  const estimated = ESTIMATED[s.metric];
  if (current.labeledCount >= s.rules.minLabeled) estimateUnavailable = 'the window has labels enough';
  else if (s.task !== 'BINARY' || !estimated) estimateUnavailable = `CBPE estimates ACCURACY and ROC_AUC of binary models, not ${s.metric} of a ${s.task?.toLowerCase() ?? 'model without traffic'}`;
  else if (predictionCount === 0) estimateUnavailable = 'no predictions in the window';
  else {
    try {
      const answer = await s.c.metrics.request(s.project, EstimatedMetricDocument, { model: s.model, metric: estimated, window: s.window, reference: referenceWindow, modelVersion: s.champion });
      estimate = answer.estimatedPerformance.points[0]?.value ?? null;
      if (estimate === null) estimateUnavailable = 'the estimate is undefined for the window';
    } catch (err) {
      // A reference too small to calibrate on is a fact about the data, not a failure: the decision says so.
      if (!(err instanceof SubgraphRequestError) || !err.code.startsWith('REFERENCE_')) throw err;
      estimateUnavailable = `no calibrated reference: ${err.message}`;
    }
  }
  return { ...base, metricSource: 'TASK_DEFAULT', predictionCount, current: figureOf(current), reference: { ...figureOf(reference), window: referenceWindow, source }, estimate, estimateUnavailable, slices };
}

/** Since when labels count as new (of the champion): its training run's end, else its dataset's window end, else its registration, else the first prediction; and the window they are counted in (null: none can be). */
function labelsSince(s: Scope, registered: Registered | null, firstPredictionAt: string | null): { since: string | null; sinceSource: LabelsEvidence['sinceSource']; window: TimeRange | null } {
  const champion = registered?.champion;
  const candidates: [string | null | undefined, LabelsEvidence['sinceSource']][] = [
    [champion?.lineage.trainingRun?.finishedAt, 'TRAINING_RUN'],
    [champion?.lineage.dataset?.source.window?.to, 'DATASET_WINDOW'],
    [champion?.createdAt, 'VERSION_CREATED'],
  ];
  const [since, sinceSource] = candidates.find(([at]) => at) ?? [null, 'FIRST_PREDICTION'];
  const from = since ?? firstPredictionAt;
  const window = !from || Date.parse(from) >= Date.parse(s.window.to) ? null : { from: iso(Date.parse(from)), to: s.window.to };
  return { since: since ?? null, sinceSource, window };
}

/** CANDIDATE and CHALLENGER versions (newest first, at most maxChallengers) with predictions paired with the champion's in the window. */
async function challengers(s: Scope, registered: Registered | null, slices: readonly SliceFigure[]): Promise<ChallengerEvidence[]> {
  if (!s.champion || !s.task || !registered) return [];
  const gate = registered.registration?.gate ?? s.rules.gate;
  const versions = registered.versions
    .filter((v) => v.stage === 'CANDIDATE' || v.stage === 'CHALLENGER')
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, s.rules.maxChallengers);
  const significanceMetric = TESTED.has(s.metric) ? s.metric : TESTED_BY_TASK[s.task];
  const found = await Promise.all(
    versions.map(async (v): Promise<ChallengerEvidence | null> => {
      const q = { model: s.model, window: s.window, champion: s.champion!, challenger: v.version };
      // Overall and on every protected value in one read of the window; the values are judged only for a challenger with pairs enough to be promoted at all.
      const valued = slices.filter((f) => f.value !== null);
      const [primary, ...bySlice] = await compareBySlice(s.c, s.project, { ...q, metric: s.metric }, [null, ...valued.map((f) => ({ field: f.field, op: 'EQ' as const, value: f.value }))]);
      if (primary!.pairedCount === 0) return null;
      const significance = significanceMetric === s.metric ? primary! : await compare(s.c, s.project, { ...q, metric: significanceMetric });
      const perSlice = primary!.labeledPairedCount >= gate.minSamples ? valued.map((f, i) => ({ slice: `${f.field}=${f.value}`, comparison: bySlice[i]! })) : [];
      return { version: v.version, stage: v.stage as ChallengerEvidence['stage'], primary: primary!, significance, slices: perSlice };
    }),
  );
  return found.filter((c): c is ChallengerEvidence => c !== null);
}

/**
 * Everything the decision rests on, asked of the other services through
 * typed operations: the model's traffic (evalstore), registration, champion,
 * versions and stage history (registry), alerts (alerts), and metrics,
 * estimates and paired comparisons (metrics). A model that neither the store
 * nor the registry knows is MODEL_NOT_FOUND.
 */
export async function gatherEvidence(c: EvidenceClients, project: string, model: string, rules: DecisionRules, now: Date = new Date()): Promise<Evidence> {
  const [traffic, registry, openAlerts] = await Promise.all([
    c.evalstore.request(project, ModelTrafficDocument, { name: model }).catch(passThrough('model')),
    c.registry.request(project, RegisteredModelDocument, { name: model }).catch(passThrough('registry')),
    modelAlerts(c, project, model, { state: 'FIRING' }),
  ]);
  const registered = registry.registeredModel;
  if (!traffic.model && !registered) throw new PublicError('MODEL_NOT_FOUND', `the project has no model '${model}' (no predictions, not registered)`, { field: 'model' });
  const task = (traffic.model?.task ?? null) as Task | null;
  const registration = registered?.registration ?? null;
  const window = { from: iso(now.getTime() - rules.windowMs), to: iso(now.getTime()) };
  const s: Scope = {
    c,
    project,
    model,
    rules,
    window,
    task,
    metric: (registration?.primaryMetric as EvaluationMetric | undefined) ?? DEFAULT_PRIMARY_METRIC[task ?? 'BINARY'],
    champion: registered?.champion?.version ?? null,
    protectedSlices: registration?.protectedSlices ?? [],
  };
  // One read of the model's rows for the window, its reference and the labels since training (the metrics service's
  // windowMetrics): each read costs the model's whole history, whatever the window, and the engine runs one at a time.
  const reference = task ? await referenceOf(s) : null;
  const labels = labelsSince(s, registered, traffic.model?.firstPredictionAt ?? null);
  const windows = [...(reference ? [window, reference.window] : []), ...(labels.window ? [labels.window] : [])];
  const [figures, promotion] = await Promise.all([
    windows.length ? windowFigures(c, project, { model, metric: s.metric, windows, fields: reference ? [...protectedFields(s.protectedSlices).keys()] : [], version: s.champion }) : Promise.resolve([]),
    lastPromotion(s, registered),
  ]);
  const perf = reference ? await performance(s, reference.window, reference.source, figures[0]!, figures[1]!) : null;
  const labelsEvidence: LabelsEvidence = { since: labels.since, sinceSource: labels.sinceSource, count: labels.window ? figures[windows.length - 1]!.labeledCount : 0 };
  const empty = { value: null, labeledCount: 0 };
  const performanceEvidence: PerformanceEvidence = perf
    ? { ...perf, metricSource: registration ? 'REGISTRATION' : 'TASK_DEFAULT' }
    : { metric: s.metric, metricSource: registration ? 'REGISTRATION' : 'TASK_DEFAULT', version: s.champion, predictionCount: 0, current: empty, reference: null, estimate: null, estimateUnavailable: 'the model has no predictions', slices: [] };
  return {
    model,
    decidedAt: window.to,
    window,
    champion: s.champion,
    gate: registration?.gate ?? null,
    openAlerts,
    performance: performanceEvidence,
    labels: labelsEvidence,
    challengers: await challengers(s, registered, performanceEvidence.slices),
    lastPromotion: promotion,
  };
}
