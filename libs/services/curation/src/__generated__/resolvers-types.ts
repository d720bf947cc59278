import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LabelRequestRecord } from '../label-requests.ts';
import type { BudgetState } from '../budget.ts';
import type { QueueItem } from '../queue.ts';
import type { DatasetEntity, DatasetRecord } from '../datasets.ts';
import type { SubgraphContext } from '@tideline/graphql';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, ISO-8601 with time zone (e.g. 2026-01-01T00:00:00Z); epoch milliseconds are accepted as input. */
  DateTime: { input: Date; output: Date | string; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type CurateDatasetInput = {
  balance?: InputMaybe<DatasetBalance>;
  description?: InputMaybe<Scalars['String']['input']>;
  /** Default: ds_<time><random>. Letters, digits, '_', '.', ':' or '-'. */
  id?: InputMaybe<Scalars['String']['input']>;
  /** At most CURATION_MAX_DATASET_ROWS (the default). */
  maxRows?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
  modelVersion?: InputMaybe<Scalars['String']['input']>;
  /** Weight rows by 0.5^(age / half-life), age counted back from the end of the latest window: 7d, 12h, 30m. */
  recencyHalfLife?: InputMaybe<Scalars['String']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
  slice?: InputMaybe<SliceFilterInput>;
  splits?: InputMaybe<DatasetSplitsInput>;
  strategy?: InputMaybe<DatasetStrategy>;
  /** Splits are stratified by the label and these fields (at most 3); default: the registry's protected slices of the model. */
  stratifyBy?: InputMaybe<Array<Scalars['String']['input']>>;
  upweight?: InputMaybe<Array<DatasetWeightInput>>;
  /** Labeled predictions whose timestamp is in any of these windows (at most 20). */
  windows: Array<TimeRangeInput>;
};

/** The registry's dataset entity; the curation service adds how it was curated. */
export type Dataset = {
  __typename?: 'Dataset';
  /** Null for a dataset registered from elsewhere. */
  curation?: Maybe<DatasetCuration>;
  id: Scalars['String']['output'];
};

export type DatasetBalance =
  | 'NONE'
  /** Every class cut to the smallest class's count (classifiers). */
  | 'UNDERSAMPLE';

export type DatasetClassCount = {
  __typename?: 'DatasetClassCount';
  /** The label: true / false (binary) or the class. */
  label: Scalars['String']['output'];
  rowCount: Scalars['Int']['output'];
  split: Scalars['String']['output'];
};

/** How the curation service built a dataset, and what it holds. */
export type DatasetCuration = {
  __typename?: 'DatasetCuration';
  balance: DatasetBalance;
  /** Rows per label and split (classifiers). */
  classBalance: Array<DatasetClassCount>;
  /** sha256:<hex> over the rows in canonical order (libs/services/curation/README.md); also the registry's contentHash. */
  contentHash: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<Scalars['String']['output']>;
  /** GET this path with ?format=parquet|arrow|csv|ndjson and optionally &split=train|validation|test. */
  exportPath: Scalars['String']['output'];
  maxRows: Scalars['Int']['output'];
  model: Scalars['String']['output'];
  modelVersion?: Maybe<Scalars['String']['output']>;
  recencyHalfLife?: Maybe<Scalars['String']['output']>;
  rowCount: Scalars['Int']['output'];
  seed: Scalars['Int']['output'];
  slice?: Maybe<Scalars['JSON']['output']>;
  /** Rows per value of each stratifyBy field. */
  sliceCounts: Array<DatasetSliceCount>;
  splits: Array<DatasetSplitCount>;
  strategy: DatasetStrategy;
  stratifyBy: Array<Scalars['String']['output']>;
  upweight?: Maybe<Scalars['JSON']['output']>;
  windows: Array<DatasetCurationWindow>;
};

export type DatasetCurationWindow = {
  __typename?: 'DatasetCurationWindow';
  from: Scalars['DateTime']['output'];
  to: Scalars['DateTime']['output'];
};

export type DatasetSliceCount = {
  __typename?: 'DatasetSliceCount';
  field: Scalars['String']['output'];
  rowCount: Scalars['Int']['output'];
  value?: Maybe<Scalars['String']['output']>;
};

export type DatasetSplitCount = {
  __typename?: 'DatasetSplitCount';
  rowCount: Scalars['Int']['output'];
  /** train, validation or test. */
  split: Scalars['String']['output'];
};

/** Shares of the rows; they add up to 1. */
export type DatasetSplitsInput = {
  test?: Scalars['Float']['input'];
  train?: Scalars['Float']['input'];
  validation?: Scalars['Float']['input'];
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
  factor: Scalars['Float']['input'];
  slice: SliceFilterInput;
};

/**
 * How a feature's distribution in the current window is compared with the
 * reference window (definitions in libs/services/metrics/README.md).
 * Numeric features: PSI, KS, WASSERSTEIN. Categorical features (string or
 * boolean features, tags, output.predictedClass): JENSEN_SHANNON, CHI2.
 */
export type DriftMethod =
  /** Chi-square test of independence on the 2 × k table of category counts. Drifted when pValue < threshold (default 0.05), or by default past 1,000 values per window when the Jensen–Shannon distance > 0.1 (DriftVerdict). */
  | 'CHI2'
  /** Jensen–Shannon distance (base 2) of the category shares. Drifted when statistic > threshold (default 0.1). */
  | 'JENSEN_SHANNON'
  /** Two-sample Kolmogorov–Smirnov; pValue as SciPy's ks_2samp. Drifted when pValue < threshold (default 0.05), or by default past 1,000 values per window when the normed Wasserstein distance > 0.1 (DriftVerdict). */
  | 'KS'
  /** Population stability index over 10 reference-quantile bins. Drifted when statistic > threshold (default 0.2). */
  | 'PSI'
  /** 1-Wasserstein distance of the empirical distributions. Drifted when statistic > threshold (default 0.1 × the reference's standard deviation). */
  | 'WASSERSTEIN';

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

export type Granularity =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE'
  | 'WEEK';

/** One stratum (STRATIFIED) or slice (SLICE_WEIGHTED) and what the request took from it. */
export type LabelAllocation = {
  __typename?: 'LabelAllocation';
  /** Unlabeled, not yet queued predictions in it. */
  candidates: Scalars['Int']['output'];
  /** Rows picked from it (active arm). */
  picked: Scalars['Int']['output'];
  /** The stratum's value; null for rows without one. */
  value?: Maybe<Scalars['String']['output']>;
  /** What its share of the budget followed: 1 each for STRATIFIED, the slice's error for SLICE_WEIGHTED. */
  weight: Scalars['Float']['output'];
};

/** Which arm of its request a row belongs to. */
export type LabelArm =
  /** Picked by the request's strategy. */
  | 'ACTIVE'
  /** Picked uniformly at random: the baseline the active picks are measured against. */
  | 'CONTROL';

/** A model's label budget in the current period. */
export type LabelBudget = {
  __typename?: 'LabelBudget';
  granted: Scalars['Int']['output'];
  model: Scalars['String']['output'];
  periodEnd: Scalars['DateTime']['output'];
  periodStart: Scalars['DateTime']['output'];
  remaining: Scalars['Int']['output'];
  spent: Scalars['Int']['output'];
};

/**
 * Is active learning helping here? The error rate of the labeled active picks
 * against that of the labeled control arm (binary: score ≥ 0.5 against the
 * label; multiclass: predicted class against the label). Active learning that
 * works finds more errors per label than random does.
 */
export type LabelLift = {
  __typename?: 'LabelLift';
  /** Null until an active pick is labeled. */
  activeErrorRate?: Maybe<Scalars['Float']['output']>;
  activeErrors: Scalars['Int']['output'];
  activeLabeled: Scalars['Int']['output'];
  controlErrorRate?: Maybe<Scalars['Float']['output']>;
  controlErrors: Scalars['Int']['output'];
  controlLabeled: Scalars['Int']['output'];
  /** activeErrorRate − controlErrorRate. */
  difference?: Maybe<Scalars['Float']['output']>;
  high?: Maybe<Scalars['Float']['output']>;
  /** 95 % interval of the difference: Newcombe's hybrid score interval (his method 10, from two Wilson intervals). */
  low?: Maybe<Scalars['Float']['output']>;
  /** The active arm finds more errors than the control arm with 95 % confidence (low > 0). */
  significant: Scalars['Boolean']['output'];
};

export type LabelRequest = {
  __typename?: 'LabelRequest';
  /** Rows the strategy picked. */
  activeCount: Scalars['Int']['output'];
  allocation: Array<LabelAllocation>;
  budget: Scalars['Int']['output'];
  /** Unlabeled, not yet queued predictions it chose from. */
  candidates: Scalars['Int']['output'];
  /** Rows picked uniformly at random. */
  controlCount: Scalars['Int']['output'];
  controlShare: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The name of the API key that asked. */
  createdBy?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Picks of this request labeled so far. */
  labeledCount: Scalars['Int']['output'];
  /** Null for regression models (no error rate). */
  lift?: Maybe<LabelLift>;
  model: Scalars['String']['output'];
  modelVersion?: Maybe<Scalars['String']['output']>;
  seed: Scalars['Int']['output'];
  slice?: Maybe<Scalars['JSON']['output']>;
  strategy: LabelStrategy;
  stratifyBy?: Maybe<Scalars['String']['output']>;
  window: LabelRequestWindow;
};

export type LabelRequestWindow = {
  __typename?: 'LabelRequestWindow';
  from: Scalars['DateTime']['output'];
  to: Scalars['DateTime']['output'];
};

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

/** A labeling request as Label Studio tasks (Label Studio's JSON import format) and the labeling config to annotate them with. */
export type LabelStudioExport = {
  __typename?: 'LabelStudioExport';
  /** The labeling config for the project (Settings → Labeling Interface → Code): the row as text and one answer named `label`. */
  config: Scalars['String']['output'];
  /** Import into the project as JSON: [{ data: { prediction_id, model, model_version, summary, features, tags }, meta: { tideline_request, arm } }], the request's rows still without a label. */
  tasks: Scalars['JSON']['output'];
  /** Where Label Studio's webhook posts annotations (ANNOTATION_CREATED, ANNOTATION_UPDATED), with the header `Authorization: Bearer <API key>`. */
  webhookPath: Scalars['String']['output'];
};

export type LabelingQueue = {
  __typename?: 'LabelingQueue';
  nodes: Array<LabelingQueueItem>;
  pageInfo: PageInfo;
};

/** A row waiting for its label, with what the labeler needs and why it was picked. */
export type LabelingQueueItem = {
  __typename?: 'LabelingQueueItem';
  arm: LabelArm;
  features: Scalars['JSON']['output'];
  modelVersion: Scalars['String']['output'];
  /** The model's output: { score } | { probabilities, predictedClass } | { value }. */
  output: Scalars['JSON']['output'];
  predictionId: Scalars['String']['output'];
  /** Why it was picked, in words. */
  reason: Scalars['String']['output'];
  requestId: Scalars['ID']['output'];
  /** The strategy's score: uncertainty for the uncertainty strategies, HYBRID and SLICE_WEIGHTED (higher: less sure), the k-center distance for DIVERSITY; null for random picks. */
  score?: Maybe<Scalars['Float']['output']>;
  strategy: LabelStrategy;
  tags: Scalars['JSON']['output'];
  timestamp: Scalars['DateTime']['output'];
};

/**
 * Metrics as defined in docs/API.md (scikit-learn's definitions; ECE, PSI and
 * the rest exactly as in the oracle's README). Binary: threshold 0.5 on
 * output.score. Multiclass: PRECISION, RECALL and F1 take `average`.
 */
export type MetricName =
  | 'ACCURACY'
  | 'BRIER'
  | 'COUNT'
  | 'ECE'
  | 'ESTIMATED_ACCURACY'
  | 'ESTIMATED_ROC_AUC'
  | 'F1'
  | 'LABELED_COUNT'
  | 'LABEL_POSITIVE_RATE'
  | 'LOG_LOSS'
  | 'MAE'
  | 'MAPE'
  | 'POSITIVE_RATE'
  | 'PRECISION'
  | 'PR_AUC'
  | 'R2'
  | 'RECALL'
  | 'RMSE'
  | 'ROC_AUC';

/** Model families for tabular data, built with TensorFlow.js layers (libs/services/trainer/README.md). */
export type ModelFamily =
  /** Linear regression (REGRESSION). */
  | 'LINEAR'
  /** Logistic regression (BINARY) or softmax regression (MULTICLASS). */
  | 'LOGISTIC'
  /** A multilayer perceptron for any task: params.hidden, params.dropout, params.l2. */
  | 'MLP';

export type Mutation = {
  __typename?: 'Mutation';
  /** Freezes a snapshot of labeled rows, splits and weighs them, and registers it in the registry. */
  curateDataset: Dataset;
  /** Picks `budget` unlabeled predictions to label, `controlShare` of them uniformly at random; rows queued or labeled before are never picked. */
  requestLabels: LabelRequest;
  /** Grants the model `labelsPerPeriod` labels per budget period (instead of CURATION_LABEL_BUDGET). */
  setLabelBudget: LabelBudget;
};


export type MutationCurateDatasetArgs = {
  input: CurateDatasetInput;
};


export type MutationRequestLabelsArgs = {
  input: RequestLabelsInput;
};


export type MutationSetLabelBudgetArgs = {
  labelsPerPeriod: Scalars['Int']['input'];
  model: Scalars['String']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Datasets curated for the model, newest first. */
  datasets: Array<Dataset>;
  labelBudget: LabelBudget;
  labelRequest?: Maybe<LabelRequest>;
  /** The model's labeling requests, newest first; `first` at most 1000. */
  labelRequests: Array<LabelRequest>;
  /** A labeling request's unlabeled rows as Label Studio tasks; REQUEST_NOT_FOUND (field `request`) for an unknown id. */
  labelStudioTasks: LabelStudioExport;
  /** Requested rows of the model that still have no label, oldest request first; `first` at most 1000. */
  labelingQueue: LabelingQueue;
};


export type QueryDatasetsArgs = {
  model: Scalars['String']['input'];
};


export type QueryLabelBudgetArgs = {
  model: Scalars['String']['input'];
};


export type QueryLabelRequestArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLabelRequestsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
};


