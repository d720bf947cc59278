import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ModelRef, MonitorDefinition } from '../monitor-definition.ts';
import type { AlertRecord, AlertEvent as AlertEventPayload } from '@tideline/contracts';
import type { WebhookRecord } from '../webhooks/webhook-record.ts';
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

/** A monitor's series breached (FIRING) and possibly recovered (RESOLVED). */
export type Alert = {
  __typename?: 'Alert';
  firedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** What was checked: ACCURACY, PSI(features.x1), NULL_RATE(features.x2), … */
  metric: Scalars['String']['output'];
  model: Model;
  /** The monitor that raised it; null once the monitor is deleted. */
  monitor?: Maybe<Monitor>;
  monitorName: Scalars['String']['output'];
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The healthy value that resolved it. */
  resolvedValue?: Maybe<Scalars['Float']['output']>;
  sampleCount: Scalars['Int']['output'];
  severity: Severity;
  /** The groupBy values of the series; empty for a monitor without groupBy. */
  slice: Array<SliceValue>;
  state: AlertState;
  threshold?: Maybe<Scalars['Float']['output']>;
  value?: Maybe<Scalars['Float']['output']>;
};

export type AlertChannelInput = {
  /** Only this monitor's events; every monitor of the project when unset. */
  monitor?: InputMaybe<Scalars['ID']['input']>;
  /** PAGERDUTY: the integration's routing key (Events API v2). Stored like a webhook secret: no field returns it. */
  routingKey?: InputMaybe<Scalars['String']['input']>;
  /** SLACK or PAGERDUTY (signed webhooks come from createWebhook). */
  type: WebhookType;
  /** SLACK: the incoming webhook's URL (https://hooks.slack.com/services/…). PAGERDUTY: the Events API endpoint, default https://events.pagerduty.com/v2/enqueue. */
  url?: InputMaybe<Scalars['String']['input']>;
};

export type AlertEvent = {
  __typename?: 'AlertEvent';
  alert: Alert;
  at: Scalars['DateTime']['output'];
  /** `<alert id>.FIRED` or `<alert id>.RESOLVED`. */
  id: Scalars['ID']['output'];
  model: Model;
  type: AlertEventType;
};

export type AlertEventType =
  | 'FIRED'
  | 'RESOLVED';

export type AlertState =
  | 'FIRING'
  | 'RESOLVED';

export type Condition = {
  __typename?: 'Condition';
  baselineOffset?: Maybe<Scalars['String']['output']>;
  op: ConditionOp;
  threshold: Scalars['Float']['output'];
};

export type ConditionInput = {
  /** DROP / RISE: how far back the baseline window starts relative to the current one ("1d", "7d"); default: the window's length (the preceding window). */
  baselineOffset?: InputMaybe<Scalars['String']['input']>;
  op: ConditionOp;
  /** LT / GT: the bound. DROP / RISE: the relative change, 0.1 meaning 10 %. */
  threshold: Scalars['Float']['input'];
};

/**
 * When a value breaches. LT / GT compare it with `threshold`; DROP and RISE
 * compare it with the same check over a baseline window: DROP breaches when
 * value < baseline × (1 − threshold), RISE when value > baseline × (1 + threshold).
 */
export type ConditionOp =
  | 'DROP'
  | 'GT'
  | 'LT'
  | 'RISE';

export type DataQualityCheck = {
  __typename?: 'DataQualityCheck';
  feature: Scalars['String']['output'];
  figure: DataQualityFigure;
};

export type DataQualityCheckInput = {
  /** features.<name> */
  feature: Scalars['String']['input'];
  figure: DataQualityFigure;
};

/** A data-quality figure of one feature (see the metrics service's dataQuality). */
export type DataQualityFigure =
  | 'NULL_RATE'
  | 'OUT_OF_RANGE_SHARE'
  /** Rows whose value has another type than the reference's, as a share of the window's rows. */
  | 'TYPE_MISMATCH_RATE'
  | 'UNSEEN_CATEGORY_SHARE';

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

export type DriftCheck = {
  __typename?: 'DriftCheck';
  /** Binned statistics with error bounds (see DriftCheckInput.approximate); false on monitors stored before the option existed. */
  approximate: Scalars['Boolean']['output'];
  feature: Scalars['String']['output'];
  method: DriftMethod;
  value: DriftCheckValue;
};

