/**
 * The mapping (mapping.ts) as one ClickHouse expression: for each row of the
 * file, a line that is either the record's NDJSON — exactly what
 * `/v1/predictions` or `/v1/feedback` takes — or, for a row that cannot be a
 * record, `!` and a JSON array `[field, reason]`. The engine builds every line
 * (vectorized, in C++), so the CLI posts bytes it never parses or serializes.
 * Column names and every string from the user travel as query parameters
 * (`{cN:Identifier}`, `{sN:String}`), never as SQL text.
 */
import type { Kind, Mapping, Task } from './mapping.ts';

/** A column's values as JSON sees them: which rules apply to it depends on this, decided once from its type. */
type Shape = 'string' | 'number' | 'bool' | 'time' | 'other';

function shapeOf(type: string): Shape {
  const bare = type.replace(/^(Nullable|LowCardinality)\((.*)\)$/, '$2').replace(/^(Nullable|LowCardinality)\((.*)\)$/, '$2');
  if (/^(String|FixedString\(\d+\)|Enum\d*\(.*\))$/.test(bare)) return 'string';
  if (/^(U?Int\d+|Float\d+|Decimal.*)$/.test(bare)) return 'number';
  if (bare === 'Bool') return 'bool';
  if (/^(Date|Date32|DateTime|DateTime64)(\(.*\))?$/.test(bare)) return 'time';
  return 'other';
}

/** Builds SQL with placeholders, collecting the parameters' values. */
class Sql {
  readonly params: Record<string, string> = {};
  private count = 0;

  constructor(private readonly types: ReadonlyMap<string, string>) {}

  /** A string from the user (or made from one) as a String parameter. */
  str(text: string): string {
    const name = `s${this.count++}`;
    this.params[name] = text;
    return `{${name}:String}`;
  }

  /** The column's value, and the expressions the rules need about it. */
  column(name: string) {
    const id = `c${this.count++}`;
    this.params[id] = name;
    const ref = `{${id}:Identifier}`;
    const type = this.types.get(name) ?? 'String';
    const shape = shapeOf(type);
    const nullable = type.startsWith('Nullable(');
    /** Not null, for use where blank rows were already set aside. */
    const value = nullable ? `assumeNotNull(${ref})` : ref;
    const blank = shape === 'string' ? `(ifNull(toString(${ref}), '') = '')` : nullable ? `isNull(${ref})` : '0';
    return {
      shape,
      value,
      blank,
      /** Its JSON value, null for null (a feature). */
      json: `ifNull(toJSONString(${ref}), 'null')`,
      /** `String(value)` as JSON: a tag, an id, a model version, a class. */
      text: `toJSONString(toString(${value}))`,
    };
  }
}

type Column = ReturnType<Sql['column']>;

/** `"key": value` pieces (each starting with a comma) as a JSON object. */
const object = (pieces: readonly string[]) => (pieces.length ? `concat('{', substring(concat(${pieces.join(', ')}), 2), '}')` : `'{}'`);
/** A field present only when its column is not blank. */
const optional = (sql: Sql, key: string, column: Column, json: string) => `if(${column.blank}, '', concat(${sql.str(`,${JSON.stringify(key)}:`)}, ${json}))`;
const reject = (field: string, reason: string) => `toJSONString([${sql(field)}, ${reason}])`;
/** A constant of ours (field names, fixed reasons): quoted for SQL, never user input. */
const sql = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Epoch numbers are seconds (milliseconds past 1e11, which is year 5138 in seconds); dates as ISO 8601 (date_time_output_format). */
function timestampJson(column: Column): string {
  if (column.shape === 'number') return `toJSONString(toDateTime64(if(${column.value} > 1e11, ${column.value} / 1000, ${column.value}), 3, 'UTC'))`;
  if (column.shape === 'time') return `toJSONString(${column.value})`;
  return column.text;
}

/**
 * A label column's value as the label of the model's task (`task`: an SQL
 * expression, '' when unknown): `{value}`, `{class}` or `{positive}`, and the
 * condition under which the row is rejected instead.
 */
function labelJson(column: Column, task: string): { json: string; invalid: string } {
  const v = column.value;
  const as = (key: string, json: string) => `concat('{"${key}":', ${json}, '}')`;
  const regression = as('value', `toJSONString(${v})`);
  const multiclass = as('class', column.text);
  switch (column.shape) {
    case 'number':
      return {
        json: `multiIf(${task} = 'REGRESSION' OR (${task} = '' AND ${v} NOT IN (0, 1)), ${regression}, ${task} = 'MULTICLASS', ${multiclass}, ${as('positive', `if(${v} = 1, 'true', 'false')`)})`,
        invalid: `(${task} = 'BINARY' AND ${v} NOT IN (0, 1))`,
      };
    case 'bool':
      return { json: `multiIf(${task} = 'REGRESSION', ${regression}, ${task} = 'MULTICLASS', ${multiclass}, ${as('positive', `toJSONString(${v})`)})`, invalid: '0' };
    case 'string': {
      const lower = `lower(toString(${v}))`;
      return {
        json: `multiIf(${task} = 'REGRESSION', ${regression}, ${task} = 'MULTICLASS' OR (${task} = '' AND ${lower} NOT IN ('true', 'false')), ${multiclass}, ${as('positive', `if(${lower} IN ('true', '1'), 'true', 'false')`)})`,
        invalid: `(${task} = 'BINARY' AND ${lower} NOT IN ('true', 'false', '1', '0'))`,
      };
    }
    default:
      return { json: `multiIf(${task} = 'REGRESSION', ${regression}, ${multiclass})`, invalid: `(${task} NOT IN ('REGRESSION', 'MULTICLASS'))` };
  }
}

