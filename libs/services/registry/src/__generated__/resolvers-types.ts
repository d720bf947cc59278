import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ModelState } from '../model-state.ts';
import type { VersionView, StageChangeView, EvaluationView, RegistrationView } from '../views.ts';
import type { DatasetRecord } from '../datasets.ts';
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

/**
 * A version's files, content-addressed: each file by its sha256, the whole by
 * the sha256 of its manifest. Every read is checked against the digest.
 */
export type Artifact = {
  __typename?: 'Artifact';
  /** sha256 of the manifest (format and files): one name for the whole artifact. */
  digest: Scalars['String']['output'];
  files: Array<ArtifactFile>;
  format: ArtifactFormat;
  /** Total bytes. */
  size: Scalars['Int']['output'];
};

export type ArtifactFile = {
  __typename?: 'ArtifactFile';
  digest: Scalars['String']['output'];
  /** GET this through the gateway (with the API key) to download the file, verified. */
  downloadPath: Scalars['String']['output'];
  path: Scalars['String']['output'];
  size: Scalars['Int']['output'];
};

export type ArtifactFileInput = {
  /** Or the file's bytes in base64, for small files (REGISTRY_MAX_INLINE_BYTES in all, default 4 MiB). */
  contentBase64?: InputMaybe<Scalars['String']['input']>;
  /** sha256:<hex> of a file uploaded with POST /v1/artifacts. */
  digest?: InputMaybe<Scalars['String']['input']>;
  /** Relative path within the artifact, e.g. model.json or group1-shard1of1.bin. */
  path: Scalars['String']['input'];
};

export type ArtifactFormat =
  /** Any other files (ONNX, pickles, …), stored and verified the same way. */
  | 'OTHER'
  /** A TensorFlow.js graph model. */
  | 'TFJS_GRAPH'
  /** A TensorFlow.js layers model: model.json (format layers-model) and its weight shards. */
  | 'TFJS_LAYERS';

export type ArtifactInput = {
  /** Each path once; at most REGISTRY_MAX_VERSION_FILES files (default 1000) whose sizes add up to at most REGISTRY_MAX_VERSION_BYTES (default 1 GiB). */
  files: Array<ArtifactFileInput>;
  /** Unset: TensorFlow.js when a model.json is among the files, else OTHER. */
  format?: InputMaybe<ArtifactFormat>;
};

/** An immutable snapshot of rows, identified by id and content hash. */
export type Dataset = {
  __typename?: 'Dataset';
  /** sha256:<hex> of the rows. */
  contentHash: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['String']['output'];
  rowCount?: Maybe<Scalars['Int']['output']>;
  source: DatasetSource;
  /** Versions trained on this dataset, of every model. */
  versions: Array<ModelVersion>;
};

export type DatasetInput = {
  /** sha256:<64 hex> of the rows. */
  contentHash: Scalars['String']['input'];
  /** Default: now. */
  createdAt?: InputMaybe<Scalars['DateTime']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  rowCount?: InputMaybe<Scalars['Int']['input']>;
  source?: InputMaybe<DatasetSourceInput>;
};

/** Where a dataset's rows came from. */
export type DatasetSource = {
  __typename?: 'DatasetSource';
  /** Predictions of this model… */
  model?: Maybe<Scalars['String']['output']>;
  /** …and version… */
  modelVersion?: Maybe<Scalars['String']['output']>;
  /** Or the query that produced them, free-form. */
  query?: Maybe<Scalars['String']['output']>;
  /** …filtered by this slice (a SliceFilterInput, as given). */
  slice?: Maybe<Scalars['JSON']['output']>;
  /** How rows were selected (RANDOM, UNCERTAINTY, …), when curated. */
  strategy?: Maybe<Scalars['String']['output']>;
  /** …in this window… */
  window?: Maybe<DatasetWindow>;
};

