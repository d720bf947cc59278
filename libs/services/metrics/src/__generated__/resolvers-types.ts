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

/** How multiclass PRECISION, RECALL and F1 combine the classes (scikit-learn's `average`). */
export type Average =
  /** Unweighted mean over the classes seen in labels or predictions (default). */
  | 'MACRO'
  /** From the global counts; equals accuracy for single-label multiclass. */
  | 'MICRO'
  /** Mean over classes weighted by their label counts. */
  | 'WEIGHTED';

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

export type DriftReportEntry = {
  __typename?: 'DriftReportEntry';
  /** pValue after the report's correction (equal to pValue with NONE). */
  adjustedPValue?: Maybe<Scalars['Float']['output']>;
  currentCount: Scalars['Int']['output'];
  drifted: Scalars['Boolean']['output'];
  effectSize?: Maybe<Scalars['Float']['output']>;
  effectSizeMethod: EffectSizeMethod;
  /** See DriftResult.errorBound. */
  errorBound?: Maybe<Scalars['Float']['output']>;
  feature: Scalars['String']['output'];
  method: DriftMethod;
  pValue?: Maybe<Scalars['Float']['output']>;
  referenceCount: Scalars['Int']['output'];
  statistic?: Maybe<Scalars['Float']['output']>;
  threshold?: Maybe<Scalars['Float']['output']>;
  /** What decided `drifted`; P_VALUE compares adjustedPValue. */
  verdictRule: DriftVerdictRule;
};

export type DriftResult = {
  __typename?: 'DriftResult';
  /** Rows of the current window (and slice) with a value of the feature. */
  currentCount: Scalars['Int']['output'];
  /** Whether the threshold was crossed; false when the statistic is undefined. */
  drifted: Scalars['Boolean']['output'];
  /** The size of the shift whatever the number of rows (see effectSizeMethod); null when the statistic is. */
  effectSize?: Maybe<Scalars['Float']['output']>;
  effectSizeMethod: EffectSizeMethod;
  /**
   * The exact statistic lies within statistic ± errorBound: 0 for an exact
   * answer (the default, and CHI2 / JENSEN_SHANNON always), the half-width of
   * a guaranteed interval with `approximate: true`; null with the statistic.
   */
  errorBound?: Maybe<Scalars['Float']['output']>;
  /** KS and CHI2 only (null for the others); reported whatever decided `drifted`. */
  pValue?: Maybe<Scalars['Float']['output']>;
  /** Rows of the reference window (and slice) with a value of the feature. */
  referenceCount: Scalars['Int']['output'];
  /** The method's statistic; null when the reference or the current window has no value of the feature. */
  statistic?: Maybe<Scalars['Float']['output']>;
  /** The threshold the decision used, on what verdictRule names. */
  threshold?: Maybe<Scalars['Float']['output']>;
  /** What decided `drifted`: the p-value, the statistic or the effect size. */
  verdictRule: DriftVerdictRule;
};

/** A threshold for one method, overriding its default in a drift report. */
export type DriftThresholdInput = {
  method: DriftMethod;
  threshold: Scalars['Float']['input'];
};

/**
 * How `drifted` is decided for KS and CHI2, the methods with a p-value (PSI,
 * WASSERSTEIN and JENSEN_SHANNON are effect sizes already and are decided on
 * their statistic in every mode). At hundreds of thousands of rows every
 * p-value is tiny, so a test alone calls every feature drifted.
 */
export type DriftVerdict =
  /**
   * Default: P_VALUE while either window has at most 1,000 values of the
   * feature, EFFECT_SIZE when both have more (Evidently's default drift
   * algorithm switches from KS / chi-square to the normed Wasserstein /
   * Jensen–Shannon distance past 1,000 reference rows:
   * https://docs.evidentlyai.com/reference/data-drift-algorithm).
   */
  | 'AUTO'
  /** Always on the effect size: drifted when effectSize > `effectSizeThreshold` (default 0.1). */
  | 'EFFECT_SIZE'
  /** Always on the (adjusted) p-value: drifted when it is below `threshold` (default 0.05). The only rule before effect sizes. */
  | 'P_VALUE';