export type QueryLabelStudioTasksArgs = {
  request: Scalars['ID']['input'];
};


export type QueryLabelingQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
};

export type RequestLabelsInput = {
  /** SLICE_WEIGHTED: ids of firing alerts of the model (one groupBy field); the budget goes to their slices only. */
  alerts?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Rows to pick, control arm included: 1 to CURATION_MAX_BATCH, and at most what the model's label budget has left. */
  budget: Scalars['Int']['input'];
  /** Share of the budget picked uniformly at random as the control arm, 0 to 0.5. */
  controlShare?: InputMaybe<Scalars['Float']['input']>;
  model: Scalars['String']['input'];
  /** Only predictions of this model version (with shadow traffic, name the version whose output ranks the rows). */
  modelVersion?: InputMaybe<Scalars['String']['input']>;
  /** Same seed, same data: same picks. */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** Only predictions in this slice. */
  slice?: InputMaybe<SliceFilterInput>;
  strategy: LabelStrategy;
  /** STRATIFIED, SLICE_WEIGHTED: the field whose values are the strata: tags.<name>, features.<name> (a string or boolean feature), modelVersion or output.predictedClass. */
  stratifyBy?: InputMaybe<Scalars['String']['input']>;
  /** Predictions whose timestamp is in [from, to). */
  window: TimeRangeInput;
};

