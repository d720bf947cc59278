import type { Task } from '@tideline/contracts';

/**
 * The store's field vocabulary: the paths the API names a row's values by
 * (`tags.<name>`, `features.<name>`, `modelVersion`, `output.score`,
 * `output.value`, `output.predictedClass`, `label`) and where each lives in
 * the row source (`labeledRows`). Slice filters, groupBy, drift and the field
 * catalog parse paths here and nowhere else. A tag or feature name reaches
 * SQL only as a bound parameter: the caller binds it (`bind`) under its own
 * parameter names and gets the placeholder back.
 */

/** The type of a value, as ClickHouse names the type of a bound parameter. */
export type ValueKind = 'String' | 'Float64' | 'Bool';

/** A field path, parsed. */
export type Field =
  | { path: string; source: 'tags' | 'features'; name: string }
  | { path: string; source: 'column'; column: string; kind: ValueKind }
  /** The label's column depends on the model's task. */
  | { path: 'label'; source: 'label' };

interface Column {
  column: string;
  kind: ValueKind;
}

const COLUMNS: Record<string, Column> = {
  modelVersion: { column: 'model_version', kind: 'String' },
  'output.score': { column: 'score', kind: 'Float64' },
  'output.value': { column: 'value', kind: 'Float64' },
  'output.predictedClass': { column: 'predicted_class', kind: 'String' },
};
const LABEL_COLUMNS: Record<Task, Column> = {
  BINARY: { column: 'label_positive', kind: 'Bool' },
  MULTICLASS: { column: 'label_class', kind: 'String' },
  REGRESSION: { column: 'label_value', kind: 'Float64' },
};
/** A feature is stored in the map of its value's type; a feature sent as null only in `features_null`. */
const FEATURE_MAPS: Record<ValueKind, string> = { Float64: 'features_num', String: 'features_str', Bool: 'features_bool' };
/** Every kind, in the order of the feature maps. */
export const VALUE_KINDS: readonly ValueKind[] = ['Float64', 'String', 'Bool'];
/** A tag or feature name: 1 to 256 characters without control characters (ingest accepts no other). */
const MAP_KEY = /^[^\u0000-\u001f]{1,256}$/;

/** Every path, for error messages. */
export const FIELD_PATHS = 'tags.<name>, features.<name>, modelVersion, output.score, output.value, output.predictedClass or label';

/** The field a path names, or undefined when it names none. */
export function parseField(path: string): Field | undefined {
  if (Object.hasOwn(COLUMNS, path)) return { path, source: 'column', ...COLUMNS[path]! };
  if (path === 'label') return { path, source: 'label' };
  const dot = path.indexOf('.');
  const prefix = path.slice(0, dot);
  const name = path.slice(dot + 1);
  if (dot > 0 && (prefix === 'tags' || prefix === 'features') && MAP_KEY.test(name)) return { path, source: prefix, name };
  return undefined;
}

/** The path of a feature or tag name. */
export const fieldPath = (source: 'tags' | 'features', name: string) => `${source}.${name}`;

/** A field's value in the row source, as SQL over its columns. */
export interface FieldSql {
  /** The types of value the field holds. */
  kinds: readonly ValueKind[];
  /** The value as `kind` (meaningful where `has(kind)` holds). */
  value(kind: ValueKind): string;
  /** True when the row holds a value of `kind`: a comparison holds only then (a feature sent as a string never compares as a number). */
  has(kind: ValueKind): string;
  /** True when the row holds no value (a feature sent as null has none). */
  absent: string;
  /** True when the row sent the field as null (features only; false elsewhere). */
  sentNull: string;
  /**
   * The value as a category, for grouping and category counts: strings as
   * they are, booleans as 'true' / 'false'; undefined for numeric fields.
   */
  category?: { value: string; has: string };
}

const columnSql = ({ column, kind }: Column): FieldSql => ({
  kinds: [kind],
  value: () => column,
  has: (k) => (k === kind ? `(${column} IS NOT NULL)` : '0'),
  absent: `(${column} IS NULL)`,
  sentNull: '0',
  category: kind === 'String' ? { value: column, has: `(${column} IS NOT NULL)` } : undefined,
});

/**
 * The SQL of a field. `bind` binds a tag or feature name as a String
 * parameter and returns its placeholder; `label` needs the model's task.
 */
export function fieldSql(field: Field, bind: (name: string) => string, task?: Task): FieldSql {
  if (field.source === 'column') return columnSql(field);
  if (field.source === 'label') {
    if (!task) throw new Error("'label' needs the model's task");
    return columnSql(LABEL_COLUMNS[task]);
  }
  const key = bind(field.name);
  if (field.source === 'tags') {
    const has = `mapContains(tags, ${key})`;
    return { kinds: ['String'], value: () => `tags[${key}]`, has: (k) => (k === 'String' ? has : '0'), absent: `(NOT ${has})`, sentNull: '0', category: { value: `tags[${key}]`, has } };
  }
  const has = (k: ValueKind) => `mapContains(${FEATURE_MAPS[k]}, ${key})`;
  return {
    kinds: VALUE_KINDS,
    value: (k) => `${FEATURE_MAPS[k]}[${key}]`,
    has,
    absent: `(${VALUE_KINDS.map((k) => `NOT ${has(k)}`).join(' AND ')})`,
    sentNull: `has(features_null, ${key})`,
    category: {
      value: `if(${has('String')}, ${FEATURE_MAPS.String}[${key}], toString(${FEATURE_MAPS.Bool}[${key}]))`,
      has: `(${has('String')} OR ${has('Bool')})`,
    },
  };
}
