import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TrainingRunRecord } from '../runs.ts';
import type { TrainingEvent as TrainingEventPayload } from '@tideline/contracts';
import type { SubgraphContext } from '@tideline/graphql';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

export type Model = {
  __typename?: 'Model';
  name: Scalars['String']['output'];
};

/** Model families for tabular data, built with TensorFlow.js layers (libs/services/trainer/README.md). */
export type ModelFamily =
  /** Linear regression (REGRESSION). */
  | 'LINEAR'
  /** Logistic regression (BINARY) or softmax regression (MULTICLASS). */
  | 'LOGISTIC'
  /** A multilayer perceptron for any task: params.hidden, params.dropout, params.l2. */
  | 'MLP';

export type ModelVersion = {
  __typename?: 'ModelVersion';
  model: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Stops a queued or running run; a finished one is returned unchanged. */
  cancelTraining: TrainingRun;
  /**
   * Scores stored production traffic with a registered candidate and logs its
   * predictions through ingest as `modelVersion = version`, same ids and
   * timestamps: compareVersions and the registry's PRODUCTION gate then compare
   * challenger and champion on exactly the same rows. Idempotent.
   */
  scoreShadow: ShadowScoring;
  /** Queues a training run; a worker takes it. Checks the dataset, family and params first. */
  startTraining: TrainingRun;
};


export type MutationCancelTrainingArgs = {
  id: Scalars['ID']['input'];
};


export type MutationScoreShadowArgs = {
  input: ScoreShadowInput;
};


export type MutationStartTrainingArgs = {
  input: StartTrainingInput;
};

export type Query = {
  __typename?: 'Query';
  trainingRun?: Maybe<TrainingRun>;
  /** Runs of `model`, newest first (at most `first`, up to 500). */
  trainingRuns: Array<TrainingRun>;
};


export type QueryTrainingRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTrainingRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
};

export type ScoreShadowInput = {
  /** At most this many rows (default and cap: TRAINER_SHADOW_MAX_ROWS); `truncated` says when the window held more. */
  maxRows?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
  slice?: InputMaybe<SliceFilterInput>;
  /** Whose traffic: default the champion's. The candidate's predictions keep these rows' ids and timestamps. */
  sourceVersion?: InputMaybe<Scalars['String']['input']>;
  /** The candidate that scores the traffic; its predictions are logged under this modelVersion. */
  version: Scalars['String']['input'];
  /** The traffic to score: predictions whose timestamp is in the window. */
  window: TimeRangeInput;
};

export type Severity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

export type ShadowScoring = {
  __typename?: 'ShadowScoring';
  /** Predictions ingest accepted (re-running stores nothing twice: same ids, same content). */
  accepted: Scalars['Int']['output'];
  model: Scalars['String']['output'];
  rejected: Scalars['Int']['output'];
  /** Rows read and scored. */
  scored: Scalars['Int']['output'];
  sourceVersion: Scalars['String']['output'];
  /** The window held more than maxRows rows; the oldest were scored. */
  truncated: Scalars['Boolean']['output'];
  version: Scalars['String']['output'];
};

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

export type StartTrainingInput = {
  /** A dataset curated for the model (curateDataset): trained on its train split, stopped early on validation, evaluated on test. */
  datasetId: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  family: ModelFamily;
  model: Scalars['String']['input'];
  /** Family parameters (README): epochs, batchSize, learningRate, patience, hidden, dropout, l2, classWeights, topK. */
  params?: InputMaybe<Scalars['JSON']['input']>;
  /** Warm start: fine-tune from this registered version's weights when its feature spec and classes match. */
  parentVersion?: InputMaybe<Scalars['String']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** The version to register; default the run id. */
  version?: InputMaybe<Scalars['String']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Pushed when a run of `model` (or of any model) is requested, starts, ends an epoch, completes, fails or is cancelled; the same events but PROGRESS go to NATS `tideline.training.<type>.<project>`. */
  trainingEvents: TrainingEvent;
};


export type SubscriptionTrainingEventsArgs = {
  model?: InputMaybe<Scalars['String']['input']>;
};

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type TrainingEvent = {
  __typename?: 'TrainingEvent';
  at: Scalars['DateTime']['output'];
  /** `<run id>.<type>.<attempt>` (PROGRESS: `.<epoch>` appended). */
  id: Scalars['ID']['output'];
  model: Model;
  run: TrainingRun;
  type: TrainingEventType;
};

export type TrainingEventType =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  /** An epoch ended (GraphQL subscribers only; not published on NATS). */
  | 'PROGRESS'
  | 'REQUESTED'
  | 'STARTED';

