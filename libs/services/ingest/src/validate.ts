import {
  DEFAULT_MODEL_VERSION,
  LONE_SURROGATE,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
  type FeatureValue,
  type FeedbackRecord,
  type Label,
  type Output,
  type PredictionRecord,
  type Task,
} from '@tideline/contracts';

/**
 * Validation of producer records. Every problem names the record's field
 * and the reason, so a producer can fix its code from the error alone.
 */
export class RecordError extends Error {
  override readonly name = 'RecordError';
  constructor(
    readonly field: string | null,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const LIMITS = { idLength: 256, nameLength: 256, versionLength: 128, features: 1000, tags: 100, tagValueLength: 1024, classes: 1000 } as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Every string of a record is well-formed Unicode: a lone surrogate cannot be
 * encoded in UTF-8, and ClickHouse would refuse the whole insert carrying it.
 */
function wellFormed(text: string, field: string): string {
  if (LONE_SURROGATE.test(text)) throw new RecordError(field, 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)');
  return text;
}

function requireString(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0) throw new RecordError(field, 'must be a non-empty string');
  if (value.length > maxLength) throw new RecordError(field, `must be at most ${maxLength} characters`);
  return wellFormed(value, field);
}

/**
 * An identifier (record id, tag or feature name): 1 to `maxLength`
 * characters of well-formed Unicode without control characters. Anything
 * else is allowed: ids are opaque, and names reach SQL only as bound values.
 */
function identifier(value: unknown, field: string, maxLength: number): string {
  const text = requireString(value, field, maxLength);
  if (CONTROL_CHARACTER.test(text)) throw new RecordError(field, 'must not contain control characters');
  return text;
}

/** A name within an object (`tags`, `features`): the error names the object and quotes a safe prefix of the name. */
function memberName(name: string, object: 'tags' | 'features'): string {
  const label = object === 'tags' ? 'tag' : 'feature';
  if (name.length === 0 || name.length > LIMITS.nameLength) throw new RecordError(object, `${label} names must be 1 to ${LIMITS.nameLength} characters`);
  if (LONE_SURROGATE.test(name) || CONTROL_CHARACTER.test(name)) {
    throw new RecordError(object, `${label} name ${JSON.stringify(name.slice(0, 40))} must be well-formed Unicode without control characters`);
  }
  return name;
}

/** Model names become KV keys (`<project>.<model>`): a plain charset, dots only between other characters. */
function modelName(value: unknown): string {
  const name = requireString(value, 'model', 128);
  if (!MODEL_NAME_PATTERN.test(name)) {
    throw new RecordError('model', "must be 1 to 128 letters, digits, '_', '.' or '-', start with a letter or digit, and have no '..' nor a trailing '.'");
  }
  return name;
}

function modelVersion(value: unknown): string {
  if (value === undefined || value === null) return DEFAULT_MODEL_VERSION;
  const version = requireString(value, 'modelVersion', LIMITS.versionLength);
  if (!MODEL_VERSION_PATTERN.test(version)) throw new RecordError('modelVersion', `must be 1 to ${LIMITS.versionLength} letters, digits, '_', '.' or '-', starting with a letter or digit`);
  return version;
}

/** Epoch ms from an ISO-8601 string, epoch milliseconds or a Date; `fallback` when absent. */
function timestamp(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : isFiniteNumber(value) ? value : NaN;
  if (!Number.isFinite(ms)) throw new RecordError(field, 'must be an ISO-8601 date-time or epoch milliseconds');
  if (typeof value === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(value)) throw new RecordError(field, 'must carry a time zone (e.g. 2026-01-01T00:00:00Z)');
  // The store's hour tables hold ClickHouse DateTime (seconds, up to 2106-02-07): the hour of a later
  // timestamp wraps around to a past one (toStartOfHour), so its rows would be counted in the wrong hour.
  if (ms < Date.UTC(2000, 0, 1) || ms >= Date.UTC(2100, 0, 1)) throw new RecordError(field, 'must be between 2000-01-01 and 2100-01-01');
  return Math.round(ms);
}

function features(value: unknown): Record<string, FeatureValue> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new RecordError('features', 'must be an object of name → number | string | boolean | null');
  const entries = Object.entries(value);
  if (entries.length > LIMITS.features) throw new RecordError('features', `must have at most ${LIMITS.features} features`);
  for (const [name, v] of entries) {
    memberName(name, 'features');
    if (!(v === null || typeof v === 'string' || typeof v === 'boolean' || isFiniteNumber(v))) {
      throw new RecordError(`features.${name}`, 'must be a finite number, a string, a boolean or null');
    }
    if (typeof v === 'string') wellFormed(v, `features.${name}`);
  }
  return value as Record<string, FeatureValue>;
}