/** What decided `drifted`. */
export type DriftVerdictRule =
  /** effectSize > threshold (KS, CHI2 under EFFECT_SIZE, or AUTO with both windows past 1,000 values). */
  | 'EFFECT_SIZE'
  /** pValue (adjustedPValue in a report) < threshold. */
  | 'P_VALUE'
  /** statistic > threshold (PSI, WASSERSTEIN, JENSEN_SHANNON). */
  | 'STATISTIC';

/** How effectSize measures the shift, independently of the number of rows. */
export type EffectSizeMethod =
  /** Jensen–Shannon distance, base 2, of the category shares (methods JENSEN_SHANNON, CHI2). */
  | 'JENSEN_SHANNON'
  /** 1-Wasserstein distance over the reference's population standard deviation (floored at 0.001), as Evidently's `wasserstein` test (methods KS, WASSERSTEIN). */
  | 'NORMED_WASSERSTEIN'
  /** The PSI statistic itself (method PSI). */
  | 'PSI';

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

/** Data quality of one feature in a window, versus the reference window. */
export type FeatureQuality = {
  __typename?: 'FeatureQuality';
  /** Dominant type in the reference (in the window itself when the reference never had the feature). */
  expectedType: FeatureType;
  /** features.<name> */
  feature: Scalars['String']['output'];
  /** The reference has no value of this feature: it is new. */
  newFeature: Scalars['Boolean']['output'];
  /** Share of the window's rows where the feature was sent as null or not sent at all. */
  nullRate: Scalars['Float']['output'];
  /** Numeric features: share of the window's numeric values outside the reference's [min, max]; null otherwise or without reference values. */
  outOfRangeShare?: Maybe<Scalars['Float']['output']>;
  /** Rows of the window (and slice). */
  rowCount: Scalars['Int']['output'];
  /** Rows whose value has another type than expectedType. */
  typeMismatchCount: Scalars['Int']['output'];
  /** Up to 20 of those categories. */
  unseenCategories: Array<Scalars['String']['output']>;
  /** String and boolean features: share of the window's values whose category the reference never had; null for numeric features. */
  unseenCategoryShare?: Maybe<Scalars['Float']['output']>;
};

/** The type most of a feature's values have in the reference window. */
export type FeatureType =
  | 'BOOLEAN'
  /** Only nulls seen. */
  | 'NULL'
  | 'NUMERIC'
  | 'STRING';

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

export type MetricPoint = {
  __typename?: 'MetricPoint';
  from: Scalars['DateTime']['output'];
  /** Predictions with ground truth: performance metrics rest on these. */
  labeledCount: Scalars['Int']['output'];
  /** For ESTIMATED_* metrics: the realized value on the labels that have arrived, to watch the estimate converge. */
  realized?: Maybe<Scalars['Float']['output']>;
  /** Predictions in the bucket and slice. */
  sampleCount: Scalars['Int']['output'];
  to: Scalars['DateTime']['output'];
  /** Null where the metric is undefined (no labels, one class only); never NaN. */
  value?: Maybe<Scalars['Float']['output']>;
};

export type MetricSeries = {
  __typename?: 'MetricSeries';
  granularity?: Maybe<Granularity>;
  metric: MetricName;
  model: Scalars['String']['output'];
  points: Array<MetricPoint>;
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
  /** Stores (or replaces) the model's reference window, for example a healthy week chosen as the baseline. */
  setReferenceWindow: ReferenceWindow;
};


export type MutationSetReferenceWindowArgs = {
  model: Scalars['String']['input'];
  window: TimeRangeInput;
};

/** Multiple-testing correction of a drift report's p-values. */
export type PValueCorrection =
  /** Benjamini–Hochberg step-up adjustment over every p-value of the report (false discovery rate). */
  | 'BENJAMINI_HOCHBERG'
  | 'NONE';

export type PairedTest =
  /** McNemar's test on per-id outcomes (ACCURACY, POSITIVE_RATE): exact binomial below 25 discordant pairs, chi-square without correction above. */
  | 'MCNEMAR'
  /** z-test on per-id loss differences (LOG_LOSS, BRIER, MAE, RMSE on squared errors), large-sample normal approximation. */
  | 'PAIRED_Z';