export type DriftCheckInput = {
  /**
   * Binned statistics with error bounds (the metrics service's `drift(…, approximate: true)`,
   * metrics README "Approximate drift"): numeric KS, WASSERSTEIN and PSI from values counted
   * into fine bins instead of sorted, cheaper over large windows; the exact statistic lies
   * within the metrics service's `statistic ± errorBound`. STATISTIC and EFFECT_SIZE then come
   * from the approximate statistic, DRIFTED from its verdict. CHI2 and JENSEN_SHANNON are
   * exact either way, so the option is accepted and changes nothing for them.
   */
  approximate?: InputMaybe<Scalars['Boolean']['input']>;
  feature: Scalars['String']['input'];
  method: DriftMethod;
  value?: InputMaybe<DriftCheckValue>;
};

/**
 * What a drift check's series value is. Significance tests (KS, CHI2) call
 * every difference drifted at hundreds of thousands of rows, so a monitor that
 * should alert as the metrics service decides uses DRIFTED (or EFFECT_SIZE).
 */
export type DriftCheckValue =
  /** 1 when the metrics service's default verdict (drift's `drifted`, verdict AUTO) says drifted, else 0: a condition GT 0.5 alerts exactly then. */
  | 'DRIFTED'
  /** The method's effect size (metrics' DriftResult.effectSize: PSI, normed Wasserstein or JS distance), comparable across sample sizes. */
  | 'EFFECT_SIZE'
  /** The method's statistic (PSI, KS D, Wasserstein, JS distance, χ²), as before. */
  | 'STATISTIC';

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

/** An entity so the gateway can fetch what the model's other subgraphs resolve. */
export type Model = {
  __typename?: 'Model';
  alerts: Array<Alert>;
  monitors: Array<Monitor>;
  name: Scalars['String']['output'];
};


/** An entity so the gateway can fetch what the model's other subgraphs resolve. */
export type ModelAlertsArgs = {
  state?: InputMaybe<AlertState>;
};

/** Model families for tabular data, built with TensorFlow.js layers (libs/services/trainer/README.md). */
export type ModelFamily =
  /** Linear regression (REGRESSION). */
  | 'LINEAR'
  /** Logistic regression (BINARY) or softmax regression (MULTICLASS). */
  | 'LOGISTIC'
  /** A multilayer perceptron for any task: params.hidden, params.dropout, params.l2. */
  | 'MLP';

export type Monitor = {
  __typename?: 'Monitor';
  alerts: Array<Alert>;
  anchor: WindowAnchor;
  check: MonitorCheck;
  condition: Condition;
  consecutive: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  enabled: Scalars['Boolean']['output'];
  groupBy: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  interval: Scalars['String']['output'];
  maxSeries: Scalars['Int']['output'];
  minSamples: Scalars['Int']['output'];
  model: Model;
  name: Scalars['String']['output'];
  severity: Severity;
  slice?: Maybe<Scalars['JSON']['output']>;
  /** Null until the first evaluation. */
  status?: Maybe<MonitorStatus>;
  updatedAt: Scalars['DateTime']['output'];
  window: Scalars['String']['output'];
};


export type MonitorAlertsArgs = {
  state?: InputMaybe<AlertState>;
};

export type MonitorCheck = {
  __typename?: 'MonitorCheck';
  dataQuality?: Maybe<DataQualityCheck>;
  drift?: Maybe<DriftCheck>;
  metric?: Maybe<MetricName>;
  reference?: Maybe<TimeRange>;
};

/** Exactly one of metric, drift, dataQuality. */
export type MonitorCheckInput = {
  /** A data-quality figure of one feature, against the reference. */
  dataQuality?: InputMaybe<DataQualityCheckInput>;
  /** A drift statistic of one feature, the current window against the reference. */
  drift?: InputMaybe<DriftCheckInput>;
  /** A metric of the window, checked per slice; ESTIMATED_ACCURACY and ESTIMATED_ROC_AUC estimate it (CBPE) from the reference's calibration. */
  metric?: InputMaybe<MetricName>;
  /** Reference for drift, data quality and estimated metrics; default: the model's stored reference window (setReferenceWindow). */
  reference?: InputMaybe<TimeRangeInput>;
};

