/**
 * Every error code a client may see, the one list: GraphQL errors carry it
 * in `extensions.code`, the /v1 HTTP API in `error.code` with `status`.
 * Anything raised with another code, or none, reaches clients only as
 * INTERNAL_SERVER_ERROR with a request id, and is logged in full under that
 * id. docs/API.md's error table is generated from this list (`npm run docs`).
 */
export interface ErrorCodeSpec {
  /** The HTTP status that goes with the code (the /v1 API answers it; GraphQL answers 200 with the error). */
  status: number;
  /** What the code means to a client, in one line. */
  doc: string;
}

export const ERROR_CODES = {
  // The request and the caller
  BAD_USER_INPUT: { status: 400, doc: 'an argument or input field is invalid; `extensions.field` names it' },
  BAD_REQUEST: { status: 400, doc: 'the request itself is malformed: not JSON, no query, variables that do not fit their types, a /v1 path that names no file' },
  GRAPHQL_PARSE_FAILED: { status: 400, doc: 'the GraphQL document does not parse' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, doc: 'the operation does not fit the schema' },
  UNAUTHENTICATED: { status: 401, doc: 'no API key, or one that is unknown or revoked' },
  FORBIDDEN: { status: 403, doc: 'the API key may not do this (managing keys needs an admin key)' },
  NOT_FOUND: { status: 404, doc: 'no such /v1 route' },
  METHOD_NOT_ALLOWED: { status: 405, doc: 'the /v1 route does not take this method; `Allow` lists those it takes' },
  PAYLOAD_TOO_LARGE: { status: 413, doc: "the request body is larger than `TIDELINE_MAX_BODY_BYTES` (or ingest's own limit)" },
  // The gateway's limits on one operation
  QUERY_TOO_DEEP: { status: 400, doc: 'selections nest deeper than `TIDELINE_GRAPHQL_MAX_DEPTH`' },
  TOO_MANY_ALIASES: { status: 400, doc: 'more aliases than `TIDELINE_GRAPHQL_MAX_ALIASES`' },
  TOO_MANY_TOKENS: { status: 400, doc: 'a document of more tokens than `TIDELINE_GRAPHQL_MAX_TOKENS`' },
  QUERY_TOO_COMPLEX: { status: 400, doc: 'an estimated cost over `TIDELINE_GRAPHQL_MAX_COST`' },
  INTROSPECTION_DISABLED: { status: 400, doc: '`__schema` and `__type` are refused with `NODE_ENV=production`' },
  // API keys
  KEY_NOT_FOUND: { status: 404, doc: 'no API key with this id in the project (`extensions.field`: `id`)' },
  LAST_ADMIN_KEY: { status: 409, doc: "the project's last admin key cannot be revoked" },
  PROJECT_NOT_FOUND: { status: 404, doc: "the key's project no longer exists" },
  // Ingest
  TOO_MANY_RECORDS: { status: 413, doc: 'a /v1 batch of more records than `INGEST_MAX_RECORDS`' },
  INGEST_BACKPRESSURE: { status: 429, doc: 'the ingest backlog is full; retry after `retryAfterSeconds` (`Retry-After`)' },
  INGEST_UNAVAILABLE: { status: 503, doc: 'ingest cannot store records now (stopping, or JetStream unreachable); retry' },
  // Reading and metrics
  MODEL_NOT_FOUND: { status: 404, doc: 'the project has no such model (no records, or not registered)' },
  FIELD_NOT_FOUND: { status: 404, doc: 'the model has never carried this tag or feature' },
  FEATURE_NOT_FOUND: { status: 404, doc: 'the feature is in neither window' },
  METRIC_NOT_APPLICABLE: { status: 400, doc: "the metric does not apply to the model's task" },
  METRIC_NOT_SUPPORTED: { status: 400, doc: 'the metric cannot be asked this way (e.g. it needs a labeled reference)' },
  METHOD_NOT_APPLICABLE: { status: 400, doc: "the drift method does not apply to the feature's type" },
  INVALID_SLICE: { status: 400, doc: 'the slice filter is malformed; the message names the part' },
  INVALID_GROUP_BY: { status: 400, doc: '`groupBy` names a field that cannot group' },
  TOO_MANY_GROUPS: { status: 400, doc: '`groupBy` gives more than 1,000 slices' },
  REFERENCE_REQUIRED: { status: 400, doc: 'the answer needs a reference window, and none was given or stored' },
  REFERENCE_TOO_SMALL: { status: 400, doc: 'the reference window has too few labeled samples to calibrate on' },
  EVALUATION_TOO_LARGE: { status: 413, doc: 'an offline evaluation of more rows than `METRICS_OFFLINE_MAX_ROWS`' },
  TOO_MANY_SLICES: { status: 400, doc: 'an offline evaluation with more than 20 slice fields, 1,000 values of one field or 10 variants; `field` names which' },
  QUERY_TIMEOUT: { status: 504, doc: 'the query ran past its time bound (`METRICS_QUERY_TIMEOUT_MS` for metrics, `CLICKHOUSE_QUERY_TIMEOUT_MS` for the evaluation store and curation, `CURATION_SNAPSHOT_TIMEOUT_MS` for a dataset snapshot, or the budget of the service that asked) and ClickHouse stopped it; ask for a narrower window or slice' },
  NO_VALID_ROWS: { status: 400, doc: 'an offline evaluation whose every line was rejected (or that had none); `rejected` says why' },
  // Monitors and webhooks
  MONITOR_NOT_FOUND: { status: 404, doc: 'no monitor with this id in the project' },
  TOO_MANY_SERIES: { status: 400, doc: "the monitor's `groupBy` gives more series than its `maxSeries`" },
  TOO_MANY_MONITORS: { status: 409, doc: 'the project has `TIDELINE_MONITORS_PER_PROJECT` monitors already' },
  TOO_MANY_WEBHOOKS: { status: 409, doc: 'the project has 100 webhooks already' },
  // Registry
  VERSION_NOT_FOUND: { status: 404, doc: 'the model has no such version' },
  VERSION_EXISTS: { status: 409, doc: 'the version exists with another artifact or dataset; versions are immutable' },
  DATASET_NOT_FOUND: { status: 404, doc: 'no dataset with this id in the project' },
  DATASET_EXISTS: { status: 409, doc: 'the dataset exists with other content; datasets are immutable' },
  ARTIFACT_NOT_FOUND: { status: 404, doc: 'no artifact file with this digest in the project' },
  ARTIFACT_TOO_LARGE: { status: 413, doc: 'an artifact file larger than `REGISTRY_MAX_ARTIFACT_BYTES`' },
  ALREADY_IN_STAGE: { status: 409, doc: 'the version is in that stage already' },
  CHAMPION_REQUIRED: { status: 409, doc: 'the champion cannot leave its stage but by promoting another version or rolling back' },
  NOTHING_TO_ROLL_BACK: { status: 409, doc: 'the model has no previous champion' },
  GATE_FAILED: { status: 409, doc: 'the promotion gate refused the candidate; `extensions.evidence` says why' },
  CONCURRENT_CHANGE: { status: 409, doc: 'the model kept changing under the request; retry' },
  // Curation
  STRATEGY_NOT_APPLICABLE: { status: 400, doc: "the selection strategy does not fit the model's task or data (e.g. MARGIN on regression, DIVERSITY without numeric features)" },
  BALANCE_NOT_APPLICABLE: { status: 400, doc: 'class balancing asked of a regression model' },
  NO_CANDIDATES: { status: 404, doc: 'nothing unlabeled and not yet queued to pick in the window and slice' },
  BUDGET_EXCEEDED: { status: 409, doc: "the labeling request is over what is left of the model's label budget this period (`extensions.remaining`)" },
  ALERT_NOT_FOUND: { status: 404, doc: 'no firing alert with this id on the model' },
  REQUEST_NOT_FOUND: { status: 404, doc: 'no labeling request with this id in the project' },
  TOO_MANY_ROWS: { status: 400, doc: 'the windows hold more labeled rows than `maxRows` for a dataset that takes them all' },
  TOO_FEW_LABELED_ROWS: { status: 400, doc: 'too few labeled rows for the dataset or one of its splits' },
  UNKNOWN_TASK: { status: 422, doc: "a Label Studio webhook for a task Tideline did not export (no `task.data.prediction_id` and `model`)" },
  UNREADABLE_ANNOTATION: { status: 422, doc: "a Label Studio annotation whose result is not a label of the model's task" },
  // Trainer
  RUN_NOT_FOUND: { status: 404, doc: 'no training run with this id in the project' },
  FAMILY_NOT_APPLICABLE: { status: 400, doc: "the model family does not fit the model's task (LINEAR for a classifier, LOGISTIC for regression)" },
  NO_SOURCE_TRAFFIC: { status: 409, doc: 'shadow scoring needs the version whose traffic to score: the model has no champion and `sourceVersion` was not given' },
  // Loop
  POLICY_NOT_FOUND: { status: 404, doc: 'the model has no retraining policy (setRetrainingPolicy)' },
  LOOP_RUN_NOT_FOUND: { status: 404, doc: 'no loop run with this id in the project' },
  LOOP_NOT_STARTED: { status: 409, doc: "the loop did not start a run: one is active for the model, or the policy's daily cap is reached; `extensions.reason` says which" },
  LOOP_NOT_WAITING: { status: 409, doc: 'approveLoop / rejectLoop on a run that is not waiting for approval' },
  // Failures of the service, not of the request
  ARTIFACT_CORRUPT: { status: 500, doc: 'the stored file no longer hashes to its digest' },
  INTERNAL_SERVER_ERROR: { status: 500, doc: "anything else: the error is logged in full under `requestId` (also the response's `x-request-id`)" },
  BAD_GATEWAY: { status: 502, doc: 'the service behind a /v1 route is unreachable; retry' },
  SERVICE_UNAVAILABLE: { status: 503, doc: 'the gateway is still composing its schema; retry' },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);