const labelReason = (column: Column) => `concat('''', toString(${column.value}), ''' is not a binary label (true/false or 1/0)')`;

export interface RecordSelect {
  /** A select list over the file's columns and `__row` (the row's 1-based number) whose `__tl_line` is the row's line. */
  columns: string;
  params: Record<string, string>;
}

/** The expression of each row's line: the record's NDJSON, or `!["field","reason"]` for a row rejected by the mapping. */
export function recordLine(kind: Kind, mapping: Mapping, types: ReadonlyMap<string, string>, model: string, task: Task | undefined): RecordSelect {
  const q = new Sql(types);
  const field = (name: string) => {
    const column = mapping.fields.get(name);
    return column === undefined ? undefined : q.column(column);
  };
  const ts = field('timestamp');
  const head = [q.str(`{"model":${JSON.stringify(model)}`), ts ? optional(q, 'timestamp', ts, timestampJson(ts)) : `''`];
  const label = field('label');
  const rejections: [string, string][] = [];
  let body: string[];
  if (kind === 'feedback') {
    const id = field('predictionId')!;
    rejections.push([id.blank, reject('predictionId', `'is empty'`)]);
    const { json, invalid } = labelJson(label!, task ? q.str(task) : `''`); // buildMapping requires a label column for feedback
    rejections.push([label!.blank, reject('label', `'is empty'`)], [invalid, reject('label', labelReason(label!))]);
    body = [`',"predictionId":'`, id.text, `',"label":'`, json];
  } else {
    const id = field('id');
    if (id) rejections.push([id.blank, reject('id', `'is empty'`)]);
    const idJson = id ? id.text : `toJSONString(concat(${q.str(`${mapping.idPrefix}-`)}, toString(__row)))`;
    const version = field('modelVersion');
    const features = [...mapping.features].map(([name, column]) => `${q.str(`,${JSON.stringify(name)}:`)}, ${q.column(column).json}`);
    const tags = [...mapping.tags].map(([name, column]) => {
      const c = q.column(column);
      return optional(q, name, c, c.text);
    });
    const [score, value, predicted, probabilities] = ['score', 'value', 'predictedClass', 'probabilities'].map(field);
    const output: string[] = [];
    if (score) output.push(optional(q, 'score', score, score.json));
    if (value) output.push(optional(q, 'value', value, value.json));
    if (predicted) output.push(optional(q, 'predictedClass', predicted, predicted.text));
    if (probabilities) {
      const isText = probabilities.shape === 'string';
      output.push(optional(q, 'probabilities', probabilities, isText ? `toString(${probabilities.value})` : probabilities.json));
      if (isText) rejections.push([`(NOT ${probabilities.blank} AND NOT isValidJSON(toString(${probabilities.value})))`, reject('output.probabilities', `'must be a JSON object of class → probability'`)]);
    }
    body = [`',"id":'`, idJson, version ? optional(q, 'modelVersion', version, version.text) : `''`, `',"features":'`, object(features.map((f) => `concat(${f})`))];
    if (tags.length) body.push(`if(__tl_tags = '{}', '', concat(',"tags":', __tl_tags))`);
    body.push(`',"output":'`, object(output));
    if (label) {
      // The task: given (or the model's), else what the row's output says (a value: regression; a score: binary).
      const rowTask = task ? q.str(task) : `multiIf(${value ? `NOT ${value.blank}` : '0'}, 'REGRESSION', ${score ? `NOT ${score.blank}` : '0'}, 'BINARY', '')`;
      const { json, invalid } = labelJson(label, rowTask);
      rejections.push([`(NOT ${label.blank} AND ${invalid})`, reject('label', labelReason(label))]);
      body.push(`if(${label.blank}, '', concat(',"label":', ${json}))`);
    }
    return select(q, [...head, ...body], rejections, tags.length ? object(tags) : `'{}'`);
  }
  return select(q, [...head, ...body], rejections, `'{}'`);
}

/** Named once and used twice (tested, then built in), each of these is an alias of the select list. */
function select(q: Sql, record: readonly string[], rejections: readonly [string, string][], tags: string): RecordSelect {
  const rejected = rejections.length ? `multiIf(${rejections.flat().join(', ')}, '')` : `''`;
  return {
    columns: `${tags} AS __tl_tags, ${rejected} AS __tl_rejected, if(__tl_rejected = '', concat(${record.join(', ')}, '}'), concat('!', __tl_rejected)) AS __tl_line`,
    params: q.params,
  };
}