export type MonitorInput = {
  anchor?: InputMaybe<WindowAnchor>;
  check: MonitorCheckInput;
  condition: ConditionInput;
  /** Hysteresis: fire after this many consecutive breaching evaluations, resolve after as many healthy ones. */
  consecutive?: InputMaybe<Scalars['Int']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** One series per value of these fields (at most two; tags.<name>, string or boolean features, modelVersion, output.predictedClass). */
  groupBy?: InputMaybe<Array<Scalars['String']['input']>>;
  /** How often the monitor is evaluated: "1m", "1h"; at most the window. */
  interval: Scalars['String']['input'];
  /** Most series (groupBy values) the monitor may track; past it the monitor is refused (and, if traffic grows past it later, reports an error). At most 1000 for metrics, 50 for drift, data quality and estimated metrics. */
  maxSeries?: InputMaybe<Scalars['Int']['input']>;
  /** Below this many samples (labeled predictions for performance metrics, predictions otherwise) a series reports INSUFFICIENT_DATA instead of breaching. */
  minSamples?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
  name: Scalars['String']['input'];
  severity?: InputMaybe<Severity>;
  /** Only this slice of the traffic. */
  slice?: InputMaybe<SliceFilterInput>;
  /** Sliding window length: "15m", "1h", "1d" (s, m, h, d, w). */
  window: Scalars['String']['input'];
};

/** Fields to change; the rest stay as they are. The result is validated as a new monitor would be. */
export type MonitorPatchInput = {
  anchor?: InputMaybe<WindowAnchor>;
  check?: InputMaybe<MonitorCheckInput>;
  condition?: InputMaybe<ConditionInput>;
  consecutive?: InputMaybe<Scalars['Int']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  groupBy?: InputMaybe<Array<Scalars['String']['input']>>;
  interval?: InputMaybe<Scalars['String']['input']>;
  maxSeries?: InputMaybe<Scalars['Int']['input']>;
  minSamples?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  severity?: InputMaybe<Severity>;
  slice?: InputMaybe<SliceFilterInput>;
  window?: InputMaybe<Scalars['String']['input']>;
};

export type MonitorSeries = {
  __typename?: 'MonitorSeries';
  sampleCount: Scalars['Int']['output'];
  slice: Array<SliceValue>;
  state: SeriesState;
  /** The bound the value was compared with (for DROP / RISE, derived from the baseline). */
  threshold?: Maybe<Scalars['Float']['output']>;
  value?: Maybe<Scalars['Float']['output']>;
};

/** The latest evaluation of a monitor. */
export type MonitorStatus = {
  __typename?: 'MonitorStatus';
  /** Why the last evaluation failed or timed out (the series keep their previous state). */
  error?: Maybe<Scalars['String']['output']>;
  evaluatedAt: Scalars['DateTime']['output'];
  outcome: EvaluationOutcome;
  /** After consecutive timeouts: no evaluation before this tick (1, 2, 4, … intervals after the last, at most an hour). Null otherwise. */
  retryAt?: Maybe<Scalars['DateTime']['output']>;
  series: Array<MonitorSeries>;
  /**
   * Ticks since the first evaluation at which the monitor was not evaluated:
   * its previous evaluation was still queued or running (a monitor has at most
   * one at a time), or it was backing off after timeouts.
   */
  skippedTicks: Scalars['Int']['output'];
  window?: Maybe<TimeRange>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * A Slack or PagerDuty channel: a webhook whose deliveries are written in the
   * service's own format, with the same egress rules, retries and dead letters
   * as signed webhooks. Listed by `webhooks`, removed by `deleteWebhook`.
   */
  createAlertChannel: Webhook;
  /** Validated by running the check once: an unknown field or a metric that does not fit the model's task is refused, naming the input field. */
  createMonitor: Monitor;
  /** `monitor` restricts it to one monitor's events; `secret` (at least 16 characters) defaults to a generated one. */
  createWebhook: WebhookCreated;
  /** Deleting resolves nothing: its firing alerts stay as they are, with `monitor` null. */
  deleteMonitor: Scalars['Boolean']['output'];
  /** True when the webhook existed; its queued deliveries are dropped. */
  deleteWebhook: Scalars['Boolean']['output'];
  updateMonitor: Monitor;
};


export type MutationCreateAlertChannelArgs = {
  input: AlertChannelInput;
};


export type MutationCreateMonitorArgs = {
  input: MonitorInput;
};


