import type { FeatureValue, FeedbackRecord, IngestRecord, Label, Output, PredictionRecord, Task } from './records.ts';

/**
 * Records travel from ingest to the store as the store's rows: one
 * JSONCompactEachRow line per record, the values in the column order below,
 * so the store hands the lines to ClickHouse as they are instead of parsing,
 * mapping and serializing every record again (that was a third of the
 * platform's CPU per ingested prediction). The arrival time and the
 * timestamp come last, so the content that identifies a record (`lineContent`)
 * is a prefix of its line.
 */
export const PREDICTION_COLUMNS = [
  'project', 'model', 'model_version', 'id', 'task',
  'features_num', 'features_str', 'features_bool', 'features_null', 'tags',
  'score', 'probabilities', 'predicted_class', 'value',
  'inline_label_positive', 'inline_label_class', 'inline_label_value',
  'ts', 'received_at', 'version',
] as const;

export const FEEDBACK_COLUMNS = ['project', 'model', 'prediction_id', 'task', 'label_positive', 'label_class', 'label_value', 'ts', 'received_at', 'version'] as const;

/** Features split by type into the store's typed maps. */
export interface SplitFeatures {
  num: Record<string, number>;
  str: Record<string, string>;
  bool: Record<string, boolean>;
  /** Features sent as null: kept apart so "missing" and "null" stay distinct. */
  nulls: string[];
}

/** Sets `name` as an own property even when it is `__proto__` (which plain assignment would take for the prototype). */
function put<T>(o: Record<string, T>, name: string, v: T) {
  if (name === '__proto__') Object.defineProperty(o, name, { value: v, enumerable: true, writable: true, configurable: true });
  else o[name] = v;
}

/**
 * The maps are plain objects: measured per record, null-prototype maps took
 * twice as long to build and serialize, and a line built as text piece by
 * piece five times as long as `JSON.stringify` of plain values.
 */
export function splitFeatures(features: Record<string, FeatureValue>): SplitFeatures {
  const split: SplitFeatures = { num: {}, str: {}, bool: {}, nulls: [] };
  for (const name in features) {
    const v = features[name];
    if (typeof v === 'number') put(split.num, name, v);
    else if (typeof v === 'string') put(split.str, name, v);
    else if (typeof v === 'boolean') put(split.bool, name, v);
    else split.nulls.push(name);
  }
  return split;
}

const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);


export function predictionLine(r: PredictionRecord): string {
  const f = splitFeatures(r.features);
  const out: Output = r.output ?? {};
  const label: Label = r.label ?? {};
  return JSON.stringify([
    r.project, r.model, r.modelVersion, r.id, r.task,
    f.num, f.str, f.bool, f.nulls, r.tags ?? {},
    orNull(out.score), out.probabilities ?? {}, orNull(out.predictedClass), orNull(out.value),
    orNull(label.positive), orNull(label.class), orNull(label.value),
    r.timestamp, r.receivedAt, r.receivedAt,
  ]);
}

/** The version of a row is its arrival time (the later arrival wins). */
export function feedbackLine(r: FeedbackRecord): string {
  const label: Label = r.label ?? {};
  return JSON.stringify([r.project, r.model, r.predictionId, r.task, orNull(label.positive), orNull(label.class), orNull(label.value), r.timestamp, r.receivedAt, r.receivedAt]);
}

export const recordLine = (r: IngestRecord) => (r.kind === 'prediction' ? predictionLine(r) : feedbackLine(r));

/**
 * What makes a record a different record: its line without the arrival time
 * (stamped per request; `received_at` and `version`) and without a timestamp
 * that merely defaulted to it, so a request retried as is has the same content.
 */
export function lineContent(r: IngestRecord, line: string): string {
  let end = line.lastIndexOf(',', line.lastIndexOf(',') - 1);
  if (r.timestamp === r.receivedAt) end = line.lastIndexOf(',', end - 1);
  return line.slice(0, end);
}

/**
 * The model of a line, if the line belongs to `project` (its first value)
 * and names a model the way ingest writes one (model names hold no quote or
 * backslash, so the second value ends at the next quote); else null.
 */
export function lineModel(line: string, project: string): string | null {
  const prefix = `[${JSON.stringify(project)},"`;
  if (!line.startsWith(prefix)) return null;
  const end = line.indexOf('"', prefix.length);
  return end > prefix.length ? line.slice(prefix.length, end) : null;
}

const some = <T extends object>(o: T): T | undefined => (Object.values(o).some((v) => v !== undefined) ? o : undefined);
const defined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** The record a line was made from (for dead letters and tests): absent and null output or label values read back as absent. */
export function recordFromLine(kind: IngestRecord['kind'], line: string): IngestRecord {
  const v = JSON.parse(line) as unknown[];
  if (kind === 'feedback') {
    const [project, model, predictionId, task, positive, cls, value, ts, receivedAt] = v as [string, string, string, Task, boolean | null, string | null, number | null, number, number];
    const label = some({ positive: defined(positive), class: defined(cls), value: defined(value) }) ?? {};
    return { kind, project, model, predictionId, task, timestamp: ts, receivedAt, label: JSON.parse(JSON.stringify(label)) as Label };
  }
  const [project, model, modelVersion, id, task, num, str, bool, nulls, tags, score, probabilities, predictedClass, value, positive, cls, labelValue, ts, receivedAt] = v as [
    string, string, string, string, Task, Record<string, number>, Record<string, string>, Record<string, boolean>, string[], Record<string, string>,
    number | null, Record<string, number>, string | null, number | null, boolean | null, string | null, number | null, number, number,
  ];
  const features: Record<string, FeatureValue> = { ...num, ...str, ...bool };
  for (const name of nulls) put(features, name, null);
  const output = { score: defined(score), probabilities: Object.keys(probabilities).length ? probabilities : undefined, predictedClass: defined(predictedClass), value: defined(value) };
  const label = some({ positive: defined(positive), class: defined(cls), value: defined(labelValue) });
  const record: PredictionRecord = { kind, project, model, modelVersion, id, task, timestamp: ts, receivedAt, features, tags, output: JSON.parse(JSON.stringify(output)) as Output };
  if (label) record.label = JSON.parse(JSON.stringify(label)) as Label;
  return record;
}
