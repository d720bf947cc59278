/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AlertEventType =
  | 'FIRED'
  | 'RESOLVED';

export type AlertState =
  | 'FIRING'
  | 'RESOLVED';

/** How multiclass PRECISION, RECALL and F1 combine the classes (scikit-learn's `average`). */
export type Average =
  /** Unweighted mean over the classes seen in labels or predictions (default). */
  | 'MACRO'
  /** From the global counts; equals accuracy for single-label multiclass. */
  | 'MICRO'
  /** Mean over classes weighted by their label counts. */
  | 'WEIGHTED';

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

/** How a monitor's evaluation ended. */
export type EvaluationOutcome =
  /** The check failed (see `error`). */
  | 'ERROR'
  | 'OK'
  /** The check ran past the evaluation time budget (TIDELINE_MONITOR_TIME_BUDGET_MS); the monitor backs off (see `retryAt`). */
  | 'TIMED_OUT';

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

export type LoopStepStatus =
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SKIPPED'
  | 'SUCCEEDED';

export type LoopTriggerKind =
  | 'ALERT'
  | 'MANUAL'
  | 'NEW_LABELS'
  | 'SCHEDULE';

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

/** Multiple-testing correction of a drift report's p-values. */
export type PValueCorrection =
  /** Benjamini–Hochberg step-up adjustment over every p-value of the report (false discovery rate). */
  | 'BENJAMINI_HOCHBERG'
  | 'NONE';

export type PromotionEvidenceInput = {
  /** OFFLINE: compare evaluations on this dataset; default: the challenger's latest and the champion's latest on the same dataset. */
  datasetId?: string | null | undefined;
  source?: EvidenceSource;
  /** PRODUCTION: the window of traffic to compare. */
  window?: TimeRangeInput | null | undefined;
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

export type SeriesState =
  /** Breaching, but fewer than `consecutive` times in a row so far. */
  | 'BREACHING'
  | 'FIRING'
  | 'INSUFFICIENT_DATA'
  | 'OK';

export type Severity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

export type SignificanceTest =
  /** Two-proportion z-test (pooled), for proportions: ACCURACY, POSITIVE_RATE, LABEL_POSITIVE_RATE, binary PRECISION and RECALL. */
  | 'TWO_PROPORTION_Z'
  /** Welch's test (normal approximation) on per-prediction losses: LOG_LOSS, BRIER, MAE, RMSE (on squared errors). */
  | 'WELCH_Z';

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

/** The kind of prediction a model makes, fixed by its first record. */
export type Task =
  | 'BINARY'
  | 'MULTICLASS'
  | 'REGRESSION';

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: string;
  to: string;
};

export type AlertFieldsFragment = { id: string, monitorName: string, metric: string, value: number | null, threshold: number | null, severity: Severity, state: AlertState, sampleCount: number, firedAt: string, resolvedAt: string | null, model: { name: string }, slice: Array<{ field: string, value: string | null }> };

