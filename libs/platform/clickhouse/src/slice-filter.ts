import { PublicError, type Task } from '@tideline/contracts';

/**
 * The typed slice filter of the public API (`SliceFilterInput`): a tree of
 * and / or / not over leaves `{ field, op, value }`. It is the only way user
 * input selects rows, and `sliceFilterToSql` is the only place it becomes SQL:
 * field names map to known columns, every value and map key is a bound
 * parameter.
 */
export type FilterOp = 'EQ' | 'NE' | 'IN' | 'NOT_IN' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'IS_NULL';
export type FilterScalar = string | number | boolean;

export interface SliceFilter {
  and?: SliceFilter[] | null;
  or?: SliceFilter[] | null;
  not?: SliceFilter | null;
  field?: string | null;
  op?: FilterOp | null;
  value?: FilterScalar | FilterScalar[] | null;
}

export class SliceFilterError extends PublicError {
  constructor(
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('INVALID_SLICE', `slice${path}: ${message}`, {}, options);
  }
}

export interface CompiledFilter {
  /** A boolean SQL expression over the store's row columns, `1` for no filter. */
  sql: string;
  params: Record<string, unknown>;
}

const MAX_DEPTH = 16;
const MAX_LEAVES = 200;
const MAX_IN_VALUES = 1000;
const COMPARISON: Record<Exclude<FilterOp, 'IN' | 'NOT_IN' | 'IS_NULL'>, string> = { EQ: '=', NE: '!=', LT: '<', LTE: '<=', GT: '>', GTE: '>=' };
const FIELD_NAME = /^[^\u0000-\u001f]{1,256}$/;

type ScalarKind = 'String' | 'Float64' | 'Bool';

/** Where a field's value lives, given the kind of value it is compared with. */
interface ColumnRef {
  /** SQL for the value, given the parameter placeholder of a map key. */
  value(kind: ScalarKind): string;
  /** SQL that is true when the row has no value. */
  isNull: string;
  kinds: readonly ScalarKind[];
}

class Compiler {
  readonly params: Record<string, unknown> = {};
  private next = 0;
  private leaves = 0;

  constructor(private readonly task: Task | undefined) {}

  param(kind: string, value: unknown): string {
    const name = `sf${this.next++}`;
    this.params[name] = value;
    return `{${name}:${kind}}`;
  }

  compile(filter: SliceFilter, path: string, depth: number): string {
    if (depth > MAX_DEPTH) throw new SliceFilterError(path, `nested deeper than ${MAX_DEPTH} levels`);
    if (filter === null || typeof filter !== 'object') throw new SliceFilterError(path, 'must be an object');
    const given = (['and', 'or', 'not', 'field'] as const).filter((k) => filter[k] !== undefined && filter[k] !== null);
    if (given.length !== 1) throw new SliceFilterError(path, `must have exactly one of and, or, not, field (got ${given.join(', ') || 'none'})`);
    if (filter.and || filter.or) {
      const key = filter.and ? 'and' : 'or';
      const children = filter[key]!;
      if (!Array.isArray(children) || children.length === 0) throw new SliceFilterError(`${path}.${key}`, 'must be a non-empty list');
      const parts = children.map((child, i) => this.compile(child, `${path}.${key}[${i}]`, depth + 1));
      return `(${parts.join(key === 'and' ? ' AND ' : ' OR ')})`;
    }
    if (filter.not) return `(NOT ${this.compile(filter.not, `${path}.not`, depth + 1)})`;
    return this.leaf(filter, path);
  }