/** A code of the catalog for the caller's own mistake (4xx): one service passes it on when another answers it. */
export const isClientErrorCode = (code: unknown): code is ErrorCode => isErrorCode(code) && ERROR_CODES[code].status < 500;

// A brand rather than instanceof alone: a test runner may load this module twice.
const PUBLIC = Symbol.for('tideline.PublicError');

/**
 * An error meant for the client: a code of the catalog, a message written
 * for the client, and details in `extensions` (`field`, …). The one kind of
 * error that reaches clients as it is; subclasses name the failure
 * (ArtifactTooLargeError, ConcurrentChangeError, …).
 */
export class PublicError extends Error {
  readonly code: ErrorCode;
  /** What GraphQL clients get in `extensions`: the code and the details. */
  readonly extensions: Readonly<Record<string, unknown>> & { readonly code: ErrorCode };

  constructor(code: ErrorCode, message: string, extensions: Readonly<Record<string, unknown>> & { code?: never } = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.extensions = { code, ...extensions };
    Object.defineProperty(this, PUBLIC, { value: true });
  }

  /** The HTTP status of the code. */
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const isPublicError = (error: unknown): error is PublicError =>
  typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[PUBLIC] === true && isErrorCode((error as { code?: unknown }).code);

export const badInput = (message: string, field?: string, options?: ErrorOptions) => new PublicError('BAD_USER_INPUT', message, field ? { field } : {}, options);
