import type { ClickHouseClient } from '@tideline/clickhouse';
import { parseField } from './fields.ts';
import { rows } from './labeled-rows.ts';

/**
 * The field catalog: the tag and feature names each model has carried, one
 * row per (project, model, kind, name), `kind` 'tags' or 'features'. The
 * evaluation store's writer fills it; every read of it is here. Ordered by
 * its key, so each read is a key-range lookup however many predictions the
 * model has; a name written twice collapses only when the table merges, so
 * reads are DISTINCT.
 */
export const FIELDS_TABLE = 'evalstore_fields';

/** Most names of each kind `fieldNames` answers a model with; past it the catalog holds ids, not fields (a tag per user, say). */
export const MAX_FIELD_NAMES = 10_000;

/**
 * The `tags.<name>` / `features.<name>` fields among `fields` that the model
 * has never carried.
 */
export async function unknownFields(client: ClickHouseClient, project: string, model: string, fields: readonly string[]): Promise<string[]> {
  const named = [...new Set(fields)].filter((path) => {
    const source = parseField(path)?.source;
    return source === 'tags' || source === 'features';
  });
  if (named.length === 0) return [];
  // kind has no dot, so 'kind.name' is unambiguous whatever the name holds.
  const known = await rows<{ field: string }>(
    client,
    `SELECT DISTINCT concat(kind, '.', name) AS field FROM ${FIELDS_TABLE}
     WHERE project = {project:String} AND model = {model:String} AND concat(kind, '.', name) IN {fields:Array(String)}`,
    { project, model, fields: named },
  );
  const have = new Set(known.map((k) => k.field));
  return named.filter((path) => !have.has(path));
}

export interface FieldNames {
  tagNames: string[];
  featureNames: string[];
}

/** The tag and feature names of each of `models` (one read for all of them), sorted, at most MAX_FIELD_NAMES of each kind; none for a model the catalog does not hold. */
export async function fieldNames(client: ClickHouseClient, project: string, models: readonly string[]): Promise<Map<string, FieldNames>> {
  const found = await rows<{ model: string; kind: string; name: string }>(
    client,
    `SELECT DISTINCT model, kind, name FROM ${FIELDS_TABLE} WHERE project = {project:String} AND model IN {models:Array(String)}
     ORDER BY model, kind, name LIMIT {max:UInt32} BY model, kind`,
    { project, models, max: MAX_FIELD_NAMES },
  );
  const names = new Map(models.map((model): [string, FieldNames] => [model, { tagNames: [], featureNames: [] }]));
  for (const { model, kind, name } of found) names.get(model)?.[kind === 'tags' ? 'tagNames' : 'featureNames'].push(name);
  return names;
}