function tags(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new RecordError('tags', 'must be an object of name → string');
  const entries = Object.entries(value);
  if (entries.length > LIMITS.tags) throw new RecordError('tags', `must have at most ${LIMITS.tags} tags`);
  for (const [name, v] of entries) {
    memberName(name, 'tags');
    if (typeof v !== 'string') throw new RecordError(`tags.${name}`, 'must be a string');
    wellFormed(v, `tags.${name}`);
    if (v.length > LIMITS.tagValueLength) throw new RecordError(`tags.${name}`, `must be at most ${LIMITS.tagValueLength} characters`);
  }
  return value as Record<string, string>;
}

const probability = (v: unknown, field: string) => {
  if (!isFiniteNumber(v) || v < 0 || v > 1) throw new RecordError(field, 'must be a probability between 0 and 1');
  return v;
};

/** The task an output describes, and the output normalized for it. */
function output(value: unknown): { task: Task; output: Output } {
  if (!isObject(value)) throw new RecordError('output', 'is required: { score } (binary), { probabilities, predictedClass } (multiclass) or { value } (regression)');
  const has = (k: string) => value[k] !== undefined && value[k] !== null;
  const shapes = [has('score') && 'binary', (has('probabilities') || has('predictedClass')) && 'multiclass', has('value') && 'regression'].filter(Boolean);
  if (shapes.length !== 1) {
    throw new RecordError('output', shapes.length ? `mixes ${shapes.join(' and ')} fields; give exactly one kind` : 'must have score, probabilities or value');
  }
  if (has('score')) return { task: 'BINARY', output: { score: probability(value.score, 'output.score') } };
  if (has('value')) {
    if (!isFiniteNumber(value.value)) throw new RecordError('output.value', 'must be a finite number');
    return { task: 'REGRESSION', output: { value: value.value } };
  }
  let probabilities: Record<string, number> | undefined;
  if (has('probabilities')) {
    if (!isObject(value.probabilities) || Object.keys(value.probabilities).length === 0) throw new RecordError('output.probabilities', 'must be a non-empty object of class → probability');
    const entries = Object.entries(value.probabilities);
    if (entries.length > LIMITS.classes) throw new RecordError('output.probabilities', `must have at most ${LIMITS.classes} classes`);
    entries.forEach(([cls, p]) => {
      if (cls.length === 0 || cls.length > LIMITS.nameLength) throw new RecordError('output.probabilities', `class names must be 1 to ${LIMITS.nameLength} characters`);
      wellFormed(cls, 'output.probabilities');
      probability(p, `output.probabilities.${cls}`);
    });
    const sum = entries.reduce((s, [, p]) => s + (p as number), 0);
    if (Math.abs(sum - 1) > 1e-3) throw new RecordError('output.probabilities', `must sum to 1 (got ${sum.toPrecision(6)})`);
    probabilities = value.probabilities as Record<string, number>;
  }
  let predictedClass: string | undefined;
  if (has('predictedClass')) predictedClass = requireString(value.predictedClass, 'output.predictedClass', LIMITS.nameLength);
  else predictedClass = Object.entries(probabilities!).reduce((best, e) => (e[1] > best[1] ? e : best))[0];
  return { task: 'MULTICLASS', output: probabilities ? { probabilities, predictedClass } : { predictedClass } };
}

/** The task a label describes. */
export function labelTask(value: unknown, field: string): Task {
  if (!isObject(value)) throw new RecordError(field, 'must be { positive } (binary), { class } (multiclass) or { value } (regression)');
  const kinds = (['positive', 'class', 'value'] as const).filter((k) => value[k] !== undefined && value[k] !== null);
  if (kinds.length !== 1) throw new RecordError(field, 'must have exactly one of positive, class, value');
  return kinds[0] === 'positive' ? 'BINARY' : kinds[0] === 'class' ? 'MULTICLASS' : 'REGRESSION';
}

