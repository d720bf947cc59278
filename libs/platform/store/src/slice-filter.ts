import { PublicError, type Task } from '@tideline/contracts';
import { FIELD_PATHS, fieldSql, parseField, type FieldSql, type ValueKind } from './fields.ts';

/**
 * The typed slice filter of the public API (`SliceFilterInput`): a tree of
 * and / or / not over leaves `{ field, op, value }`. It is the only way user
 * input selects rows, and `sliceFilterToSql` is the only place it becomes SQL:
 * field paths map to columns through the store's vocabulary (fields.ts),
 * every value and map key is a bound parameter.
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

class Compiler {
  readonly params: Record<string, unknown> = {};
  private next = 0;
  private leaves = 0;

  constructor(
    private readonly task: Task | undefined,
    private readonly prefix: string,
  ) {}

  param(kind: string, value: unknown): string {
    const name = `${this.prefix}${this.next++}`;
    // chDB refuses to bind whole numbers past 2^53 given as JS numbers (1e16, 1e300): such a
    // double is an integer exactly, so it travels as that BigInt, which binds to the same Float64.
    const bindable = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : v);
    this.params[name] = Array.isArray(value) ? value.map(bindable) : bindable(value);
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
      return filter.value === false ? `(NOT ${column.absent})` : column.absent;
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
      return `(${column.has(kind)} AND ${op === 'IN' ? test : `NOT (${test})`})`;
    }
    if (!op || !(op in COMPARISON)) throw new SliceFilterError(`${path}.op`, `unknown operator '${String(op)}'`);
    if (Array.isArray(filter.value)) throw new SliceFilterError(`${path}.value`, `${op} takes a single value, not a list`);
    const kind = this.kindOf(filter.value, `${path}.value`, column);
    return `(${column.has(kind)} AND ${column.value(kind)} ${COMPARISON[op as keyof typeof COMPARISON]} ${this.param(kind, filter.value)})`;
  }

  private kindOf(value: unknown, path: string, column: FieldSql): ValueKind {
    const kind: ValueKind | undefined =
      typeof value === 'string' ? 'String' : typeof value === 'number' && Number.isFinite(value) ? 'Float64' : typeof value === 'boolean' ? 'Bool' : undefined;
    if (!kind) throw new SliceFilterError(path, 'must be a string, a finite number or a boolean');
    if (!column.kinds.includes(kind)) throw new SliceFilterError(path, `this field compares with ${column.kinds.join(' or ')} values, not ${kind}`);
    return kind;
  }

  private column(path: string, at: string): FieldSql {
    const field = parseField(path);
    if (!field) throw new SliceFilterError(at, `unknown field '${path.slice(0, 80)}'; expected ${FIELD_PATHS}`);
    if (field.source === 'label' && !this.task) throw new SliceFilterError(at, "'label' needs the model's task");
    return fieldSql(field, (name) => this.param('String', name), this.task);
  }
}

/**
 * Compiles a slice filter to a parameterized SQL condition; `null` means all rows.
 * Its parameters are named `<paramPrefix><n>` (`sf0`, `sf1`, … by default): a
 * statement holding several filters gives each its own prefix.
 */
export function sliceFilterToSql(filter: SliceFilter | null | undefined, options: { task?: Task; paramPrefix?: string } = {}): CompiledFilter {
  if (filter === null || filter === undefined) return { sql: '1', params: {} };
  const compiler = new Compiler(options.task, options.paramPrefix ?? 'sf');
  const sql = compiler.compile(filter, '', 0);
  return { sql, params: compiler.params };
}

/** Every field a slice filter names, walking its and / or / not tree (whatever its shape). */
export function sliceFilterFields(filter: unknown): string[] {
  if (!filter || typeof filter !== 'object') return [];
  const f = filter as { and?: unknown[] | null; or?: unknown[] | null; not?: unknown; field?: unknown };
  return [
    ...(typeof f.field === 'string' ? [f.field] : []),
    ...[...(f.and ?? []), ...(f.or ?? [])].flatMap(sliceFilterFields),
    ...sliceFilterFields(f.not),
  ];
}
