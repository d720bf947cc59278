import { isClientErrorCode, type Task } from '@tideline/contracts';
import { PublicError, SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import { TrainingDatasetsDocument } from './__generated__/curation-operations.ts';
import { ModelTaskDocument } from './__generated__/evalstore-operations.ts';
import { ModelRegistrationDocument, VersionArtifactDocument } from './__generated__/registry-operations.ts';

export interface Callees {
  curation: SubgraphClient;
  evalstore: SubgraphClient;
  registry: SubgraphClient;
  ingest: SubgraphClient;
}

/** What another service refused because of the caller's input passes on as is; anything else is ours to log. */
export async function asked<T>(what: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof SubgraphRequestError && isClientErrorCode(err.code)) throw new PublicError(err.code, `${what}: ${err.message}`, err.field ? { field: err.field } : {}, { cause: err });
    throw err;
  }
}

export async function modelTask(callees: Callees, project: string, model: string): Promise<Task> {
  const { model: found } = await asked('reading the model', callees.evalstore.request(project, ModelTaskDocument, { name: model }));
  if (!found) throw new PublicError('MODEL_NOT_FOUND', `the store holds no record of model '${model}'`, { field: 'input.model' });
  return found.task as Task;
}

export interface TrainingDataset {
  id: string;
  contentHash: string;
  rowCount: number;
  splits: Record<string, number>;
}

/** A dataset curated for `model`; refuses one of another model or one whose train or test split is empty. */
export async function trainingDataset(callees: Callees, project: string, model: string, id: string): Promise<TrainingDataset> {
  const { datasets } = await asked('reading the dataset', callees.curation.request(project, TrainingDatasetsDocument, { model }));
  const found = datasets.find((d) => d.id === id)?.curation;
  if (!found) throw new PublicError('DATASET_NOT_FOUND', `no dataset '${id}' curated for model '${model}' in this project (curateDataset makes one)`, { field: 'input.datasetId' });
  const splits = Object.fromEntries(found.splits.map((s) => [s.split, s.rowCount]));
  for (const split of ['train', 'test'])
    if (!splits[split]) throw new PublicError('TOO_FEW_LABELED_ROWS', `dataset '${id}' has no ${split} rows`, { field: 'input.datasetId' });
  return { id, contentHash: found.contentHash, rowCount: found.rowCount, splits };
}

export interface Registration {
  registered: boolean;
  primaryMetric: string | null;
  protectedSlices: string[];
  champion: string | null;
}

/** The registry's view of the model; an unregistered model has no primary metric, no protected slice and no champion. */
export async function registration(callees: Callees, project: string, model: string): Promise<Registration> {
  const { registeredModel: found } = await asked('reading the registry', callees.registry.request(project, ModelRegistrationDocument, { name: model }));
  return { registered: !!found?.registration, primaryMetric: found?.registration?.primaryMetric ?? null, protectedSlices: found?.registration?.protectedSlices ?? [], champion: found?.champion?.version ?? null };
}

/** A registered version's artifact files, or null when the version does not exist. */
export async function versionArtifact(callees: Callees, project: string, model: string, version: string) {
  const { modelVersion } = await asked('reading the version', callees.registry.request(project, VersionArtifactDocument, { model, version }));
  return modelVersion;
}
