/**
 * Records as they travel on JetStream from ingest to the evaluation store:
 * validated, normalized, stamped with project and arrival time.
 */
export type Task = 'BINARY' | 'MULTICLASS' | 'REGRESSION';
export const TASKS: readonly Task[] = ['BINARY', 'MULTICLASS', 'REGRESSION'];

export type FeatureValue = number | string | boolean | null;

export interface Output {
  /** Binary: probability of the positive class. */
  score?: number;
  /** Multiclass: class → probability. */
  probabilities?: Record<string, number>;
  predictedClass?: string;
  /** Regression. */
  value?: number;
}

export interface Label {
  positive?: boolean;
  class?: string;
  value?: number;
}

export interface PredictionRecord {
  kind: 'prediction';
  project: string;
  model: string;
  modelVersion: string;
  id: string;
  task: Task;
  /** Epoch milliseconds. */
  timestamp: number;
  receivedAt: number;
  features: Record<string, FeatureValue>;
  tags: Record<string, string>;
  output: Output;
  label?: Label;
}

export interface FeedbackRecord {
  kind: 'feedback';
  project: string;
  model: string;
  predictionId: string;
  task: Task;
  timestamp: number;
  receivedAt: number;
  label: Label;
}

export type IngestRecord = PredictionRecord | FeedbackRecord;

/**
 * Model names appear in URLs, KV keys and logs: keep them plain. A dot
 * separates the tokens of a NATS subject or KV key, so it may only sit
 * between other characters (no '..', no trailing '.').
 */
export const MODEL_NAME_PATTERN = /^(?!.*\.\.)(?!.*\.$)[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
/** A model version (`modelVersion`): the registry's version names follow the same rule. */
export const MODEL_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
export const DEFAULT_MODEL_VERSION = 'unversioned';

/**
 * A UTF-16 surrogate not part of a pair: JavaScript strings may hold one,
 * UTF-8 cannot encode it, and ClickHouse refuses the whole insert that
 * carries one (CANNOT_PARSE_ESCAPE_SEQUENCE). Every string of a record must
 * be free of them.
 */
export const LONE_SURROGATE = /\p{Cs}/u;