/** One metric of the test split, for the new model and its naive baseline. */
export type TrainingMetric = {
  __typename?: 'TrainingMetric';
  baseline?: Maybe<Scalars['Float']['output']>;
  metric: EvaluationMetric;
  sampleCount: Scalars['Int']['output'];
  /** Null: the whole test split; else `field=value`. */
  slice?: Maybe<Scalars['String']['output']>;
  value?: Maybe<Scalars['Float']['output']>;
};

/** What a finished run measured. */
export type TrainingMetrics = {
  __typename?: 'TrainingMetrics';
  /** The model's primary metric beats the naive baseline (prior, majority class or mean) on the whole test split; false marks a model that learnt nothing useful. */
  beatsBaseline: Scalars['Boolean']['output'];
  /** Epoch whose weights were kept (early stopping restores the best). */
  bestEpoch: Scalars['Int']['output'];
  /** Share of training time spent waiting for rows (downloading, parsing): near 0 when reading data is not the bottleneck. */
  dataWaitShare: Scalars['Float']['output'];
  evaluationId?: Maybe<Scalars['String']['output']>;
  /** The registry's primary metric the comparison used. */
  primaryMetric: EvaluationMetric;
  /** Training rows per second over all epochs. */
  rowsPerSecond: Scalars['Float']['output'];
  stoppedEarly: Scalars['Boolean']['output'];
  /** The test split's metrics, overall and per protected slice, as recorded in the registry (`evaluationId`). */
  test: Array<TrainingMetric>;
  testRows: Scalars['Int']['output'];
  trainRows: Scalars['Int']['output'];
  validationRows: Scalars['Int']['output'];
  warmStartNote?: Maybe<Scalars['String']['output']>;
  /** Whether `parentVersion`'s weights were the starting point, and why not when they were not. */
  warmStarted: Scalars['Boolean']['output'];
  /** sha256 of the trained weights: the same seed, backend and data give the same digest. */
  weightsDigest: Scalars['String']['output'];
};

export type TrainingProgress = {
  __typename?: 'TrainingProgress';
  /** Epochs done (1-based after the first). */
  epoch: Scalars['Int']['output'];
  epochs: Scalars['Int']['output'];
  /** Mean training loss of the last epoch. */
  loss?: Maybe<Scalars['Float']['output']>;
  rowsPerSecond?: Maybe<Scalars['Float']['output']>;
  /** Validation loss of the last epoch (early stopping watches it). */
  valLoss?: Maybe<Scalars['Float']['output']>;
};

