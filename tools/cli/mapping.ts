/**
 * From a file's columns to Tideline's records. A column named like a record
 * field is that field (id, timestamp, modelVersion, score, …); `--map
 * field=column` says otherwise (also `features.<name>=col`, `tags.<name>=col`);
 * `--tags a,b` makes columns tags; every other column is a feature of a
 * prediction. A row that cannot become a record is rejected here, with the
 * field and the reason, like the API's own rejections.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { UsageError } from './args.ts';
import type { SourceRow } from './source.ts';

export type Kind = 'predictions' | 'feedback';
export type Task = 'BINARY' | 'MULTICLASS' | 'REGRESSION';

const FIELDS: Record<Kind, readonly string[]> = {
  predictions: ['id', 'timestamp', 'modelVersion', 'score', 'probabilities', 'predictedClass', 'value', 'label'],
  feedback: ['predictionId', 'timestamp', 'label'],
};
/** Column names taken for a field without --map (snake_case and the obvious synonyms). */
const SYNONYMS: Record<string, readonly string[]> = {
  id: ['id', 'prediction_id', 'predictionId'],
  predictionId: ['predictionId', 'prediction_id', 'id'],
  timestamp: ['timestamp', 'ts', 'time'],
  modelVersion: ['modelVersion', 'model_version', 'version'],
  predictedClass: ['predictedClass', 'predicted_class'],
};

export class Rejection extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

export interface Mapping {
  /** Record field → column. */
  fields: Map<string, string>;
  features: Map<string, string>;
  tags: Map<string, string>;
  /** For files without an id column: `<prefix>-<row>`, the same for the same file name and size, so a re-run sends the same ids. */
  idPrefix?: string;
}

export function buildMapping(kind: Kind, columns: readonly string[], options: { map?: string; tags?: string; file: string; size: number }): Mapping {
  const present = new Set(columns);
  const mapping: Mapping = { fields: new Map(), features: new Map(), tags: new Map() };
  const used = new Set<string>();
  const take = (target: Map<string, string>, name: string, column: string) => {
    if (!present.has(column)) throw new UsageError(`--map ${name}=${column}: the file has no column '${column}' (it has ${columns.join(', ')})`);
    target.set(name, column);
    used.add(column);
  };
  for (const pair of (options.map ?? '').split(',').filter(Boolean)) {
    const [name, column] = pair.split('=').map((s) => s.trim()) as [string, string | undefined];
    if (!column) throw new UsageError(`--map takes field=column pairs, not '${pair}'`);
    if (name.startsWith('features.') && kind === 'predictions') take(mapping.features, name.slice(9), column);
    else if (name.startsWith('tags.') && kind === 'predictions') take(mapping.tags, name.slice(5), column);
    else if (FIELDS[kind].includes(name)) take(mapping.fields, name, column);
    else throw new UsageError(`--map: '${name}' is not a field of ${kind} (${FIELDS[kind].join(', ')}${kind === 'predictions' ? ', features.<name>, tags.<name>' : ''})`);
  }
  for (const column of (options.tags ?? '').split(',').filter(Boolean)) take(mapping.tags, column, column);
  for (const field of FIELDS[kind]) {
    if (mapping.fields.has(field)) continue;
    const column = (SYNONYMS[field] ?? [field]).find((c) => present.has(c) && !used.has(c));
    if (column) take(mapping.fields, field, column);
  }
  const idField = kind === 'predictions' ? 'id' : 'predictionId';
  if (!mapping.fields.has(idField)) {
    if (kind === 'feedback') throw new UsageError(`feedback needs the prediction's id: a column predictionId (or --map predictionId=<column>)`);
    mapping.idPrefix = createHash('sha256').update(`${basename(options.file)}:${options.size}`).digest('hex').slice(0, 12);
  }
  if (kind === 'predictions') {
    for (const column of columns) {
      if (used.has(column)) continue;
      if (column.startsWith('tags.')) mapping.tags.set(column.slice(5), column);
      else mapping.features.set(column.startsWith('features.') ? column.slice(9) : column, column);
    }
  }
  return mapping;
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

function timestamp(value: unknown): string | undefined {
  if (isBlank(value)) return undefined;
  // Epoch numbers: milliseconds past 1e11 (year 5138 in seconds), seconds below.
  if (typeof value === 'number') return new Date(value > 1e11 ? value : value * 1000).toISOString();
  return String(value);
}

/** A label column's value as the label of the model's task. */
function label(value: unknown, task: Task | undefined): Record<string, unknown> {
  if (task === 'REGRESSION' || (task === undefined && typeof value === 'number' && value !== 0 && value !== 1)) return { value };
  if (task === 'MULTICLASS' || (task === undefined && typeof value === 'string' && !/^(true|false)$/i.test(value))) return { class: String(value) };
  if (typeof value === 'boolean') return { positive: value };
  if (value === 1 || value === 0) return { positive: value === 1 };
  if (typeof value === 'string' && /^(true|false|1|0)$/i.test(value)) return { positive: /^(true|1)$/i.test(value) };
  throw new Rejection('label', `'${String(value)}' is not a binary label (true/false or 1/0)`);
}

function probabilities(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new Rejection('output.probabilities', 'must be a JSON object of class → probability');
  }
}

/** One row as a record of `kind`; throws Rejection for a row that cannot be one. */
export function toRecord(kind: Kind, row: SourceRow, mapping: Mapping, model: string, task: Task | undefined): Record<string, unknown> {
  const get = (field: string) => {
    const column = mapping.fields.get(field);
    return column === undefined ? undefined : row[column];
  };
  const record: Record<string, unknown> = { model };
  const ts = timestamp(get('timestamp'));
  if (ts) record.timestamp = ts;
  const labelValue = get('label');
  if (kind === 'feedback') {
    if (isBlank(get('predictionId'))) throw new Rejection('predictionId', 'is empty');
    if (isBlank(labelValue)) throw new Rejection('label', 'is empty');
    return { ...record, predictionId: String(get('predictionId')), label: label(labelValue, task) };
  }
  const id = get('id');
  if (mapping.idPrefix === undefined && isBlank(id)) throw new Rejection('id', 'is empty');
  record.id = mapping.idPrefix === undefined ? String(id) : `${mapping.idPrefix}-${row.__row}`;
  if (!isBlank(get('modelVersion'))) record.modelVersion = String(get('modelVersion'));
  record.features = Object.fromEntries([...mapping.features].map(([name, column]) => [name, row[column] ?? null]));
  const tags = [...mapping.tags].filter(([, column]) => !isBlank(row[column])).map(([name, column]) => [name, String(row[column])]);
  if (tags.length) record.tags = Object.fromEntries(tags);
  const output: Record<string, unknown> = {};
  if (!isBlank(get('score'))) output.score = get('score');
  if (!isBlank(get('value'))) output.value = get('value');
  if (!isBlank(get('predictedClass'))) output.predictedClass = String(get('predictedClass'));
  if (!isBlank(get('probabilities'))) output.probabilities = probabilities(get('probabilities'));
  record.output = output;
  if (!isBlank(labelValue)) record.label = label(labelValue, task ?? (output.value !== undefined ? 'REGRESSION' : output.score !== undefined ? 'BINARY' : undefined));
  return record;
}
