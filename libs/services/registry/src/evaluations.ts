import { badInput, PublicError } from '@tideline/graphql';
import type { EvaluationMetric } from '@tideline/store';
import { optionalText, requireModel, requireVersion, type RegistryDeps } from './deps.ts';
import type { Evaluation, EvaluationValue } from './log-events.ts';
import { evaluationId } from './evaluation-id.ts';
import { checkDatasetId, checkModelName, checkVersionName } from './names.ts';
import { productionEvaluation, type Window } from './production-evidence.ts';

/** `field=value[,field=value]`, fields as the store names them. */
const SLICE = /^[A-Za-z][\w.]*=[^,]*(,[A-Za-z][\w.]*=[^,]*)*$/;

export interface RecordEvaluationInput {
  model: string;
  version: string;
  datasetId?: string | null;
  values: { slice?: string | null; metric: EvaluationMetric; value?: number | null; sampleCount: number }[];
  actor?: string | null;
}

export function checkValues(values: RecordEvaluationInput['values']): EvaluationValue[] {
  if (!values.length) throw badInput('an evaluation needs at least one value', 'input.values');
  const seen = new Set<string>();
  return values.map((v, i) => {
    const field = `input.values[${i}]`;
    const slice = v.slice?.trim() || null;
    if (slice !== null && !SLICE.test(slice)) throw badInput(`${field}.slice '${slice}' must be field=value, or several joined by ','`, `${field}.slice`);
    if (v.value != null && !Number.isFinite(v.value)) throw badInput(`${field}.value must be a finite number or null`, `${field}.value`);
    if (!Number.isInteger(v.sampleCount) || v.sampleCount < 0) throw badInput(`${field}.sampleCount must be an integer ≥ 0`, `${field}.sampleCount`);
    const key = `${slice}\u0000${v.metric}`;
    if (seen.has(key)) throw badInput(`${field}: ${v.metric} on ${slice ?? 'the whole set'} appears twice`, field);
    seen.add(key);
    return { slice, metric: v.metric, value: v.value ?? null, sampleCount: v.sampleCount };
  });
}

/** Appends an evaluation to the version's record in the model's log. */
export async function attachEvaluation(deps: RegistryDeps, project: string, model: string, version: string, evaluation: Evaluation, actor: string | null) {
  const { state } = await deps.log.transact(project, model, (current) => {
    requireVersion(current, version);
    return { event: { type: 'EVALUATION_RECORDED', at: new Date().toISOString(), actor, version, evaluation }, result: null };
  });
  const recorded = state.versions.get(version)!.evaluations.find((e) => e.id === evaluation.id)!;
  return { state, version: state.versions.get(version)!, evaluation: recorded };
}

export async function recordEvaluation(deps: RegistryDeps, project: string, input: RecordEvaluationInput) {
  const model = checkModelName(input.model, 'input.model');
  const version = checkVersionName(input.version, 'input.version');
  const values = checkValues(input.values);
  const datasetId = input.datasetId == null ? null : checkDatasetId(input.datasetId, 'input.datasetId');
  if (datasetId && !(await deps.datasets.get(project, datasetId))) throw new PublicError('DATASET_NOT_FOUND', `no dataset '${datasetId}'`, { field: 'input.datasetId' });
  const state = requireModel(await deps.log.read(project, model), 'input.model');
  requireVersion(state, version, 'input.version');
  const evaluation: Evaluation = { id: evaluationId(), source: 'OFFLINE', datasetId, window: null, values };
  return attachEvaluation(deps, project, model, version, evaluation, optionalText(input.actor, 'input.actor', 200));
}

export async function evaluateInProduction(
  deps: RegistryDeps,
  project: string,
  args: { model: string; version: string; window: Window; metrics?: EvaluationMetric[] | null; actor?: string | null },
) {
  const model = checkModelName(args.model);
  const version = checkVersionName(args.version);
  if (!(args.window.from < args.window.to)) throw badInput('window.from must be before window.to', 'window');
  const state = requireModel(await deps.log.read(project, model));
  requireVersion(state, version);
  const evaluation = await productionEvaluation(deps.metrics, project, {
    model,
    version,
    window: args.window,
    metrics: args.metrics?.length ? [...new Set(args.metrics)] : [state.config.primaryMetric],
    protectedSlices: state.config.protectedSlices,
  });
  return attachEvaluation(deps, project, model, version, evaluation, optionalText(args.actor, 'actor', 200));
}