export type MutationCreateWebhookArgs = {
  monitor?: InputMaybe<Scalars['ID']['input']>;
  secret?: InputMaybe<Scalars['String']['input']>;
  url: Scalars['String']['input'];
};


export type MutationDeleteMonitorArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateMonitorArgs = {
  id: Scalars['ID']['input'];
  input: MonitorPatchInput;
};

export type Query = {
  __typename?: 'Query';
  /** Alerts that fired in [from, to) (default: any time), newest first; `state` FIRING for those still firing. */
  alerts: Array<Alert>;
  monitor?: Maybe<Monitor>;
  monitors: Array<Monitor>;
  /** Signed webhooks and alert channels (Slack, PagerDuty) of the project. */
  webhooks: Array<Webhook>;
};


export type QueryAlertsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  model?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<AlertState>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryMonitorArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMonitorsArgs = {
  model?: InputMaybe<Scalars['String']['input']>;
};

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

/** One value of a groupBy field. */
export type SliceValue = {
  __typename?: 'SliceValue';
  field: Scalars['String']['output'];
  value?: Maybe<Scalars['String']['output']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Pushed when an alert of `model` (or of any model) fires or resolves; the same event goes to NATS `tideline.alert.fired|resolved.<project>`. */
  alertEvents: AlertEvent;
  /**
   * Pushed after each evaluation of a monitor of `model` (or of any model),
   * whatever its outcome: OK, ERROR and TIMED_OUT alike (alertEvents carries
   * only the alerts an evaluation fires or resolves). The monitor's fields are
   * read when the event is delivered, so `status` is its latest evaluation.
   * Core NATS, at most once: a subscriber that reconnects reads `monitors` again.
   */
  monitorEvaluated: Monitor;
};


