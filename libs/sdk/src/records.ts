/**
 * The records a producer logs, as the public API (docs/API.md, "Records")
 * defines them. They travel as newline-delimited JSON to `/v1/predictions`
 * and `/v1/feedback`; the server validates them and names the field at fault.
 */

/** A JSON value: what features, probabilities and evidence may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Ground truth: `positive` (binary), `class` (multiclass) or `value` (regression). */
export interface Label {
  positive?: boolean;
  class?: string;
  value?: number;
}

/** The model's output; which fields apply depends on the model's task, fixed by its first record. */
export interface PredictionOutput {
  /** Binary classification: the probability of the positive class, 0 to 1. */
  score?: number;
  /** Multiclass: class → probability. */
  probabilities?: Record<string, number>;
  /** Multiclass: defaults to the most probable class. */
  predictedClass?: string;
  /** Regression. */
  value?: number;
}

export interface FeedbackRecord {
  /** The id of the prediction this labels; it may arrive before the prediction itself. */
  predictionId: string;
  model: string;
  /** Default: arrival time at the server. */
  timestamp?: string | Date;
  label: Label;
}

export interface PredictionRecord {
  /** Unique within the project and model: the idempotency key (resending a record is harmless). */
  id: string;
  model: string;
  /** Default: unversioned. */
  modelVersion?: string;
  /** Default: arrival time at the server. A `Date` is sent as its ISO string. */
  timestamp?: string | Date;
  /** name → number | string | boolean | null */
  features?: Record<string, string | number | boolean | null>;
  /** name → string: slicing metadata such as country or device. */
  tags?: Record<string, string>;
  output: PredictionOutput;
  /** Ground truth known at prediction time, if any. */
  label?: Label;
}

/** Which endpoint a record goes to. */
export type RecordKind = 'predictions' | 'feedback';
