import { isClientErrorCode, type Task } from '@tideline/contracts';
import { PublicError, SubgraphRequestError, badInput, type SubgraphClient } from '@tideline/graphql';
import { FiringAlertsDocument } from './__generated__/alerts-operations.ts';
import { SliceErrorsDocument, type SliceFilterInput } from './__generated__/metrics-operations.ts';
import type { GroupCandidates, GroupWeight } from './select.ts';

/** Below this many labels in a slice its measured error is too noisy to split a budget by: the estimate stands in. */
export const MIN_LABELED = 30;

export interface SliceWeightScope {
  project: string;
  model: string;
  task: Task;
  window: { from: Date; to: Date };
  slice: unknown;
  modelVersion: string | null;
  field: string;
}

/** Another service's client errors keep their code, the field naming our input; anything else stays internal. */
const passThrough = (err: unknown, what: string, field: string): never => {
  if (err instanceof SubgraphRequestError && isClientErrorCode(err.code)) throw new PublicError(err.code, `${what}: ${err.message}`, { field }, { cause: err });
  throw err;
};

/**
 * The slices of the given firing alerts: each must be firing on this model
 * and split by one field, the same for all, which becomes the request's
 * grouping field; the budget then goes to those slices only.
 */
export async function alertSlices(alerts: SubgraphClient, project: string, model: string, ids: readonly string[]): Promise<{ field: string; values: Set<string | null> }> {
  const firing = await alerts.request(project, FiringAlertsDocument, { model }).catch((err) => passThrough(err, 'firing alerts', 'input.alerts'));
  let field: string | null = null;
  const values = new Set<string | null>();
  ids.forEach((id, i) => {
    const alert = firing.alerts.find((a) => a.id === id);
    if (!alert) throw new PublicError('ALERT_NOT_FOUND', `alert '${id}' is not firing on model '${model}'`, { field: `input.alerts[${i}]` });
    if (alert.slice.length !== 1) throw badInput(`alert '${id}' has ${alert.slice.length} slice fields; SLICE_WEIGHTED follows alerts on one groupBy field`, `input.alerts[${i}]`);
    const [key] = alert.slice;
    if (field !== null && key!.field !== field) throw badInput(`alerts split by different fields (${field}, ${key!.field}); give alerts of one field`, `input.alerts[${i}]`);
    field = key!.field;
    values.add(key!.value ?? null);
  });
  return { field: field!, values };
}

/**
 * Each slice's weight is its error: 1 − accuracy measured by the metrics
 * service on the window's labels where a slice has at least MIN_LABELED of
 * them, else the expected error of a calibrated classifier over its
 * candidates (the mean of 1 − max p, computed with the candidates). Slices
 * outside `only` (the alerts' slices, when given) weigh nothing.
 */
export async function sliceWeights(metrics: SubgraphClient, scope: SliceWeightScope, groups: readonly GroupCandidates[], only: Set<string | null> | null): Promise<GroupWeight[]> {
  const answer = await metrics
    .request(scope.project, SliceErrorsDocument, {
      model: scope.model,
      metrics: ['ACCURACY'],
      window: { from: scope.window.from.toISOString(), to: scope.window.to.toISOString() },
      groupBy: [scope.field],
      slice: (scope.slice ?? null) as SliceFilterInput | null,
      modelVersion: scope.modelVersion,
    })
    .catch((err) => passThrough(err, 'slice errors from the metrics service', 'input.stratifyBy'));
  const measured = new Map(answer.sliceMetrics.map((s) => [s.key[0]?.value ?? null, s]));
  return groups.map((g): GroupWeight => {
    if (only && !only.has(g.value)) return { weight: 0, note: 'not an alert slice' };
    const m = measured.get(g.value);
    const accuracy = m?.values[0]?.value;
    if (m && m.labeledCount >= MIN_LABELED && accuracy != null) return { weight: Math.max(1e-9, 1 - accuracy), note: `error ${(1 - accuracy).toFixed(3)} measured on ${m.labeledCount} labels` };
    const estimate = g.estimate ?? 0;
    return { weight: Math.max(1e-9, estimate), note: `error ${estimate.toFixed(3)} estimated from the model's confidence` };
  });
}
