import { badInput, PublicError } from '@tideline/graphql';
import { parseField, type EvaluationMetric } from '@tideline/store';
import { buildManifest, type ArtifactInput } from './artifact-manifest.ts';
import type { DatasetInput } from './datasets.ts';
import { optionalText, requireModel, requireVersion, type RegistryDeps } from './deps.ts';
import type { GateConfig, LogEvent, ModelConfig, TrainingRun } from './log-events.ts';
import type { ModelState, VersionState } from './model-state.ts';
import { checkDatasetId, checkModelName, checkVersionName } from './names.ts';

export interface RegisterModelInput {
  name: string;
  description?: string | null;
  owner?: string | null;
  primaryMetric: EvaluationMetric;
  protectedSlices?: string[] | null;
  gate?: Partial<{ [K in keyof GateConfig]: GateConfig[K] | null }> | null;
  actor?: string | null;
}

/**
 * A protected slice: a field production evidence can group by (a tag, a
 * feature or the predicted class), optionally one of its values. Slices are
 * written `field=value,field=value`, so the field holds no '=', ',' or
 * white space, and the value no ','.
 */
function isProtectedSlice(slice: string): boolean {
  const [path, ...value] = slice.split('=');
  const field = parseField(path!);
  const groupable = field?.source === 'tags' || field?.source === 'features' || field?.path === 'output.predictedClass';
  return groupable && !/[,\s]/.test(path!) && !value.join('=').includes(',');
}

export function modelConfigOf(input: RegisterModelInput): ModelConfig {
  const gate = input.gate ?? {};
  const minImprovement = gate.minImprovement ?? 0;
  const maxSliceRegression = gate.maxSliceRegression ?? 0.01;
  const minSamples = gate.minSamples ?? 100;
  if (!Number.isFinite(minImprovement) || minImprovement < 0) throw badInput('gate.minImprovement must be a number ≥ 0', 'input.gate.minImprovement');
  if (!Number.isFinite(maxSliceRegression) || maxSliceRegression < 0) throw badInput('gate.maxSliceRegression must be a number ≥ 0', 'input.gate.maxSliceRegression');
  if (!Number.isInteger(minSamples) || minSamples < 1) throw badInput('gate.minSamples must be an integer ≥ 1', 'input.gate.minSamples');
  const protectedSlices = [...new Set(input.protectedSlices ?? [])];
  for (const [i, slice] of protectedSlices.entries()) {
    if (!isProtectedSlice(slice)) {
      throw badInput(`protectedSlices[${i}] '${slice}' must be tags.<name>, features.<name> or output.predictedClass, optionally =<value>`, `input.protectedSlices`);
    }
  }
  return {
    description: optionalText(input.description, 'input.description'),
    owner: optionalText(input.owner, 'input.owner', 200),
    primaryMetric: input.primaryMetric,
    protectedSlices,
    gate: { minImprovement, maxSliceRegression, minSamples },
  };
}

/** Creates the model's entry or replaces its configuration; the same configuration again appends nothing. */
export async function registerModel(deps: RegistryDeps, project: string, input: RegisterModelInput): Promise<ModelState> {
  const name = checkModelName(input.name, 'input.name');
  const config = modelConfigOf(input);
  const actor = optionalText(input.actor, 'input.actor', 200);
  const { state } = await deps.log.transact(project, name, (current) => ({
    event: JSON.stringify(current.config) === JSON.stringify(config) ? null : { type: 'MODEL_CONFIGURED', at: new Date().toISOString(), actor, config },
    result: null,
  }));
  return state;
}

export interface RegisterVersionInput {
  model: string;
  version: string;
  description?: string | null;
  artifact: ArtifactInput;
  metadata?: unknown;
  datasetId?: string | null;
  dataset?: DatasetInput | null;
  trainingRun?: {
    id?: string | null;
    params?: unknown;
    seed?: number | null;
    codeVersion?: string | null;
    backend?: string | null;
    durationMs?: number | null;
    startedAt?: Date | null;
    finishedAt?: Date | null;
  } | null;
  parentVersion?: string | null;
  actor?: string | null;
}

