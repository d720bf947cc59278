import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { rows, type Params } from './labeled-rows.ts';

/**
 * Per-model summary ClickHouse keeps from both tables by materialized views
 * (evalstore migration 006, AggregatingMergeTree keyed by (project, model,
 * model_version), the model's feedback under version ''). Every read here
 * is one key range, the project's or one model's, never a model's history.
 */
export const MODEL_SUMMARY_TABLE = 'evalstore_model_summary';

export interface ModelListing {
  name: string;
  task: Task | null;
  firstPredictionAt: Date | null;
  lastPredictionAt: Date | null;
  /**
   * Rows ever inserted for the model (copies included): it grows with every
   * insert, so counts finalized at the same fingerprint are still exact.
   */
  fingerprint: number;
}

/** The counts of `Model`, each finalized from uniqExact states of ids. */
export type ModelCountKind = 'predictions' | 'labeled' | 'feedback';

/** A count per model, with the fingerprint of the summary rows it was finalized from. */
export type ModelCounts = Map<string, { n: number; fingerprint: number }>;

type Scope = { where: string; params: Params };

const scope = (project: string, models?: readonly string[]): Scope => ({
  where: `project = {project:String}${models ? ' AND model IN {models:Array(String)}' : ''}`,
  params: { project, models: models ?? [] },
});

const num = (v: string | number | null) => (v === null ? null : Number(v));
const date = (v: string | number | null) => (v === null ? null : new Date(Number(v)));

/** The models of `project` (or those of `models`) with any record stored, by name: single values only, no id is read. */
export async function listModels(client: ClickHouseClient, project: string, models?: readonly string[]): Promise<ModelListing[]> {
  const { where, params } = scope(project, models);
  const found = await rows<{ model: string; task: string; first_ms: string | number | null; last_ms: string | number | null; fingerprint: string | number }>(
    client,
    `SELECT model, any(task) AS task, toUnixTimestamp64Milli(min(first_ts)) AS first_ms, toUnixTimestamp64Milli(max(last_ts)) AS last_ms,
       sum(rows_in) AS fingerprint
     FROM ${MODEL_SUMMARY_TABLE} WHERE ${where} GROUP BY model ORDER BY model`,
    params,
  );
  return found.map((r) => ({ name: r.model, task: r.task as Task, firstPredictionAt: date(r.first_ms), lastPredictionAt: date(r.last_ms), fingerprint: num(r.fingerprint)! }));
}

/**
 * Labeled predictions of a version, from sets of ids: P (its predictions), I
 * (those labeled inline, I ⊆ P) and F (ids with feedback, any version):
 * |P ∩ (F ∪ I)| = |P| + |F ∪ I| − |P ∪ F|, since P ∪ F ∪ I = P ∪ F.
 */
const LABELED_PER_VERSION = `finalizeAggregation(p) + arrayReduce('uniqExactMerge', [i, f]) - arrayReduce('uniqExactMerge', [p, f])`;

/**
 * Each count's SQL; every subquery sums `rows_in` of the rows it reads, in
 * the same read, so the fingerprint describes exactly the data counted.
 */
const PREDICTIONS_SQL = (where: string) => `
  SELECT model, sum(n) AS predictions, sum(fp) AS fingerprint FROM (
    SELECT model, model_version, uniqExactMerge(predictions) AS n, sum(rows_in) AS fp
    FROM ${MODEL_SUMMARY_TABLE} WHERE ${where} GROUP BY model, model_version)
  GROUP BY model`;

const FEEDBACK_SQL = (where: string) => `
  SELECT model, uniqExactMerge(feedback) AS feedback, sum(rows_in) AS fingerprint
  FROM ${MODEL_SUMMARY_TABLE} WHERE ${where} GROUP BY model`;

/**
 * The labeled count reads every state there is (P, I per version, F), so it
 * finalizes the other two counts in the same read: a model's versions joined
 * with its feedback row (either side may be missing: a model without
 * feedback, feedback still waiting for any prediction).
 */
const ALL_COUNTS_SQL = (where: string) => `
  SELECT if(v.model = '', fb.model, v.model) AS name, sum(finalizeAggregation(p)) AS predictions, sum(${LABELED_PER_VERSION}) AS labeled,
    any(finalizeAggregation(f)) AS feedback, sum(v.fp) + any(fb.fp) AS fingerprint
  FROM (SELECT model, model_version, uniqExactMergeState(predictions) AS p, uniqExactMergeState(inline_labeled) AS i, sum(rows_in) AS fp
        FROM ${MODEL_SUMMARY_TABLE} WHERE ${where} AND model_version != '' GROUP BY model, model_version) AS v
  FULL JOIN (SELECT model, uniqExactMergeState(feedback) AS f, sum(rows_in) AS fp
             FROM ${MODEL_SUMMARY_TABLE} WHERE ${where} AND model_version = '' GROUP BY model) AS fb ON fb.model = v.model
  GROUP BY name`;

type CountRow = { model?: string; name?: string; predictions?: string | number; labeled?: string | number; feedback?: string | number; fingerprint: string | number };

/**
 * The counts of `kinds` for the models named (each read is the key range of
 * one model), each with the fingerprint it rests on. Asked for the labeled
 * count, it answers all three from one read of the states.
 */
export async function countModels(client: ClickHouseClient, project: string, kinds: readonly ModelCountKind[], models: readonly string[]): Promise<Map<ModelCountKind, ModelCounts>> {
  const out = new Map<ModelCountKind, ModelCounts>();
  if (models.length === 0 || kinds.length === 0) return out;
  const { where, params } = scope(project, models);
  const read = async (sql: string, found: readonly ModelCountKind[]) => {
    for (const r of await rows<CountRow>(client, sql, params)) {
      for (const kind of found) {
        let counts = out.get(kind);
        if (!counts) out.set(kind, (counts = new Map()));
        counts.set((r.model ?? r.name)!, { n: Number(r[kind]), fingerprint: Number(r.fingerprint) });
      }
    }
  };
  if (kinds.includes('labeled')) await read(ALL_COUNTS_SQL(where), ['predictions', 'labeled', 'feedback']);
  else await Promise.all(kinds.map((kind) => read(kind === 'predictions' ? PREDICTIONS_SQL(where) : FEEDBACK_SQL(where), [kind])));
  return out;
}
