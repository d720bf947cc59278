/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CurateDatasetInput = {
  balance?: DatasetBalance | null | undefined;
  description?: string | null | undefined;
  /** Default: ds_<time><random>. Letters, digits, '_', '.', ':' or '-'. */
  id?: string | null | undefined;
  /** At most CURATION_MAX_DATASET_ROWS (the default). */
  maxRows?: number | null | undefined;
  model: string;
  modelVersion?: string | null | undefined;
  /** Weight rows by 0.5^(age / half-life), age counted back from the end of the latest window: 7d, 12h, 30m. */
  recencyHalfLife?: string | null | undefined;
  seed?: number | null | undefined;
  slice?: SliceFilterInput | null | undefined;
  splits?: DatasetSplitsInput | null | undefined;
  strategy?: DatasetStrategy | null | undefined;
  /** Splits are stratified by the label and these fields (at most 3); default: the registry's protected slices of the model. */
  stratifyBy?: Array<string> | null | undefined;
  upweight?: Array<DatasetWeightInput> | null | undefined;
  /** Labeled predictions whose timestamp is in any of these windows (at most 20). */
  windows: Array<TimeRangeInput>;
};

export type DatasetBalance =
  | 'NONE'
  /** Every class cut to the smallest class's count (classifiers). */
  | 'UNDERSAMPLE';

/** Shares of the rows; they add up to 1. */
export type DatasetSplitsInput = {
  test?: number;
  train?: number;
  validation?: number;
};

/** How curateDataset chooses labeled rows, before splitting. */
export type DatasetStrategy =
  /** Every labeled row of the windows and slice (refused past maxRows). */
  | 'ALL'
  /** Only rows picked by labeling requests (and labeled since): the actively labeled set. */
  | 'LABEL_REQUESTS'
  /** A seeded uniform sample of maxRows. */
  | 'RANDOM'
  /** The maxRows newest. */
  | 'RECENT';

/** Rows in `slice` weigh `factor` times more (drifted or failing slices); factors of several slices multiply. */
export type DatasetWeightInput = {
  factor: number;
  slice: SliceFilterInput;
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

/**
 * How a labeling request picks rows. Uncertainty strategies rank unlabeled
 * predictions by the model's own output, in ClickHouse: LEAST_CONFIDENCE
 * 1 − max p, MARGIN 1 − (p₁ − p₂) (the two most probable classes; binary:
 * 1 − |2·score − 1|), ENTROPY −Σ p·ln p (binary: over score and 1 − score).
 * They apply to BINARY and MULTICLASS models only.
 */
export type LabelStrategy =
  /** k-center greedy over standardized numeric features on a seeded random pool of CURATION_DIVERSITY_POOL candidates, away from rows labeled or queued before: coverage, for a cold start. */
  | 'DIVERSITY'
  | 'ENTROPY'
  /** MARGIN's 10 × (active budget) most uncertain candidates (at most CURATION_DIVERSITY_POOL), then k-means++ seeding among them (D² sampling over standardized numeric features, as BADGE): uncertain rows that are not near-copies of each other. Classifiers only. */
  | 'HYBRID'
  | 'LEAST_CONFIDENCE'
  | 'MARGIN'
  /** Uniformly at random (seeded). */
  | 'RANDOM'
  /** The budget split over the values of `stratifyBy` (or the slices of `alerts`) in proportion to their error (measured where a slice has 30 labels in the window, else estimated from the model's confidence), MARGIN within each. Classifiers only. */
  | 'SLICE_WEIGHTED'
  /** The budget split evenly over the values of `stratifyBy` (a value with fewer candidates gives its share to the others), random within each. */
  | 'STRATIFIED';

export type RequestLabelsInput = {
  /** SLICE_WEIGHTED: ids of firing alerts of the model (one groupBy field); the budget goes to their slices only. */
  alerts?: Array<string | number> | null | undefined;
  /** Rows to pick, control arm included: 1 to CURATION_MAX_BATCH, and at most what the model's label budget has left. */
  budget: number;
  /** Share of the budget picked uniformly at random as the control arm, 0 to 0.5. */
  controlShare?: number | null | undefined;
  model: string;
  /** Only predictions of this model version (with shadow traffic, name the version whose output ranks the rows). */
  modelVersion?: string | null | undefined;
  /** Same seed, same data: same picks. */
  seed?: number | null | undefined;
  /** Only predictions in this slice. */
  slice?: SliceFilterInput | null | undefined;
  strategy: LabelStrategy;
  /** STRATIFIED, SLICE_WEIGHTED: the field whose values are the strata: tags.<name>, features.<name> (a string or boolean feature), modelVersion or output.predictedClass. */
  stratifyBy?: string | null | undefined;
  /** Predictions whose timestamp is in [from, to). */
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

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: string;
  to: string;
};

export type LoopRequestLabelsMutationVariables = Exact<{
  input: RequestLabelsInput;
}>;


export type LoopRequestLabelsMutation = { requestLabels: { id: string, strategy: LabelStrategy, budget: number, activeCount: number, controlCount: number, candidates: number, createdAt: string, labeledCount: number } };

export type LoopLabelRequestsQueryVariables = Exact<{
  model: string;
}>;


export type LoopLabelRequestsQuery = { labelRequests: Array<{ id: string, strategy: LabelStrategy, budget: number, activeCount: number, controlCount: number, candidates: number, createdAt: string, labeledCount: number }> };

export type LoopLabelRequestProgressQueryVariables = Exact<{
  id: string | number;
}>;


export type LoopLabelRequestProgressQuery = { labelRequest: { id: string, labeledCount: number } | null };

export type LoopCurateDatasetMutationVariables = Exact<{
  input: CurateDatasetInput;
}>;


export type LoopCurateDatasetMutation = { curateDataset: { id: string, curation: { splits: Array<{ split: string, rowCount: number }> } | null } };


export const LoopRequestLabelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopRequestLabels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestLabelsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestLabels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"}},{"kind":"Field","name":{"kind":"Name","value":"budget"}},{"kind":"Field","name":{"kind":"Name","value":"activeCount"}},{"kind":"Field","name":{"kind":"Name","value":"controlCount"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"labeledCount"}}]}}]}}]} as unknown as DocumentNode<LoopRequestLabelsMutation, LoopRequestLabelsMutationVariables>;
export const LoopLabelRequestsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LoopLabelRequests"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"labelRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"}},{"kind":"Field","name":{"kind":"Name","value":"budget"}},{"kind":"Field","name":{"kind":"Name","value":"activeCount"}},{"kind":"Field","name":{"kind":"Name","value":"controlCount"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"labeledCount"}}]}}]}}]} as unknown as DocumentNode<LoopLabelRequestsQuery, LoopLabelRequestsQueryVariables>;
export const LoopLabelRequestProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LoopLabelRequestProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"labelRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"labeledCount"}}]}}]}}]} as unknown as DocumentNode<LoopLabelRequestProgressQuery, LoopLabelRequestProgressQueryVariables>;
export const LoopCurateDatasetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LoopCurateDataset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CurateDatasetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"curateDataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"curation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"splits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"split"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LoopCurateDatasetMutation, LoopCurateDatasetMutationVariables>;