export function label(value: unknown, field: string, task: Task): Label {
  const given = labelTask(value, field);
  const v = value as Json;
  if (given !== task) throw new RecordError(field, `is a ${given} label but the model is ${task}`);
  if (task === 'BINARY') {
    if (typeof v.positive !== 'boolean') throw new RecordError(`${field}.positive`, 'must be true or false');
    return { positive: v.positive };
  }
  if (task === 'MULTICLASS') return { class: requireString(v.class, `${field}.class`, LIMITS.nameLength) };
  if (!isFiniteNumber(v.value)) throw new RecordError(`${field}.value`, 'must be a finite number');
  return { value: v.value };
}

export interface RecordContext {
  project: string;
  receivedAt: number;
  /**
   * The model's task if known; a record that does not fit it is rejected.
   * Ingest leaves it out and checks the task after validation (`taskConflict`),
   * so that only valid records consult, or fix, a model's task.
   */
  taskOf?(model: string): Task | undefined;
}

export function taskMismatch(model: string, known: Task, given: Task, field: string): RecordError {
  return new RecordError(field, `model '${model}' is a ${known} model (fixed by its first record); this is a ${given} ${field === 'output' ? 'output' : 'label'}`);
}

/** Why a valid record does not fit its model's task, if it does not. */
export const taskConflict = (record: PredictionRecord | FeedbackRecord, known: Task) => taskConflictOf(record.kind, record.model, record.task, known);

/** Why a valid record of `kind` for `model`, of `task`, does not fit the model's `known` task, if it does not. */
export function taskConflictOf(kind: 'prediction' | 'feedback', model: string, task: Task, known: Task): RecordError | undefined {
  if (task === known) return undefined;
  if (kind === 'prediction') return taskMismatch(model, known, task, 'output');
  return new RecordError('label', `is a ${task} label but the model is ${known}`);
}

/** When the record arrived and the time it claims (its arrival when it claims none). */
const arrival = (input: Json, ctx: RecordContext) => ({ timestamp: timestamp(input.timestamp, 'timestamp', ctx.receivedAt), receivedAt: ctx.receivedAt });

/** The record, unless it does not fit the task its model already has. */
function fittingItsModel<R extends PredictionRecord | FeedbackRecord>(record: R, ctx: RecordContext): R {
  const known = ctx.taskOf?.(record.model);
  const conflict = known && taskConflict(record, known);
  if (conflict) throw conflict;
  return record;
}

/** A prediction as the producer sent it → the record the store keeps. */
export function validatePrediction(input: unknown, ctx: RecordContext): PredictionRecord {
  if (!isObject(input)) throw new RecordError(null, 'record must be a JSON object');
  const model = modelName(input.model);
  const id = identifier(input.id, 'id', LIMITS.idLength);
  const parsed = output(input.output);
  const record: PredictionRecord = {
    kind: 'prediction',
    project: ctx.project,
    model,
    modelVersion: modelVersion(input.modelVersion),
    id,
    task: parsed.task,
    features: features(input.features),
    tags: tags(input.tags),
    output: parsed.output,
    ...(input.label === undefined || input.label === null ? {} : { label: label(input.label, 'label', parsed.task) }),
    ...arrival(input, ctx),
  };
  return fittingItsModel(record, ctx);
}

/** Ground truth for a prediction, before or after the prediction itself arrives. */
export function validateFeedback(input: unknown, ctx: RecordContext): FeedbackRecord {
  if (!isObject(input)) throw new RecordError(null, 'record must be a JSON object');
  const model = modelName(input.model);
  const predictionId = identifier(input.predictionId, 'predictionId', LIMITS.idLength);
  const task = labelTask(input.label, 'label');
  const record: FeedbackRecord = {
    kind: 'feedback',
    project: ctx.project,
    model,
    predictionId,
    task,
    label: label(input.label, 'label', task),
    ...arrival(input, ctx),
  };
  return fittingItsModel(record, ctx);
}
