import type { ClickHouseClient } from '@tideline/clickhouse';
import { FIELDS_TABLE, rows } from '@tideline/store';

/** Most names of each kind a model answers with; past it the catalog holds ids, not fields (a tag per user, say). */
export const MAX_FIELD_NAMES = 10_000;

export interface FieldNames {
  tagNames: string[];
  featureNames: string[];
}

/**
 * The tag and feature names a model's predictions have carried, sorted, from
 * the field catalog the writer fills (`evalstore_fields`, ordered by project,
 * model, kind, name): a key-range read, whatever the number of predictions —
 * where reading one stored prediction to learn them joins the model's labels.
 */
export async function fieldNames(client: ClickHouseClient, project: string, model: string): Promise<FieldNames> {
  // The table collapses a name written twice only when it merges: DISTINCT.
  const found = await rows<{ kind: string; name: string }>(
    client,
    `SELECT DISTINCT kind, name FROM ${FIELDS_TABLE} WHERE project = {project:String} AND model = {model:String}
     ORDER BY kind, name LIMIT {max:UInt32} BY kind`,
    { project, model, max: MAX_FIELD_NAMES },
  );
  const of = (kind: string) => found.filter((f) => f.kind === kind).map((f) => f.name);
  return { tagNames: of('tags'), featureNames: of('features') };
}