export type Query = {
  __typename?: 'Query';
  compareVersions: VersionComparison;
  /**
   * compareVersions for several slices of one window from one read of the
   * model's rows: one comparison per entry of slices, in order (a null entry:
   * all traffic), each what compareVersions answers for that slice. At most 50.
   */
  compareVersionsBySlice: Array<VersionComparison>;
  /**
   * Per feature (every features.<name> seen in either window) null rate, type
   * mismatches, out-of-range share and unseen categories in `window`, versus
   * `reference` (default: the window of the same length just before).
   */
  dataQuality: Array<FeatureQuality>;
  /**
   * Drift of one feature between a reference and a current window, for a
   * slice. `feature` is features.<name>, tags.<name>, output.score,
   * output.value or output.predictedClass. `threshold` overrides the method's
   * default. `verdict` (default AUTO) says how KS and CHI2 decide `drifted`:
   * on the p-value for windows of at most 1,000 values, on the effect size
   * past that.
   */
  drift: DriftResult;
  /**
   * Drift of several features by several methods at once (every method that
   * fits a feature's type; others are skipped), computed together in one pass
   * over the rows, with an optional multiple-testing correction of the p-values.
   * `methods` defaults to all.
   */
  driftReport: Array<DriftReportEntry>;
  /**
   * Confidence-based performance estimation (CBPE, as NannyML) for binary
   * classifiers, for windows whose labels have not arrived. `metric` is
   * ESTIMATED_ACCURACY or ESTIMATED_ROC_AUC. The model's scores are calibrated
   * on the labeled predictions of `reference` (same model version and slice):
   * 20 equal-frequency score bins, each mapped to its observed positive rate.
   * Each point's `value` is the estimate over every prediction of the bucket
   * (labeled or not): expected accuracy is the mean of p̂ where score ≥ 0.5 and
   * 1 − p̂ elsewhere; expected ROC AUC is the trapezoid over expected TP / FP
   * counts at each distinct score. `realized` is ACCURACY / ROC_AUC on the
   * labels that have arrived, to watch the estimate converge. The reference
   * needs at least 100 labeled predictions (REFERENCE_TOO_SMALL otherwise).
   * The estimate assumes calibration carries over (no concept drift).
   */
  estimatedPerformance: MetricSeries;
  /** One point per bucket of the window (one for the whole window without granularity), empty buckets included. */
  metric: MetricSeries;
  /** Null when none is stored. */
  referenceWindow?: Maybe<ReferenceWindow>;
  /**
   * The metrics for every combination of the groupBy fields' values (at most
   * two fields: tags.<name>, features.<name> of a string or boolean feature,
   * modelVersion, output.predictedClass; for binary models the predicted class
   * is "true" / "false", threshold 0.5). Slices are ordered worst first by the
   * first metric (undefined values last), then by sampleCount. Slices with
   * fewer than minSamples predictions in the window are left out (their rows
   * still count in the rest of the traffic). At most 1000 slices: past that the
   * error TOO_MANY_GROUPS names groupBy. With granularity, each slice also has
   * one entry per bucket, computed in the same statement.
   */
  sliceMetrics: Array<SliceMetrics>;
  /**
   * Several windows' metrics from one read of the model's predictions: per
   * window (in request order; windows may overlap, a prediction counts in each
   * window it falls in) its counts, the metrics and, for each slicedBy field
   * on its own, the metrics per value of the field. Each figure equals what
   * metric (one window, no granularity) and sliceMetrics (groupBy: [field])
   * answer for the same window and version. At most 8 windows, 20 metrics and
   * 4 slicedBy fields (tags.<name>, features.<name> of a string or boolean
   * feature, modelVersion, output.predictedClass); a field with more than 1000
   * values in a window is TOO_MANY_GROUPS (field slicedBy).
   */
  windowMetrics: Array<WindowFigures>;
};


