import { randomBytes } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { MODEL_NAME_PATTERN, TRAINING_SUBJECTS } from '@tideline/contracts';
import { PublicError, badInput } from '@tideline/graphql';
import type { StartTrainingInput } from './__generated__/resolvers-types.ts';
import { ParamsError, parseParams } from './ml/index.ts';
import { modelTask, registration, trainingDataset, versionArtifact, type Callees } from './model-facts.ts';
import type { RunStore, TrainingRunRecord } from './runs.ts';
import type { TrainingEvents } from './training-events.ts';
import type { TrainingJob } from './worker.ts';

export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const RUN_ID_PATTERN = /^tr_[a-z0-9]{1,40}$/;
export const isRunId = (id: string) => RUN_ID_PATTERN.test(id);

/** Time-ordered and unique without coordination: `tr_<ms base36><random>`. */
const newRunId = () => `tr_${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;

export function checkVersion(version: string, field: string): string {
  if (!VERSION_PATTERN.test(version)) throw badInput(`${field} must be 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit`, field);
  return version;
}

/**
 * Checks everything a worker would otherwise fail on later — the model and
 * its task, the dataset, the family and its parameters, the parent, a free
 * version name — then records the run as QUEUED and queues its job.
 */
export async function startTraining(
  deps: { callees: Callees; runs: RunStore; events: TrainingEvents; js: JetStreamClient },
  project: string,
  actor: string | null,
  input: StartTrainingInput,
): Promise<TrainingRunRecord> {
  if (!MODEL_NAME_PATTERN.test(input.model)) throw badInput("input.model must be 1 to 128 letters, digits, '_', '.' or '-'", 'input.model');
  const seed = input.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) throw badInput(`input.seed must be an integer from 0 to 2147483647; got ${seed}`, 'input.seed');
  const task = await modelTask(deps.callees, project, input.model);
  if (!(await registration(deps.callees, project, input.model)).registered)
    throw new PublicError('MODEL_NOT_FOUND', `model '${input.model}' is not in the registry, where its versions go: call registerModel (primary metric, protected slices, gate) first`, { field: 'input.model' });
  let params;
  try {
    params = parseParams(input.family, task, input.params ?? {});
  } catch (err) {
    if (!(err instanceof ParamsError)) throw err;
    // The library names fields from `params`/`family` down; here they sit under `input`.
    if (err.field === 'family') throw new PublicError('FAMILY_NOT_APPLICABLE', `input.${err.message}`, { field: 'input.family' });
    throw badInput(`input.${err.message}`, `input.${err.field}`);
  }
  await trainingDataset(deps.callees, project, input.model, input.datasetId);
  const parentVersion = input.parentVersion == null ? null : checkVersion(input.parentVersion, 'input.parentVersion');
  if (parentVersion && !(await versionArtifact(deps.callees, project, input.model, parentVersion)))
    throw new PublicError('VERSION_NOT_FOUND', `model '${input.model}' has no version '${parentVersion}' to start from`, { field: 'input.parentVersion' });
  const id = newRunId();
  const version = input.version == null ? id : checkVersion(input.version, 'input.version');
  if (input.version != null && (await versionArtifact(deps.callees, project, input.model, version)))
    throw new PublicError('VERSION_EXISTS', `model '${input.model}' already has a version '${version}'; versions are immutable`, { field: 'input.version' });

  const run: TrainingRunRecord = {
    project,
    id,
    model: input.model,
    task,
    datasetId: input.datasetId,
    family: input.family,
    params,
    seed,
    parentVersion,
    version,
    description: input.description ?? null,
    status: 'QUEUED',
    progress: null,
    backend: null,
    attempts: 0,
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    metrics: null,
    modelVersion: null,
    error: null,
    actor,
  };
  await deps.runs.create(run);
  const job: TrainingJob = { project, id };
  await deps.js.publish(TRAINING_SUBJECTS.job(project), JSON.stringify(job), { msgID: id });
  await deps.events.publish('REQUESTED', run);
  return run;
}

/** Cancels a queued or running run (its worker hears of it and stops between batches); a finished run is returned as it is. */
export async function cancelTraining(deps: { runs: RunStore; events: TrainingEvents }, project: string, id: string): Promise<TrainingRunRecord> {
  let cancelled = false;
  const run = isRunId(id)
    ? await deps.runs.update(project, id, (r) => {
        cancelled = r.status === 'QUEUED' || r.status === 'RUNNING';
        return cancelled ? { ...r, status: 'CANCELLED', finishedAt: new Date().toISOString() } : null;
      })
    : null;
  if (!run) throw new PublicError('RUN_NOT_FOUND', `no training run '${id}' in this project`, { field: 'id' });
  if (cancelled) await deps.events.publish('CANCELLED', run);
  return run;
}