export type TrainingRun = {
  __typename?: 'TrainingRun';
  /** Deliveries to a worker: more than 1 when a worker died and another restarted the run. */
  attempts: Scalars['Int']['output'];
  /** The TensorFlow.js backend that trained it (wasm, tensorflow, cpu). */
  backend?: Maybe<Scalars['String']['output']>;
  datasetId: Scalars['String']['output'];
  error?: Maybe<Scalars['String']['output']>;
  family: ModelFamily;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  metrics?: Maybe<TrainingMetrics>;
  model: Model;
  /** The registered version (SUCCEEDED). */
  modelVersion?: Maybe<ModelVersion>;
  /** Parameters as applied, defaults filled in. */
  params?: Maybe<Scalars['JSON']['output']>;
  parentVersion?: Maybe<Scalars['String']['output']>;
  /** Null until the first epoch ends. */
  progress?: Maybe<TrainingProgress>;
  requestedAt: Scalars['DateTime']['output'];
  seed: Scalars['Int']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: TrainingStatus;
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
  TrainingEvent: TrainingEvent;
  TrainingRun: TrainingRun;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  TrainingEvent:
    ( { __typename: 'TrainingEvent' }
    & GraphQLRecursivePick<FederationTypes['TrainingEvent'], {"id":true}> );
  TrainingRun:
    ( { __typename: 'TrainingRun' }
    & GraphQLRecursivePick<FederationTypes['TrainingRun'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DatasetStrategy: DatasetStrategy;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DriftMethod: DriftMethod;
  EvaluationMetric: EvaluationMetric;
  EvidenceSource: EvidenceSource;
  FilterOp: FilterOp;
  Granularity: Granularity;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LabelStrategy: LabelStrategy;
  MetricName: MetricName;
  Model: ResolverTypeWrapper<Model>;
  ModelFamily: ModelFamily;
  ModelVersion: ResolverTypeWrapper<ModelVersion>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ScoreShadowInput: ScoreShadowInput;
  Severity: Severity;
  ShadowScoring: ResolverTypeWrapper<ShadowScoring>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  SliceFilterInput: SliceFilterInput;
  StartTrainingInput: StartTrainingInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TimeRangeInput: TimeRangeInput;
  TrainingEvent: ResolverTypeWrapper<TrainingEventPayload>;
  TrainingEventType: TrainingEventType;
  TrainingMetric: ResolverTypeWrapper<TrainingMetric>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  TrainingMetrics: ResolverTypeWrapper<TrainingMetrics>;
  TrainingProgress: ResolverTypeWrapper<TrainingProgress>;
  TrainingRun: ResolverTypeWrapper<TrainingRunRecord>;
  TrainingStatus: TrainingStatus;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  Model: Model;
  ModelVersion: ModelVersion;
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  ScoreShadowInput: ScoreShadowInput;
  ShadowScoring: ShadowScoring;
  Boolean: Scalars['Boolean']['output'];
  SliceFilterInput: SliceFilterInput;
  StartTrainingInput: StartTrainingInput;
  Subscription: Record<PropertyKey, never>;
  TimeRangeInput: TimeRangeInput;
  TrainingEvent: TrainingEventPayload;
  TrainingMetric: TrainingMetric;
  Float: Scalars['Float']['output'];
  TrainingMetrics: TrainingMetrics;
  TrainingProgress: TrainingProgress;
  TrainingRun: TrainingRunRecord;
  String: Scalars['String']['output'];
}>;

export type PubsubOperationDirectiveArgs = {
  filterBy?: Maybe<Scalars['String']['input']>;
  pubsubTopic: Scalars['String']['input'];
  result?: Maybe<Scalars['String']['input']>;
};

export type PubsubOperationDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = PubsubOperationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ModelResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ModelVersionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion']> = ResolversObject<{
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelTraining?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType, RequireFields<MutationCancelTrainingArgs, 'id'>>;
  scoreShadow?: Resolver<ResolversTypes['ShadowScoring'], ParentType, ContextType, RequireFields<MutationScoreShadowArgs, 'input'>>;
  startTraining?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType, RequireFields<MutationStartTrainingArgs, 'input'>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  trainingRun?: Resolver<Maybe<ResolversTypes['TrainingRun']>, ParentType, ContextType, RequireFields<QueryTrainingRunArgs, 'id'>>;
  trainingRuns?: Resolver<Array<ResolversTypes['TrainingRun']>, ParentType, ContextType, RequireFields<QueryTrainingRunsArgs, 'first' | 'model'>>;
}>;

export type ShadowScoringResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ShadowScoring'] = ResolversParentTypes['ShadowScoring']> = ResolversObject<{
  accepted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scored?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sourceVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  trainingEvents?: SubscriptionResolver<ResolversTypes['TrainingEvent'], "trainingEvents", ParentType, ContextType, Partial<SubscriptionTrainingEventsArgs>>;
}>;

export type TrainingEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TrainingEvent'] = ResolversParentTypes['TrainingEvent'], FederationReferenceType extends FederationReferenceTypes['TrainingEvent'] = FederationReferenceTypes['TrainingEvent']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TrainingEvent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  run?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TrainingEventType'], ParentType, ContextType>;
}>;

export type TrainingMetricResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TrainingMetric'] = ResolversParentTypes['TrainingMetric']> = ResolversObject<{
  baseline?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['EvaluationMetric'], ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  slice?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type TrainingMetricsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TrainingMetrics'] = ResolversParentTypes['TrainingMetrics']> = ResolversObject<{
  beatsBaseline?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  bestEpoch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dataWaitShare?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  evaluationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  primaryMetric?: Resolver<ResolversTypes['EvaluationMetric'], ParentType, ContextType>;
  rowsPerSecond?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  stoppedEarly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  test?: Resolver<Array<ResolversTypes['TrainingMetric']>, ParentType, ContextType>;
  testRows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trainRows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  validationRows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  warmStartNote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  warmStarted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  weightsDigest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TrainingProgressResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TrainingProgress'] = ResolversParentTypes['TrainingProgress']> = ResolversObject<{
  epoch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  epochs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  loss?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  rowsPerSecond?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  valLoss?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type TrainingRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TrainingRun'] = ResolversParentTypes['TrainingRun'], FederationReferenceType extends FederationReferenceTypes['TrainingRun'] = FederationReferenceTypes['TrainingRun']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TrainingRun']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  backend?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  family?: Resolver<ResolversTypes['ModelFamily'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metrics?: Resolver<Maybe<ResolversTypes['TrainingMetrics']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  params?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  parentVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  progress?: Resolver<Maybe<ResolversTypes['TrainingProgress']>, ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TrainingStatus'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Model?: ModelResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ShadowScoring?: ShadowScoringResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TrainingEvent?: TrainingEventResolvers<ContextType>;
  TrainingMetric?: TrainingMetricResolvers<ContextType>;
  TrainingMetrics?: TrainingMetricsResolvers<ContextType>;
  TrainingProgress?: TrainingProgressResolvers<ContextType>;
  TrainingRun?: TrainingRunResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  pubsubOperation?: PubsubOperationDirectiveResolver<any, any, ContextType>;
}>;