export type QueryCompareVersionsArgs = {
  average?: InputMaybe<Average>;
  baseline: Scalars['String']['input'];
  candidate: Scalars['String']['input'];
  metric: MetricName;
  model: Scalars['String']['input'];
  slice?: InputMaybe<SliceFilterInput>;
  window: TimeRangeInput;
};


export type QueryCompareVersionsBySliceArgs = {
  average?: InputMaybe<Average>;
  baseline: Scalars['String']['input'];
  candidate: Scalars['String']['input'];
  metric: MetricName;
  model: Scalars['String']['input'];
  slices: Array<InputMaybe<SliceFilterInput>>;
  window: TimeRangeInput;
};


export type QueryDataQualityArgs = {
  model: Scalars['String']['input'];
  reference?: InputMaybe<TimeRangeInput>;
  slice?: InputMaybe<SliceFilterInput>;
  window: TimeRangeInput;
};


export type QueryDriftArgs = {
  approximate?: InputMaybe<Scalars['Boolean']['input']>;
  current: TimeRangeInput;
  effectSizeThreshold?: InputMaybe<Scalars['Float']['input']>;
  feature: Scalars['String']['input'];
  method: DriftMethod;
  model: Scalars['String']['input'];
  reference?: InputMaybe<TimeRangeInput>;
  slice?: InputMaybe<SliceFilterInput>;
  threshold?: InputMaybe<Scalars['Float']['input']>;
  verdict?: InputMaybe<DriftVerdict>;
};


export type QueryDriftReportArgs = {
  approximate?: InputMaybe<Scalars['Boolean']['input']>;
  correction?: InputMaybe<PValueCorrection>;
  current: TimeRangeInput;
  effectSizeThreshold?: InputMaybe<Scalars['Float']['input']>;
  features: Array<Scalars['String']['input']>;
  methods?: InputMaybe<Array<DriftMethod>>;
  model: Scalars['String']['input'];
  reference?: InputMaybe<TimeRangeInput>;
  slice?: InputMaybe<SliceFilterInput>;
  thresholds?: InputMaybe<Array<DriftThresholdInput>>;
  verdict?: InputMaybe<DriftVerdict>;
};


export type QueryEstimatedPerformanceArgs = {
  granularity?: InputMaybe<Granularity>;
  metric: MetricName;
  model: Scalars['String']['input'];
  modelVersion?: InputMaybe<Scalars['String']['input']>;
  reference?: InputMaybe<TimeRangeInput>;
  slice?: InputMaybe<SliceFilterInput>;
  window: TimeRangeInput;
};


export type QueryMetricArgs = {
  average?: InputMaybe<Average>;
  granularity?: InputMaybe<Granularity>;
  metric: MetricName;
  model: Scalars['String']['input'];
  modelVersion?: InputMaybe<Scalars['String']['input']>;
  slice?: InputMaybe<SliceFilterInput>;
  window: TimeRangeInput;
};


export type QueryReferenceWindowArgs = {
  model: Scalars['String']['input'];
};


export type QuerySliceMetricsArgs = {
  approximate?: InputMaybe<Scalars['Boolean']['input']>;
  average?: InputMaybe<Average>;
  granularity?: InputMaybe<Granularity>;
  groupBy: Array<Scalars['String']['input']>;
  metrics: Array<MetricName>;
  minSamples?: InputMaybe<Scalars['Int']['input']>;
  model: Scalars['String']['input'];
  modelVersion?: InputMaybe<Scalars['String']['input']>;
  slice?: InputMaybe<SliceFilterInput>;
  window: TimeRangeInput;
};


export type QueryWindowMetricsArgs = {
  average?: InputMaybe<Average>;
  metrics: Array<MetricName>;
  model: Scalars['String']['input'];
  modelVersion?: InputMaybe<Scalars['String']['input']>;
  slicedBy?: Array<Scalars['String']['input']>;
  windows: Array<TimeRangeInput>;
};

