import type { TidelineError } from './errors.ts';
import type { FeedbackRecord, PredictionRecord } from './records.ts';

/** Why a batch was sent again: the answer's status (or null: no answer) and how long the producer waits first. */
export interface RetryInfo {
  kind: 'predictions' | 'feedback';
  records: number;
  attempt: number;
  status: number | null;
  /** The wait before the next attempt: the server's `Retry-After` when it sent one, else exponential backoff with jitter. */
  delayMs: number;
  /** True when `delayMs` came from the answer's `Retry-After`. */
  retryAfter: boolean;
  error: TidelineError;
}

export interface TidelineOptions {
  /** Where Tideline serves, such as `http://localhost:4000` (the gateway; `/graphql` and `/v1` are below it). */
  url: string;
  /** An API key of the project (`Authorization: Bearer <key>`). */
  apiKey: string;
  /** Most records in one request. @default 1000 */
  batchSize?: number;
  /** Most bytes of NDJSON in one request (a record larger than this goes alone). @default 4 MiB */
  maxBatchBytes?: number;
  /** How long a record may wait for its batch to fill before the batch is sent anyway. @default 200 */
  lingerMs?: number;
  /**
   * Most records held in memory, queued or being sent. `logPrediction` and
   * `logFeedback` wait (backpressure) while this many are held: memory stays
   * bounded and nothing is dropped. @default 20000
   */
  maxQueuedRecords?: number;
  /** Requests in flight at once. @default 2 */
  maxInFlight?: number;
  /** Attempts per batch before its records are given up (reported to `onError`, counted in `stats.failed`). @default 10 */
  maxAttempts?: number;
  /** First backoff delay; it doubles each attempt, with full jitter. @default 250 */
  retryBaseMs?: number;
  /** Longest backoff delay, and longest `Retry-After` honoured. @default 30000 */
  retryMaxMs?: number;
  /** Flush when the process is about to exit (`beforeExit`). @default true */
  flushOnExit?: boolean;
  /** Called for each record the server refused (it is not retried): the error names the field at fault. */
  onRejected?: (record: PredictionRecord | FeedbackRecord, error: TidelineError) => void;
  /**
   * Called when a batch is given up (an error that retrying cannot fix, such as
   * an unknown API key, or `maxAttempts` reached). Default: a process warning,
   * so a loss is never silent.
   */
  onError?: (error: TidelineError, records: readonly (PredictionRecord | FeedbackRecord)[]) => void;
  /** Called before each retry. */
  onRetry?: (info: RetryInfo) => void;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
}

export type ResolvedOptions = Required<Omit<TidelineOptions, 'onRejected' | 'onRetry'>> & Pick<TidelineOptions, 'onRejected' | 'onRetry'>;

const DEFAULTS = {
  batchSize: 1000,
  maxBatchBytes: 4 * 1024 * 1024,
  lingerMs: 200,
  maxQueuedRecords: 20_000,
  maxInFlight: 2,
  maxAttempts: 10,
  retryBaseMs: 250,
  retryMaxMs: 30_000,
  flushOnExit: true,
} as const;

function warnGivenUp(error: TidelineError, records: readonly unknown[]): void {
  process.emitWarning(`Tideline SDK gave up ${records.length} record(s): ${error.code}: ${error.message}`, 'TidelineWarning');
}

/** Merges the options over the defaults and checks them, naming every property at fault at once. */
export function resolveOptions(options: TidelineOptions): ResolvedOptions {
  const problems: string[] = [];
  const given = options as Partial<TidelineOptions> | undefined;
  if (!given || typeof given.url !== 'string' || !/^https?:\/\/[^/]/.test(given.url)) problems.push("'url' must be an http(s) URL such as http://localhost:4000");
  if (!given || typeof given.apiKey !== 'string' || !given.apiKey) problems.push("'apiKey' must be a non-empty string (an API key of the project)");
  const merged = { ...DEFAULTS, onError: warnGivenUp, fetch: globalThis.fetch, ...given } as ResolvedOptions;
  for (const name of ['batchSize', 'maxBatchBytes', 'maxQueuedRecords', 'maxInFlight', 'maxAttempts'] as const) {
    if (!Number.isInteger(merged[name]) || merged[name] < 1) problems.push(`'${name}' must be an integer of at least 1`);
  }
  for (const name of ['lingerMs', 'retryBaseMs', 'retryMaxMs'] as const) {
    if (!Number.isFinite(merged[name]) || merged[name] < 0) problems.push(`'${name}' must be a number of milliseconds, at least 0`);
  }
  if (merged.maxQueuedRecords < merged.batchSize) problems.push("'maxQueuedRecords' must be at least 'batchSize'");
  if (problems.length) throw new TypeError(`invalid Tideline options: ${problems.join('; ')}`);
  return { ...merged, url: merged.url.replace(/\/+$/, '') };
}