export type AlertsQueryVariables = Exact<{
  model?: string | null | undefined;
  state?: AlertState | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type AlertsQuery = { alerts: Array<{ id: string, monitorName: string, metric: string, value: number | null, threshold: number | null, severity: Severity, state: AlertState, sampleCount: number, firedAt: string, resolvedAt: string | null, model: { name: string }, slice: Array<{ field: string, value: string | null }> }> };

export type AlertEventsSubscriptionVariables = Exact<{
  model?: string | null | undefined;
}>;


export type AlertEventsSubscription = { alertEvents: { id: string, type: AlertEventType, at: string, alert: { id: string, monitorName: string, metric: string, value: number | null, threshold: number | null, severity: Severity, state: AlertState, sampleCount: number, firedAt: string, resolvedAt: string | null, model: { name: string }, slice: Array<{ field: string, value: string | null }> } } };

export type MonitorEvaluatedSubscriptionVariables = Exact<{
  model?: string | null | undefined;
}>;


export type MonitorEvaluatedSubscription = { monitorEvaluated: { id: string, name: string, model: { name: string }, status: { evaluatedAt: string, outcome: EvaluationOutcome, error: string | null, skippedTicks: number, retryAt: string | null, series: Array<{ value: number | null, threshold: number | null, sampleCount: number, state: SeriesState, slice: Array<{ field: string, value: string | null }> }> } | null } };

export type DecisionFieldsFragment = { model: string, action: RetrainingAction, confidence: number, decidedAt: string, candidate: string | null, rollbackTo: string | null, reasons: Array<{ code: string, message: string, evidence: unknown }>, basedOn: { labeledCount: number, estimated: boolean, window: { from: string, to: string } } };

export type LoopRunFieldsFragment = { id: string, model: string, candidate: string, status: LoopRunStatus, createdAt: string, updatedAt: string, finishedAt: string | null, trigger: { kind: LoopTriggerKind, detail: unknown }, steps: Array<{ name: string, status: LoopStepStatus, startedAt: string | null, finishedAt: string | null, output: unknown, error: string | null }>, decision: { action: RetrainingAction, reasons: Array<{ code: string, message: string, evidence: unknown }> } | null };

export type RetrainingDecisionQueryVariables = Exact<{
  model: string;
}>;


export type RetrainingDecisionQuery = { retrainingDecision: { model: string, action: RetrainingAction, confidence: number, decidedAt: string, candidate: string | null, rollbackTo: string | null, reasons: Array<{ code: string, message: string, evidence: unknown }>, basedOn: { labeledCount: number, estimated: boolean, window: { from: string, to: string } } } };

export type LoopRunsQueryVariables = Exact<{
  model: string;
  first?: number | null | undefined;
}>;


export type LoopRunsQuery = { loopRuns: Array<{ id: string, model: string, candidate: string, status: LoopRunStatus, createdAt: string, updatedAt: string, finishedAt: string | null, trigger: { kind: LoopTriggerKind, detail: unknown }, steps: Array<{ name: string, status: LoopStepStatus, startedAt: string | null, finishedAt: string | null, output: unknown, error: string | null }>, decision: { action: RetrainingAction, reasons: Array<{ code: string, message: string, evidence: unknown }> } | null }> };

export type LoopEventsSubscriptionVariables = Exact<{
  model?: string | null | undefined;
}>;


export type LoopEventsSubscription = { loopEvents: { id: string, type: LoopEventType, step: string | null, detail: string | null, at: string, model: { name: string }, run: { id: string, model: string, candidate: string, status: LoopRunStatus, createdAt: string, updatedAt: string, finishedAt: string | null, trigger: { kind: LoopTriggerKind, detail: unknown }, steps: Array<{ name: string, status: LoopStepStatus, startedAt: string | null, finishedAt: string | null, output: unknown, error: string | null }>, decision: { action: RetrainingAction, reasons: Array<{ code: string, message: string, evidence: unknown }> } | null } | null } };

export type RetrainingDecisionChangedSubscriptionVariables = Exact<{
  model?: string | null | undefined;
}>;


export type RetrainingDecisionChangedSubscription = { retrainingDecisionChanged: { id: string, previousAction: RetrainingAction | null, trigger: RetrainingDecisionTrigger, at: string, model: { name: string }, decision: { model: string, action: RetrainingAction, confidence: number, decidedAt: string, candidate: string | null, rollbackTo: string | null, reasons: Array<{ code: string, message: string, evidence: unknown }>, basedOn: { labeledCount: number, estimated: boolean, window: { from: string, to: string } } } } };

export type MetricQueryVariables = Exact<{
  model: string;
  metric: MetricName;
  window: TimeRangeInput;
  granularity?: Granularity | null | undefined;
  slice?: SliceFilterInput | null | undefined;
  modelVersion?: string | null | undefined;
  average?: Average | null | undefined;
}>;


export type MetricQuery = { metric: { model: string, metric: MetricName, granularity: Granularity | null, points: Array<{ from: string, to: string, value: number | null, sampleCount: number, labeledCount: number, realized: number | null }> } };

export type SliceMetricsQueryVariables = Exact<{
  model: string;
  metrics: Array<MetricName> | MetricName;
  groupBy: Array<string> | string;
  window: TimeRangeInput;
  minSamples?: number | null | undefined;
  slice?: SliceFilterInput | null | undefined;
  modelVersion?: string | null | undefined;
  average?: Average | null | undefined;
}>;


export type SliceMetricsQuery = { sliceMetrics: Array<{ sampleCount: number, labeledCount: number, key: Array<{ field: string, value: string | null }>, values: Array<{ metric: MetricName, value: number | null }>, significance: Array<{ metric: MetricName, test: SignificanceTest, statistic: number, pValue: number, restValue: number | null, worseThanRest: boolean }> }> };

export type DriftReportQueryVariables = Exact<{
  model: string;
  features: Array<string> | string;
  current: TimeRangeInput;
  reference?: TimeRangeInput | null | undefined;
  slice?: SliceFilterInput | null | undefined;
  methods?: Array<DriftMethod> | DriftMethod | null | undefined;
  correction?: PValueCorrection | null | undefined;
  approximate?: boolean | null | undefined;
}>;


export type DriftReportQuery = { driftReport: Array<{ feature: string, method: DriftMethod, statistic: number | null, errorBound: number | null, pValue: number | null, adjustedPValue: number | null, threshold: number | null, drifted: boolean, effectSize: number | null, referenceCount: number, currentCount: number }> };

export type VersionFieldsFragment = { model: string, version: string, stage: Stage, description: string | null, createdAt: string, createdBy: string | null, metadata: unknown };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { models: Array<{ name: string, task: Task | null, predictionCount: number, labeledCount: number, feedbackCount: number, firstPredictionAt: string | null, lastPredictionAt: string | null, champion: { version: string } | null }> };

export type ModelVersionsQueryVariables = Exact<{
  model: string;
  stage?: Stage | null | undefined;
}>;


export type ModelVersionsQuery = { model: { name: string, champion: { model: string, version: string, stage: Stage, description: string | null, createdAt: string, createdBy: string | null, metadata: unknown } | null, versions: Array<{ model: string, version: string, stage: Stage, description: string | null, createdAt: string, createdBy: string | null, metadata: unknown }> } | null };

export type PromoteMutationVariables = Exact<{
  model: string;
  version: string;
  stage: Stage;
  reason: string;
  override?: boolean | null | undefined;
  evidence?: PromotionEvidenceInput | null | undefined;
}>;


export type PromoteMutation = { promote: { sequence: number, version: string, from: Stage, to: Stage, at: string, actor: string | null, reason: string, override: boolean, rollback: boolean, model: { name: string }, displaced: Array<{ version: string, from: Stage, to: Stage }>, gate: { passed: boolean, failures: Array<string>, champion: string, challenger: string } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AlertFieldsFragmentDoc = new TypedDocumentString(`
    fragment AlertFields on Alert {
  id
  monitorName
  model {
    name
  }
  metric
  slice {
    field
    value
  }
  value
  threshold
  severity
  state
  sampleCount
  firedAt
  resolvedAt
}
    `, {"fragmentName":"AlertFields"}) as unknown as TypedDocumentString<AlertFieldsFragment, unknown>;
export const DecisionFieldsFragmentDoc = new TypedDocumentString(`
    fragment DecisionFields on RetrainingDecision {
  model
  action
  confidence
  reasons {
    code
    message
    evidence
  }
  decidedAt
  basedOn {
    window {
      from
      to
    }
    labeledCount
    estimated
  }
  candidate
  rollbackTo
}
    `, {"fragmentName":"DecisionFields"}) as unknown as TypedDocumentString<DecisionFieldsFragment, unknown>;
export const LoopRunFieldsFragmentDoc = new TypedDocumentString(`
    fragment LoopRunFields on LoopRun {
  id
  model
  candidate
  trigger {
    kind
    detail
  }
  status
  steps {
    name
    status
    startedAt
    finishedAt
    output
    error
  }
  decision {
    action
    reasons {
      code
      message
      evidence
    }
  }
  createdAt
  updatedAt
  finishedAt
}
    `, {"fragmentName":"LoopRunFields"}) as unknown as TypedDocumentString<LoopRunFieldsFragment, unknown>;
export const VersionFieldsFragmentDoc = new TypedDocumentString(`
    fragment VersionFields on ModelVersion {
  model
  version
  stage
  description
  createdAt
  createdBy
  metadata
}
    `, {"fragmentName":"VersionFields"}) as unknown as TypedDocumentString<VersionFieldsFragment, unknown>;
export const AlertsDocument = new TypedDocumentString(`
    query Alerts($model: String, $state: AlertState, $from: DateTime, $to: DateTime, $first: Int) {
  alerts(model: $model, state: $state, from: $from, to: $to, first: $first) {
    ...AlertFields
  }
}
    fragment AlertFields on Alert {
  id
  monitorName
  model {
    name
  }
  metric
  slice {
    field
    value
  }
  value
  threshold
  severity
  state
  sampleCount
  firedAt
  resolvedAt
}`) as unknown as TypedDocumentString<AlertsQuery, AlertsQueryVariables>;
export const AlertEventsDocument = new TypedDocumentString(`
    subscription AlertEvents($model: String) {
  alertEvents(model: $model) {
    id
    type
    at
    alert {
      ...AlertFields
    }
  }
}
    fragment AlertFields on Alert {
  id
  monitorName
  model {
    name
  }
  metric
  slice {
    field
    value
  }
  value
  threshold
  severity
  state
  sampleCount
  firedAt
  resolvedAt
}`) as unknown as TypedDocumentString<AlertEventsSubscription, AlertEventsSubscriptionVariables>;
export const MonitorEvaluatedDocument = new TypedDocumentString(`
    subscription MonitorEvaluated($model: String) {
  monitorEvaluated(model: $model) {
    id
    name
    model {
      name
    }
    status {
      evaluatedAt
      outcome
      error
      skippedTicks
      retryAt
      series {
        slice {
          field
          value
        }
        value
        threshold
        sampleCount
        state
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MonitorEvaluatedSubscription, MonitorEvaluatedSubscriptionVariables>;
export const RetrainingDecisionDocument = new TypedDocumentString(`
    query RetrainingDecision($model: String!) {
  retrainingDecision(model: $model) {
    ...DecisionFields
  }
}
    fragment DecisionFields on RetrainingDecision {
  model
  action
  confidence
  reasons {
    code
    message
    evidence
  }
  decidedAt
  basedOn {
    window {
      from
      to
    }
    labeledCount
    estimated
  }
  candidate
  rollbackTo
}`) as unknown as TypedDocumentString<RetrainingDecisionQuery, RetrainingDecisionQueryVariables>;
export const LoopRunsDocument = new TypedDocumentString(`
    query LoopRuns($model: String!, $first: Int) {
  loopRuns(model: $model, first: $first) {
    ...LoopRunFields
  }
}
    fragment LoopRunFields on LoopRun {
  id
  model
  candidate
  trigger {
    kind
    detail
  }
  status
  steps {
    name
    status
    startedAt
    finishedAt
    output
    error
  }
  decision {
    action
    reasons {
      code
      message
      evidence
    }
  }
  createdAt
  updatedAt
  finishedAt
}`) as unknown as TypedDocumentString<LoopRunsQuery, LoopRunsQueryVariables>;
export const LoopEventsDocument = new TypedDocumentString(`
    subscription LoopEvents($model: String) {
  loopEvents(model: $model) {
    id
    type
    model {
      name
    }
    step
    detail
    at
    run {
      ...LoopRunFields
    }
  }
}
    fragment LoopRunFields on LoopRun {
  id
  model
  candidate
  trigger {
    kind
    detail
  }
  status
  steps {
    name
    status
    startedAt
    finishedAt
    output
    error
  }
  decision {
    action
    reasons {
      code
      message
      evidence
    }
  }
  createdAt
  updatedAt
  finishedAt
}`) as unknown as TypedDocumentString<LoopEventsSubscription, LoopEventsSubscriptionVariables>;
export const RetrainingDecisionChangedDocument = new TypedDocumentString(`
    subscription RetrainingDecisionChanged($model: String) {
  retrainingDecisionChanged(model: $model) {
    id
    model {
      name
    }
    previousAction
    decision {
      ...DecisionFields
    }
    trigger
    at
  }
}
    fragment DecisionFields on RetrainingDecision {
  model
  action
  confidence
  reasons {
    code
    message
    evidence
  }
  decidedAt
  basedOn {
    window {
      from
      to
    }
    labeledCount
    estimated
  }
  candidate
  rollbackTo
}`) as unknown as TypedDocumentString<RetrainingDecisionChangedSubscription, RetrainingDecisionChangedSubscriptionVariables>;
export const MetricDocument = new TypedDocumentString(`
    query Metric($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $granularity: Granularity, $slice: SliceFilterInput, $modelVersion: String, $average: Average) {
  metric(
    model: $model
    metric: $metric
    window: $window
    granularity: $granularity
    slice: $slice
    modelVersion: $modelVersion
    average: $average
  ) {
    model
    metric
    granularity
    points {
      from
      to
      value
      sampleCount
      labeledCount
      realized
    }
  }
}
    `) as unknown as TypedDocumentString<MetricQuery, MetricQueryVariables>;
export const SliceMetricsDocument = new TypedDocumentString(`
    query SliceMetrics($model: String!, $metrics: [MetricName!]!, $groupBy: [String!]!, $window: TimeRangeInput!, $minSamples: Int, $slice: SliceFilterInput, $modelVersion: String, $average: Average) {
  sliceMetrics(
    model: $model
    metrics: $metrics
    groupBy: $groupBy
    window: $window
    minSamples: $minSamples
    slice: $slice
    modelVersion: $modelVersion
    average: $average
  ) {
    key {
      field
      value
    }
    sampleCount
    labeledCount
    values {
      metric
      value
    }
    significance {
      metric
      test
      statistic
      pValue
      restValue
      worseThanRest
    }
  }
}
    `) as unknown as TypedDocumentString<SliceMetricsQuery, SliceMetricsQueryVariables>;
export const DriftReportDocument = new TypedDocumentString(`
    query DriftReport($model: String!, $features: [String!]!, $current: TimeRangeInput!, $reference: TimeRangeInput, $slice: SliceFilterInput, $methods: [DriftMethod!], $correction: PValueCorrection, $approximate: Boolean) {
  driftReport(
    model: $model
    features: $features
    current: $current
    reference: $reference
    slice: $slice
    methods: $methods
    correction: $correction
    approximate: $approximate
  ) {
    feature
    method
    statistic
    errorBound
    pValue
    adjustedPValue
    threshold
    drifted
    effectSize
    referenceCount
    currentCount
  }
}
    `) as unknown as TypedDocumentString<DriftReportQuery, DriftReportQueryVariables>;
export const ModelsDocument = new TypedDocumentString(`
    query Models {
  models {
    name
    task
    predictionCount
    labeledCount
    feedbackCount
    firstPredictionAt
    lastPredictionAt
    champion {
      version
    }
  }
}
    `) as unknown as TypedDocumentString<ModelsQuery, ModelsQueryVariables>;
export const ModelVersionsDocument = new TypedDocumentString(`
    query ModelVersions($model: String!, $stage: Stage) {
  model(name: $model) {
    name
    champion {
      ...VersionFields
    }
    versions(stage: $stage) {
      ...VersionFields
    }
  }
}
    fragment VersionFields on ModelVersion {
  model
  version
  stage
  description
  createdAt
  createdBy
  metadata
}`) as unknown as TypedDocumentString<ModelVersionsQuery, ModelVersionsQueryVariables>;
export const PromoteDocument = new TypedDocumentString(`
    mutation Promote($model: String!, $version: String!, $stage: Stage!, $reason: String!, $override: Boolean, $evidence: PromotionEvidenceInput) {
  promote(
    model: $model
    version: $version
    stage: $stage
    reason: $reason
    override: $override
    evidence: $evidence
  ) {
    sequence
    model {
      name
    }
    version
    from
    to
    displaced {
      version
      from
      to
    }
    at
    actor
    reason
    override
    rollback
    gate {
      passed
      failures
      champion
      challenger
    }
  }
}
    `) as unknown as TypedDocumentString<PromoteMutation, PromoteMutationVariables>;