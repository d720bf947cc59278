import type { ClickHouseClient } from '@tideline/clickhouse';
import { labeledRows, rows, sliceFilterToSql, type Buckets, type RowScope, type SliceFilter, type Window } from '@tideline/store';
import type { MetricContext, MetricDefinition } from './metric-definitions.ts';

export interface BucketValue {
  bucket: number;
  samples: number;
  labeled: number;
  value: number | null;
}

/** NaN and infinities (0/0, one class only) become NULL in SQL: undefined is never a number. */
export const finiteOrNull = (expr: string) => `if(isFinite(toFloat64(${expr})), toFloat64(${expr}), NULL)`;

/**
 * One metric per time bucket of the window, computed in ClickHouse over the
 * store's labeled rows of the slice. Buckets without rows are absent.
 */
export async function metricByBucket(
  client: ClickHouseClient,
  scope: RowScope & { window: Window; buckets: Buckets; slice?: SliceFilter | null },
  metric: MetricDefinition,
  ctx: MetricContext,
  /** The row source with labeledRows' columns, already scoped to the window (the folded rows); by default labeledRows. */
  rowSource?: { sql: string; params: Record<string, unknown> },
): Promise<BucketValue[]> {
  const source = rowSource ?? labeledRows(scope);
  const slice = sliceFilterToSql(scope.slice, { task: ctx.task });
  const result = await rows<{ bucket: string; samples: string; labeled_rows: string; value: number | null }>(
    client,
    `SELECT intDiv(toUnixTimestamp64Milli(ts) - {origin:Int64}, {step:Int64}) AS bucket,
            count() AS samples, countIf(labeled) AS labeled_rows, ${finiteOrNull(metric.sql(ctx))} AS value
     FROM (${source.sql}) WHERE ${slice.sql} GROUP BY bucket`,
    { ...source.params, ...slice.params, origin: scope.buckets.originMs, step: scope.buckets.stepMs },
  );
  return result.map((r) => ({ bucket: Number(r.bucket), samples: Number(r.samples), labeled: Number(r.labeled_rows), value: r.value === null ? null : Number(r.value) }));
}
