import type { ClickHouseClient } from '@tideline/clickhouse';
import { PREDICTIONS_TABLE, rows, VALUE_KINDS, type Field, type FieldSql, type Params } from '@tideline/store';

interface ProbeScope {
  project: string;
  model: string;
  /** SQL condition on the predictions' columns (the windows, or 1 for the model's history), with its parameters. */
  where: string;
  params: Params;
}

/** The feature maps by kind, in the order of the counts: number, string, boolean, sent as null. */
const KEY_COLUMNS = ['features_num.keys', 'features_str.keys', 'features_bool.keys', 'features_null'];

/**
 * Rows holding a number, a string, a boolean, a null of each field (four
 * counts a field), which decide a feature's type. `features.<name>` fields
 * are counted from the maps' keys, each map's keys read once and exploded
 * (ARRAY JOIN, kept when asked for): `mapContains` per feature searches
 * every row's keys once per feature, quadratic in a wide report (11 s CPU
 * for 100 of 1,000 features over 200k rows). A key is counted once a row
 * (ingest writes a record's features as a JSON object: keys are unique).
 * Other fields (tags, output columns) are counted per field.
 */
export async function kindCounts(client: ClickHouseClient, s: ProbeScope, parsed: readonly Field[], fields: readonly FieldSql[]): Promise<number[][]> {
  const counts = parsed.map(() => [0, 0, 0, 0]);
  const from = `FROM ${PREDICTIONS_TABLE}`;
  const where = `project = {project:String} AND model = {model:String} AND ${s.where}`;
  const params: Params = { ...s.params, project: s.project, model: s.model };
  const keyed = new Map(parsed.flatMap((f, i) => (f.source === 'features' ? [[f.name, i] as const] : [])));
  const others = parsed.flatMap((f, i) => (f.source === 'features' ? [] : [i]));
  const queries: Promise<void>[] = [];
  if (keyed.size > 0) {
    const sql = KEY_COLUMNS.map((col, kind) => `SELECT toUInt8(${kind}) AS kind, k, count() AS n ${from} ARRAY JOIN ${col} AS k WHERE ${where} AND k IN {pk:Array(String)} GROUP BY k`);
    queries.push(
      rows<{ kind: number; k: string; n: string }>(client, sql.join(' UNION ALL '), { ...params, pk: [...keyed.keys()] }).then((found) => {
        for (const r of found) counts[keyed.get(r.k)!]![Number(r.kind)] = Number(r.n);
      }),
    );
  }
  if (others.length > 0) {
    const probes = others.map((i) => `[${VALUE_KINDS.map((k) => `countIf(${fields[i]!.has(k)})`).join(', ')}, countIf(${fields[i]!.sentNull})]`);
    queries.push(
      rows<{ counts: string[][] }>(client, `SELECT [${probes.join(', ')}] AS counts ${from} WHERE ${where}`, params).then(([r]) => {
        r!.counts.forEach((c, j) => (counts[others[j]!] = c.map(Number)));
      }),
    );
  }
  await Promise.all(queries);
  return counts;
}
