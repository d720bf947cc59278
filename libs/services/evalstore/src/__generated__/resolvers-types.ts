import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ModelRef } from '../model-stats.ts';
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
 * A record ingest accepted but the store could not keep: ClickHouse refused it
 * as data (a value it cannot parse), or it was not a record ingest writes. It is
 * kept here with the reason, 90 days; the other records of its batch are stored.
 */
export type IngestDeadLetter = {
  __typename?: 'IngestDeadLetter';
  /** Stable code: ClickHouse's error name (CANNOT_PARSE_ESCAPE_SEQUENCE, CANNOT_PARSE_NUMBER, …), MALFORMED_RECORD or UNREADABLE_MESSAGE. */
  code: Scalars['String']['output'];
  failedAt: Scalars['DateTime']['output'];
  kind: IngestDeadLetterKind;
  /** The record's model; empty when unreadable. */
  model: Scalars['String']['output'];
  /** Why, in one sentence. */
  reason: Scalars['String']['output'];
  /** The record as it travelled, as JSON text (lone surrogates escaped), cut at 64 KiB. */
  record: Scalars['String']['output'];
  /** The prediction's id (or the feedback's predictionId); null when unreadable. */
  recordId?: Maybe<Scalars['String']['output']>;
};

/** Where a dead letter came from. */
export type IngestDeadLetterKind =
  | 'FEEDBACK'
  /** A stream message that held no readable records. */
  | 'MESSAGE'
  | 'PREDICTION';

export type Label = {
  __typename?: 'Label';
  class?: Maybe<Scalars['String']['output']>;
  positive?: Maybe<Scalars['Boolean']['output']>;
  value?: Maybe<Scalars['Float']['output']>;
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

/**
 * A model of the caller's project, as the evaluation store sees it: read from a
 * summary ClickHouse keeps (one key lookup), each field only when asked for.
 */
export type Model = {
  __typename?: 'Model';
  /** Feature names the model's predictions have carried (`features.<name>`), sorted; at most 10,000. From the field catalog, like tagNames. */
  featureNames: Array<Scalars['String']['output']>;
  /** Predictions that received feedback, including feedback still waiting for its prediction. */
  feedbackCount: Scalars['Int']['output'];
  /** Earliest prediction timestamp received (a prediction re-sent with another timestamp leaves its first one in this range). */
  firstPredictionAt?: Maybe<Scalars['DateTime']['output']>;
  /** Predictions with a label, inline or from feedback. */
  labeledCount: Scalars['Int']['output'];
  /** Latest prediction timestamp received (a prediction re-sent with another timestamp leaves its first one in this range). */
  lastPredictionAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** Distinct predictions (model version, id): a re-sent prediction counts once, a shadow version's apart. */
  predictionCount: Scalars['Int']['output'];
  /** Tag names the model's predictions have carried (slice by `tags.<name>`), sorted; at most 10,000. Read from the store's field catalog: a lookup, whatever the number of predictions. */
  tagNames: Array<Scalars['String']['output']>;
  /** Null until the store holds a record of the model. */
  task?: Maybe<Task>;
};

/** Model families for tabular data, built with TensorFlow.js layers (libs/services/trainer/README.md). */
export type ModelFamily =
  /** Linear regression (REGRESSION). */
  | 'LINEAR'
  /** Logistic regression (BINARY) or softmax regression (MULTICLASS). */
  | 'LOGISTIC'
  /** A multilayer perceptron for any task: params.hidden, params.dropout, params.l2. */
  | 'MLP';

export type Output = {
  __typename?: 'Output';
  predictedClass?: Maybe<Scalars['String']['output']>;
  probabilities?: Maybe<Scalars['JSON']['output']>;
  score?: Maybe<Scalars['Float']['output']>;
  value?: Maybe<Scalars['Float']['output']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Prediction = {
  __typename?: 'Prediction';
  /** Feature name → number, string, boolean or null. */
  features: Scalars['JSON']['output'];
  id: Scalars['String']['output'];
  /** The latest label (feedback overrides an inline label); null while none has arrived. */
  label?: Maybe<Label>;
  labeledAt?: Maybe<Scalars['DateTime']['output']>;
  model: Scalars['String']['output'];
  modelVersion: Scalars['String']['output'];
  output: Output;
  /** Tag name → string. */
  tags: Scalars['JSON']['output'];
  timestamp: Scalars['DateTime']['output'];
};

export type PredictionConnection = {
  __typename?: 'PredictionConnection';
  edges: Array<PredictionEdge>;
  nodes: Array<Prediction>;
  pageInfo: PageInfo;
};

export type PredictionEdge = {
  __typename?: 'PredictionEdge';
  cursor: Scalars['String']['output'];
  node: Prediction;
};

export type Query = {
  __typename?: 'Query';
  /** Records of the project (of `model`, or of every model) the store could not keep, newest first; `first` is at most 1000. */
  ingestErrors: Array<IngestDeadLetter>;
  /** Null when the store holds no record of the model. */
  model?: Maybe<Model>;
  models: Array<Model>;
  /** Predictions ordered by timestamp then id; `first` is at most 1000. */
  predictions: PredictionConnection;
};


export type QueryIngestErrorsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  model?: InputMaybe<Scalars['String']['input']>;
};


export type QueryModelArgs = {
  name: Scalars['String']['input'];
};


export type QueryPredictionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
  slice?: InputMaybe<SliceFilterInput>;
  window?: InputMaybe<TimeRangeInput>;
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

/** Records of one model that became queryable in the store, as published on NATS. */
export type StoreProgress = {
  __typename?: 'StoreProgress';
  at: Scalars['DateTime']['output'];
  /** Feedback records stored in this insert. */
  feedback: Scalars['Int']['output'];
  /** Unique id of this event. */
  id: Scalars['ID']['output'];
  model: Model;
  /** Predictions stored in this insert. */
  predictions: Scalars['Int']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Pushed after each insert into the store: records of `model` (or of every model) that became queryable. */
  storeProgress: StoreProgress;
};


export type SubscriptionStoreProgressArgs = {
  model?: InputMaybe<Scalars['String']['input']>;
};

/** The kind of prediction a model makes, fixed by its first record. */
export type Task =
  | 'BINARY'
  | 'MULTICLASS'
  | 'REGRESSION';

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
  Model: Model;
  StoreProgress: StoreProgress;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Model:
    ( { __typename: 'Model' }
    & GraphQLRecursivePick<FederationTypes['Model'], {"name":true}> );
  StoreProgress:
    ( { __typename: 'StoreProgress' }
    & GraphQLRecursivePick<FederationTypes['StoreProgress'], {"id":true,"model":{"name":true}}> );
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
  IngestDeadLetter: ResolverTypeWrapper<IngestDeadLetter>;
  IngestDeadLetterKind: IngestDeadLetterKind;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Label: ResolverTypeWrapper<Label>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  LabelStrategy: LabelStrategy;
  MetricName: MetricName;
  Model: ResolverTypeWrapper<ModelRef>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ModelFamily: ModelFamily;
  Output: ResolverTypeWrapper<Output>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Prediction: ResolverTypeWrapper<Prediction>;
  PredictionConnection: ResolverTypeWrapper<PredictionConnection>;
  PredictionEdge: ResolverTypeWrapper<PredictionEdge>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Severity: Severity;
  SliceFilterInput: SliceFilterInput;
  StoreProgress: ResolverTypeWrapper<Omit<StoreProgress, 'model'> & { model: ResolversTypes['Model'] }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Task: Task;
  TimeRangeInput: TimeRangeInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  IngestDeadLetter: IngestDeadLetter;
  JSON: Scalars['JSON']['output'];
  Label: Label;
  Boolean: Scalars['Boolean']['output'];
  Float: Scalars['Float']['output'];
  Model: ModelRef;
  Int: Scalars['Int']['output'];
  Output: Output;
  PageInfo: PageInfo;
  Prediction: Prediction;
  PredictionConnection: PredictionConnection;
  PredictionEdge: PredictionEdge;
  Query: Record<PropertyKey, never>;
  SliceFilterInput: SliceFilterInput;
  StoreProgress: Omit<StoreProgress, 'model'> & { model: ResolversParentTypes['Model'] } | FederationReferenceTypes['StoreProgress'];
  ID: Scalars['ID']['output'];
  Subscription: Record<PropertyKey, never>;
  TimeRangeInput: TimeRangeInput;
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

export type IngestDeadLetterResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IngestDeadLetter'] = ResolversParentTypes['IngestDeadLetter']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  failedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['IngestDeadLetterKind'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  record?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LabelResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Label'] = ResolversParentTypes['Label']> = ResolversObject<{
  class?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  positive?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ModelResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model'], FederationReferenceType extends FederationReferenceTypes['Model'] = FederationReferenceTypes['Model']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Model']> | FederationReferenceType, FederationReferenceType, ContextType>;
  featureNames?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  feedbackCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstPredictionAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  labeledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastPredictionAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  predictionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tagNames?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType>;
}>;

