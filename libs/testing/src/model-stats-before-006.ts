import type { ClickHouseClient } from '@tideline/clickhouse';

/** A model's statistics as `models` answers them, times in epoch ms. */
export interface ModelStatsRow {
  name: string;
  task: string | null;
  predictions: number;
  labeled: number;
  feedback: number;
  first: number | null;
  last: number | null;
}

const read = async <T>(client: ClickHouseClient, query: string, project: string) =>
  (await client.query({ query, query_params: { project }, format: 'JSONEachRow' })).json<T>();

/**
 * The reference for evalstore migration 006 (model statistics from a
 * summary): the three queries `models` ran before it, over the whole history
 * of both tables, kept here so that tests compare the summary's answers with
 * them and `bench:metrics` measures both in one run.
 */
export async function modelStatsBefore006(client: ClickHouseClient, project: string): Promise<ModelStatsRow[]> {
  const [predictions, labeled, feedback] = await Promise.all([
    read<{ model: string; task: string; n: string; first_ms: string; last_ms: string }>(
      client,
      `SELECT model, any(task) AS task, count() AS n, toUnixTimestamp64Milli(min(ts)) AS first_ms, toUnixTimestamp64Milli(max(ts)) AS last_ms
       FROM evalstore_predictions FINAL WHERE project = {project:String} GROUP BY model`,
      project,
    ),
    read<{ model: string; n: string }>(
      client,
      `SELECT p.model AS model, countIf(length(f.prediction_id) > 0 OR p.inline_label_positive IS NOT NULL
                                 OR p.inline_label_class IS NOT NULL OR p.inline_label_value IS NOT NULL) AS n
       FROM (SELECT model, id, inline_label_positive, inline_label_class, inline_label_value
             FROM evalstore_predictions FINAL WHERE project = {project:String}) AS p
       LEFT JOIN (SELECT DISTINCT model, prediction_id FROM evalstore_feedback WHERE project = {project:String}) AS f
         ON f.model = p.model AND f.prediction_id = p.id
       GROUP BY p.model`,
      project,
    ),
    read<{ model: string; task: string; n: string }>(
      client,
      `SELECT model, any(task) AS task, uniqExact(prediction_id) AS n FROM evalstore_feedback WHERE project = {project:String} GROUP BY model`,
      project,
    ),
  ]);
  const stats = new Map<string, ModelStatsRow>();
  const entry = (name: string) => {
    let s = stats.get(name);
    if (!s) stats.set(name, (s = { name, task: null, predictions: 0, labeled: 0, feedback: 0, first: null, last: null }));
    return s;
  };
  for (const r of predictions) Object.assign(entry(r.model), { task: r.task, predictions: Number(r.n), first: Number(r.first_ms), last: Number(r.last_ms) });
  for (const r of labeled) entry(r.model).labeled = Number(r.n);
  for (const r of feedback) {
    const s = entry(r.model);
    s.feedback = Number(r.n);
    s.task ??= r.task;
  }
  return [...stats.values()].sort((a, b) => a.name.localeCompare(b.name));
}