export type Severity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

/**
 * A slice: exactly one of and / or / not / field. Leaves compare `field`
 * (tags.<name>, features.<name>, modelVersion, output.score, output.value,
 * output.predictedClass, label) with `value` using `op`.
 */
export type SliceFilterInput = {
  and?: InputMaybe<Array<SliceFilterInput>>;
  field?: InputMaybe<Scalars['String']['input']>;
  not?: InputMaybe<SliceFilterInput>;
  op?: InputMaybe<FilterOp>;
  or?: InputMaybe<Array<SliceFilterInput>>;
  value?: InputMaybe<Scalars['JSON']['input']>;
};

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Dataset: Dataset;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Dataset:
    ( { __typename: 'Dataset' }
    & GraphQLRecursivePick<FederationTypes['Dataset'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CurateDatasetInput: CurateDatasetInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Dataset: ResolverTypeWrapper<DatasetEntity>;
  DatasetBalance: DatasetBalance;
  DatasetClassCount: ResolverTypeWrapper<DatasetClassCount>;
  DatasetCuration: ResolverTypeWrapper<DatasetRecord>;
  DatasetCurationWindow: ResolverTypeWrapper<DatasetCurationWindow>;
  DatasetSliceCount: ResolverTypeWrapper<DatasetSliceCount>;
  DatasetSplitCount: ResolverTypeWrapper<DatasetSplitCount>;
  DatasetSplitsInput: DatasetSplitsInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  DatasetStrategy: DatasetStrategy;
  DatasetWeightInput: DatasetWeightInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DriftMethod: DriftMethod;
  EvaluationMetric: EvaluationMetric;
  EvidenceSource: EvidenceSource;
  FilterOp: FilterOp;
  Granularity: Granularity;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LabelAllocation: ResolverTypeWrapper<LabelAllocation>;
  LabelArm: LabelArm;
  LabelBudget: ResolverTypeWrapper<BudgetState>;
  LabelLift: ResolverTypeWrapper<LabelLift>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  LabelRequest: ResolverTypeWrapper<LabelRequestRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  LabelRequestWindow: ResolverTypeWrapper<LabelRequestWindow>;
  LabelStrategy: LabelStrategy;
  LabelStudioExport: ResolverTypeWrapper<LabelStudioExport>;
  LabelingQueue: ResolverTypeWrapper<Omit<LabelingQueue, 'nodes'> & { nodes: Array<ResolversTypes['LabelingQueueItem']> }>;
  LabelingQueueItem: ResolverTypeWrapper<QueueItem>;
  MetricName: MetricName;
  ModelFamily: ModelFamily;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RequestLabelsInput: RequestLabelsInput;
  Severity: Severity;
  SliceFilterInput: SliceFilterInput;
  TimeRangeInput: TimeRangeInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CurateDatasetInput: CurateDatasetInput;
  Int: Scalars['Int']['output'];
  Dataset: DatasetEntity;
  DatasetClassCount: DatasetClassCount;
  DatasetCuration: DatasetRecord;
  DatasetCurationWindow: DatasetCurationWindow;
  DatasetSliceCount: DatasetSliceCount;
  DatasetSplitCount: DatasetSplitCount;
  DatasetSplitsInput: DatasetSplitsInput;
  Float: Scalars['Float']['output'];
  DatasetWeightInput: DatasetWeightInput;
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  LabelAllocation: LabelAllocation;
  LabelBudget: BudgetState;
  LabelLift: LabelLift;
  Boolean: Scalars['Boolean']['output'];
  LabelRequest: LabelRequestRecord;
  ID: Scalars['ID']['output'];
  LabelRequestWindow: LabelRequestWindow;
  LabelStudioExport: LabelStudioExport;
  LabelingQueue: Omit<LabelingQueue, 'nodes'> & { nodes: Array<ResolversParentTypes['LabelingQueueItem']> };
  LabelingQueueItem: QueueItem;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RequestLabelsInput: RequestLabelsInput;
  SliceFilterInput: SliceFilterInput;
  TimeRangeInput: TimeRangeInput;
  String: Scalars['String']['output'];
}>;

export type PubsubOperationDirectiveArgs = {
  filterBy?: Maybe<Scalars['String']['input']>;
  pubsubTopic: Scalars['String']['input'];
  result?: Maybe<Scalars['String']['input']>;
};

export type PubsubOperationDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = PubsubOperationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type DatasetResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset'], FederationReferenceType extends FederationReferenceTypes['Dataset'] = FederationReferenceTypes['Dataset']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Dataset']> | FederationReferenceType, FederationReferenceType, ContextType>;
  curation?: Resolver<Maybe<ResolversTypes['DatasetCuration']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DatasetClassCountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DatasetClassCount'] = ResolversParentTypes['DatasetClassCount']> = ResolversObject<{
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  split?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DatasetCurationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DatasetCuration'] = ResolversParentTypes['DatasetCuration']> = ResolversObject<{
  balance?: Resolver<ResolversTypes['DatasetBalance'], ParentType, ContextType>;
  classBalance?: Resolver<Array<ResolversTypes['DatasetClassCount']>, ParentType, ContextType>;
  contentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  exportPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxRows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recencyHalfLife?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  slice?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  sliceCounts?: Resolver<Array<ResolversTypes['DatasetSliceCount']>, ParentType, ContextType>;
  splits?: Resolver<Array<ResolversTypes['DatasetSplitCount']>, ParentType, ContextType>;
  strategy?: Resolver<ResolversTypes['DatasetStrategy'], ParentType, ContextType>;
  stratifyBy?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  upweight?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  windows?: Resolver<Array<ResolversTypes['DatasetCurationWindow']>, ParentType, ContextType>;
}>;

