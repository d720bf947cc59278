import type { Task } from '@tideline/contracts';
import { labeledRows, type Window } from '@tideline/store';
import type { GroupField } from './group-by.ts';
import type { Average } from './metric-definitions.ts';
import { finiteOrNull } from './metric-series.ts';
import type { RequestedMetric } from './slice-sql.ts';

export interface WindowsScope {
  project: string;
  model: string;
  windows: readonly Window[];
  modelVersion?: string | null;
  task: Task;
  average: Average;
}

/**
 * The one statement of a windowMetrics request: the model's rows are read
 * once, over the span the windows cover (the store's row source is the cost:
 * FINAL and the join with the feedback, whatever the window), and each row
 * is repeated once per window it falls in (`arrayJoin` of the indexes of
 * those windows: windows may overlap, a row outside all of them is
 * dropped), so every window is aggregated with the same expressions as
 * `metric` and `sliceMetrics` over exactly its rows. Grouping sets give
 * each window's whole figures and, per sliced field on its own, its values'
 * figures in the same pass; `GROUPING(k<i>) = 0` marks the rows of field i.
 * LIMIT bounds the answer even when a field has too many values (the caller
 * refuses it).
 */
export function windowMetricsQuery(scope: WindowsScope, metrics: readonly RequestedMetric[], fields: readonly GroupField[], groupParams: Record<string, string>, limit: number) {
  const ctx = { task: scope.task, average: scope.average };
  const span: Window = { fromMs: Math.min(...scope.windows.map((w) => w.fromMs)), toMs: Math.max(...scope.windows.map((w) => w.toMs)) };
  const source = labeledRows({ project: scope.project, model: scope.model, window: span, modelVersion: scope.modelVersion });
  const keys = fields.map((f, i) => `${f.sql} AS k${i}`);
  const aggregates = [
    'count() AS samples',
    'countIf(labeled) AS labeled_rows',
    ...metrics.map((m, i) => `${finiteOrNull(m.definition.sql(ctx))} AS m${i}`),
    ...fields.flatMap((f, i) => (f.invalidCount ? [`${f.invalidCount} AS invalid${i}`] : [])),
  ];
  const grouping = fields.length ? `GROUPING SETS ((w), ${fields.map((_, i) => `(w, k${i})`).join(', ')})` : 'w';
  const sql = `
    SELECT w, ${[...fields.map((_, i) => `k${i}, GROUPING(k${i}) = 0 AS g${i}`), ...aggregates].join(',\n      ')}
    FROM (
      SELECT *, ${keys.length ? `${keys.join(', ')}, ` : ''}
        arrayJoin(arrayFilter(i -> toUnixTimestamp64Milli(ts) >= {froms:Array(Int64)}[i] AND toUnixTimestamp64Milli(ts) < {tos:Array(Int64)}[i], range(1, {windowCount:UInt32} + 1))) AS w
      FROM (${source.sql})
    )
    GROUP BY ${grouping}
    LIMIT {limit:UInt64}`;
  const params = {
    ...source.params,
    ...groupParams,
    froms: scope.windows.map((w) => w.fromMs),
    tos: scope.windows.map((w) => w.toMs),
    windowCount: scope.windows.length,
    limit,
  };
  return { sql, params };
}