/** A model's stored reference window: drift, driftReport, dataQuality and estimatedPerformance use it when a request gives no reference. */
export type ReferenceWindow = {
  __typename?: 'ReferenceWindow';
  from: Scalars['DateTime']['output'];
  model: Scalars['String']['output'];
  to: Scalars['DateTime']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type Severity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

export type SignificanceTest =
  /** Two-proportion z-test (pooled), for proportions: ACCURACY, POSITIVE_RATE, LABEL_POSITIVE_RATE, binary PRECISION and RECALL. */
  | 'TWO_PROPORTION_Z'
  /** Welch's test (normal approximation) on per-prediction losses: LOG_LOSS, BRIER, MAE, RMSE (on squared errors). */
  | 'WELCH_Z';

export type SliceBucket = {
  __typename?: 'SliceBucket';
  from: Scalars['DateTime']['output'];
  labeledCount: Scalars['Int']['output'];
  sampleCount: Scalars['Int']['output'];
  significance: Array<SliceSignificance>;
  to: Scalars['DateTime']['output'];
  /** One per requested metric, in request order. */
  values: Array<SliceMetricValue>;
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

/** One field of a slice's key: `value` is null where the row has no value for the field. */
export type SliceKey = {
  __typename?: 'SliceKey';
  field: Scalars['String']['output'];
  value?: Maybe<Scalars['String']['output']>;
};

export type SliceMetricValue = {
  __typename?: 'SliceMetricValue';
  /**
   * The exact value lies within value ± errorBound: 0 for an exact value, more
   * only for an approximate one (sliceMetrics' `approximate`: ROC_AUC from
   * score histograms); null where value is null.
   */
  errorBound?: Maybe<Scalars['Float']['output']>;
  metric: MetricName;
  /** Null where the metric is undefined (no labels, one class only); never NaN. */
  value?: Maybe<Scalars['Float']['output']>;
};

export type SliceMetrics = {
  __typename?: 'SliceMetrics';
  /** With granularity: one per bucket of the window where the slice has predictions, in time order; empty without granularity. */
  buckets: Array<SliceBucket>;
  /** One entry per groupBy field, in request order. */
  key: Array<SliceKey>;
  labeledCount: Scalars['Int']['output'];
  /** Over the whole window. */
  sampleCount: Scalars['Int']['output'];
  /** Over the whole window, for the requested metrics that have a test. */
  significance: Array<SliceSignificance>;
  /** One per requested metric, in request order, over the whole window. */
  values: Array<SliceMetricValue>;
};

/**
 * A slice against the rest of the traffic (the other slices of the same window
 * or bucket, within the request's slice filter). Present only for metrics with
 * a test (see SignificanceTest); ROC_AUC, PR_AUC, F1, ECE, R2, MAPE and counts
 * have none, so minSamples is what keeps noisy slices out for them.
 */
export type SliceSignificance = {
  __typename?: 'SliceSignificance';
  metric: MetricName;
  pValue: Scalars['Float']['output'];
  /** The value of the same metric over the rest of the traffic. */
  restValue?: Maybe<Scalars['Float']['output']>;
  /** The slice's statistic minus the rest's, standardized. */
  statistic: Scalars['Float']['output'];
  test: SignificanceTest;
  /** The slice is worse than the rest (by the metric's direction) with pValue < 0.05. */
  worseThanRest: Scalars['Boolean']['output'];
};

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

/**
 * Two versions of a model on the same prediction ids (shadow or challenger
 * traffic). Values are computed over paired predictions only: ids that both
 * versions predicted in the window and slice; labels are per id, so both
 * versions are judged on the same labels.
 */
export type VersionComparison = {
  __typename?: 'VersionComparison';
  baseline: Scalars['String']['output'];
  /** Predictions of one version only, left out of the values. */
  baselineOnlyCount: Scalars['Int']['output'];
  /** The metric over the baseline's paired predictions; null where undefined. */
  baselineValue?: Maybe<Scalars['Float']['output']>;
  candidate: Scalars['String']['output'];
  /** The candidate is better by the metric's direction with pValue < 0.05. */
  candidateBetter?: Maybe<Scalars['Boolean']['output']>;
  candidateOnlyCount: Scalars['Int']['output'];
  candidateValue?: Maybe<Scalars['Float']['output']>;
  /** The candidate is worse by the metric's direction with pValue < 0.05. */
  candidateWorse?: Maybe<Scalars['Boolean']['output']>;
  /** candidateValue − baselineValue. */
  difference?: Maybe<Scalars['Float']['output']>;
  /** Paired ids with a label. */
  labeledPairedCount: Scalars['Int']['output'];
  metric: MetricName;
  model: Scalars['String']['output'];
  pValue?: Maybe<Scalars['Float']['output']>;
  /** Ids predicted by both versions. */
  pairedCount: Scalars['Int']['output'];
  statistic?: Maybe<Scalars['Float']['output']>;
  /** Null for metrics without a paired test (ROC_AUC, PR_AUC, F1, PRECISION, RECALL, ECE, R2, MAPE, counts). */
  test?: Maybe<PairedTest>;
};

/** One window of a windowMetrics request. */
export type WindowFigures = {
  __typename?: 'WindowFigures';
  from: Scalars['DateTime']['output'];
  labeledCount: Scalars['Int']['output'];
  sampleCount: Scalars['Int']['output'];
  /**
   * Per slicedBy field (in request order, each field on its own), its values
   * in the order sliceMetrics gives them: worst first by the first metric
   * (undefined last), then by sampleCount, then by value.
   */
  slices: Array<WindowSlice>;
  to: Scalars['DateTime']['output'];
  /** One per requested metric, in request order; null values where undefined. */
  values: Array<SliceMetricValue>;
};

/** One value of a sliced field within a window: the figures of the window's predictions that carry it. */
export type WindowSlice = {
  __typename?: 'WindowSlice';
  field: Scalars['String']['output'];
  labeledCount: Scalars['Int']['output'];
  sampleCount: Scalars['Int']['output'];
  /** Null for the window's predictions without a value for the field. */
  value?: Maybe<Scalars['String']['output']>;
  /** One per requested metric, in request order. */
  values: Array<SliceMetricValue>;
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
  Average: Average;
  DatasetStrategy: DatasetStrategy;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DriftMethod: DriftMethod;
  DriftReportEntry: ResolverTypeWrapper<DriftReportEntry>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DriftResult: ResolverTypeWrapper<DriftResult>;
  DriftThresholdInput: DriftThresholdInput;
  DriftVerdict: DriftVerdict;
  DriftVerdictRule: DriftVerdictRule;
  EffectSizeMethod: EffectSizeMethod;
  EvaluationMetric: EvaluationMetric;
  EvidenceSource: EvidenceSource;
  FeatureQuality: ResolverTypeWrapper<FeatureQuality>;
  FeatureType: FeatureType;
  FilterOp: FilterOp;
  Granularity: Granularity;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LabelStrategy: LabelStrategy;
  MetricName: MetricName;
  MetricPoint: ResolverTypeWrapper<MetricPoint>;
  MetricSeries: ResolverTypeWrapper<MetricSeries>;
  ModelFamily: ModelFamily;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PValueCorrection: PValueCorrection;
  PairedTest: PairedTest;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReferenceWindow: ResolverTypeWrapper<ReferenceWindow>;
  Severity: Severity;
  SignificanceTest: SignificanceTest;
  SliceBucket: ResolverTypeWrapper<SliceBucket>;
  SliceFilterInput: SliceFilterInput;
  SliceKey: ResolverTypeWrapper<SliceKey>;
  SliceMetricValue: ResolverTypeWrapper<SliceMetricValue>;
  SliceMetrics: ResolverTypeWrapper<SliceMetrics>;
  SliceSignificance: ResolverTypeWrapper<SliceSignificance>;
  TimeRangeInput: TimeRangeInput;
  VersionComparison: ResolverTypeWrapper<VersionComparison>;
  WindowFigures: ResolverTypeWrapper<WindowFigures>;
  WindowSlice: ResolverTypeWrapper<WindowSlice>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  DriftReportEntry: DriftReportEntry;
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  DriftResult: DriftResult;
  DriftThresholdInput: DriftThresholdInput;
  FeatureQuality: FeatureQuality;
  JSON: Scalars['JSON']['output'];
  MetricPoint: MetricPoint;
  MetricSeries: MetricSeries;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  ReferenceWindow: ReferenceWindow;
  SliceBucket: SliceBucket;
  SliceFilterInput: SliceFilterInput;
  SliceKey: SliceKey;
  SliceMetricValue: SliceMetricValue;
  SliceMetrics: SliceMetrics;
  SliceSignificance: SliceSignificance;
  TimeRangeInput: TimeRangeInput;
  VersionComparison: VersionComparison;
  WindowFigures: WindowFigures;
  WindowSlice: WindowSlice;
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

export type DriftReportEntryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DriftReportEntry'] = ResolversParentTypes['DriftReportEntry']> = ResolversObject<{
  adjustedPValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  currentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  drifted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  effectSize?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  effectSizeMethod?: Resolver<ResolversTypes['EffectSizeMethod'], ParentType, ContextType>;
  errorBound?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  feature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['DriftMethod'], ParentType, ContextType>;
  pValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  referenceCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  statistic?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  threshold?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  verdictRule?: Resolver<ResolversTypes['DriftVerdictRule'], ParentType, ContextType>;
}>;

export type DriftResultResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DriftResult'] = ResolversParentTypes['DriftResult']> = ResolversObject<{
  currentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  drifted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  effectSize?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  effectSizeMethod?: Resolver<ResolversTypes['EffectSizeMethod'], ParentType, ContextType>;
  errorBound?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  pValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  referenceCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  statistic?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  threshold?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  verdictRule?: Resolver<ResolversTypes['DriftVerdictRule'], ParentType, ContextType>;
}>;

export type FeatureQualityResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['FeatureQuality'] = ResolversParentTypes['FeatureQuality']> = ResolversObject<{
  expectedType?: Resolver<ResolversTypes['FeatureType'], ParentType, ContextType>;
  feature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  newFeature?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nullRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  outOfRangeShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  typeMismatchCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unseenCategories?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  unseenCategoryShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MetricPointResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MetricPoint'] = ResolversParentTypes['MetricPoint']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  labeledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  realized?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type MetricSeriesResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MetricSeries'] = ResolversParentTypes['MetricSeries']> = ResolversObject<{
  granularity?: Resolver<Maybe<ResolversTypes['Granularity']>, ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['MetricName'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['MetricPoint']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  setReferenceWindow?: Resolver<ResolversTypes['ReferenceWindow'], ParentType, ContextType, RequireFields<MutationSetReferenceWindowArgs, 'model' | 'window'>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  compareVersions?: Resolver<ResolversTypes['VersionComparison'], ParentType, ContextType, RequireFields<QueryCompareVersionsArgs, 'average' | 'baseline' | 'candidate' | 'metric' | 'model' | 'window'>>;
  compareVersionsBySlice?: Resolver<Array<ResolversTypes['VersionComparison']>, ParentType, ContextType, RequireFields<QueryCompareVersionsBySliceArgs, 'average' | 'baseline' | 'candidate' | 'metric' | 'model' | 'slices' | 'window'>>;
  dataQuality?: Resolver<Array<ResolversTypes['FeatureQuality']>, ParentType, ContextType, RequireFields<QueryDataQualityArgs, 'model' | 'window'>>;
  drift?: Resolver<ResolversTypes['DriftResult'], ParentType, ContextType, RequireFields<QueryDriftArgs, 'approximate' | 'current' | 'feature' | 'method' | 'model' | 'verdict'>>;
  driftReport?: Resolver<Array<ResolversTypes['DriftReportEntry']>, ParentType, ContextType, RequireFields<QueryDriftReportArgs, 'approximate' | 'correction' | 'current' | 'features' | 'model' | 'verdict'>>;
  estimatedPerformance?: Resolver<ResolversTypes['MetricSeries'], ParentType, ContextType, RequireFields<QueryEstimatedPerformanceArgs, 'metric' | 'model' | 'window'>>;
  metric?: Resolver<ResolversTypes['MetricSeries'], ParentType, ContextType, RequireFields<QueryMetricArgs, 'average' | 'metric' | 'model' | 'window'>>;
  referenceWindow?: Resolver<Maybe<ResolversTypes['ReferenceWindow']>, ParentType, ContextType, RequireFields<QueryReferenceWindowArgs, 'model'>>;
  sliceMetrics?: Resolver<Array<ResolversTypes['SliceMetrics']>, ParentType, ContextType, RequireFields<QuerySliceMetricsArgs, 'approximate' | 'average' | 'groupBy' | 'metrics' | 'minSamples' | 'model' | 'window'>>;
  windowMetrics?: Resolver<Array<ResolversTypes['WindowFigures']>, ParentType, ContextType, RequireFields<QueryWindowMetricsArgs, 'average' | 'metrics' | 'model' | 'slicedBy' | 'windows'>>;
}>;

export type ReferenceWindowResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReferenceWindow'] = ResolversParentTypes['ReferenceWindow']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type SliceBucketResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SliceBucket'] = ResolversParentTypes['SliceBucket']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  labeledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  significance?: Resolver<Array<ResolversTypes['SliceSignificance']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['SliceMetricValue']>, ParentType, ContextType>;
}>;