export type DatasetCurationWindowResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DatasetCurationWindow'] = ResolversParentTypes['DatasetCurationWindow']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type DatasetSliceCountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DatasetSliceCount'] = ResolversParentTypes['DatasetSliceCount']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type DatasetSplitCountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DatasetSplitCount'] = ResolversParentTypes['DatasetSplitCount']> = ResolversObject<{
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  split?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LabelAllocationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelAllocation'] = ResolversParentTypes['LabelAllocation']> = ResolversObject<{
  candidates?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  picked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type LabelBudgetResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelBudget'] = ResolversParentTypes['LabelBudget']> = ResolversObject<{
  granted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  periodEnd?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  periodStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  spent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type LabelLiftResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelLift'] = ResolversParentTypes['LabelLift']> = ResolversObject<{
  activeErrorRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  activeErrors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  activeLabeled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  controlErrorRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  controlErrors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  controlLabeled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  difference?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  high?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  low?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  significant?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type LabelRequestResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelRequest'] = ResolversParentTypes['LabelRequest']> = ResolversObject<{
  activeCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  allocation?: Resolver<Array<ResolversTypes['LabelAllocation']>, ParentType, ContextType>;
  budget?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  candidates?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  controlCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  controlShare?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  labeledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lift?: Resolver<Maybe<ResolversTypes['LabelLift']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  slice?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  strategy?: Resolver<ResolversTypes['LabelStrategy'], ParentType, ContextType>;
  stratifyBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  window?: Resolver<ResolversTypes['LabelRequestWindow'], ParentType, ContextType>;
}>;

