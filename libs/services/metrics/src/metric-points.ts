import { bucketBounds, type Buckets, type Window } from '@tideline/store';
import type { Granularity } from './__generated__/resolvers-types.ts';
import type { BucketValue } from './metric-series.ts';

/**
 * A metric's series as `metric` and `estimatedPerformance` answer it: one
 * point per time bucket of the window, empty buckets included, from the
 * buckets ClickHouse answered; `realized` is the value the labels give where
 * the metric is an estimate, null otherwise.
 */
export function metricSeries<M>(
  args: { model: string; metric: M; granularity?: Granularity | null },
  window: Window,
  buckets: Buckets,
  values: readonly (BucketValue & { realized?: number | null })[],
) {
  const byBucket = new Map(values.map((v) => [v.bucket, v]));
  const points = Array.from({ length: buckets.count }, (_, i) => {
    const v = byBucket.get(i);
    return { ...bucketBounds(window, buckets, i), sampleCount: v?.samples ?? 0, labeledCount: v?.labeled ?? 0, value: v?.value ?? null, realized: v?.realized ?? null };
  });
  return { model: args.model, metric: args.metric, granularity: args.granularity ?? null, points };
}
