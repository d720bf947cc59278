import type { Task } from '@tideline/contracts';
import { OTHER_ID, type ColumnRegistry } from './columns.ts';
import type { SpillChunk } from './spill.ts';
import type { FeatureValue, FeatureValues } from './types.ts';

/** A numeric feature: x[column] = (v − mean) / std, x[column + 1] = 0; missing or not a finite number: x[column] = 0, x[column + 1] = 1. */
export interface NumericInput {
  name: string;
  kind: 'numeric';
  mean: number;
  std: number;
  column: number;
}
/** A boolean feature: x[column] = 1 | 0, x[column + 1] = 0; missing or not a boolean: x[column] = 0, x[column + 1] = 1. */
export interface BooleanInput {
  name: string;
  kind: 'boolean';
  column: number;
}
/** A categorical feature: x[column + i] = 1 for categories[i]; anything else (unseen, missing, not a string): x[column + categories.length] = 1 (OTHER). */
export interface CategoricalInput {
  name: string;
  kind: 'categorical';
  categories: string[];
  column: number;
}
export type SpecInput = NumericInput | BooleanInput | CategoricalInput;

/** preprocessing.json: the training-time transform, fitted on the train split only. */
export interface PreprocessingSpec {
  format: 'tideline-preprocessing';
  version: 1;
  task: Task;
  /** MULTICLASS: the softmax outputs' classes in order; BINARY: the sigmoid output is P(true). */
  classes: string[] | null;
  /** Columns of the model's input. */
  width: number;
  /** REGRESSION: the model predicts (y − mean) / std; value = output · std + mean. */
  target: { mean: number; std: number } | null;
  inputs: SpecInput[];
}

export const SPEC_FORMAT = 'tideline-preprocessing';
const safeStd = (std: number) => (Number.isFinite(std) && std > 1e-12 ? std : 1);

/** Fits the spec from the train split's statistics: inputs in name order, the topK most frequent values of each categorical (ties by value). */
export function fitSpec(registry: ColumnRegistry, topK: number): PreprocessingSpec {
  type Unplaced = Omit<NumericInput, 'column'> | Omit<BooleanInput, 'column'> | Omit<CategoricalInput, 'column'>;
  const inputs: Unplaced[] = [];
  for (const c of registry.numeric) {
    inputs.push(c.kind === 'boolean' ? { name: c.name, kind: 'boolean' } : { name: c.name, kind: 'numeric', mean: c.mean, std: safeStd(Math.sqrt(c.count > 0 ? c.m2 / c.count : 0)) });
  }
  for (const c of registry.categorical) {
    const ranked = c.values.map((value, id) => ({ value, count: c.counts[id]! })).filter((v) => v.count > 0);
    ranked.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    inputs.push({ name: c.name, kind: 'categorical', categories: ranked.slice(0, topK).map((v) => v.value) });
  }
  inputs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let width = 0;
  const placed = inputs.map((input) => {
    const column = width;
    width += input.kind === 'categorical' ? (input as CategoricalInput).categories.length + 1 : 2;
    return { ...input, column } as SpecInput;
  });
  let target: PreprocessingSpec['target'] = null;
  if (registry.task === 'REGRESSION') {
    const [w = 0, wy = 0, wyy = 0] = registry.labelWeights;
    const mean = w > 0 ? wy / w : 0;
    target = { mean, std: safeStd(Math.sqrt(Math.max(0, w > 0 ? wyy / w - mean * mean : 0))) };
  }
  const classes = registry.task === 'MULTICLASS' ? [...registry.classes.keys()].sort() : null;
  return { format: SPEC_FORMAT, version: 1, task: registry.task, classes, width, target, inputs: placed };
}

/** Writes one numeric or boolean input at x[at + column]; `v` is NaN when missing. */
function encodeNumber(x: Float32Array, at: number, input: NumericInput | BooleanInput, v: number) {
  const c = at + input.column;
  if (Number.isNaN(v)) {
    x[c] = 0;
    x[c + 1] = 1;
  } else {
    x[c] = input.kind === 'numeric' ? (v - input.mean) / input.std : v;
    x[c + 1] = 0;
  }
}

/** A feature value as the float the training spill would hold: NaN unless it has the input's type. */
function numberOf(input: NumericInput | BooleanInput, value: FeatureValue): number {
  if (input.kind === 'numeric') return typeof value === 'number' && Number.isFinite(value) ? Math.fround(value) : NaN;
  return typeof value === 'boolean' ? (value ? 1 : 0) : NaN;
}

/** Scoring: encodes feature maps into a row-major matrix; wrong types, unknown categories and missing features take the documented paths. */
export function scoringTransform(spec: PreprocessingSpec): (rows: FeatureValues[]) => Float32Array {
  const slots = spec.inputs.map((input) => (input.kind === 'categorical' ? new Map(input.categories.map((v, i) => [v, i])) : undefined));
  return (rows) => {
    const x = new Float32Array(rows.length * spec.width);
    rows.forEach((row, r) => {
      const at = r * spec.width;
      spec.inputs.forEach((input, i) => {
        const value = row?.[input.name];
        if (input.kind !== 'categorical') return encodeNumber(x, at, input, numberOf(input, value));
        const slot = typeof value === 'string' ? slots[i]!.get(value) : undefined;
        x[at + input.column + (slot ?? input.categories.length)] = 1;
      });
    });
    return x;
  };
}

/** Training: encodes rows of a spill chunk (same transform as scoringTransform, from spilled columns). */
export function spillTransform(spec: PreprocessingSpec, registry: ColumnRegistry) {
  const sources = spec.inputs.map((input) => {
    const column = registry.byName.get(input.name);
    const index = column?.kind === input.kind ? column.index : -1;
    if (input.kind !== 'categorical' || index < 0) return { index, slotOf: undefined };
    const bySlot = new Map(input.categories.map((v, i) => [v, i]));
    const slotOf = Int32Array.from(registry.categorical[index]!.values, (v) => bySlot.get(v) ?? input.categories.length);
    return { index, slotOf };
  });
  return (chunk: SpillChunk, rows: ArrayLike<number>, from: number, to: number, x: Float32Array) => {
    x.fill(0, 0, (to - from) * spec.width);
    for (let k = from; k < to; k++) {
      const r = rows[k]!;
      const at = (k - from) * spec.width;
      spec.inputs.forEach((input, i) => {
        const { index, slotOf } = sources[i]!;
        if (input.kind !== 'categorical') return encodeNumber(x, at, input, index >= 0 && index < chunk.numeric.length ? chunk.numeric[index]![r]! : NaN);
        const id = index >= 0 && index < chunk.categorical.length ? chunk.categorical[index]![r]! : OTHER_ID;
        x[at + input.column + (id >= 0 ? slotOf![id]! : input.categories.length)] = 1;
      });
    }
  };
}
