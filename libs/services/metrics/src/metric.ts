import { badInput, PublicError } from '@tideline/graphql';
import { bucketsFor, checkWindow, type SliceFilter } from '@tideline/store';
import type { QueryResolvers } from './__generated__/resolvers-types.ts';
import { isEstimated } from './estimated-performance.ts';
import { checkFieldsExist, definitionFor, type QueryDeps } from './inputs.ts';
import { metricSeries } from './metric-points.ts';
import { metricValues } from './metric-states.ts';

/** `metric`: one metric per time bucket of a window, for a slice and model version. */
export function metricQueries(deps: QueryDeps): Pick<QueryResolvers, 'metric'> {
  const { client, task } = deps;
  return {
    metric: async (_, args, { project }) => {
      if (isEstimated(args.metric)) {
        throw new PublicError('REFERENCE_REQUIRED', `${args.metric} is calibrated on a labeled reference window: ask estimatedPerformance(metric: ${args.metric}, reference: …)`, {
          field: 'metric',
        });
      }
      const window = checkWindow(args.window);
      const buckets = bucketsFor(window, args.granularity);
      const modelTask = await task(project, args.model);
      await checkFieldsExist(deps, project, args.model, { slice: args.slice });
      const definition = definitionFor(args.metric, modelTask);
      if (args.average !== 'MACRO' && modelTask !== 'MULTICLASS') throw badInput('average applies to multiclass models only', 'average');
      const values = await metricValues(
        client,
        deps.hourStates,
        { project, model: args.model, window, buckets, modelVersion: args.modelVersion, slice: args.slice as SliceFilter | null | undefined },
        { name: args.metric, definition },
        { task: modelTask, average: args.average ?? 'MACRO' },
      );
      return metricSeries(args, window, buckets, values);
    },
    };
}