function trainingRunOf(input: RegisterVersionInput['trainingRun']): TrainingRun | null {
  if (!input) return null;
  if (input.durationMs != null && !(input.durationMs >= 0)) throw badInput('trainingRun.durationMs must be ≥ 0', 'input.trainingRun.durationMs');
  if (input.startedAt && input.finishedAt && input.finishedAt < input.startedAt) throw badInput('trainingRun.finishedAt is before startedAt', 'input.trainingRun.finishedAt');
  return {
    id: optionalText(input.id, 'input.trainingRun.id', 200),
    params: input.params ?? null,
    seed: input.seed ?? null,
    codeVersion: optionalText(input.codeVersion, 'input.trainingRun.codeVersion', 200),
    backend: optionalText(input.backend, 'input.trainingRun.backend', 200),
    durationMs: input.durationMs ?? (input.startedAt && input.finishedAt ? input.finishedAt.getTime() - input.startedAt.getTime() : null),
    startedAt: input.startedAt?.toISOString() ?? null,
    finishedAt: input.finishedAt?.toISOString() ?? null,
  };
}

/**
 * A new CANDIDATE: the artifact stored and verified, the dataset registered
 * or found, the parent checked, then one log entry. Registering the same
 * version with the same artifact again returns it unchanged (a retried call).
 */
export async function registerModelVersion(deps: RegistryDeps, project: string, input: RegisterVersionInput): Promise<{ state: ModelState; version: VersionState }> {
  const model = checkModelName(input.model, 'input.model');
  const version = checkVersionName(input.version, 'input.version');
  const actor = optionalText(input.actor, 'input.actor', 200);
  const parentVersion = input.parentVersion == null ? null : checkVersionName(input.parentVersion, 'input.parentVersion');
  if (parentVersion === version) throw badInput('a version cannot be its own parent', 'input.parentVersion');
  requireModel(await deps.log.read(project, model), 'input.model');

  if (input.datasetId != null && input.dataset) throw badInput('give datasetId or dataset, not both', 'input.dataset');
  let datasetId: string | null = null;
  if (input.dataset) datasetId = (await deps.datasets.register(project, input.dataset, actor, 'input.dataset')).id;
  else if (input.datasetId != null) {
    datasetId = checkDatasetId(input.datasetId, 'input.datasetId');
    if (!(await deps.datasets.get(project, datasetId))) throw new PublicError('DATASET_NOT_FOUND', `no dataset '${datasetId}'; register it first or pass dataset inline`, { field: 'input.datasetId' });
  }
  const trainingRun = trainingRunOf(input.trainingRun);
  const artifact = await buildManifest(deps.artifacts, project, input.artifact, deps.artifactLimits);
  const description = optionalText(input.description, 'input.description');
  // Indexed before the log entry: a crash in between leaves an entry readers skip, never a missing one.
  if (datasetId) await deps.datasets.linkVersion(project, datasetId, model, version);

  const { state, sequence } = await deps.log.transact(project, model, (current) => {
    const existing = current.versions.get(version);
    if (existing) {
      if (existing.artifact.digest === artifact.digest && existing.datasetId === datasetId) return { event: null, result: null };
      throw new PublicError('VERSION_EXISTS', `model '${model}' already has a version '${version}' with another artifact or dataset; versions are immutable`, { field: 'input.version' });
    }
    if (parentVersion) requireVersion(current, parentVersion, 'input.parentVersion');
    const event: LogEvent = {
      type: 'VERSION_REGISTERED',
      at: new Date().toISOString(),
      actor,
      version,
      description,
      artifact,
      metadata: input.metadata ?? null,
      datasetId,
      trainingRun,
      parentVersion,
    };
    return { event, result: null };
  });
  const registered = state.versions.get(version)!;
  if (sequence !== null) await deps.events.registered(project, model, sequence, registered);
  return { state, version: registered };
}