export type SubscriptionAlertEventsArgs = {
  model?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionMonitorEvaluatedArgs = {
  model?: InputMaybe<Scalars['String']['input']>;
};

export type TimeRange = {
  __typename?: 'TimeRange';
  from: Scalars['DateTime']['output'];
  to: Scalars['DateTime']['output'];
};

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

/**
 * An HTTPS endpoint that receives alert events as JSON (the AlertEvent payload
 * of NATS), signed: header `x-tideline-signature: t=<unix ms>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>`.
 * Headers `x-tideline-event-id` (the event's id, the same on every retry, for
 * deduplication) and `x-tideline-attempt` (1, 2, …) come with each POST; any 2xx
 * answer acknowledges it. It receives the events published after its creation.
 * Deliveries are retried with exponential backoff; after the last try the
 * event is kept as a dead letter.
 */
export type Webhook = {
  __typename?: 'Webhook';
  createdAt: Scalars['DateTime']['output'];
  /** Events whose every delivery attempt failed, newest first. */
  deadLetters: Array<WebhookDeadLetter>;
  id: Scalars['ID']['output'];
  /** Only this monitor's events; null for every monitor of the project. */
  monitor?: Maybe<Monitor>;
  /** SIGNED for webhooks made by createWebhook; SLACK or PAGERDUTY for channels made by createAlertChannel. */
  type: WebhookType;
  url: Scalars['String']['output'];
};


/**
 * An HTTPS endpoint that receives alert events as JSON (the AlertEvent payload
 * of NATS), signed: header `x-tideline-signature: t=<unix ms>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>`.
 * Headers `x-tideline-event-id` (the event's id, the same on every retry, for
 * deduplication) and `x-tideline-attempt` (1, 2, …) come with each POST; any 2xx
 * answer acknowledges it. It receives the events published after its creation.
 * Deliveries are retried with exponential backoff; after the last try the
 * event is kept as a dead letter.
 */
export type WebhookDeadLettersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WebhookCreated = {
  __typename?: 'WebhookCreated';
  /** The signing secret, shown only here. */
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

export type WebhookDeadLetter = {
  __typename?: 'WebhookDeadLetter';
  attempts: Scalars['Int']['output'];
  event: Scalars['JSON']['output'];
  eventId: Scalars['ID']['output'];
  failedAt: Scalars['DateTime']['output'];
  lastError: Scalars['String']['output'];
};

/** How a webhook's deliveries are written. Every type is retried and dead-lettered the same way. */
export type WebhookType =
  /** A PagerDuty Events API v2 event: trigger when the alert fires, resolve when it resolves, dedup_key = the alert's id. */
  | 'PAGERDUTY'
  /** The AlertEvent as JSON, signed with the webhook's secret (x-tideline-signature). */
  | 'SIGNED'
  /** A Slack incoming-webhook message: Block Kit blocks with the model, slice, value, threshold and a link to the console. */
  | 'SLACK';

/** Where a monitor's sliding window ends. */
export type WindowAnchor =
  /** At the model's latest prediction timestamp: the last `window` of data, for replays, backfills and batch scoring. */
  | 'LATEST_PREDICTION'
  /** At the evaluation time (wall clock): the last `window` of traffic. */
  | 'NOW';

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
  Alert: Alert;
  AlertEvent: AlertEvent;
  Model: Model;
  Monitor: Monitor;
  Webhook: Webhook;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Alert:
    ( { __typename: 'Alert' }
    & GraphQLRecursivePick<FederationTypes['Alert'], {"id":true}> );
  AlertEvent:
    ( { __typename: 'AlertEvent' }
    & GraphQLRecursivePick<FederationTypes['AlertEvent'], {"id":true}> );
  Model:
    ( { __typename: 'Model' }
    & GraphQLRecursivePick<FederationTypes['Model'], {"name":true}> );
  Monitor:
    ( { __typename: 'Monitor' }
    & GraphQLRecursivePick<FederationTypes['Monitor'], {"id":true}> );
  Webhook:
    ( { __typename: 'Webhook' }
    & GraphQLRecursivePick<FederationTypes['Webhook'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Alert: ResolverTypeWrapper<AlertRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AlertChannelInput: AlertChannelInput;
  AlertEvent: ResolverTypeWrapper<AlertEventPayload>;
  AlertEventType: AlertEventType;
  AlertState: AlertState;
  Condition: ResolverTypeWrapper<Condition>;
  ConditionInput: ConditionInput;
  ConditionOp: ConditionOp;
  DataQualityCheck: ResolverTypeWrapper<DataQualityCheck>;
  DataQualityCheckInput: DataQualityCheckInput;
  DataQualityFigure: DataQualityFigure;
  DatasetStrategy: DatasetStrategy;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DriftCheck: ResolverTypeWrapper<DriftCheck>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DriftCheckInput: DriftCheckInput;
  DriftCheckValue: DriftCheckValue;
  DriftMethod: DriftMethod;
  EvaluationMetric: EvaluationMetric;
  EvaluationOutcome: EvaluationOutcome;
  EvidenceSource: EvidenceSource;
  FilterOp: FilterOp;
  Granularity: Granularity;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LabelStrategy: LabelStrategy;
  MetricName: MetricName;
  Model: ResolverTypeWrapper<ModelRef>;
  ModelFamily: ModelFamily;
  Monitor: ResolverTypeWrapper<MonitorDefinition>;
  MonitorCheck: ResolverTypeWrapper<MonitorCheck>;
  MonitorCheckInput: MonitorCheckInput;
  MonitorInput: MonitorInput;
  MonitorPatchInput: MonitorPatchInput;
  MonitorSeries: ResolverTypeWrapper<MonitorSeries>;
  MonitorStatus: ResolverTypeWrapper<MonitorStatus>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SeriesState: SeriesState;
  Severity: Severity;
  SliceFilterInput: SliceFilterInput;
  SliceValue: ResolverTypeWrapper<SliceValue>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TimeRange: ResolverTypeWrapper<TimeRange>;
  TimeRangeInput: TimeRangeInput;
  Webhook: ResolverTypeWrapper<WebhookRecord>;
  WebhookCreated: ResolverTypeWrapper<Omit<WebhookCreated, 'webhook'> & { webhook: ResolversTypes['Webhook'] }>;
  WebhookDeadLetter: ResolverTypeWrapper<WebhookDeadLetter>;
  WebhookType: WebhookType;
  WindowAnchor: WindowAnchor;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Alert: AlertRecord;
  ID: Scalars['ID']['output'];
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  AlertChannelInput: AlertChannelInput;
  AlertEvent: AlertEventPayload;
  Condition: Condition;
  ConditionInput: ConditionInput;
  DataQualityCheck: DataQualityCheck;
  DataQualityCheckInput: DataQualityCheckInput;
  DateTime: Scalars['DateTime']['output'];
  DriftCheck: DriftCheck;
  Boolean: Scalars['Boolean']['output'];
  DriftCheckInput: DriftCheckInput;
  JSON: Scalars['JSON']['output'];
  Model: ModelRef;
  Monitor: MonitorDefinition;
  MonitorCheck: MonitorCheck;
  MonitorCheckInput: MonitorCheckInput;
  MonitorInput: MonitorInput;
  MonitorPatchInput: MonitorPatchInput;
  MonitorSeries: MonitorSeries;
  MonitorStatus: MonitorStatus;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  SliceFilterInput: SliceFilterInput;
  SliceValue: SliceValue;
  Subscription: Record<PropertyKey, never>;
  TimeRange: TimeRange;
  TimeRangeInput: TimeRangeInput;
  Webhook: WebhookRecord;
  WebhookCreated: Omit<WebhookCreated, 'webhook'> & { webhook: ResolversParentTypes['Webhook'] };
  WebhookDeadLetter: WebhookDeadLetter;
  String: Scalars['String']['output'];
}>;

export type PubsubOperationDirectiveArgs = {
  filterBy?: Maybe<Scalars['String']['input']>;
  pubsubTopic: Scalars['String']['input'];
  result?: Maybe<Scalars['String']['input']>;
};

export type PubsubOperationDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = PubsubOperationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AlertResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert'], FederationReferenceType extends FederationReferenceTypes['Alert'] = FederationReferenceTypes['Alert']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Alert']> | FederationReferenceType, FederationReferenceType, ContextType>;
  firedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  monitor?: Resolver<Maybe<ResolversTypes['Monitor']>, ParentType, ContextType>;
  monitorName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  resolvedValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['Severity'], ParentType, ContextType>;
  slice?: Resolver<Array<ResolversTypes['SliceValue']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['AlertState'], ParentType, ContextType>;
  threshold?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type AlertEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AlertEvent'] = ResolversParentTypes['AlertEvent'], FederationReferenceType extends FederationReferenceTypes['AlertEvent'] = FederationReferenceTypes['AlertEvent']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AlertEvent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  alert?: Resolver<ResolversTypes['Alert'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['AlertEventType'], ParentType, ContextType>;
}>;

export type ConditionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Condition'] = ResolversParentTypes['Condition']> = ResolversObject<{
  baselineOffset?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  op?: Resolver<ResolversTypes['ConditionOp'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type DataQualityCheckResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DataQualityCheck'] = ResolversParentTypes['DataQualityCheck']> = ResolversObject<{
  feature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  figure?: Resolver<ResolversTypes['DataQualityFigure'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DriftCheckResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DriftCheck'] = ResolversParentTypes['DriftCheck']> = ResolversObject<{
  approximate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  feature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['DriftMethod'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['DriftCheckValue'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ModelResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model'], FederationReferenceType extends FederationReferenceTypes['Model'] = FederationReferenceTypes['Model']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Model']> | FederationReferenceType, FederationReferenceType, ContextType>;
  alerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType, Partial<ModelAlertsArgs>>;
  monitors?: Resolver<Array<ResolversTypes['Monitor']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MonitorResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Monitor'] = ResolversParentTypes['Monitor'], FederationReferenceType extends FederationReferenceTypes['Monitor'] = FederationReferenceTypes['Monitor']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Monitor']> | FederationReferenceType, FederationReferenceType, ContextType>;
  alerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType, Partial<MonitorAlertsArgs>>;
  anchor?: Resolver<ResolversTypes['WindowAnchor'], ParentType, ContextType>;
  check?: Resolver<ResolversTypes['MonitorCheck'], ParentType, ContextType>;
  condition?: Resolver<ResolversTypes['Condition'], ParentType, ContextType>;
  consecutive?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  groupBy?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  interval?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxSeries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minSamples?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['Severity'], ParentType, ContextType>;
  slice?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['MonitorStatus']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  window?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MonitorCheckResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MonitorCheck'] = ResolversParentTypes['MonitorCheck']> = ResolversObject<{
  dataQuality?: Resolver<Maybe<ResolversTypes['DataQualityCheck']>, ParentType, ContextType>;
  drift?: Resolver<Maybe<ResolversTypes['DriftCheck']>, ParentType, ContextType>;
  metric?: Resolver<Maybe<ResolversTypes['MetricName']>, ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['TimeRange']>, ParentType, ContextType>;
}>;

export type MonitorSeriesResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MonitorSeries'] = ResolversParentTypes['MonitorSeries']> = ResolversObject<{
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  slice?: Resolver<Array<ResolversTypes['SliceValue']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['SeriesState'], ParentType, ContextType>;
  threshold?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type MonitorStatusResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MonitorStatus'] = ResolversParentTypes['MonitorStatus']> = ResolversObject<{
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evaluatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['EvaluationOutcome'], ParentType, ContextType>;
  retryAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  series?: Resolver<Array<ResolversTypes['MonitorSeries']>, ParentType, ContextType>;
  skippedTicks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  window?: Resolver<Maybe<ResolversTypes['TimeRange']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createAlertChannel?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType, RequireFields<MutationCreateAlertChannelArgs, 'input'>>;
  createMonitor?: Resolver<ResolversTypes['Monitor'], ParentType, ContextType, RequireFields<MutationCreateMonitorArgs, 'input'>>;
  createWebhook?: Resolver<ResolversTypes['WebhookCreated'], ParentType, ContextType, RequireFields<MutationCreateWebhookArgs, 'url'>>;
  deleteMonitor?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteMonitorArgs, 'id'>>;
  deleteWebhook?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteWebhookArgs, 'id'>>;
  updateMonitor?: Resolver<ResolversTypes['Monitor'], ParentType, ContextType, RequireFields<MutationUpdateMonitorArgs, 'id' | 'input'>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  alerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType, RequireFields<QueryAlertsArgs, 'first'>>;
  monitor?: Resolver<Maybe<ResolversTypes['Monitor']>, ParentType, ContextType, RequireFields<QueryMonitorArgs, 'id'>>;
  monitors?: Resolver<Array<ResolversTypes['Monitor']>, ParentType, ContextType, Partial<QueryMonitorsArgs>>;
  webhooks?: Resolver<Array<ResolversTypes['Webhook']>, ParentType, ContextType>;
}>;

export type SliceValueResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SliceValue'] = ResolversParentTypes['SliceValue']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  alertEvents?: SubscriptionResolver<ResolversTypes['AlertEvent'], "alertEvents", ParentType, ContextType, Partial<SubscriptionAlertEventsArgs>>;
  monitorEvaluated?: SubscriptionResolver<ResolversTypes['Monitor'], "monitorEvaluated", ParentType, ContextType, Partial<SubscriptionMonitorEvaluatedArgs>>;
}>;