export type OutputResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Output'] = ResolversParentTypes['Output']> = ResolversObject<{
  predictedClass?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  probabilities?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PredictionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Prediction'] = ResolversParentTypes['Prediction']> = ResolversObject<{
  features?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['Label']>, ParentType, ContextType>;
  labeledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  output?: Resolver<ResolversTypes['Output'], ParentType, ContextType>;
  tags?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type PredictionConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PredictionConnection'] = ResolversParentTypes['PredictionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PredictionEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Prediction']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type PredictionEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PredictionEdge'] = ResolversParentTypes['PredictionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Prediction'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  ingestErrors?: Resolver<Array<ResolversTypes['IngestDeadLetter']>, ParentType, ContextType, RequireFields<QueryIngestErrorsArgs, 'first'>>;
  model?: Resolver<Maybe<ResolversTypes['Model']>, ParentType, ContextType, RequireFields<QueryModelArgs, 'name'>>;
  models?: Resolver<Array<ResolversTypes['Model']>, ParentType, ContextType>;
  predictions?: Resolver<ResolversTypes['PredictionConnection'], ParentType, ContextType, RequireFields<QueryPredictionsArgs, 'first' | 'model'>>;
}>;

export type StoreProgressResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['StoreProgress'] = ResolversParentTypes['StoreProgress'], FederationReferenceType extends FederationReferenceTypes['StoreProgress'] = FederationReferenceTypes['StoreProgress']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['StoreProgress']> | FederationReferenceType, FederationReferenceType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  feedback?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  predictions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  storeProgress?: SubscriptionResolver<ResolversTypes['StoreProgress'], "storeProgress", ParentType, ContextType, Partial<SubscriptionStoreProgressArgs>>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  IngestDeadLetter?: IngestDeadLetterResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Label?: LabelResolvers<ContextType>;
  Model?: ModelResolvers<ContextType>;
  Output?: OutputResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Prediction?: PredictionResolvers<ContextType>;
  PredictionConnection?: PredictionConnectionResolvers<ContextType>;
  PredictionEdge?: PredictionEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  StoreProgress?: StoreProgressResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  pubsubOperation?: PubsubOperationDirectiveResolver<any, any, ContextType>;
}>;
