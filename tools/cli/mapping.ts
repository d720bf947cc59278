/**
 * From a file's columns to Tideline's records. A column named like a record
 * field is that field (id, timestamp, modelVersion, score, …); `--map
 * field=column` says otherwise (also `features.<name>=col`, `tags.<name>=col`);
 * `--tags a,b` makes columns tags; every other column is a feature of a
 * prediction. record-sql.ts turns the mapping into the SQL that builds each
 * row's record (and rejects, with the field and the reason, a row that cannot
 * be one, like the API's own rejections).
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { UsageError } from './args.ts';

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
  if (kind === 'feedback' && !mapping.fields.has('label')) throw new UsageError(`feedback needs the label: a column label (or --map label=<column>)`);
  if (kind === 'predictions') {
    for (const column of columns) {
      if (used.has(column)) continue;
      if (column.startsWith('tags.')) mapping.tags.set(column.slice(5), column);
      else mapping.features.set(column.startsWith('features.') ? column.slice(9) : column, column);
    }
  }
  return mapping;
}
