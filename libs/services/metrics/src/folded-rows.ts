import type { ClickHouseClient } from '@tideline/clickhouse';
import { labeledRows, PREDICTIONS_TABLE, type Params } from '@tideline/store';

/**
 * Folded rows (metrics migration 004; README "Folded rows"): the store's
 * row source, each prediction with its latest label, rewritten by the fold
 * for the hours it touches and ordered by time. The fold computes the hour
 * states from them, and reads of a model whose fold is current take them
 * instead of the join: a window's hours, not the model's history.
 */
export const FOLDED_ROWS_TABLE = 'metrics_folded_rows';

/** The columns of the row source (labeledRows) a folded row keeps. */
export const FOLDED_COLUMNS = [
  'id', 'model_version', 'ts', 'features_num', 'features_str', 'features_bool', 'features_null', 'tags', 'score', 'probabilities',
  'predicted_class', 'value', 'has_feedback', 'label_positive', 'label_class', 'label_value', 'labeled', 'labeled_at_ms',
].join(', ');

const scope = 'project = {project:String} AND model = {model:String}';

/**
 * Writes the rows of `hours` (epoch seconds, ascending) under `version`,
 * from the store's join of predictions and their latest feedback over the
 * hours' span: each prediction's latest copy decides its hour, so one
 * re-sent into another hour leaves the hour it left. `byIds`: both tables
 * are first pruned to the ids with a copy stored in these hours (every
 * prediction whose latest copy lies in them is among those) instead of
 * reading the model's whole history FINAL to find the span's rows: cheaper
 * for a few hours of a long history (hour-states.ts, NARROW_READ_SHARE).
 */
export async function writeFoldedRows(client: ClickHouseClient, params: Params, hours: readonly number[], version: number, { byIds = false } = {}): Promise<void> {
  const window = { fromMs: hours[0]! * 1000, toMs: (hours.at(-1)! + 3600) * 1000 };
  const ids = byIds ? `SELECT id FROM ${PREDICTIONS_TABLE} WHERE ${scope} AND toUInt32(toStartOfHour(ts)) IN {hours:Array(UInt32)}` : undefined;
  const source = labeledRows({ project: params.project as string, model: params.model as string, window, ids });
  await client.command({
    query: `INSERT INTO ${FOLDED_ROWS_TABLE} (project, model, hour, fold_version, ${FOLDED_COLUMNS})
      SELECT {project:String}, {model:String}, toStartOfHour(ts) AS hour, {version:UInt64}, ${FOLDED_COLUMNS}
      FROM (${source.sql}) WHERE toUInt32(hour) IN {hours:Array(UInt32)}`,
    query_params: { ...params, ...source.params, hours, version },
  });
}

/** The folded rows of `hours` under `version`: the source the fold computes their states from. */
export const foldedHours = () =>
  `SELECT hour, ${FOLDED_COLUMNS} FROM ${FOLDED_ROWS_TABLE} WHERE ${scope} AND toUInt32(hour) IN {hours:Array(UInt32)} AND fold_version = {version:UInt64}`;
