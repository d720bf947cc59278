import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
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

/** What the decision rests on. */
export type DecisionBasis = {
  __typename?: 'DecisionBasis';
  /** The model's performance in the window is a CBPE estimate (labels missing), not measured on labels. */
  estimated: Scalars['Boolean']['output'];
  /** Labeled predictions of the judged version in the window. */
  labeledCount: Scalars['Int']['output'];
  /** The recent window of traffic judged. */
  window: DecisionWindow;
};

/** One reason behind a decision: a stable code, a sentence, and the figures it rests on. */
export type DecisionReason = {
  __typename?: 'DecisionReason';
  /** Stable code, e.g. PERFORMANCE_ALERT, CHALLENGER_BETTER, INSUFFICIENT_EVIDENCE (every code in the loop service's README). */
  code: Scalars['String']['output'];
  /** The figures behind the reason: values, thresholds, sample counts, alert ids, versions. */
  evidence: Scalars['JSON']['output'];
  message: Scalars['String']['output'];
};

export type DecisionWindow = {
  __typename?: 'DecisionWindow';
  from: Scalars['DateTime']['output'];
  to: Scalars['DateTime']['output'];
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

export type Query = {
  __typename?: 'Query';
  /** The retraining decision for a model: RETRAIN, PROMOTE, ROLLBACK or HOLD, with its reasons and the evidence behind each (rules in libs/services/loop/README.md). */
  retrainingDecision: RetrainingDecision;
};


export type QueryRetrainingDecisionArgs = {
  model: Scalars['String']['input'];
};

/** What the loop recommends doing with a model now. */
export type RetrainingAction =
  /** Do nothing now; the reasons say why (healthy, not enough new labels, insufficient evidence, …). */
  | 'HOLD'
  /** Promote `candidate`: it beats the champion on shadow traffic, significantly, and no protected slice regresses. */
  | 'PROMOTE'
  /** Train a new version: performance dropped or a monitor fired, and enough new labels arrived since the last training. */
  | 'RETRAIN'
  /** Roll back to `rollbackTo`: a monitor fired within the watch period after the latest promotion. */
  | 'ROLLBACK';

export type RetrainingDecision = {
  __typename?: 'RetrainingDecision';
  action: RetrainingAction;
  basedOn: DecisionBasis;
  /** PROMOTE: the version to promote to CHAMPION. */
  candidate?: Maybe<Scalars['String']['output']>;
  /**
   * 0 to 1: how strongly the evidence supports the action. PROMOTE: 1 − the
   * paired test's p-value. Otherwise the evidence behind the reasons combined
   * as independent signals, 1 − Π(1 − wᵢ), with w = 0.6 / 0.8 / 0.95 for an
   * INFO / WARNING / CRITICAL alert, 0.8 for a drop measured on labels, 0.6 for
   * an estimated one. 0 for HOLD with INSUFFICIENT_EVIDENCE: no verdict.
   */
  confidence: Scalars['Float']['output'];
  decidedAt: Scalars['DateTime']['output'];
  model: Scalars['String']['output'];
  /** Most important first; the first is the one that decided the action. */
  reasons: Array<DecisionReason>;
  /** ROLLBACK: the previous champion to restore. */
  rollbackTo?: Maybe<Scalars['String']['output']>;
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

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


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





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecisionBasis: ResolverTypeWrapper<DecisionBasis>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DecisionReason: ResolverTypeWrapper<DecisionReason>;
  DecisionWindow: ResolverTypeWrapper<DecisionWindow>;
  DriftMethod: DriftMethod;
  FilterOp: FilterOp;
  Granularity: Granularity;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  MetricName: MetricName;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RetrainingAction: RetrainingAction;
  RetrainingDecision: ResolverTypeWrapper<RetrainingDecision>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  SliceFilterInput: SliceFilterInput;
  TimeRangeInput: TimeRangeInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  DecisionBasis: DecisionBasis;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  DecisionReason: DecisionReason;
  DecisionWindow: DecisionWindow;
  JSON: Scalars['JSON']['output'];
  Query: Record<PropertyKey, never>;
  RetrainingDecision: RetrainingDecision;
  Float: Scalars['Float']['output'];
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

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DecisionBasisResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DecisionBasis'] = ResolversParentTypes['DecisionBasis']> = ResolversObject<{
  estimated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  labeledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  window?: Resolver<ResolversTypes['DecisionWindow'], ParentType, ContextType>;
}>;

export type DecisionReasonResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DecisionReason'] = ResolversParentTypes['DecisionReason']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evidence?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DecisionWindowResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DecisionWindow'] = ResolversParentTypes['DecisionWindow']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  retrainingDecision?: Resolver<ResolversTypes['RetrainingDecision'], ParentType, ContextType, RequireFields<QueryRetrainingDecisionArgs, 'model'>>;
}>;

export type RetrainingDecisionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RetrainingDecision'] = ResolversParentTypes['RetrainingDecision']> = ResolversObject<{
  action?: Resolver<ResolversTypes['RetrainingAction'], ParentType, ContextType>;
  basedOn?: Resolver<ResolversTypes['DecisionBasis'], ParentType, ContextType>;
  candidate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  decidedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['DecisionReason']>, ParentType, ContextType>;
  rollbackTo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  DecisionBasis?: DecisionBasisResolvers<ContextType>;
  DecisionReason?: DecisionReasonResolvers<ContextType>;
  DecisionWindow?: DecisionWindowResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Query?: QueryResolvers<ContextType>;
  RetrainingDecision?: RetrainingDecisionResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  pubsubOperation?: PubsubOperationDirectiveResolver<any, any, ContextType>;
}>;
