import type { Task } from '@tideline/contracts';
import type { FeatureValue, TrainingRow } from './types.ts';

/** Distinct values remembered per categorical feature: past it, new values count as OTHER (bounded memory for id-like columns). */
export const MAX_DICTIONARY = 100_000;
/** Distinct classes a MULTICLASS model may have. */
export const MAX_CLASSES = 1000;
/** Dictionary ids in the spill: missing, and a value not in the dictionary (OTHER). */
export const MISSING_ID = -1;
export const OTHER_ID = -2;

/** A numeric (or boolean, as 0/1) feature: Welford's running mean and M2 over the train split's present values. */
export interface NumericColumn {
  name: string;
  kind: 'numeric' | 'boolean';
  count: number;
  mean: number;
  m2: number;
}
/** A categorical feature: value → dictionary id, and each id's count in the train split. */
export interface CategoricalColumn {
  name: string;
  ids: Map<string, number>;
  values: string[];
  counts: number[];
}

/**
 * The columns of the spill files, discovered while the train split streams
 * by (a feature first seen late gets a new column; earlier rows read it as
 * missing), with the statistics the preprocessing spec is fitted from. Once
 * `frozen` (the validation split), nothing is added: unknown features are
 * ignored, unknown values and classes are OTHER.
 */
export class ColumnRegistry {
  readonly numeric: NumericColumn[] = [];
  readonly categorical: CategoricalColumn[] = [];
  readonly byName = new Map<string, { kind: 'numeric' | 'boolean' | 'categorical'; index: number }>();
  /** MULTICLASS: class → id in order of appearance; BINARY: 'false' = 0, 'true' = 1. */
  readonly classes = new Map<string, number>();
  /** Label statistics over the train split, weighted by row weight: per class id, or [Σw, Σw·y, Σw·y²] for REGRESSION. */
  readonly labelWeights: number[] = [];
  frozen = false;

  constructor(readonly task: Task) {
    if (task === 'BINARY') ['false', 'true'].forEach((c, i) => this.classes.set(c, i));
  }

  /** The column of feature `name`, created from the type of its first present value (train split only). */
  column(name: string, value: FeatureValue) {
    const known = this.byName.get(name);
    if (known || this.frozen || value === null || value === undefined) return known;
    const kind: 'numeric' | 'boolean' | 'categorical' | undefined = typeof value === 'number' ? 'numeric' : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'categorical' : undefined;
    if (!kind) return undefined;
    const entry = { kind, index: kind === 'categorical' ? this.categorical.length : this.numeric.length };
    if (kind === 'categorical') this.categorical.push({ name, ids: new Map(), values: [], counts: [] });
    else this.numeric.push({ name, kind, count: 0, mean: 0, m2: 0 });
    this.byName.set(name, entry);
    return entry;
  }

  /** A numeric column's value as a float (NaN when missing or of another type), counted into its statistics on the train split. */
  numericValue(column: NumericColumn, value: FeatureValue): number {
    let x = NaN;
    if (column.kind === 'numeric' && typeof value === 'number' && Number.isFinite(value)) x = value;
    if (column.kind === 'boolean' && typeof value === 'boolean') x = value ? 1 : 0;
    if (this.frozen || Number.isNaN(x)) return x;
    column.count++;
    const delta = x - column.mean;
    column.mean += delta / column.count;
    column.m2 += delta * (x - column.mean);
    return x;
  }

  /** A categorical column's dictionary id (MISSING_ID, or OTHER_ID past the dictionary's bound or, frozen, for an unseen value). */
  categoryId(column: CategoricalColumn, value: FeatureValue): number {
    if (typeof value !== 'string') return MISSING_ID;
    let id = column.ids.get(value);
    if (id === undefined) {
      if (this.frozen || column.values.length >= MAX_DICTIONARY) return OTHER_ID;
      id = column.values.length;
      column.ids.set(value, id);
      column.values.push(value);
      column.counts.push(0);
    }
    if (!this.frozen) column.counts[id]!++;
    return id;
  }

  /** The label as a float for the spill (class id for classification), or undefined when it does not fit the task. */
  label(row: TrainingRow): number | undefined {
    const { label, weight } = row;
    if (!(typeof weight === 'number' && Number.isFinite(weight) && weight >= 0)) return undefined;
    if (this.task === 'REGRESSION') {
      if (typeof label !== 'number' || !Number.isFinite(label)) return undefined;
      if (!this.frozen) [weight, weight * label, weight * label * label].forEach((v, i) => (this.labelWeights[i] = (this.labelWeights[i] ?? 0) + v));
      return label;
    }
    const name = this.task === 'BINARY' ? (typeof label === 'boolean' ? String(label) : undefined) : typeof label === 'string' || typeof label === 'number' ? String(label) : undefined;
    if (name === undefined) return undefined;
    let id = this.classes.get(name);
    if (id === undefined) {
      if (this.frozen) return undefined;
      if (this.classes.size >= MAX_CLASSES) throw new Error(`the train split has more than ${MAX_CLASSES} classes`);
      id = this.classes.size;
      this.classes.set(name, id);
    }
    if (!this.frozen) this.labelWeights[id] = (this.labelWeights[id] ?? 0) + weight;
    return id;
  }
}
