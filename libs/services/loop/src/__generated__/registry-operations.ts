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

export type EvidenceSource =
  /** The latest offline evaluations recorded for both versions (recordEvaluation). */
  | 'OFFLINE'
  /** Both versions' production traffic in `window`, from the metrics service (shadow predictions on the same ids compare best). */
  | 'PRODUCTION';

export type GateOutcome =
  | 'FAILED'
  /** Fewer samples than gate.minSamples on either side: not judged (fails the gate only for the primary metric). */
  | 'INSUFFICIENT_SAMPLES'
  /** No value for one of the versions. */
  | 'NOT_EVALUATED'
  | 'PASSED';

export type PromotionEvidenceInput = {
  /** OFFLINE: compare evaluations on this dataset; default: the challenger's latest and the champion's latest on the same dataset. */
  datasetId?: string | null | undefined;
  source?: EvidenceSource;
  /** PRODUCTION: the window of traffic to compare. */
  window?: TimeRangeInput | null | undefined;
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

export type RegisteredModelQueryVariables = Exact<{
  name: string;
}>;


export type RegisteredModelQuery = { registeredModel: { name: string, registration: { primaryMetric: EvaluationMetric, protectedSlices: Array<string>, gate: { minImprovement: number, maxSliceRegression: number, minSamples: number } } | null, champion: { version: string, createdAt: string, lineage: { trainingRun: { finishedAt: string | null } | null, dataset: { source: { window: { to: string } | null } } | null } } | null, versions: Array<{ version: string, stage: Stage, createdAt: string }>, stageHistory: Array<{ version: string, to: Stage, at: string, rollback: boolean, displaced: Array<{ version: string, from: Stage }> }> } | null };

export type LoopGateEvidenceFragment = { passed: boolean, source: EvidenceSource, champion: string, challenger: string, failures: Array<string>, gate: { minImprovement: number, maxSliceRegression: number, minSamples: number }, primary: { slice: string | null, metric: EvaluationMetric, championValue: number | null, challengerValue: number | null, championSamples: number, challengerSamples: number, improvement: number | null, threshold: number, outcome: GateOutcome }, slices: Array<{ slice: string | null, metric: EvaluationMetric, championValue: number | null, challengerValue: number | null, championSamples: number, challengerSamples: number, improvement: number | null, threshold: number, outcome: GateOutcome }> };

export type LoopCheckGateMutationVariables = Exact<{
  model: string;
  version: string;
  evidence?: PromotionEvidenceInput | null | undefined;
}>;


export type LoopCheckGateMutation = { checkGate: { passed: boolean, source: EvidenceSource, champion: string, challenger: string, failures: Array<string>, gate: { minImprovement: number, maxSliceRegression: number, minSamples: number }, primary: { slice: string | null, metric: EvaluationMetric, championValue: number | null, challengerValue: number | null, championSamples: number, challengerSamples: number, improvement: number | null, threshold: number, outcome: GateOutcome }, slices: Array<{ slice: string | null, metric: EvaluationMetric, championValue: number | null, challengerValue: number | null, championSamples: number, challengerSamples: number, improvement: number | null, threshold: number, outcome: GateOutcome }> } | null };

export type LoopStageChangeFragment = { sequence: number, version: string, from: Stage, to: Stage, at: string, reason: string, rollback: boolean, displaced: Array<{ version: string, from: Stage }> };

export type LoopPromoteMutationVariables = Exact<{
  model: string;
  version: string;
  reason: string;
  evidence?: PromotionEvidenceInput | null | undefined;
}>;


export type LoopPromoteMutation = { promote: { sequence: number, version: string, from: Stage, to: Stage, at: string, reason: string, rollback: boolean, displaced: Array<{ version: string, from: Stage }> } };

export type LoopRollbackMutationVariables = Exact<{
  model: string;
  reason: string;
}>;


export type LoopRollbackMutation = { rollback: { sequence: number, version: string, from: Stage, to: Stage, at: string, reason: string, rollback: boolean, displaced: Array<{ version: string, from: Stage }> } };

export type LoopDatasetQueryVariables = Exact<{
  id: string;
}>;


export type LoopDatasetQuery = { dataset: { id: string, contentHash: string, rowCount: number | null } | null };

export type LoopArchiveMutationVariables = Exact<{
  model: string;
  version: string;
  reason: string;
}>;


export type LoopArchiveMutation = { promote: { sequence: number, version: string, from: Stage, to: Stage, at: string, reason: string, rollback: boolean, displaced: Array<{ version: string, from: Stage }> } };

export const LoopGateEvidenceFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopGateEvidence"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GateEvidence"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"champion"}},{"kind":"Field","name":{"kind":"Name","value":"challenger"}},{"kind":"Field","name":{"kind":"Name","value":"gate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minImprovement"}},{"kind":"Field","name":{"kind":"Name","value":"maxSliceRegression"}},{"kind":"Field","name":{"kind":"Name","value":"minSamples"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slice"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"championValue"}},{"kind":"Field","name":{"kind":"Name","value":"challengerValue"}},{"kind":"Field","name":{"kind":"Name","value":"championSamples"}},{"kind":"Field","name":{"kind":"Name","value":"challengerSamples"}},{"kind":"Field","name":{"kind":"Name","value":"improvement"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"slices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slice"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"championValue"}},{"kind":"Field","name":{"kind":"Name","value":"challengerValue"}},{"kind":"Field","name":{"kind":"Name","value":"championSamples"}},{"kind":"Field","name":{"kind":"Name","value":"challengerSamples"}},{"kind":"Field","name":{"kind":"Name","value":"improvement"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failures"}}]}}]} as unknown as DocumentNode<LoopGateEvidenceFragment, unknown>;
export const LoopStageChangeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopStageChange"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StageChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"rollback"}},{"kind":"Field","name":{"kind":"Name","value":"displaced"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}}]}}]}}]} as unknown as DocumentNode<LoopStageChangeFragment, unknown>;
export const RegisteredModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegisteredModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registeredModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"registration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"primaryMetric"}},{"kind":"Field","name":{"kind":"Name","value":"protectedSlices"}},{"kind":"Field","name":{"kind":"Name","value":"gate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minImprovement"}},{"kind":"Field","name":{"kind":"Name","value":"maxSliceRegression"}},{"kind":"Field","name":{"kind":"Name","value":"minSamples"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"champion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lineage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"window"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stageHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"rollback"}},{"kind":"Field","name":{"kind":"Name","value":"displaced"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RegisteredModelQuery, RegisteredModelQueryVariables>;
export const LoopCheckGateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopCheckGate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"evidence"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PromotionEvidenceInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkGate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"evidence"},"value":{"kind":"Variable","name":{"kind":"Name","value":"evidence"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LoopGateEvidence"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopGateEvidence"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GateEvidence"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"champion"}},{"kind":"Field","name":{"kind":"Name","value":"challenger"}},{"kind":"Field","name":{"kind":"Name","value":"gate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minImprovement"}},{"kind":"Field","name":{"kind":"Name","value":"maxSliceRegression"}},{"kind":"Field","name":{"kind":"Name","value":"minSamples"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slice"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"championValue"}},{"kind":"Field","name":{"kind":"Name","value":"challengerValue"}},{"kind":"Field","name":{"kind":"Name","value":"championSamples"}},{"kind":"Field","name":{"kind":"Name","value":"challengerSamples"}},{"kind":"Field","name":{"kind":"Name","value":"improvement"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"slices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slice"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"championValue"}},{"kind":"Field","name":{"kind":"Name","value":"challengerValue"}},{"kind":"Field","name":{"kind":"Name","value":"championSamples"}},{"kind":"Field","name":{"kind":"Name","value":"challengerSamples"}},{"kind":"Field","name":{"kind":"Name","value":"improvement"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failures"}}]}}]} as unknown as DocumentNode<LoopCheckGateMutation, LoopCheckGateMutationVariables>;
export const LoopPromoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopPromote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"evidence"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PromotionEvidenceInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"promote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"stage"},"value":{"kind":"EnumValue","value":"CHAMPION"}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"evidence"},"value":{"kind":"Variable","name":{"kind":"Name","value":"evidence"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LoopStageChange"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopStageChange"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StageChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"rollback"}},{"kind":"Field","name":{"kind":"Name","value":"displaced"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}}]}}]}}]} as unknown as DocumentNode<LoopPromoteMutation, LoopPromoteMutationVariables>;
export const LoopRollbackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopRollback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LoopStageChange"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopStageChange"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StageChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"rollback"}},{"kind":"Field","name":{"kind":"Name","value":"displaced"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}}]}}]}}]} as unknown as DocumentNode<LoopRollbackMutation, LoopRollbackMutationVariables>;
export const LoopDatasetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LoopDataset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}}]}}]} as unknown as DocumentNode<LoopDatasetQuery, LoopDatasetQueryVariables>;
export const LoopArchiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopArchive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"promote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"stage"},"value":{"kind":"EnumValue","value":"ARCHIVED"}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LoopStageChange"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LoopStageChange"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StageChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"rollback"}},{"kind":"Field","name":{"kind":"Name","value":"displaced"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"from"}}]}}]}}]} as unknown as DocumentNode<LoopArchiveMutation, LoopArchiveMutationVariables>;