export type TimeRangeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TimeRange'] = ResolversParentTypes['TimeRange']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type WebhookResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Webhook'] = ResolversParentTypes['Webhook'], FederationReferenceType extends FederationReferenceTypes['Webhook'] = FederationReferenceTypes['Webhook']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Webhook']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deadLetters?: Resolver<Array<ResolversTypes['WebhookDeadLetter']>, ParentType, ContextType, RequireFields<WebhookDeadLettersArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  monitor?: Resolver<Maybe<ResolversTypes['Monitor']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['WebhookType'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WebhookCreatedResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookCreated'] = ResolversParentTypes['WebhookCreated']> = ResolversObject<{
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
}>;

export type WebhookDeadLetterResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookDeadLetter'] = ResolversParentTypes['WebhookDeadLetter']> = ResolversObject<{
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  failedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lastError?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  Alert?: AlertResolvers<ContextType>;
  AlertEvent?: AlertEventResolvers<ContextType>;
  Condition?: ConditionResolvers<ContextType>;
  DataQualityCheck?: DataQualityCheckResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DriftCheck?: DriftCheckResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Model?: ModelResolvers<ContextType>;
  Monitor?: MonitorResolvers<ContextType>;
  MonitorCheck?: MonitorCheckResolvers<ContextType>;
  MonitorSeries?: MonitorSeriesResolvers<ContextType>;
  MonitorStatus?: MonitorStatusResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SliceValue?: SliceValueResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TimeRange?: TimeRangeResolvers<ContextType>;
  Webhook?: WebhookResolvers<ContextType>;
  WebhookCreated?: WebhookCreatedResolvers<ContextType>;
  WebhookDeadLetter?: WebhookDeadLetterResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  pubsubOperation?: PubsubOperationDirectiveResolver<any, any, ContextType>;
}>;
