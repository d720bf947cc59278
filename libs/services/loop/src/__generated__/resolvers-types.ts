import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LoopRunRecord } from '../runs/run-types.ts';
import type { LoopRunEvent as LoopRunEventPayload, RetrainingRecommendedEvent as RetrainingRecommendedEventPayload } from '@tideline/contracts';
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

export type AlertTrigger = {
  __typename?: 'AlertTrigger';
  monitors: Array<Scalars['ID']['output']>;
  severities: Array<Severity>;
};

export type AlertTriggerInput = {
  /** Monitors of the model whose firing alerts start a run. */
  monitors?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Any firing alert of the model with one of these severities starts a run. */
  severities?: InputMaybe<Array<Severity>>;
};

export type DatasetPolicy = {
  __typename?: 'DatasetPolicy';
  maxRows?: Maybe<Scalars['Int']['output']>;
  recencyHalfLife?: Maybe<Scalars['String']['output']>;
  strategy: DatasetStrategy;
  stratifyBy?: Maybe<Array<Scalars['String']['output']>>;
  windows: Array<Scalars['String']['output']>;
};

export type DatasetPolicyInput = {
  maxRows?: InputMaybe<Scalars['Int']['input']>;
  /** Weight rows by recency: 7d, 12h. */
  recencyHalfLife?: InputMaybe<Scalars['String']['input']>;
  strategy?: InputMaybe<DatasetStrategy>;
  /** Splits stratified by these fields (default: the registry's protected slices). */
  stratifyBy?: InputMaybe<Array<Scalars['String']['input']>>;
  /**
   * Durations back from the latest prediction: "14d" (the last 14 days) or
   * "28d..14d" (from 28 days back to 14 days back). At most 20.
   */
  windows?: InputMaybe<Array<Scalars['String']['input']>>;
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

/** What a run's label step does when its labels have not arrived by maxWait. */
export type LabelWaitTimeout =
  /** End the run FAILED with the reason; nothing is trained or promoted. */
  | 'FAIL'
  /** Curate and train on the labels that did arrive; the step records timedOut and the run's decision says so (LABEL_WAIT_TIMED_OUT). */
  | 'PROCEED';

export type LabelingPolicy = {
  __typename?: 'LabelingPolicy';
  budget: Scalars['Int']['output'];
  maxWait: Scalars['String']['output'];
  onTimeout: LabelWaitTimeout;
  strategy: LabelStrategy;
  waitFor: Scalars['Float']['output'];
  window: Scalars['String']['output'];
};

export type LabelingPolicyInput = {
  /** Rows to ask labels for; charged to the model's label budget. */
  budget: Scalars['Int']['input'];
  /** How long the label step waits for them, counted from the step's start (a restart does not reset it): 24h. */
  maxWait?: InputMaybe<Scalars['String']['input']>;
  /** What happens when maxWait passes with fewer labels. */
  onTimeout?: InputMaybe<LabelWaitTimeout>;
  strategy: LabelStrategy;
  /** Share of the request's picks (active and control) that must be labeled before the run curates, 0 to 1; 0 does not wait. */
  waitFor?: InputMaybe<Scalars['Float']['input']>;
  /** Predictions of this duration back from the latest prediction: 7d. */
  window?: InputMaybe<Scalars['String']['input']>;
};

/** What the run concluded: PROMOTE, HOLD (the gate refused, or rejected) or ROLLBACK, with its reasons. */
export type LoopDecision = {
  __typename?: 'LoopDecision';
  action: RetrainingAction;
  reasons: Array<DecisionReason>;
};

export type LoopEvent = {
  __typename?: 'LoopEvent';
  at: Scalars['DateTime']['output'];
  detail?: Maybe<Scalars['String']['output']>;
  /** `<run id>.<type>[.<step>]`. */
  id: Scalars['ID']['output'];
  model: Model;
  /** Null for SKIPPED. */
  run?: Maybe<LoopRun>;
  step?: Maybe<Scalars['String']['output']>;
  type: LoopEventType;
};

export type LoopEventType =
  | 'CANCELLED'
  | 'FAILED'
  | 'ROLLED_BACK'
  /** A trigger did not start a run (cool-down, daily cap, a run active): `detail` says why. */
  | 'SKIPPED'
  | 'STARTED'
  | 'STEP_FINISHED'
  | 'STEP_STARTED'
  | 'SUCCEEDED'
  | 'WAITING_APPROVAL'
  /** The label step asked for labels and waits for them (detail: how many of how many, until when). */
  | 'WAITING_LABELS'
  | 'WATCHING';

export type LoopRun = {
  __typename?: 'LoopRun';
  /** The version this run trains and may promote. */
  candidate: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Set once the run ends (or holds at the gate). */
  decision?: Maybe<LoopDecision>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  model: Scalars['String']['output'];
  status: LoopRunStatus;
  steps: Array<LoopStep>;
  trigger: LoopTrigger;
  updatedAt: Scalars['DateTime']['output'];
};

export type LoopRunStatus =
  /** cancelLoop or rejectLoop. */
  | 'CANCELLED'
  /** A step failed; `error` on the step says why. Nothing was promoted. */
  | 'FAILED'
  /** A monitor fired in the watch period: the previous champion was restored. */
  | 'ROLLED_BACK'
  | 'RUNNING'
  /** Promoted and the watch period ended quietly, or held by the gate (decision HOLD with its evidence). */
  | 'SUCCEEDED'
  /** The gate passed; approveLoop or rejectLoop decides (APPROVAL policies). */
  | 'WAITING_APPROVAL'
  /** The label step asked for labels and waits until `waitFor` of its picks are labeled, or `maxWait` passes (its output: `labeledCount` of `labelsNeeded`, `deadline`); RUNNING again when it goes on. */
  | 'WAITING_LABELS'
  /** Promoted; the champion's monitors are watched for the policy's watch period. */
  | 'WATCHING';

export type LoopStep = {
  __typename?: 'LoopStep';
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** label, curate, train, shadow, gate, approval, promote, watch. */
  name: Scalars['String']['output'];
  /** What the step produced (dataset id, training run id, gate evidence, stage change…). */
  output?: Maybe<Scalars['JSON']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: LoopStepStatus;
};

export type LoopStepStatus =
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SKIPPED'
  | 'SUCCEEDED';

export type LoopTrigger = {
  __typename?: 'LoopTrigger';
  /** What triggered it: the alert, the label count, the schedule, who asked. */
  detail?: Maybe<Scalars['JSON']['output']>;
  kind: LoopTriggerKind;
};

export type LoopTriggerKind =
  | 'ALERT'
  | 'MANUAL'
  | 'NEW_LABELS'
  | 'SCHEDULE';

/** A trigger the loop saw, and what it did with it. */
export type LoopTriggerRecord = {
  __typename?: 'LoopTriggerRecord';
  at: Scalars['DateTime']['output'];
  detail?: Maybe<Scalars['JSON']['output']>;
  kind: LoopTriggerKind;
  /** STARTED or SKIPPED. */
  outcome: Scalars['String']['output'];
  /** Why it was skipped (cool-down, daily cap, a run active, policy disabled). */
  reason?: Maybe<Scalars['String']['output']>;
  run?: Maybe<Scalars['ID']['output']>;
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

export type Mutation = {
  __typename?: 'Mutation';
  approveLoop: LoopRun;
  /** Stops a run before its next step (a training in progress is cancelled; the step in progress is marked FAILED, `cancelled by cancelLoop`); a finished run is returned as it is. */
  cancelLoop: LoopRun;
  /** Ends a run waiting for approval, CANCELLED, with nothing promoted. */
  rejectLoop: LoopRun;
  /** Creates or replaces the model's policy; refused with the field named when a monitor, duration or family does not fit. */
  setRetrainingPolicy: RetrainingPolicy;
  /** Starts a run of the model's policy now (MANUAL): refused (LOOP_NOT_STARTED) when one is active or the daily cap is reached; the cool-down does not apply. */
  startLoop: LoopRun;
};


export type MutationApproveLoopArgs = {
  comment?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationCancelLoopArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRejectLoopArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationSetRetrainingPolicyArgs = {
  input: RetrainingPolicyInput;
};


export type MutationStartLoopArgs = {
  model: Scalars['String']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** How a run that passed the gate becomes the champion. */
export type PromotionMode =
  /** The run waits (WAITING_APPROVAL) for approveLoop or rejectLoop. */
  | 'APPROVAL'
  /** Promoted as soon as the gate passes. */
  | 'AUTO';

export type Query = {
  __typename?: 'Query';
  loopRun?: Maybe<LoopRun>;
  /** The model's runs, newest first (at most `first`, up to 200). */
  loopRuns: Array<LoopRun>;
  /** The retraining decision for a model: RETRAIN, PROMOTE, ROLLBACK or HOLD, with its reasons and the evidence behind each (rules in libs/services/loop/README.md). */
  retrainingDecision: RetrainingDecision;
  retrainingPolicy?: Maybe<RetrainingPolicy>;
};


export type QueryLoopRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLoopRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
};


export type QueryRetrainingDecisionArgs = {
  model: Scalars['String']['input'];
};


export type QueryRetrainingPolicyArgs = {
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

/** A model's retraining decision changed action: the same event the loop publishes on NATS `tideline.retraining.recommended.<project>`. */
export type RetrainingDecisionChange = {
  __typename?: 'RetrainingDecisionChange';
  at: Scalars['DateTime']['output'];
  /** The new decision: its action differs from `previousAction`. */
  decision: RetrainingDecision;
  /** `<base64url model>.<ledger revision decided on>.<action>`: the NATS event's id (one change, one id, however many replicas decided it). */
  id: Scalars['ID']['output'];
  model: Model;
  /** The action published before; null for the model's first decision. */
  previousAction?: Maybe<RetrainingAction>;
  trigger: RetrainingDecisionTrigger;
};

/** What made the loop decide again. */
export type RetrainingDecisionTrigger =
  /** An alert of the model fired or resolved. */
  | 'ALERT'
  /** A version of the model changed stage. */
  | 'PROMOTION'
  /** Someone asked `retrainingDecision`. */
  | 'QUERY'
  /** The loop's periodic re-decision (LOOP_DECISION_INTERVAL_MS). */
  | 'TIMER';

export type RetrainingPolicy = {
  __typename?: 'RetrainingPolicy';
  /** The run in progress (or waiting), if any. */
  activeRun?: Maybe<LoopRun>;
  coolDown: Scalars['String']['output'];
  dataset: DatasetPolicy;
  enabled: Scalars['Boolean']['output'];
  labeling?: Maybe<LabelingPolicy>;
  /** The latest 20 triggers, newest first, started or skipped. */
  lastTriggers: Array<LoopTriggerRecord>;
  maxRunsPerDay: Scalars['Int']['output'];
  model: Scalars['String']['output'];
  promotion: PromotionMode;
  training: TrainingPolicy;
  triggers: RetrainingTriggers;
  updatedAt: Scalars['DateTime']['output'];
  validation: ValidationPolicy;
  watchPeriod: Scalars['String']['output'];
};

export type RetrainingPolicyInput = {
  /** No automatic run starts within this long of the last run's start: 1h. */
  coolDown?: InputMaybe<Scalars['String']['input']>;
  dataset?: InputMaybe<DatasetPolicyInput>;
  /** A disabled policy triggers nothing; startLoop still runs it. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  labeling?: InputMaybe<LabelingPolicyInput>;
  /** At most this many runs start per UTC day (manual ones included). */
  maxRunsPerDay?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
  promotion?: InputMaybe<PromotionMode>;
  training: TrainingPolicyInput;
  triggers?: InputMaybe<RetrainingTriggersInput>;
  validation?: InputMaybe<ValidationPolicyInput>;
  /** After a promotion, the champion's monitors are watched this long; one firing rolls back. Also the decision API's watch period for the model. */
  watchPeriod?: InputMaybe<Scalars['String']['input']>;
};

export type RetrainingTriggers = {
  __typename?: 'RetrainingTriggers';
  alerts?: Maybe<AlertTrigger>;
  newLabels?: Maybe<Scalars['Int']['output']>;
  schedule?: Maybe<Scalars['String']['output']>;
};

export type RetrainingTriggersInput = {
  alerts?: InputMaybe<AlertTriggerInput>;
  /** Start a run once this many labels arrived since the last run started (checked every LOOP_TRIGGER_INTERVAL_MS). */
  newLabels?: InputMaybe<Scalars['Int']['input']>;
  /** Start a run this long after the last one started (or after the policy was set): 1d, 12h. */
  schedule?: InputMaybe<Scalars['String']['input']>;
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

export type Subscription = {
  __typename?: 'Subscription';
  /** Pushed when a run of `model` (or of any model) starts, moves a step, waits, ends, or a trigger is skipped; the same events go to NATS `tideline.loop.<type>.<project>`. */
  loopEvents: LoopEvent;
  /** Pushed once each time the published retraining decision of `model` (or of any model) changes action, the model's first decision included; the same events go to NATS `tideline.retraining.recommended.<project>`. */
  retrainingDecisionChanged: RetrainingDecisionChange;
};


export type SubscriptionLoopEventsArgs = {
  model?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionRetrainingDecisionChangedArgs = {
  model?: InputMaybe<Scalars['String']['input']>;
};

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type TrainingPolicy = {
  __typename?: 'TrainingPolicy';
  family: ModelFamily;
  maxWait: Scalars['String']['output'];
  params?: Maybe<Scalars['JSON']['output']>;
  seed: Scalars['Int']['output'];
  warmStart: Scalars['Boolean']['output'];
};

export type TrainingPolicyInput = {
  family: ModelFamily;
  /** How long the train step waits for its training run, counted from the step's start (a restart does not reset it); then the training run is cancelled and the loop run FAILED: 6h. */
  maxWait?: InputMaybe<Scalars['String']['input']>;
  /** The trainer's family parameters (checked when the run trains). */
  params?: InputMaybe<Scalars['JSON']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** Fine-tune from the champion's weights (when its features and classes match). */
  warmStart?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ValidationPolicy = {
  __typename?: 'ValidationPolicy';
  evidence: EvidenceSource;
  shadowMaxWait: Scalars['String']['output'];
  shadowWindow: Scalars['String']['output'];
};

export type ValidationPolicyInput = {
  /** PRODUCTION: the gate compares both versions on the shadow window; OFFLINE: on their test-split evaluations. */
  evidence?: InputMaybe<EvidenceSource>;
  /** How long the shadow step waits for the store to hold the candidate's shadow predictions, counted from the step's start; then the loop run is FAILED: 1h. */
  shadowMaxWait?: InputMaybe<Scalars['String']['input']>;
  /** Shadow-score the champion's traffic of this duration back from the latest prediction, then gate on it: 7d. */
  shadowWindow?: InputMaybe<Scalars['String']['input']>;
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
  LoopEvent: LoopEvent;
  LoopRun: LoopRun;
  RetrainingDecisionChange: RetrainingDecisionChange;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  LoopEvent:
    ( { __typename: 'LoopEvent' }
    & GraphQLRecursivePick<FederationTypes['LoopEvent'], {"id":true}> );
  LoopRun:
    ( { __typename: 'LoopRun' }
    & GraphQLRecursivePick<FederationTypes['LoopRun'], {"id":true}> );
  RetrainingDecisionChange:
    ( { __typename: 'RetrainingDecisionChange' }
    & GraphQLRecursivePick<FederationTypes['RetrainingDecisionChange'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AlertTrigger: ResolverTypeWrapper<AlertTrigger>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AlertTriggerInput: AlertTriggerInput;
  DatasetPolicy: ResolverTypeWrapper<DatasetPolicy>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DatasetPolicyInput: DatasetPolicyInput;
  DatasetStrategy: DatasetStrategy;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecisionBasis: ResolverTypeWrapper<DecisionBasis>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DecisionReason: ResolverTypeWrapper<DecisionReason>;
  DecisionWindow: ResolverTypeWrapper<DecisionWindow>;
  DriftMethod: DriftMethod;
  EvaluationMetric: EvaluationMetric;
  EvidenceSource: EvidenceSource;
  FilterOp: FilterOp;
  Granularity: Granularity;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LabelStrategy: LabelStrategy;
  LabelWaitTimeout: LabelWaitTimeout;
  LabelingPolicy: ResolverTypeWrapper<LabelingPolicy>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  LabelingPolicyInput: LabelingPolicyInput;
  LoopDecision: ResolverTypeWrapper<LoopDecision>;
  LoopEvent: ResolverTypeWrapper<LoopRunEventPayload>;
  LoopEventType: LoopEventType;
  LoopRun: ResolverTypeWrapper<LoopRunRecord>;
  LoopRunStatus: LoopRunStatus;
  LoopStep: ResolverTypeWrapper<LoopStep>;
  LoopStepStatus: LoopStepStatus;
  LoopTrigger: ResolverTypeWrapper<LoopTrigger>;
  LoopTriggerKind: LoopTriggerKind;
  LoopTriggerRecord: ResolverTypeWrapper<LoopTriggerRecord>;
  MetricName: MetricName;
  Model: ResolverTypeWrapper<Model>;
  ModelFamily: ModelFamily;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PromotionMode: PromotionMode;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RetrainingAction: RetrainingAction;
  RetrainingDecision: ResolverTypeWrapper<RetrainingDecision>;
  RetrainingDecisionChange: ResolverTypeWrapper<RetrainingRecommendedEventPayload>;
  RetrainingDecisionTrigger: RetrainingDecisionTrigger;
  RetrainingPolicy: ResolverTypeWrapper<Omit<RetrainingPolicy, 'activeRun'> & { activeRun?: Maybe<ResolversTypes['LoopRun']> }>;
  RetrainingPolicyInput: RetrainingPolicyInput;
  RetrainingTriggers: ResolverTypeWrapper<RetrainingTriggers>;
  RetrainingTriggersInput: RetrainingTriggersInput;
  Severity: Severity;
  SliceFilterInput: SliceFilterInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TimeRangeInput: TimeRangeInput;
  TrainingPolicy: ResolverTypeWrapper<TrainingPolicy>;
  TrainingPolicyInput: TrainingPolicyInput;
  ValidationPolicy: ResolverTypeWrapper<ValidationPolicy>;
  ValidationPolicyInput: ValidationPolicyInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AlertTrigger: AlertTrigger;
  ID: Scalars['ID']['output'];
  AlertTriggerInput: AlertTriggerInput;
  DatasetPolicy: DatasetPolicy;
  Int: Scalars['Int']['output'];
  DatasetPolicyInput: DatasetPolicyInput;
  DateTime: Scalars['DateTime']['output'];
  DecisionBasis: DecisionBasis;
  Boolean: Scalars['Boolean']['output'];
  DecisionReason: DecisionReason;
  DecisionWindow: DecisionWindow;
  JSON: Scalars['JSON']['output'];
  LabelingPolicy: LabelingPolicy;
  Float: Scalars['Float']['output'];
  LabelingPolicyInput: LabelingPolicyInput;
  LoopDecision: LoopDecision;
  LoopEvent: LoopRunEventPayload;
  LoopRun: LoopRunRecord;
  LoopStep: LoopStep;
  LoopTrigger: LoopTrigger;
  LoopTriggerRecord: LoopTriggerRecord;
  Model: Model;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  RetrainingDecision: RetrainingDecision;
  RetrainingDecisionChange: RetrainingRecommendedEventPayload;
  RetrainingPolicy: Omit<RetrainingPolicy, 'activeRun'> & { activeRun?: Maybe<ResolversParentTypes['LoopRun']> };
  RetrainingPolicyInput: RetrainingPolicyInput;
  RetrainingTriggers: RetrainingTriggers;
  RetrainingTriggersInput: RetrainingTriggersInput;
  SliceFilterInput: SliceFilterInput;
  Subscription: Record<PropertyKey, never>;
  TimeRangeInput: TimeRangeInput;
  TrainingPolicy: TrainingPolicy;
  TrainingPolicyInput: TrainingPolicyInput;
  ValidationPolicy: ValidationPolicy;
  ValidationPolicyInput: ValidationPolicyInput;
  String: Scalars['String']['output'];
}>;

export type PubsubOperationDirectiveArgs = {
  filterBy?: Maybe<Scalars['String']['input']>;
  pubsubTopic: Scalars['String']['input'];
  result?: Maybe<Scalars['String']['input']>;
};

export type PubsubOperationDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = PubsubOperationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AlertTriggerResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AlertTrigger'] = ResolversParentTypes['AlertTrigger']> = ResolversObject<{
  monitors?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  severities?: Resolver<Array<ResolversTypes['Severity']>, ParentType, ContextType>;
}>;

export type DatasetPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DatasetPolicy'] = ResolversParentTypes['DatasetPolicy']> = ResolversObject<{
  maxRows?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  recencyHalfLife?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  strategy?: Resolver<ResolversTypes['DatasetStrategy'], ParentType, ContextType>;
  stratifyBy?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  windows?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

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

export type LabelingPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LabelingPolicy'] = ResolversParentTypes['LabelingPolicy']> = ResolversObject<{
  budget?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxWait?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  onTimeout?: Resolver<ResolversTypes['LabelWaitTimeout'], ParentType, ContextType>;
  strategy?: Resolver<ResolversTypes['LabelStrategy'], ParentType, ContextType>;
  waitFor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  window?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type LoopDecisionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LoopDecision'] = ResolversParentTypes['LoopDecision']> = ResolversObject<{
  action?: Resolver<ResolversTypes['RetrainingAction'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['DecisionReason']>, ParentType, ContextType>;
}>;

export type LoopEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LoopEvent'] = ResolversParentTypes['LoopEvent'], FederationReferenceType extends FederationReferenceTypes['LoopEvent'] = FederationReferenceTypes['LoopEvent']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LoopEvent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['LoopRun']>, ParentType, ContextType>;
  step?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['LoopEventType'], ParentType, ContextType>;
}>;

export type LoopRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LoopRun'] = ResolversParentTypes['LoopRun'], FederationReferenceType extends FederationReferenceTypes['LoopRun'] = FederationReferenceTypes['LoopRun']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LoopRun']> | FederationReferenceType, FederationReferenceType, ContextType>;
  candidate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decision?: Resolver<Maybe<ResolversTypes['LoopDecision']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LoopRunStatus'], ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['LoopStep']>, ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['LoopTrigger'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type LoopStepResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LoopStep'] = ResolversParentTypes['LoopStep']> = ResolversObject<{
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LoopStepStatus'], ParentType, ContextType>;
}>;

export type LoopTriggerResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LoopTrigger'] = ResolversParentTypes['LoopTrigger']> = ResolversObject<{
  detail?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LoopTriggerKind'], ParentType, ContextType>;
}>;

export type LoopTriggerRecordResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LoopTriggerRecord'] = ResolversParentTypes['LoopTriggerRecord']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LoopTriggerKind'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type ModelResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  approveLoop?: Resolver<ResolversTypes['LoopRun'], ParentType, ContextType, RequireFields<MutationApproveLoopArgs, 'id'>>;
  cancelLoop?: Resolver<ResolversTypes['LoopRun'], ParentType, ContextType, RequireFields<MutationCancelLoopArgs, 'id'>>;
  rejectLoop?: Resolver<ResolversTypes['LoopRun'], ParentType, ContextType, RequireFields<MutationRejectLoopArgs, 'id' | 'reason'>>;
  setRetrainingPolicy?: Resolver<ResolversTypes['RetrainingPolicy'], ParentType, ContextType, RequireFields<MutationSetRetrainingPolicyArgs, 'input'>>;
  startLoop?: Resolver<ResolversTypes['LoopRun'], ParentType, ContextType, RequireFields<MutationStartLoopArgs, 'model'>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  loopRun?: Resolver<Maybe<ResolversTypes['LoopRun']>, ParentType, ContextType, RequireFields<QueryLoopRunArgs, 'id'>>;
  loopRuns?: Resolver<Array<ResolversTypes['LoopRun']>, ParentType, ContextType, RequireFields<QueryLoopRunsArgs, 'first' | 'model'>>;
  retrainingDecision?: Resolver<ResolversTypes['RetrainingDecision'], ParentType, ContextType, RequireFields<QueryRetrainingDecisionArgs, 'model'>>;
  retrainingPolicy?: Resolver<Maybe<ResolversTypes['RetrainingPolicy']>, ParentType, ContextType, RequireFields<QueryRetrainingPolicyArgs, 'model'>>;
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

export type RetrainingDecisionChangeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RetrainingDecisionChange'] = ResolversParentTypes['RetrainingDecisionChange'], FederationReferenceType extends FederationReferenceTypes['RetrainingDecisionChange'] = FederationReferenceTypes['RetrainingDecisionChange']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['RetrainingDecisionChange']> | FederationReferenceType, FederationReferenceType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['RetrainingDecision'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  previousAction?: Resolver<Maybe<ResolversTypes['RetrainingAction']>, ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['RetrainingDecisionTrigger'], ParentType, ContextType>;
}>;

export type RetrainingPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RetrainingPolicy'] = ResolversParentTypes['RetrainingPolicy']> = ResolversObject<{
  activeRun?: Resolver<Maybe<ResolversTypes['LoopRun']>, ParentType, ContextType>;
  coolDown?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dataset?: Resolver<ResolversTypes['DatasetPolicy'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  labeling?: Resolver<Maybe<ResolversTypes['LabelingPolicy']>, ParentType, ContextType>;
  lastTriggers?: Resolver<Array<ResolversTypes['LoopTriggerRecord']>, ParentType, ContextType>;
  maxRunsPerDay?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  promotion?: Resolver<ResolversTypes['PromotionMode'], ParentType, ContextType>;
  training?: Resolver<ResolversTypes['TrainingPolicy'], ParentType, ContextType>;
  triggers?: Resolver<ResolversTypes['RetrainingTriggers'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validation?: Resolver<ResolversTypes['ValidationPolicy'], ParentType, ContextType>;
  watchPeriod?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RetrainingTriggersResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RetrainingTriggers'] = ResolversParentTypes['RetrainingTriggers']> = ResolversObject<{
  alerts?: Resolver<Maybe<ResolversTypes['AlertTrigger']>, ParentType, ContextType>;
  newLabels?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  schedule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  loopEvents?: SubscriptionResolver<ResolversTypes['LoopEvent'], "loopEvents", ParentType, ContextType, Partial<SubscriptionLoopEventsArgs>>;
  retrainingDecisionChanged?: SubscriptionResolver<ResolversTypes['RetrainingDecisionChange'], "retrainingDecisionChanged", ParentType, ContextType, Partial<SubscriptionRetrainingDecisionChangedArgs>>;
}>;

export type TrainingPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TrainingPolicy'] = ResolversParentTypes['TrainingPolicy']> = ResolversObject<{
  family?: Resolver<ResolversTypes['ModelFamily'], ParentType, ContextType>;
  maxWait?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  params?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  warmStart?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ValidationPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ValidationPolicy'] = ResolversParentTypes['ValidationPolicy']> = ResolversObject<{
  evidence?: Resolver<ResolversTypes['EvidenceSource'], ParentType, ContextType>;
  shadowMaxWait?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shadowWindow?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  AlertTrigger?: AlertTriggerResolvers<ContextType>;
  DatasetPolicy?: DatasetPolicyResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DecisionBasis?: DecisionBasisResolvers<ContextType>;
  DecisionReason?: DecisionReasonResolvers<ContextType>;
  DecisionWindow?: DecisionWindowResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LabelingPolicy?: LabelingPolicyResolvers<ContextType>;
  LoopDecision?: LoopDecisionResolvers<ContextType>;
  LoopEvent?: LoopEventResolvers<ContextType>;
  LoopRun?: LoopRunResolvers<ContextType>;
  LoopStep?: LoopStepResolvers<ContextType>;
  LoopTrigger?: LoopTriggerResolvers<ContextType>;
  LoopTriggerRecord?: LoopTriggerRecordResolvers<ContextType>;
  Model?: ModelResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RetrainingDecision?: RetrainingDecisionResolvers<ContextType>;
  RetrainingDecisionChange?: RetrainingDecisionChangeResolvers<ContextType>;
  RetrainingPolicy?: RetrainingPolicyResolvers<ContextType>;
  RetrainingTriggers?: RetrainingTriggersResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TrainingPolicy?: TrainingPolicyResolvers<ContextType>;
  ValidationPolicy?: ValidationPolicyResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  pubsubOperation?: PubsubOperationDirectiveResolver<any, any, ContextType>;
}>;
