import type { Task } from '@tideline/contracts';

/**
 * One line of an offline evaluation body, checked against the task:
 * `{ variant?, output, label, slices? }` with `output` and `label` in the
 * shapes ingest takes for predictions and feedback of that task. A bad line
 * becomes a rejection naming its field and the reason; the others are rows
 * of the scratch table, with the columns the metric definitions read.
 */
export interface OfflineRow {
  variant: string;
  score: number | null;
  probabilities: Record<string, number>;
  predicted_class: string | null;
  value: number | null;
  label_positive: boolean | null;
  label_class: string | null;
  label_value: number | null;
  slices: Record<string, string>;
}

export class LineError extends Error {
  override readonly name = 'LineError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_VARIANT = 'model';
const VARIANT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** What the registry accepts left of `=` in an evaluation's slice (`tags.country`, `features.plan`). */
const SLICE_FIELD = /^[A-Za-z][\w.]{0,255}$/;
const MAX_SLICE_VALUE = 1024;
const MAX_CLASSES = 1000;
const MAX_CLASS_NAME = 256;
const CONTROL_OR_COMMA = /[\u0000-\u001f\u007f,]/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const present = (o: Json, key: string) => o[key] !== undefined && o[key] !== null;

const OUTPUT_SHAPE: Record<Task, string> = {
  BINARY: '{ score } with score a probability between 0 and 1',
  MULTICLASS: '{ probabilities, predictedClass } (either may be left out, not both)',
  REGRESSION: '{ value } with value a finite number',
};
const LABEL_SHAPE: Record<Task, string> = { BINARY: '{ positive: true | false }', MULTICLASS: '{ class }', REGRESSION: '{ value }' };

function className(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_CLASS_NAME) throw new LineError(field, `must be a class name of 1 to ${MAX_CLASS_NAME} characters`);
  return v;
}

function probabilities(v: unknown): Record<string, number> {
  if (!isObject(v) || Object.keys(v).length === 0) throw new LineError('output.probabilities', 'must be a non-empty object of class → probability');
  const entries = Object.entries(v);
  if (entries.length > MAX_CLASSES) throw new LineError('output.probabilities', `must have at most ${MAX_CLASSES} classes`);
  let sum = 0;
  for (const [cls, p] of entries) {
    className(cls, 'output.probabilities');
    if (!isFinite(p) || p < 0 || p > 1) throw new LineError(`output.probabilities.${cls}`, 'must be a probability between 0 and 1');
    sum += p;
  }
  // Ingest's tolerance: rounding in the producer, not another distribution.
  if (Math.abs(sum - 1) > 1e-3) throw new LineError('output.probabilities', `must sum to 1 (got ${sum.toPrecision(6)})`);
  return v as Record<string, number>;
}

type Output = Pick<OfflineRow, 'score' | 'probabilities' | 'predicted_class' | 'value'>;
type Label = Pick<OfflineRow, 'label_positive' | 'label_class' | 'label_value'>;
const NO_OUTPUT: Output = { score: null, probabilities: {}, predicted_class: null, value: null };
const NO_LABEL: Label = { label_positive: null, label_class: null, label_value: null };

function output(v: unknown, task: Task): Output {
  if (!isObject(v)) throw new LineError('output', `is required: ${OUTPUT_SHAPE[task]}`);
  if (task === 'BINARY') {
    if (!isFinite(v.score) || v.score < 0 || v.score > 1) throw new LineError('output.score', `must be a probability between 0 and 1 (output of a BINARY evaluation: ${OUTPUT_SHAPE.BINARY})`);
    return { ...NO_OUTPUT, score: v.score };
  }
  if (task === 'REGRESSION') {
    if (!isFinite(v.value)) throw new LineError('output.value', `must be a finite number (output of a REGRESSION evaluation: ${OUTPUT_SHAPE.REGRESSION})`);
    return { ...NO_OUTPUT, value: v.value };
  }
  if (!present(v, 'probabilities') && !present(v, 'predictedClass')) throw new LineError('output', `of a MULTICLASS evaluation must be ${OUTPUT_SHAPE.MULTICLASS}`);
  const probs = present(v, 'probabilities') ? probabilities(v.probabilities) : {};
  // As ingest: the predicted class defaults to the most probable one (the first of equals).
  const predicted = present(v, 'predictedClass')
    ? className(v.predictedClass, 'output.predictedClass')
    : Object.entries(probs).reduce((best, e) => (e[1] > best[1] ? e : best))[0];
  return { ...NO_OUTPUT, probabilities: probs, predicted_class: predicted };
}

function label(v: unknown, task: Task): Label {
  if (!isObject(v)) throw new LineError('label', `is required: ${LABEL_SHAPE[task]}`);
  if (task === 'BINARY') {
    if (typeof v.positive !== 'boolean') throw new LineError('label.positive', `must be true or false (label of a BINARY evaluation: ${LABEL_SHAPE.BINARY})`);
    return { ...NO_LABEL, label_positive: v.positive };
  }
  if (task === 'MULTICLASS') return { ...NO_LABEL, label_class: className(v.class, 'label.class') };
  if (!isFinite(v.value)) throw new LineError('label.value', `must be a finite number (label of a REGRESSION evaluation: ${LABEL_SHAPE.REGRESSION})`);
  return { ...NO_LABEL, label_value: v.value };
}

function slices(v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new LineError('slices', 'must be an object of field → value, e.g. { "tags.country": "BR" }');
  for (const [field, value] of Object.entries(v)) {
    if (!SLICE_FIELD.test(field)) throw new LineError('slices', `field ${JSON.stringify(field.slice(0, 40))} must start with a letter and hold only letters, digits, '_' and '.' (at most 256)`);
    if (typeof value !== 'string' || value.length > MAX_SLICE_VALUE || CONTROL_OR_COMMA.test(value)) {
      throw new LineError(`slices.${field}`, `must be a string of at most ${MAX_SLICE_VALUE} characters without ',' or control characters`);
    }
  }
  return v as Record<string, string>;
}

function variant(v: unknown): string {
  if (v === undefined || v === null) return DEFAULT_VARIANT;
  if (typeof v !== 'string' || !VARIANT.test(v)) throw new LineError('variant', "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
  return v;
}

/** A parsed line → the row it stores, or a LineError naming the field. */
export function offlineRow(line: unknown, task: Task): OfflineRow {
  if (!isObject(line)) throw new LineError('line', 'must be a JSON object { variant?, output, label, slices? }');
  return { variant: variant(line.variant), ...output(line.output, task), ...label(line.label, task), slices: slices(line.slices) };
}
