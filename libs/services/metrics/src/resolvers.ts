import type { ClickHouseClient, SliceFilter } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { PublicError, badInput, type SubgraphContext } from '@tideline/graphql';
import { bucketBounds, bucketsFor, checkWindow, taskOf } from '@tideline/store';
import type { MetricName, Resolvers } from './__generated__/resolvers-types.ts';
import { METRICS, type MetricDefinition } from './metric-definitions.ts';
import { metricByBucket } from './metric-series.ts';

/** The model's task; a model the store has never seen is an error naming the argument. */
export function taskLookup(client: ClickHouseClient) {
  // A model's task never changes once stored.
  const cache = new Map<string, Task>();
  return async (project: string, model: string): Promise<Task> => {
    const key = `${project}\u0000${model}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const task = await taskOf(client, project, model);
    if (!task) throw new PublicError('MODEL_NOT_FOUND', `model '${model}' has no records in this project`, { field: 'model' });
    cache.set(key, task);
    return task;
  };
}

/** The metric's definition, or a clear error when it does not exist or does not fit the task. */
export function definitionFor(metric: MetricName, task: Task, field = 'metric'): MetricDefinition {
  const definition = METRICS[metric];
  if (!definition) throw new PublicError('METRIC_NOT_SUPPORTED', `metric ${metric} is not computed yet`, { field });
  if (!definition.tasks.includes(task)) {
    throw new PublicError('METRIC_NOT_APPLICABLE', `metric ${metric} does not apply to a ${task} model; it applies to ${definition.tasks.join(', ')}`, { field });
  }
  return definition;
}

/**
 * Resolvers of the metrics subgraph. Every query is scoped to the project
 * the gateway signed and computed in ClickHouse; inputs are checked before
 * any query runs, so every input error comes back at once.
 */
export function createResolvers(client: ClickHouseClient): Resolvers<SubgraphContext> {
  const task = taskLookup(client);
  return {
    Query: {
      metric: async (_, args, { project }) => {
        const window = checkWindow(args.window);
        const buckets = bucketsFor(window, args.granularity);
        const modelTask = await task(project, args.model);
        const definition = definitionFor(args.metric, modelTask);
        if (args.average !== 'MACRO' && modelTask !== 'MULTICLASS') throw badInput('average applies to multiclass models only', 'average');
        const values = await metricByBucket(
          client,
          { project, model: args.model, window, buckets, modelVersion: args.modelVersion, slice: args.slice as SliceFilter | null | undefined },
          definition,
          { task: modelTask, average: args.average ?? 'MACRO' },
        );
        const byBucket = new Map(values.map((v) => [v.bucket, v]));
        const points = Array.from({ length: buckets.count }, (_, i) => {
          const v = byBucket.get(i);
          return { ...bucketBounds(window, buckets, i), sampleCount: v?.samples ?? 0, labeledCount: v?.labeled ?? 0, value: v?.value ?? null, realized: null };
        });
        return { model: args.model, metric: args.metric, granularity: args.granularity ?? null, points };
      },
    },
  };
}