  private leaf(filter: SliceFilter, path: string): string {
    if (++this.leaves > MAX_LEAVES) throw new SliceFilterError(path, `more than ${MAX_LEAVES} conditions`);
    const column = this.column(String(filter.field), `${path}.field`);
    const op = filter.op;
    if (op === 'IS_NULL') {
      if (filter.value !== undefined && filter.value !== null && typeof filter.value !== 'boolean') {
        throw new SliceFilterError(`${path}.value`, 'IS_NULL takes no value, or true / false');
      }
      return filter.value === false ? `(NOT ${column.isNull})` : column.isNull;
    }
    if (op === 'IN' || op === 'NOT_IN') {
      const values = filter.value;
      if (!Array.isArray(values) || values.length === 0) throw new SliceFilterError(`${path}.value`, `${op} needs a non-empty list`);
      if (values.length > MAX_IN_VALUES) throw new SliceFilterError(`${path}.value`, `${op} takes at most ${MAX_IN_VALUES} values`);
      const kind = this.kindOf(values[0], `${path}.value[0]`, column);
      values.forEach((v, i) => {
        if (this.kindOf(v, `${path}.value[${i}]`, column) !== kind) throw new SliceFilterError(`${path}.value[${i}]`, 'all values of a list must have the same type');
      });
      const test = `${column.value(kind)} IN ${this.param(`Array(${kind})`, values)}`;
      return `(NOT ${column.isNull} AND ${op === 'IN' ? test : `NOT (${test})`})`;
    }
    if (!op || !(op in COMPARISON)) throw new SliceFilterError(`${path}.op`, `unknown operator '${String(op)}'`);
    if (Array.isArray(filter.value)) throw new SliceFilterError(`${path}.value`, `${op} takes a single value, not a list`);
    const kind = this.kindOf(filter.value, `${path}.value`, column);
    return `(NOT ${column.isNull} AND ${column.value(kind)} ${COMPARISON[op as keyof typeof COMPARISON]} ${this.param(kind, filter.value)})`;
  }

  private kindOf(value: unknown, path: string, column: ColumnRef): ScalarKind {
    const kind: ScalarKind | undefined =
      typeof value === 'string' ? 'String' : typeof value === 'number' && Number.isFinite(value) ? 'Float64' : typeof value === 'boolean' ? 'Bool' : undefined;
    if (!kind) throw new SliceFilterError(path, 'must be a string, a finite number or a boolean');
    if (!column.kinds.includes(kind)) throw new SliceFilterError(path, `this field compares with ${column.kinds.join(' or ')} values, not ${kind}`);
    return kind;
  }

  private column(field: string, path: string): ColumnRef {
    const plain = (sql: string, kinds: ScalarKind[]): ColumnRef => ({ value: () => sql, isNull: `(${sql} IS NULL)`, kinds });
    if (field === 'modelVersion') return plain('model_version', ['String']);
    if (field === 'output.score') return plain('score', ['Float64']);
    if (field === 'output.value') return plain('value', ['Float64']);
    if (field === 'output.predictedClass') return plain('predicted_class', ['String']);
    if (field === 'label') {
      if (this.task === 'BINARY') return plain('label_positive', ['Bool']);
      if (this.task === 'MULTICLASS') return plain('label_class', ['String']);
      if (this.task === 'REGRESSION') return plain('label_value', ['Float64']);
      throw new SliceFilterError(path, "'label' needs the model's task");
    }
    const dot = field.indexOf('.');
    const prefix = field.slice(0, dot);
    const name = field.slice(dot + 1);
    if (dot > 0 && FIELD_NAME.test(name) && (prefix === 'tags' || prefix === 'features')) {
      const key = this.param('String', name);
      if (prefix === 'tags') return { value: () => `tags[${key}]`, isNull: `(NOT mapContains(tags, ${key}))`, kinds: ['String'] };
      const columnOf: Record<ScalarKind, string> = { Float64: 'features_num', String: 'features_str', Bool: 'features_bool' };
      return {
        value: (kind) => `${columnOf[kind]}[${key}]`,
        isNull: `(NOT mapContains(features_num, ${key}) AND NOT mapContains(features_str, ${key}) AND NOT mapContains(features_bool, ${key}))`,
        kinds: ['Float64', 'String', 'Bool'],
      };
    }
    throw new SliceFilterError(
      path,
      `unknown field '${field.slice(0, 80)}'; expected tags.<name>, features.<name>, modelVersion, output.score, output.value, output.predictedClass or label`,
    );
  }
}

/** Compiles a slice filter to a parameterized SQL condition; `null` means all rows. */
export function sliceFilterToSql(filter: SliceFilter | null | undefined, options: { task?: Task } = {}): CompiledFilter {
  if (filter === null || filter === undefined) return { sql: '1', params: {} };
  const compiler = new Compiler(options.task);
  const sql = compiler.compile(filter, '', 0);
  return { sql, params: compiler.params };
}
