/**
 * The reference for slice-filter.fuzz.spec.ts: rows with the columns
 * `sliceFilterToSql` reads (as `labeledRows` in @tideline/store exposes
 * them), valid filter trees over the same small domains (so that filters
 * select some rows and not others), and an in-memory evaluator of what a
 * filter means at the API: a field holds one value or none; a comparison
 * holds when the field has a value of the compared type and the comparison
 * holds (strings compare as UTF-8 bytes, as ClickHouse does; false < true);
 * IS_NULL holds when the field has no value (a feature sent as null has none).
 */
import fc from 'fast-check';
import type { Task } from '@tideline/contracts';
import type { FilterOp, FilterScalar, SliceFilter } from './slice-filter.ts';

export interface Row {
  id: number;
  model_version: string;
  score: number | null;
  value: number | null;
  predicted_class: string | null;
  label_positive: boolean | null;
  label_class: string | null;
  label_value: number | null;
  tags: Record<string, string>;
  /** As the producer sent them; `columns` splits them into the typed maps. */
  features: Record<string, FilterScalar | null>;
}

export const ROW_COLUMNS_SQL = `id UInt32, model_version LowCardinality(String), score Nullable(Float64), value Nullable(Float64),
  predicted_class Nullable(String), label_positive Nullable(Bool), label_class Nullable(String), label_value Nullable(Float64),
  tags Map(String, String), features_num Map(String, Float64), features_str Map(String, String), features_bool Map(String, Bool)`;

/** A row as the store keeps it: features split by type, as predictionRow in @tideline/evalstore does. */
export function columns({ features, ...row }: Row) {
  const typed = <T>(type: string) => Object.fromEntries(Object.entries(features).filter(([, v]) => typeof v === type)) as Record<string, T>;
  return { ...row, features_num: typed<number>('number'), features_str: typed<string>('string'), features_bool: typed<boolean>('boolean') };
}

const TAG_NAMES = ['a', 'b', "it's"];
const FEATURE_NAMES = ['x', 'y', 'z.w'];
const STRINGS = ['', 'x', 'y', 'Z', "it's", 'back\\slash', 'tab\tnew\nline', 'é', 'ﬀ', '😀', '{sf0:String}'];
const NUMBERS = [-2.5, 0, 1e-7, 0.25, 0.5, 1, 3, 1.5e-300, 9007199254740991];
const CLASSES = ['cat', 'dog', "o'k"];

const string = fc.constantFrom(...STRINGS);
const number = fc.constantFrom(...NUMBERS);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

export const rowArbitrary: fc.Arbitrary<Omit<Row, 'id'>> = fc.record({
  model_version: fc.constantFrom('v1', 'v2', 'unversioned'),
  score: nullable(fc.constantFrom(0, 0.25, 0.5, 1)),
  value: nullable(number),
  predicted_class: nullable(fc.constantFrom(...CLASSES)),
  label_positive: nullable(fc.boolean()),
  label_class: nullable(fc.constantFrom(...CLASSES)),
  label_value: nullable(number),
  tags: fc.dictionary(fc.constantFrom(...TAG_NAMES), string, { maxKeys: 3 }),
  features: fc.dictionary(fc.constantFrom(...FEATURE_NAMES), fc.oneof(number, string, fc.boolean(), fc.constant(null)), { maxKeys: 3 }),
});

type Kind = 'string' | 'number' | 'boolean';
const scalarOf: Record<Kind, fc.Arbitrary<FilterScalar>> = { string: fc.oneof(string, fc.constantFrom(...CLASSES, 'v1', 'v2')), number, boolean: fc.boolean() };
const labelKind: Record<Task, Kind> = { BINARY: 'boolean', MULTICLASS: 'string', REGRESSION: 'number' };

/** A leaf whose value has a type its field compares with, so that it compiles. */
const leaf = (task: Task): fc.Arbitrary<SliceFilter> =>
  fc
    .oneof(
      fc.constantFrom<[string, Kind[]]>(['modelVersion', ['string']], ['output.score', ['number']], ['output.value', ['number']], ['output.predictedClass', ['string']], ['label', [labelKind[task]]]),
      fc.constantFrom(...TAG_NAMES, 'nope').map((name): [string, Kind[]] => [`tags.${name}`, ['string']]),
      fc.constantFrom(...FEATURE_NAMES, 'nope').map((name): [string, Kind[]] => [`features.${name}`, ['number', 'string', 'boolean']]),
    )
    .chain(([field, kinds]) =>
      fc.tuple(fc.constantFrom(...kinds), fc.constantFrom<FilterOp>('EQ', 'NE', 'LT', 'LTE', 'GT', 'GTE', 'IN', 'NOT_IN', 'IS_NULL')).chain(([kind, op]) => {
        const value: fc.Arbitrary<SliceFilter['value']> =
          op === 'IS_NULL' ? fc.constantFrom(undefined, true, false) : op === 'IN' || op === 'NOT_IN' ? fc.array(scalarOf[kind], { minLength: 1, maxLength: 3 }) : scalarOf[kind];
        return value.map((v): SliceFilter => (v === undefined ? { field, op } : { field, op, value: v }));
      }),
    );

/** A valid filter tree of depth ≤ 4, with the model task it is compiled for. */
export const validTree = fc.constantFrom<Task>('BINARY', 'MULTICLASS', 'REGRESSION').chain((task) => {
  const { tree } = fc.letrec<{ tree: SliceFilter }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      leaf(task),
      fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
      tie('tree').map((not) => ({ not })),
    ),
  }));
  return tree.map((filter) => ({ filter, task }));
});

function fieldValue(row: Row, field: string, task: Task): FilterScalar | null {
  const fixed: Record<string, FilterScalar | null> = {
    modelVersion: row.model_version,
    'output.score': row.score,
    'output.value': row.value,
    'output.predictedClass': row.predicted_class,
    label: { BINARY: row.label_positive, MULTICLASS: row.label_class, REGRESSION: row.label_value }[task],
  };
  if (field in fixed) return fixed[field]!;
  const [prefix, name] = [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)];
  const map: Record<string, FilterScalar | null> = prefix === 'tags' ? row.tags : row.features;
  return Object.hasOwn(map, name) ? map[name]! : null;
}

function compare(a: FilterScalar, b: FilterScalar): number {
  if (typeof a === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b as string));
  return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
}

export function evaluate(filter: SliceFilter, row: Row, task: Task): boolean {
  if (filter.and) return filter.and.every((f) => evaluate(f, row, task));
  if (filter.or) return filter.or.some((f) => evaluate(f, row, task));
  if (filter.not) return !evaluate(filter.not, row, task);
  const actual = fieldValue(row, filter.field!, task);
  if (filter.op === 'IS_NULL') return filter.value === false ? actual !== null : actual === null;
  const values = Array.isArray(filter.value) ? filter.value : [filter.value!];
  if (actual === null || typeof actual !== typeof values[0]) return false;
  if (filter.op === 'IN' || filter.op === 'NOT_IN') return values.some((v) => compare(actual, v) === 0) === (filter.op === 'IN');
  const c = compare(actual, values[0]!);
  return { EQ: c === 0, NE: c !== 0, LT: c < 0, LTE: c <= 0, GT: c > 0, GTE: c >= 0 }[filter.op as 'EQ'];
}
