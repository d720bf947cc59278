/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** Model families for tabular data, built with TensorFlow.js layers (libs/services/trainer/README.md). */
export type ModelFamily =
  /** Linear regression (REGRESSION). */
  | 'LINEAR'
  /** Logistic regression (BINARY) or softmax regression (MULTICLASS). */
  | 'LOGISTIC'
  /** A multilayer perceptron for any task: params.hidden, params.dropout, params.l2. */
  | 'MLP';

export type ScoreShadowInput = {
  /** At most this many rows (default and cap: TRAINER_SHADOW_MAX_ROWS); `truncated` says when the window held more. */
  maxRows?: number | null | undefined;
  model: string;
  slice?: SliceFilterInput | null | undefined;
  /** Whose traffic: default the champion's. The candidate's predictions keep these rows' ids and timestamps. */
  sourceVersion?: string | null | undefined;
  /** The candidate that scores the traffic; its predictions are logged under this modelVersion. */
  version: string;
  /** The traffic to score: predictions whose timestamp is in the window. */
  window: TimeRangeInput;
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

export type StartTrainingInput = {
  /** A dataset curated for the model (curateDataset): trained on its train split, stopped early on validation, evaluated on test. */
  datasetId: string;
  description?: string | null | undefined;
  family: ModelFamily;
  model: string;
  /** Family parameters (README): epochs, batchSize, learningRate, patience, hidden, dropout, l2, classWeights, topK. */
  params?: unknown;
  /** Warm start: fine-tune from this registered version's weights when its feature spec and classes match. */
  parentVersion?: string | null | undefined;
  seed?: number | null | undefined;
  /** The version to register; default the run id. */
  version?: string | null | undefined;
};

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: string;
  to: string;
};

export type TrainingStatus =
  /** Stopped by `cancelTraining`. */
  | 'CANCELLED'
  /** Stopped by an error (`error` says which); nothing was registered. */
  | 'FAILED'
  /** Waiting for a worker. */
  | 'QUEUED'
  | 'RUNNING'
  /** Trained, evaluated and registered as a CANDIDATE (`modelVersion`). */
  | 'SUCCEEDED';

export type LoopTrainingRunFragment = { id: string, datasetId: string, status: TrainingStatus, error: string | null, attempts: number, modelVersion: { version: string } | null, metrics: { beatsBaseline: boolean, primaryMetric: EvaluationMetric, testRows: number, trainRows: number, warmStarted: boolean } | null };

export type LoopStartTrainingMutationVariables = Exact<{
  input: StartTrainingInput;
}>;


export type LoopStartTrainingMutation = { startTraining: { id: string, datasetId: string, status: TrainingStatus, error: string | null, attempts: number, modelVersion: { version: string } | null, metrics: { beatsBaseline: boolean, primaryMetric: EvaluationMetric, testRows: number, trainRows: number, warmStarted: boolean } | null } };

export type LoopTrainingRunsQueryVariables = Exact<{
  model: string;
}>;


export type LoopTrainingRunsQuery = { trainingRuns: Array<{ params: unknown, id: string, datasetId: string, status: TrainingStatus, error: string | null, attempts: number, modelVersion: { version: string } | null, metrics: { beatsBaseline: boolean, primaryMetric: EvaluationMetric, testRows: number, trainRows: number, warmStarted: boolean } | null }> };

export type LoopTrainingRunByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type LoopTrainingRunByIdQuery = { trainingRun: { id: string, datasetId: string, status: TrainingStatus, error: string | null, attempts: number, modelVersion: { version: string } | null, metrics: { beatsBaseline: boolean, primaryMetric: EvaluationMetric, testRows: number, trainRows: number, warmStarted: boolean } | null } | null };

export type LoopCancelTrainingMutationVariables = Exact<{
  id: string | number;
}>;


export type LoopCancelTrainingMutation = { cancelTraining: { id: string, status: TrainingStatus } };

export type LoopScoreShadowMutationVariables = Exact<{
  input: ScoreShadowInput;
}>;


export type LoopScoreShadowMutation = { scoreShadow: { version: string, sourceVersion: string, scored: number, accepted: number, rejected: number, truncated: boolean } };

export const LoopTrainingRunFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopTrainingRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beatsBaseline"}},{"kind":"Field","name":{"kind":"Name","value":"primaryMetric"}},{"kind":"Field","name":{"kind":"Name","value":"testRows"}},{"kind":"Field","name":{"kind":"Name","value":"trainRows"}},{"kind":"Field","name":{"kind":"Name","value":"warmStarted"}}]}}]}}]} as unknown as DocumentNode<LoopTrainingRunFragment, unknown>;
export const LoopStartTrainingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopStartTraining"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartTrainingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startTraining"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LoopTrainingRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopTrainingRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beatsBaseline"}},{"kind":"Field","name":{"kind":"Name","value":"primaryMetric"}},{"kind":"Field","name":{"kind":"Name","value":"testRows"}},{"kind":"Field","name":{"kind":"Name","value":"trainRows"}},{"kind":"Field","name":{"kind":"Name","value":"warmStarted"}}]}}]}}]} as unknown as DocumentNode<LoopStartTrainingMutation, LoopStartTrainingMutationVariables>;
export const LoopTrainingRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LoopTrainingRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LoopTrainingRun"}},{"kind":"Field","name":{"kind":"Name","value":"params"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopTrainingRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beatsBaseline"}},{"kind":"Field","name":{"kind":"Name","value":"primaryMetric"}},{"kind":"Field","name":{"kind":"Name","value":"testRows"}},{"kind":"Field","name":{"kind":"Name","value":"trainRows"}},{"kind":"Field","name":{"kind":"Name","value":"warmStarted"}}]}}]}}]} as unknown as DocumentNode<LoopTrainingRunsQuery, LoopTrainingRunsQueryVariables>;
export const LoopTrainingRunByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LoopTrainingRunById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LoopTrainingRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopTrainingRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beatsBaseline"}},{"kind":"Field","name":{"kind":"Name","value":"primaryMetric"}},{"kind":"Field","name":{"kind":"Name","value":"testRows"}},{"kind":"Field","name":{"kind":"Name","value":"trainRows"}},{"kind":"Field","name":{"kind":"Name","value":"warmStarted"}}]}}]}}]} as unknown as DocumentNode<LoopTrainingRunByIdQuery, LoopTrainingRunByIdQueryVariables>;
export const LoopCancelTrainingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopCancelTraining"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTraining"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<LoopCancelTrainingMutation, LoopCancelTrainingMutationVariables>;
export const LoopScoreShadowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopScoreShadow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScoreShadowInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreShadow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"sourceVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scored"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}}]}}]}}]} as unknown as DocumentNode<LoopScoreShadowMutation, LoopScoreShadowMutationVariables>;