export type DatasetSourceInput = {
  model?: InputMaybe<Scalars['String']['input']>;
  modelVersion?: InputMaybe<Scalars['String']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  slice?: InputMaybe<SliceFilterInput>;
  strategy?: InputMaybe<Scalars['String']['input']>;
  window?: InputMaybe<TimeRangeInput>;
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

export type DatasetWindow = {
  __typename?: 'DatasetWindow';
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

/** Metric values of one version, per slice, from one evaluation run. */
export type Evaluation = {
  __typename?: 'Evaluation';
  /** OFFLINE: the evaluation set, when registered. */
  datasetId?: Maybe<Scalars['String']['output']>;
  id: Scalars['String']['output'];
  recordedAt: Scalars['DateTime']['output'];
  recordedBy?: Maybe<Scalars['String']['output']>;
  source: EvidenceSource;
  values: Array<EvaluationValue>;
  /** PRODUCTION: the traffic window. */
  window?: Maybe<DatasetWindow>;
};

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

export type EvaluationValue = {
  __typename?: 'EvaluationValue';
  metric: EvaluationMetric;
  /** Rows the value rests on (labeled predictions, in production). */
  sampleCount: Scalars['Int']['output'];
  /** Null: the whole evaluation set or traffic; else `field=value`, e.g. `tags.country=BR`. */
  slice?: Maybe<Scalars['String']['output']>;
  /** Null where the metric is undefined (no labels, one class only). */
  value?: Maybe<Scalars['Float']['output']>;
};

export type EvaluationValueInput = {
  metric: EvaluationMetric;
  sampleCount: Scalars['Int']['input'];
  slice?: InputMaybe<Scalars['String']['input']>;
  value?: InputMaybe<Scalars['Float']['input']>;
};

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

export type GateCheck = {
  __typename?: 'GateCheck';
  challengerSamples: Scalars['Int']['output'];
  challengerValue?: Maybe<Scalars['Float']['output']>;
  championSamples: Scalars['Int']['output'];
  championValue?: Maybe<Scalars['Float']['output']>;
  /** Challenger minus champion in the metric's better direction: positive means the challenger is better. */
  improvement?: Maybe<Scalars['Float']['output']>;
  metric: EvaluationMetric;
  outcome: GateOutcome;
  /** Null: the whole traffic (the primary check). */
  slice?: Maybe<Scalars['String']['output']>;
  /** The least improvement that passes: δ for the primary metric, −ε for a protected slice. */
  threshold: Scalars['Float']['output'];
};

export type GateConfig = {
  __typename?: 'GateConfig';
  /** ε: no protected slice may get worse by more than this. */
  maxSliceRegression: Scalars['Float']['output'];
  /** δ: the challenger must beat the champion on the primary metric by at least this much (metric units). */
  minImprovement: Scalars['Float']['output'];
  /** Values resting on fewer samples (labeled predictions, in production) are not judged. */
  minSamples: Scalars['Int']['output'];
};

export type GateConfigInput = {
  /** ε, default 0.01. */
  maxSliceRegression?: InputMaybe<Scalars['Float']['input']>;
  /** δ, default 0: the challenger must at least match the champion. */
  minImprovement?: InputMaybe<Scalars['Float']['input']>;
  /** Default 100. */
  minSamples?: InputMaybe<Scalars['Int']['input']>;
};

export type GateEvidence = {
  __typename?: 'GateEvidence';
  challenger: Scalars['String']['output'];
  challengerEvaluation?: Maybe<Scalars['String']['output']>;
  champion: Scalars['String']['output'];
  championEvaluation?: Maybe<Scalars['String']['output']>;
  /** One line per failed check. */
  failures: Array<Scalars['String']['output']>;
  gate: GateConfig;
  passed: Scalars['Boolean']['output'];
  primary: GateCheck;
  slices: Array<GateCheck>;
  source: EvidenceSource;
};

export type GateOutcome =
  | 'FAILED'
  /** Fewer samples than gate.minSamples on either side: not judged (fails the gate only for the primary metric). */
  | 'INSUFFICIENT_SAMPLES'
  /** No value for one of the versions. */
  | 'NOT_EVALUATED'
  | 'PASSED';

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

/** How a version was made: answers "how was I made?" in one query. */
export type Lineage = {
  __typename?: 'Lineage';
  /** Parent, its parent, … oldest last. */
  ancestors: Array<ModelVersion>;
  artifact: Artifact;
  /** The snapshot it was trained on; null when none was recorded. */
  dataset?: Maybe<Dataset>;
  model: Scalars['String']['output'];
  /** The version it was retrained or fine-tuned from. */
  parent?: Maybe<ModelVersion>;
  trainingRun?: Maybe<TrainingRunRecord>;
  version: Scalars['String']['output'];
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

/**
 * A model as the registry sees it, the entity the evaluation store also
 * resolves (name, task, counts): one query reads both.
 */
export type Model = {
  __typename?: 'Model';
  /** The version serving traffic; null before the first promotion to CHAMPION. */
  champion?: Maybe<ModelVersion>;
  name: Scalars['String']['output'];
  /** Null until registerModel. */
  registration?: Maybe<ModelRegistration>;
  /** Every stage change of every version, oldest first. */
  stageHistory: Array<StageChange>;
  version?: Maybe<ModelVersion>;
  /** Newest first; only those in `stage` when given. */
  versions: Array<ModelVersion>;
};


/**
 * A model as the registry sees it, the entity the evaluation store also
 * resolves (name, task, counts): one query reads both.
 */
export type ModelVersionArgs = {
  version: Scalars['String']['input'];
};


/**
 * A model as the registry sees it, the entity the evaluation store also
 * resolves (name, task, counts): one query reads both.
 */
export type ModelVersionsArgs = {
  stage?: InputMaybe<Stage>;
};

/** Model families for tabular data, built with TensorFlow.js layers (libs/services/trainer/README.md). */
export type ModelFamily =
  /** Linear regression (REGRESSION). */
  | 'LINEAR'
  /** Logistic regression (BINARY) or softmax regression (MULTICLASS). */
  | 'LOGISTIC'
  /** A multilayer perceptron for any task: params.hidden, params.dropout, params.l2. */
  | 'MLP';

export type ModelRegistration = {
  __typename?: 'ModelRegistration';
  description?: Maybe<Scalars['String']['output']>;
  gate: GateConfig;
  owner?: Maybe<Scalars['String']['output']>;
  /** The metric the gate compares on the whole traffic. */
  primaryMetric: EvaluationMetric;
  /**
   * Slices no promotion may regress by more than gate.maxSliceRegression: a
   * field (`tags.country`: every value of it) or one value (`tags.country=BR`).
   */
  protectedSlices: Array<Scalars['String']['output']>;
  registeredAt: Scalars['DateTime']['output'];
};

export type ModelVersion = {
  __typename?: 'ModelVersion';
  artifact: Artifact;
  createdAt: Scalars['DateTime']['output'];
  /** Who registered it, as the caller said (`actor`). */
  createdBy?: Maybe<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  /** Newest first; only those of `source` when given. */
  evaluations: Array<Evaluation>;
  /** This version's stage changes, oldest first. */
  history: Array<StageChange>;
  /** How this version was made: dataset, training run, parent. */
  lineage: Lineage;
  /** Free-form metadata given at registration (framework, input signature, …). */
  metadata?: Maybe<Scalars['JSON']['output']>;
  /** The model's name. */
  model: Scalars['String']['output'];
  stage: Stage;
  /** As the store's `modelVersion` of its predictions. */
  version: Scalars['String']['output'];
};


export type ModelVersionEvaluationsArgs = {
  source?: InputMaybe<EvidenceSource>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * The gate a promotion of `version` to CHAMPION would face now, without
   * promoting (the loop shows it to an approver first). PRODUCTION evidence is
   * recorded as evaluations of both versions, as promote records it. Null when
   * the model has no champion or `version` is the champion.
   */
  checkGate?: Maybe<GateEvidence>;
  /**
   * Computes the version's metrics on its production traffic in `window` (the
   * metrics service, filtered on modelVersion) for the whole traffic and every
   * protected slice, and attaches them as a PRODUCTION evaluation. `metrics`
   * defaults to the model's primary metric.
   */
  evaluateInProduction: Evaluation;
  /**
   * Moves a version to `stage`. To CHAMPION over an existing champion, the gate
   * runs on `evidence` and a failure refuses with GATE_FAILED (its evidence in
   * extensions) unless `override` is true; an override is marked in history.
   * The displaced champion is ARCHIVED in the same step.
   */
  promote: StageChange;
  /** Attaches offline evaluation results to a version. */
  recordEvaluation: Evaluation;
  /** Registers an immutable dataset snapshot; the same id with the same content again is a no-op. */
  registerDataset: Dataset;
  /** Creates the model's registry entry, or replaces its metadata and gate. */
  registerModel: Model;
  /** A new CANDIDATE version; registering the same version with the same artifact again is a no-op. */
  registerModelVersion: ModelVersion;
  /** Restores the champion before the current one; the current one is ARCHIVED. */
  rollback: StageChange;
};


export type MutationCheckGateArgs = {
  evidence?: InputMaybe<PromotionEvidenceInput>;
  model: Scalars['String']['input'];
  version: Scalars['String']['input'];
};


export type MutationEvaluateInProductionArgs = {
  actor?: InputMaybe<Scalars['String']['input']>;
  metrics?: InputMaybe<Array<EvaluationMetric>>;
  model: Scalars['String']['input'];
  version: Scalars['String']['input'];
  window: TimeRangeInput;
};


export type MutationPromoteArgs = {
  actor?: InputMaybe<Scalars['String']['input']>;
  evidence?: InputMaybe<PromotionEvidenceInput>;
  model: Scalars['String']['input'];
  override?: InputMaybe<Scalars['Boolean']['input']>;
  reason: Scalars['String']['input'];
  stage: Stage;
  version: Scalars['String']['input'];
};


export type MutationRecordEvaluationArgs = {
  input: RecordEvaluationInput;
};


export type MutationRegisterDatasetArgs = {
  input: DatasetInput;
};


export type MutationRegisterModelArgs = {
  input: RegisterModelInput;
};


export type MutationRegisterModelVersionArgs = {
  input: RegisterModelVersionInput;
};


export type MutationRollbackArgs = {
  actor?: InputMaybe<Scalars['String']['input']>;
  model: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};

export type PromotionEvidenceInput = {
  /** OFFLINE: compare evaluations on this dataset; default: the challenger's latest and the champion's latest on the same dataset. */
  datasetId?: InputMaybe<Scalars['String']['input']>;
  source?: EvidenceSource;
  /** PRODUCTION: the window of traffic to compare. */
  window?: InputMaybe<TimeRangeInput>;
};

export type Query = {
  __typename?: 'Query';
  dataset?: Maybe<Dataset>;
  lineage?: Maybe<Lineage>;
  modelVersion?: Maybe<ModelVersion>;
  /** One model with a registry entry (registerModel); null when the project has none of that name. One lookup, whatever the project's size. */
  registeredModel?: Maybe<Model>;
  /** Models with a registry entry, by name. */
  registeredModels: Array<Model>;
};


export type QueryDatasetArgs = {
  id: Scalars['String']['input'];
};


export type QueryLineageArgs = {
  model: Scalars['String']['input'];
  version: Scalars['String']['input'];
};


export type QueryModelVersionArgs = {
  model: Scalars['String']['input'];
  version: Scalars['String']['input'];
};


export type QueryRegisteredModelArgs = {
  name: Scalars['String']['input'];
};

export type RecordEvaluationInput = {
  actor?: InputMaybe<Scalars['String']['input']>;
  /** The evaluation set, if registered with registerDataset. */
  datasetId?: InputMaybe<Scalars['String']['input']>;
  model: Scalars['String']['input'];
  values: Array<EvaluationValueInput>;
  version: Scalars['String']['input'];
};

export type RegisterModelInput = {
  actor?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  gate?: InputMaybe<GateConfigInput>;
  name: Scalars['String']['input'];
  owner?: InputMaybe<Scalars['String']['input']>;
  primaryMetric: EvaluationMetric;
  /** Fields (`tags.country`) or values (`tags.country=BR`) of tags.<name>, features.<name> or output.predictedClass. */
  protectedSlices?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type RegisterModelVersionInput = {
  actor?: InputMaybe<Scalars['String']['input']>;
  artifact: ArtifactInput;
  /** …or registered here, in the same call. */
  dataset?: InputMaybe<DatasetInput>;
  /** A dataset registered before (registerDataset)… */
  datasetId?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  model: Scalars['String']['input'];
  /** The version this one was fine-tuned or retrained from. */
  parentVersion?: InputMaybe<Scalars['String']['input']>;
  trainingRun?: InputMaybe<TrainingRunInput>;
  version: Scalars['String']['input'];
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

/** One change of stage, as the model's log holds it. */
export type StageChange = {
  __typename?: 'StageChange';
  /** Who asked: the name of the API key the gateway authenticated; null when a service asked on its own (entries recorded before keys were trusted keep the name the client gave). */
  actor?: Maybe<Scalars['String']['output']>;
  at: Scalars['DateTime']['output'];
  /** Versions displaced by this change (the previous champion, archived), in the same atomic step. */
  displaced: Array<StageTransition>;
  from: Stage;
  /** The gate's evidence when it applied (a promotion to CHAMPION over an existing champion). */
  gate?: Maybe<GateEvidence>;
  /** The model, to read its state after the change. */
  model: Model;
  /** The gate failed and the promotion went through anyway. */
  override: Scalars['Boolean']['output'];
  reason: Scalars['String']['output'];
  rollback: Scalars['Boolean']['output'];
  /** Position in the registry's log: later changes have larger numbers. */
  sequence: Scalars['Int']['output'];
  to: Stage;
  version: Scalars['String']['output'];
};

export type StageTransition = {
  __typename?: 'StageTransition';
  from: Stage;
  to: Stage;
  version: Scalars['String']['output'];
};

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type TrainingRunInput = {
  backend?: InputMaybe<Scalars['String']['input']>;
  codeVersion?: InputMaybe<Scalars['String']['input']>;
  durationMs?: InputMaybe<Scalars['Float']['input']>;
  finishedAt?: InputMaybe<Scalars['DateTime']['input']>;
  id?: InputMaybe<Scalars['String']['input']>;
  params?: InputMaybe<Scalars['JSON']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
  startedAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The run that produced a version, as its trainer reported it. */
export type TrainingRunRecord = {
  __typename?: 'TrainingRunRecord';
  /** e.g. tfjs-node, tfjs-node-gpu, pytorch-2.5. */
  backend?: Maybe<Scalars['String']['output']>;
  /** A commit or package version of the training code. */
  codeVersion?: Maybe<Scalars['String']['output']>;
  durationMs?: Maybe<Scalars['Float']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The trainer's run id, when there is one. */
  id?: Maybe<Scalars['String']['output']>;
  params?: Maybe<Scalars['JSON']['output']>;
  seed?: Maybe<Scalars['Int']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
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
  Model: Model;
  ModelVersion: ModelVersion;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Dataset:
    ( { __typename: 'Dataset' }
    & GraphQLRecursivePick<FederationTypes['Dataset'], {"id":true}> );
  Model:
    ( { __typename: 'Model' }
    & GraphQLRecursivePick<FederationTypes['Model'], {"name":true}> );
  ModelVersion:
    ( { __typename: 'ModelVersion' }
    & GraphQLRecursivePick<FederationTypes['ModelVersion'], {"model":true,"version":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Artifact: ResolverTypeWrapper<Artifact>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ArtifactFile: ResolverTypeWrapper<ArtifactFile>;
  ArtifactFileInput: ArtifactFileInput;
  ArtifactFormat: ArtifactFormat;
  ArtifactInput: ArtifactInput;
  Dataset: ResolverTypeWrapper<DatasetRecord>;
  DatasetInput: DatasetInput;
  DatasetSource: ResolverTypeWrapper<DatasetSource>;
  DatasetSourceInput: DatasetSourceInput;
  DatasetStrategy: DatasetStrategy;
  DatasetWindow: ResolverTypeWrapper<DatasetWindow>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DriftMethod: DriftMethod;
  Evaluation: ResolverTypeWrapper<EvaluationView>;
  EvaluationMetric: EvaluationMetric;
  EvaluationValue: ResolverTypeWrapper<EvaluationValue>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  EvaluationValueInput: EvaluationValueInput;
  EvidenceSource: EvidenceSource;
  FilterOp: FilterOp;
  GateCheck: ResolverTypeWrapper<GateCheck>;
  GateConfig: ResolverTypeWrapper<GateConfig>;
  GateConfigInput: GateConfigInput;
  GateEvidence: ResolverTypeWrapper<GateEvidence>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  GateOutcome: GateOutcome;
  Granularity: Granularity;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LabelStrategy: LabelStrategy;
  Lineage: ResolverTypeWrapper<VersionView>;
  MetricName: MetricName;
  Model: ResolverTypeWrapper<ModelState>;
  ModelFamily: ModelFamily;
  ModelRegistration: ResolverTypeWrapper<RegistrationView>;
  ModelVersion: ResolverTypeWrapper<VersionView>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PromotionEvidenceInput: PromotionEvidenceInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordEvaluationInput: RecordEvaluationInput;
  RegisterModelInput: RegisterModelInput;
  RegisterModelVersionInput: RegisterModelVersionInput;
  Severity: Severity;
  SliceFilterInput: SliceFilterInput;
  Stage: Stage;
  StageChange: ResolverTypeWrapper<StageChangeView>;
  StageTransition: ResolverTypeWrapper<StageTransition>;
  TimeRangeInput: TimeRangeInput;
  TrainingRunInput: TrainingRunInput;
  TrainingRunRecord: ResolverTypeWrapper<TrainingRunRecord>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Artifact: Artifact;
  Int: Scalars['Int']['output'];
  ArtifactFile: ArtifactFile;
  ArtifactFileInput: ArtifactFileInput;
  ArtifactInput: ArtifactInput;
  Dataset: DatasetRecord;
  DatasetInput: DatasetInput;
  DatasetSource: DatasetSource;
  DatasetSourceInput: DatasetSourceInput;
  DatasetWindow: DatasetWindow;
  DateTime: Scalars['DateTime']['output'];
  Evaluation: EvaluationView;
  EvaluationValue: EvaluationValue;
  Float: Scalars['Float']['output'];
  EvaluationValueInput: EvaluationValueInput;
  GateCheck: GateCheck;
  GateConfig: GateConfig;
  GateConfigInput: GateConfigInput;
  GateEvidence: GateEvidence;
  Boolean: Scalars['Boolean']['output'];
  JSON: Scalars['JSON']['output'];
  Lineage: VersionView;
  Model: ModelState;
  ModelRegistration: RegistrationView;
  ModelVersion: VersionView;
  Mutation: Record<PropertyKey, never>;
  PromotionEvidenceInput: PromotionEvidenceInput;
  Query: Record<PropertyKey, never>;
  RecordEvaluationInput: RecordEvaluationInput;
  RegisterModelInput: RegisterModelInput;
  RegisterModelVersionInput: RegisterModelVersionInput;
  SliceFilterInput: SliceFilterInput;
  StageChange: StageChangeView;
  StageTransition: StageTransition;
  TimeRangeInput: TimeRangeInput;
  TrainingRunInput: TrainingRunInput;
  TrainingRunRecord: TrainingRunRecord;
  String: Scalars['String']['output'];
}>;

export type PubsubOperationDirectiveArgs = {
  filterBy?: Maybe<Scalars['String']['input']>;
  pubsubTopic: Scalars['String']['input'];
  result?: Maybe<Scalars['String']['input']>;
};

export type PubsubOperationDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = PubsubOperationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ArtifactResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Artifact'] = ResolversParentTypes['Artifact']> = ResolversObject<{
  digest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  files?: Resolver<Array<ResolversTypes['ArtifactFile']>, ParentType, ContextType>;
  format?: Resolver<ResolversTypes['ArtifactFormat'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ArtifactFileResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ArtifactFile'] = ResolversParentTypes['ArtifactFile']> = ResolversObject<{
  digest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  downloadPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DatasetResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset'], FederationReferenceType extends FederationReferenceTypes['Dataset'] = FederationReferenceTypes['Dataset']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Dataset']> | FederationReferenceType, FederationReferenceType, ContextType>;
  contentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rowCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['DatasetSource'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
}>;

export type DatasetSourceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DatasetSource'] = ResolversParentTypes['DatasetSource']> = ResolversObject<{
  model?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  query?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  slice?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  strategy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  window?: Resolver<Maybe<ResolversTypes['DatasetWindow']>, ParentType, ContextType>;
}>;

export type DatasetWindowResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DatasetWindow'] = ResolversParentTypes['DatasetWindow']> = ResolversObject<{
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EvaluationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Evaluation'] = ResolversParentTypes['Evaluation']> = ResolversObject<{
  datasetId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  recordedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EvidenceSource'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['EvaluationValue']>, ParentType, ContextType>;
  window?: Resolver<Maybe<ResolversTypes['DatasetWindow']>, ParentType, ContextType>;
}>;

export type EvaluationValueResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EvaluationValue'] = ResolversParentTypes['EvaluationValue']> = ResolversObject<{
  metric?: Resolver<ResolversTypes['EvaluationMetric'], ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  slice?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type GateCheckResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['GateCheck'] = ResolversParentTypes['GateCheck']> = ResolversObject<{
  challengerSamples?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  challengerValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  championSamples?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  championValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  improvement?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['EvaluationMetric'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['GateOutcome'], ParentType, ContextType>;
  slice?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type GateConfigResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['GateConfig'] = ResolversParentTypes['GateConfig']> = ResolversObject<{
  maxSliceRegression?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  minImprovement?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  minSamples?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type GateEvidenceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['GateEvidence'] = ResolversParentTypes['GateEvidence']> = ResolversObject<{
  challenger?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  challengerEvaluation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  champion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  championEvaluation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  failures?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  gate?: Resolver<ResolversTypes['GateConfig'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  primary?: Resolver<ResolversTypes['GateCheck'], ParentType, ContextType>;
  slices?: Resolver<Array<ResolversTypes['GateCheck']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EvidenceSource'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LineageResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Lineage'] = ResolversParentTypes['Lineage']> = ResolversObject<{
  ancestors?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  artifact?: Resolver<ResolversTypes['Artifact'], ParentType, ContextType>;
  dataset?: Resolver<Maybe<ResolversTypes['Dataset']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  trainingRun?: Resolver<Maybe<ResolversTypes['TrainingRunRecord']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ModelResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model'], FederationReferenceType extends FederationReferenceTypes['Model'] = FederationReferenceTypes['Model']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Model']> | FederationReferenceType, FederationReferenceType, ContextType>;
  champion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registration?: Resolver<Maybe<ResolversTypes['ModelRegistration']>, ParentType, ContextType>;
  stageHistory?: Resolver<Array<ResolversTypes['StageChange']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<ModelVersionArgs, 'version'>>;
  versions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType, Partial<ModelVersionsArgs>>;
}>;

export type ModelRegistrationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelRegistration'] = ResolversParentTypes['ModelRegistration']> = ResolversObject<{
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gate?: Resolver<ResolversTypes['GateConfig'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  primaryMetric?: Resolver<ResolversTypes['EvaluationMetric'], ParentType, ContextType>;
  protectedSlices?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  registeredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ModelVersionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion'], FederationReferenceType extends FederationReferenceTypes['ModelVersion'] = FederationReferenceTypes['ModelVersion']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ModelVersion']> | FederationReferenceType, FederationReferenceType, ContextType>;
  artifact?: Resolver<ResolversTypes['Artifact'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evaluations?: Resolver<Array<ResolversTypes['Evaluation']>, ParentType, ContextType, Partial<ModelVersionEvaluationsArgs>>;
  history?: Resolver<Array<ResolversTypes['StageChange']>, ParentType, ContextType>;
  lineage?: Resolver<ResolversTypes['Lineage'], ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['Stage'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  checkGate?: Resolver<Maybe<ResolversTypes['GateEvidence']>, ParentType, ContextType, RequireFields<MutationCheckGateArgs, 'model' | 'version'>>;
  evaluateInProduction?: Resolver<ResolversTypes['Evaluation'], ParentType, ContextType, RequireFields<MutationEvaluateInProductionArgs, 'model' | 'version' | 'window'>>;
  promote?: Resolver<ResolversTypes['StageChange'], ParentType, ContextType, RequireFields<MutationPromoteArgs, 'model' | 'override' | 'reason' | 'stage' | 'version'>>;
  recordEvaluation?: Resolver<ResolversTypes['Evaluation'], ParentType, ContextType, RequireFields<MutationRecordEvaluationArgs, 'input'>>;
  registerDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationRegisterDatasetArgs, 'input'>>;
  registerModel?: Resolver<ResolversTypes['Model'], ParentType, ContextType, RequireFields<MutationRegisterModelArgs, 'input'>>;
  registerModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationRegisterModelVersionArgs, 'input'>>;
  rollback?: Resolver<ResolversTypes['StageChange'], ParentType, ContextType, RequireFields<MutationRollbackArgs, 'model' | 'reason'>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  dataset?: Resolver<Maybe<ResolversTypes['Dataset']>, ParentType, ContextType, RequireFields<QueryDatasetArgs, 'id'>>;
  lineage?: Resolver<Maybe<ResolversTypes['Lineage']>, ParentType, ContextType, RequireFields<QueryLineageArgs, 'model' | 'version'>>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<QueryModelVersionArgs, 'model' | 'version'>>;
  registeredModel?: Resolver<Maybe<ResolversTypes['Model']>, ParentType, ContextType, RequireFields<QueryRegisteredModelArgs, 'name'>>;
  registeredModels?: Resolver<Array<ResolversTypes['Model']>, ParentType, ContextType>;
}>;

export type StageChangeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['StageChange'] = ResolversParentTypes['StageChange']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displaced?: Resolver<Array<ResolversTypes['StageTransition']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Stage'], ParentType, ContextType>;
  gate?: Resolver<Maybe<ResolversTypes['GateEvidence']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  override?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rollback?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Stage'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type StageTransitionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['StageTransition'] = ResolversParentTypes['StageTransition']> = ResolversObject<{
  from?: Resolver<ResolversTypes['Stage'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Stage'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TrainingRunRecordResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TrainingRunRecord'] = ResolversParentTypes['TrainingRunRecord']> = ResolversObject<{
  backend?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  codeVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  params?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  seed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  Artifact?: ArtifactResolvers<ContextType>;
  ArtifactFile?: ArtifactFileResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  DatasetSource?: DatasetSourceResolvers<ContextType>;
  DatasetWindow?: DatasetWindowResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Evaluation?: EvaluationResolvers<ContextType>;
  EvaluationValue?: EvaluationValueResolvers<ContextType>;
  GateCheck?: GateCheckResolvers<ContextType>;
  GateConfig?: GateConfigResolvers<ContextType>;
  GateEvidence?: GateEvidenceResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Lineage?: LineageResolvers<ContextType>;
  Model?: ModelResolvers<ContextType>;
  ModelRegistration?: ModelRegistrationResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  StageChange?: StageChangeResolvers<ContextType>;
  StageTransition?: StageTransitionResolvers<ContextType>;
  TrainingRunRecord?: TrainingRunRecordResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  pubsubOperation?: PubsubOperationDirectiveResolver<any, any, ContextType>;
}>;