export type SliceKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SliceKey'] = ResolversParentTypes['SliceKey']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type SliceMetricValueResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SliceMetricValue'] = ResolversParentTypes['SliceMetricValue']> = ResolversObject<{
  errorBound?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['MetricName'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type SliceMetricsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SliceMetrics'] = ResolversParentTypes['SliceMetrics']> = ResolversObject<{
  buckets?: Resolver<Array<ResolversTypes['SliceBucket']>, ParentType, ContextType>;
  key?: Resolver<Array<ResolversTypes['SliceKey']>, ParentType, ContextType>;
  labeledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  significance?: Resolver<Array<ResolversTypes['SliceSignificance']>, ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['SliceMetricValue']>, ParentType, ContextType>;
}>;

export type SliceSignificanceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SliceSignificance'] = ResolversParentTypes['SliceSignificance']> = ResolversObject<{
  metric?: Resolver<ResolversTypes['MetricName'], ParentType, ContextType>;
  pValue?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  restValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  statistic?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  test?: Resolver<ResolversTypes['SignificanceTest'], ParentType, ContextType>;
  worseThanRest?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type VersionComparisonResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VersionComparison'] = ResolversParentTypes['VersionComparison']> = ResolversObject<{
  baseline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  baselineOnlyCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  baselineValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  candidate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  candidateBetter?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  candidateOnlyCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  candidateValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  candidateWorse?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  difference?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  labeledPairedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['MetricName'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  pairedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  statistic?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  test?: Resolver<Maybe<ResolversTypes['PairedTest']>, ParentType, ContextType>;
}>;

export type WindowFiguresResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WindowFigures'] = ResolversParentTypes['WindowFigures']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  labeledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  slices?: Resolver<Array<ResolversTypes['WindowSlice']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['SliceMetricValue']>, ParentType, ContextType>;
}>;

export type WindowSliceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WindowSlice'] = ResolversParentTypes['WindowSlice']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labeledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['SliceMetricValue']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  DriftReportEntry?: DriftReportEntryResolvers<ContextType>;
  DriftResult?: DriftResultResolvers<ContextType>;
  FeatureQuality?: FeatureQualityResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  MetricPoint?: MetricPointResolvers<ContextType>;
  MetricSeries?: MetricSeriesResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReferenceWindow?: ReferenceWindowResolvers<ContextType>;
  SliceBucket?: SliceBucketResolvers<ContextType>;
  SliceKey?: SliceKeyResolvers<ContextType>;
  SliceMetricValue?: SliceMetricValueResolvers<ContextType>;
  SliceMetrics?: SliceMetricsResolvers<ContextType>;
  SliceSignificance?: SliceSignificanceResolvers<ContextType>;
  VersionComparison?: VersionComparisonResolvers<ContextType>;
  WindowFigures?: WindowFiguresResolvers<ContextType>;
  WindowSlice?: WindowSliceResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  pubsubOperation?: PubsubOperationDirectiveResolver<any, any, ContextType>;
}>;
