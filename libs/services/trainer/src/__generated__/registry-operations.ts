/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ArtifactFileInput = {
  /** Or the file's bytes in base64, for small files (REGISTRY_MAX_INLINE_BYTES in all, default 4 MiB). */
  contentBase64?: string | null | undefined;
  /** sha256:<hex> of a file uploaded with POST /v1/artifacts. */
  digest?: string | null | undefined;
  /** Relative path within the artifact, e.g. model.json or group1-shard1of1.bin. */
  path: string;
};

export type ArtifactFormat =
  /** Any other files (ONNX, pickles, …), stored and verified the same way. */
  | 'OTHER'
  /** A TensorFlow.js graph model. */
  | 'TFJS_GRAPH'
  /** A TensorFlow.js layers model: model.json (format layers-model) and its weight shards. */
  | 'TFJS_LAYERS';

export type ArtifactInput = {
  /** Each path once; at most REGISTRY_MAX_VERSION_FILES files (default 1000) whose sizes add up to at most REGISTRY_MAX_VERSION_BYTES (default 1 GiB). */
  files: Array<ArtifactFileInput>;
  /** Unset: TensorFlow.js when a model.json is among the files, else OTHER. */
  format?: ArtifactFormat | null | undefined;
};

export type DatasetInput = {
  /** sha256:<64 hex> of the rows. */
  contentHash: string;
  /** Default: now. */
  createdAt?: string | null | undefined;
  description?: string | null | undefined;
  id: string;
  rowCount?: number | null | undefined;
  source?: DatasetSourceInput | null | undefined;
};

export type DatasetSourceInput = {
  model?: string | null | undefined;
  modelVersion?: string | null | undefined;
  query?: string | null | undefined;
  slice?: SliceFilterInput | null | undefined;
  strategy?: string | null | undefined;
  window?: TimeRangeInput | null | undefined;
};

/** Metrics a gate can compare; each has a direction (higher is better for ACCURACY … R2, lower for LOG_LOSS … MAPE). */
export type EvaluationMetric =
  | 'ACCURACY'
  | 'BRIER'
  | 'ECE'
  | 'F1'
  | 'LOG_LOSS'
  | 'MAE'
  | 'MAPE'
  | 'PRECISION'
  | 'PR_AUC'
  | 'R2'
  | 'RECALL'
  | 'RMSE'
  | 'ROC_AUC';

export type EvaluationValueInput = {
  metric: EvaluationMetric;
  sampleCount: number;
  slice?: string | null | undefined;
  value?: number | null | undefined;
};

export type FilterOp =
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'IN'
  | 'IS_NULL'
  | 'LT'
  | 'LTE'
  | 'NE'
  | 'NOT_IN';

export type RecordEvaluationInput = {
  actor?: string | null | undefined;
  /** The evaluation set, if registered with registerDataset. */
  datasetId?: string | null | undefined;
  model: string;
  values: Array<EvaluationValueInput>;
  version: string;
};

export type RegisterModelVersionInput = {
  actor?: string | null | undefined;
  artifact: ArtifactInput;
  /** …or registered here, in the same call. */
  dataset?: DatasetInput | null | undefined;
  /** A dataset registered before (registerDataset)… */
  datasetId?: string | null | undefined;
  description?: string | null | undefined;
  metadata?: unknown;
  model: string;
  /** The version this one was fine-tuned or retrained from. */
  parentVersion?: string | null | undefined;
  trainingRun?: TrainingRunInput | null | undefined;
  version: string;
};

/**
 * A slice: exactly one of and / or / not / field. Leaves compare `field`
 * (tags.<name>, features.<name>, modelVersion, output.score, output.value,
 * output.predictedClass, label) with `value` using `op`.
 */
export type SliceFilterInput = {
  and?: Array<SliceFilterInput> | null | undefined;
  field?: string | null | undefined;
  not?: SliceFilterInput | null | undefined;
  op?: FilterOp | null | undefined;
  or?: Array<SliceFilterInput> | null | undefined;
  value?: unknown;
};

/** Where a version stands. A model has at most one CHAMPION; once it has one, it always has exactly one. */
export type Stage =
  /** Retired; kept with its lineage, evaluations and artifact. */
  | 'ARCHIVED'
  /** Registered, not yet in traffic. */
  | 'CANDIDATE'
  /** In shadow or partial traffic, competing with the champion. */
  | 'CHALLENGER'
  /** Serving the model's traffic. */
  | 'CHAMPION';

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: string;
  to: string;
};

export type TrainingRunInput = {
  backend?: string | null | undefined;
  codeVersion?: string | null | undefined;
  durationMs?: number | null | undefined;
  finishedAt?: string | null | undefined;
  id?: string | null | undefined;
  params?: unknown;
  seed?: number | null | undefined;
  startedAt?: string | null | undefined;
};

export type ModelRegistrationQueryVariables = Exact<{
  name: string;
}>;


export type ModelRegistrationQuery = { registeredModel: { name: string, registration: { primaryMetric: EvaluationMetric, protectedSlices: Array<string> } | null, champion: { version: string } | null } | null };

export type VersionArtifactQueryVariables = Exact<{
  model: string;
  version: string;
}>;


export type VersionArtifactQuery = { modelVersion: { version: string, stage: Stage, artifact: { digest: string, files: Array<{ path: string, digest: string, downloadPath: string }> } } | null };

export type RegisterTrainedVersionMutationVariables = Exact<{
  input: RegisterModelVersionInput;
}>;


export type RegisterTrainedVersionMutation = { registerModelVersion: { version: string, stage: Stage } };

export type RecordTestEvaluationMutationVariables = Exact<{
  input: RecordEvaluationInput;
}>;


export type RecordTestEvaluationMutation = { recordEvaluation: { id: string } };

export type ArchiveCancelledVersionMutationVariables = Exact<{
  model: string;
  version: string;
  reason: string;
}>;


export type ArchiveCancelledVersionMutation = { promote: { version: string, to: Stage } };


export const ModelRegistrationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelRegistration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registeredModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"registration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"primaryMetric"}},{"kind":"Field","name":{"kind":"Name","value":"protectedSlices"}}]}},{"kind":"Field","name":{"kind":"Name","value":"champion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<ModelRegistrationQuery, ModelRegistrationQueryVariables>;
export const VersionArtifactDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VersionArtifact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"artifact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VersionArtifactQuery, VersionArtifactQueryVariables>;
export const RegisterTrainedVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterTrainedVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterModelVersionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerModelVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}}]}}]}}]} as unknown as DocumentNode<RegisterTrainedVersionMutation, RegisterTrainedVersionMutationVariables>;
export const RecordTestEvaluationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordTestEvaluation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordEvaluationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordEvaluation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RecordTestEvaluationMutation, RecordTestEvaluationMutationVariables>;
export const ArchiveCancelledVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ArchiveCancelledVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"promote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"stage"},"value":{"kind":"EnumValue","value":"ARCHIVED"}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]} as unknown as DocumentNode<ArchiveCancelledVersionMutation, ArchiveCancelledVersionMutationVariables>;