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

/** Model names appear in URLs, KV keys and logs: keep them plain. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
export const DEFAULT_MODEL_VERSION = 'unversioned';

/** JetStream message id: deduplicates a record resent within the stream's duplicate window. */
export function recordMessageId(record: IngestRecord): string {
  const id = record.kind === 'prediction' ? record.id : record.predictionId;
  return `${record.kind === 'prediction' ? 'p' : 'f'}:${record.project}:${record.model}:${id}`;
}