export type LabelRequestWindowResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelRequestWindow'] = ResolversParentTypes['LabelRequestWindow']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type LabelStudioExportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelStudioExport'] = ResolversParentTypes['LabelStudioExport']> = ResolversObject<{
  config?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tasks?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  webhookPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type LabelingQueueResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelingQueue'] = ResolversParentTypes['LabelingQueue']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['LabelingQueueItem']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type LabelingQueueItemResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelingQueueItem'] = ResolversParentTypes['LabelingQueueItem']> = ResolversObject<{
  arm?: Resolver<ResolversTypes['LabelArm'], ParentType, ContextType>;
  features?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  output?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  predictionId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  strategy?: Resolver<ResolversTypes['LabelStrategy'], ParentType, ContextType>;
  tags?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  curateDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationCurateDatasetArgs, 'input'>>;
  requestLabels?: Resolver<ResolversTypes['LabelRequest'], ParentType, ContextType, RequireFields<MutationRequestLabelsArgs, 'input'>>;
  setLabelBudget?: Resolver<ResolversTypes['LabelBudget'], ParentType, ContextType, RequireFields<MutationSetLabelBudgetArgs, 'labelsPerPeriod' | 'model'>>;
}>;

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  datasets?: Resolver<Array<ResolversTypes['Dataset']>, ParentType, ContextType, RequireFields<QueryDatasetsArgs, 'model'>>;
  labelBudget?: Resolver<ResolversTypes['LabelBudget'], ParentType, ContextType, RequireFields<QueryLabelBudgetArgs, 'model'>>;
  labelRequest?: Resolver<Maybe<ResolversTypes['LabelRequest']>, ParentType, ContextType, RequireFields<QueryLabelRequestArgs, 'id'>>;
  labelRequests?: Resolver<Array<ResolversTypes['LabelRequest']>, ParentType, ContextType, RequireFields<QueryLabelRequestsArgs, 'first' | 'model'>>;
  labelStudioTasks?: Resolver<ResolversTypes['LabelStudioExport'], ParentType, ContextType, RequireFields<QueryLabelStudioTasksArgs, 'request'>>;
  labelingQueue?: Resolver<ResolversTypes['LabelingQueue'], ParentType, ContextType, RequireFields<QueryLabelingQueueArgs, 'first' | 'model'>>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  Dataset?: DatasetResolvers<ContextType>;
  DatasetClassCount?: DatasetClassCountResolvers<ContextType>;
  DatasetCuration?: DatasetCurationResolvers<ContextType>;
  DatasetCurationWindow?: DatasetCurationWindowResolvers<ContextType>;
  DatasetSliceCount?: DatasetSliceCountResolvers<ContextType>;
  DatasetSplitCount?: DatasetSplitCountResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  LabelAllocation?: LabelAllocationResolvers<ContextType>;
  LabelBudget?: LabelBudgetResolvers<ContextType>;
  LabelLift?: LabelLiftResolvers<ContextType>;
  LabelRequest?: LabelRequestResolvers<ContextType>;
  LabelRequestWindow?: LabelRequestWindowResolvers<ContextType>;
  LabelStudioExport?: LabelStudioExportResolvers<ContextType>;
  LabelingQueue?: LabelingQueueResolvers<ContextType>;
  LabelingQueueItem?: LabelingQueueItemResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  pubsubOperation?: PubsubOperationDirectiveResolver<any, any, ContextType>;
}>;
