import { rows, type Buckets, type SliceFilter, type Window } from '@tideline/store';
import type { Task } from '@tideline/contracts';
import { statesReads } from './fold-metrics.ts';
import { WHOLE_FIELD } from './hour-states.ts';
import type { MetricContext, MetricDefinition } from './metric-definitions.ts';
import { metricByBucket, type BucketValue } from './metric-series.ts';
import type { HourStates } from './slice-states.ts';
import { bucketValue, foldedRowsSource, STATE_BUCKET, statesSource, storeFingerprintOf, wholeHours } from './states-source.ts';
import type { ClickHouseClient } from '@tideline/clickhouse';

export interface MetricScope {
  project: string;
  model: string;
  window: Window;
  buckets: Buckets;
  modelVersion?: string | null;
  slice?: SliceFilter | null;
}

/**
 * `metric`'s values per bucket: from the whole hours' states when they
 * answer exactly (no slice, whole hours, the default average, a bucket of
 * an hour or an additive metric), else from the folded rows when the
 * model's fold is current, else from the store's rows (`metricByBucket`).
 */
export async function metricValues(
  client: ClickHouseClient,
  states: HourStates | undefined,
  scope: MetricScope,
  metric: { name: string; definition: MetricDefinition },
  ctx: MetricContext & { task: Task },
): Promise<BucketValue[]> {
  const source = statesSource(scope, WHOLE_FIELD);
  const value = bucketValue(source.held, metric.name, metric.definition.sums?.(ctx), scope.buckets.stepMs);
  const answerable = !scope.slice && ctx.average === 'MACRO' && value !== undefined && wholeHours(scope.window, scope.buckets);
  const readStates = () =>
    rows<{ bucket: string; samples: string; labeled_rows: string; value: number | null; store_fingerprint: string }>(
      client,
      source.select([`${STATE_BUCKET} AS bucket`, 'sum(samples) AS samples', 'sum(labeled_rows) AS labeled_rows', `${value!} AS value`], 'bucket'),
      { ...source.params(), origin: scope.buckets.originMs, step: scope.buckets.stepMs },
    );
  // An hour of the window without rows holds no state: absent, as metricByBucket leaves it.
  const valuesOf = (found: Awaited<ReturnType<typeof readStates>>) =>
    found.map((r) => ({ bucket: Number(r.bucket), samples: Number(r.samples), labeled: Number(r.labeled_rows), value: r.value === null ? null : Number(r.value) }));
  const request = { project: scope.project, model: scope.model, task: ctx.task, field: WHOLE_FIELD, ...scope.window };
  // Read from the states while their fold is checked (HourStates.readIfHolds); when they are not current, as below.
  const early = states && answerable ? await states.readIfHolds(request, readStates, storeFingerprintOf) : undefined;
  if (early?.answer !== undefined) {
    statesReads.inc({ query: 'metric', source: 'states' });
    return valuesOf(early.answer);
  }
  // Only a request the states answer folds a stale model first (from the look just taken); any other reads the folded rows if current.
  const fold = states && (await states.freshness(request, { fold: answerable, checked: early?.check }));
  statesReads.inc({ query: 'metric', source: fold === 'holds' ? (answerable ? 'states' : 'folded') : 'rows' });
  if (fold === 'holds' && answerable) return valuesOf(await readStates());
  return metricByBucket(client, scope, metric.definition, ctx, fold === 'holds' ? foldedRowsSource(scope) : undefined);
}
