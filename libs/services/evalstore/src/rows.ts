import type { PredictionColumns } from '@tideline/store';
import { splitFeatures, type FeedbackRecord, type Label, type PredictionRecord } from '@tideline/contracts';

/**
 * Plain row objects, one per record, as the store's tables hold them (the
 * writer itself inserts lines: `predictionLine` in @tideline/contracts).
 * DateTime64(3) columns take epoch milliseconds as integers.
 */
export interface PredictionRow extends PredictionColumns {
  project: string;
  model: string;
  model_version: string;
  id: string;
  task: string;
  ts: number;
  received_at: number;
  inline_label_positive: boolean | null;
  inline_label_class: string | null;
  inline_label_value: number | null;
  version: number;
}

const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

export function predictionRow(r: PredictionRecord): PredictionRow {
  // Features split by type into typed maps, so slice filters compare numbers
  // as numbers and the columns compress well.
  const { num: features_num, str: features_str, bool: features_bool, nulls: features_null } = splitFeatures(r.features);
  const out = r.output ?? {};
  const label: Label = r.label ?? {};
  return {
    project: r.project,
    model: r.model,
    model_version: r.modelVersion,
    id: r.id,
    task: r.task,
    ts: r.timestamp,
    received_at: r.receivedAt,
    features_num,
    features_str,
    features_bool,
    features_null,
    tags: r.tags ?? {},
    score: orNull(out.score),
    probabilities: out.probabilities ?? {},
    predicted_class: orNull(out.predictedClass),
    value: orNull(out.value),
    inline_label_positive: orNull(label.positive),
    inline_label_class: orNull(label.class),
    inline_label_value: orNull(label.value),
    version: r.receivedAt,
  };
}

/** Features as the API shows them: one object, nulls included. */
export function featuresOf(row: {
  features_num: Record<string, number>;
  features_str: Record<string, string>;
  features_bool: Record<string, boolean>;
  features_null: string[];
}): Record<string, number | string | boolean | null> {
  const features: Record<string, number | string | boolean | null> = { ...row.features_num, ...row.features_str, ...row.features_bool };
  for (const name of row.features_null) features[name] = null;
  return features;
}

/** A record the writer cannot map to a row: it is dead-lettered with this reason. */
export class MalformedRecordError extends Error {
  override readonly name = 'MalformedRecordError';
  readonly code = 'MALFORMED_RECORD';
}

/**
 * The few checks the writer makes itself, so that a record no ingest would
 * write (an old or buggy producer on the stream) is dead-lettered instead of
 * stored under the wrong project or breaking the row mapping.
 */
export function checkRecord(record: unknown, subjectProject: string): FeedbackRecord | PredictionRecord {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new MalformedRecordError('not a JSON object');
  const r = record as Record<string, unknown>;
  if (r.kind !== 'prediction' && r.kind !== 'feedback') throw new MalformedRecordError(`unknown kind ${JSON.stringify(r.kind)}`);
  if (r.project !== subjectProject) throw new MalformedRecordError('project differs from the subject it was published on');
  const id = r.kind === 'prediction' ? r.id : r.predictionId;
  if (typeof r.model !== 'string' || r.model === '' || typeof id !== 'string' || id === '') throw new MalformedRecordError('model and id must be non-empty strings');
  if (r.kind === 'feedback' && (typeof r.label !== 'object' || r.label === null)) throw new MalformedRecordError('feedback without a label');
  return record as FeedbackRecord | PredictionRecord;
}
