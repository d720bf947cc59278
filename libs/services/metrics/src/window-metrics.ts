import { METRICS_BOUNDS } from '@tideline/contracts';
import { badInput, PublicError } from '@tideline/graphql';
import { checkWindow, rows } from '@tideline/store';
import type { QueryResolvers } from './__generated__/resolvers-types.ts';
import { compileGroupBy, groupByError, type GroupField } from './group-by.ts';
import { checkAverage, checkFieldsExist, checkMetricList, realizedDefinition, type QueryDeps } from './inputs.ts';
import { compareSlices } from './slice-metrics.ts';
import { MAX_GROUPS, type RequestedMetric } from './slice-sql.ts';
import { windowMetricsQuery } from './window-metrics-sql.ts';

/** Bounds of one request: its cost is one read of the windows' span, aggregated once per window a row falls in. */
export const MAX_WINDOWS = 8;

type Row = Record<string, unknown>;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const isTrue = (v: unknown) => v === true || v === 1 || v === '1';
const valuesOf = (metrics: readonly RequestedMetric[], row: Row | undefined) =>
  metrics.map((m, i) => ({ metric: m.name, value: row?.[`m${i}`] === null || row?.[`m${i}`] === undefined ? null : Number(row[`m${i}`]) }));

/** Which grouping set a row belongs to: the index of its sliced field, or -1 for a window's whole figures. */
const fieldOf = (fields: readonly GroupField[], row: Row) => fields.findIndex((_, i) => isTrue(row[`g${i}`]));

/**
 * Refuses a field with numeric values (no category to slice by) or with more
 * values in a window than a table can show. When the statement stopped at
 * its row limit (W windows × (1 + F × MAX_GROUPS), plus one), the rows it
 * returned still hold more than MAX_GROUPS values of some field in some
 * window (at most W rows are windows' whole figures, so W·F groups share
 * more than W·F·MAX_GROUPS rows): that is the pair named.
 */
function checkSlices(fields: readonly GroupField[], windowCount: number, result: readonly Row[], capped: boolean) {
  fields.forEach((f, i) => {
    if (result.some((r) => fieldOf(fields, r) === -1 && num(r[`invalid${i}`]) > 0)) {
      throw groupByError(`${f.field} has numeric values; slice by a string or boolean feature`, 'slicedBy');
    }
    for (let w = 1; w <= windowCount; w++) {
      const count = result.filter((r) => num(r.w) === w && fieldOf(fields, r) === i).length;
      if (count > MAX_GROUPS) {
        throw new PublicError('TOO_MANY_GROUPS', `slicedBy ${f.field} has more than ${MAX_GROUPS} values in windows[${w - 1}]: slice by fewer or coarser fields`, { field: 'slicedBy' });
      }
    }
  });
  // The count above always finds the pair of a capped answer (see above); if the row limit and it ever fell out of step,
  // an internal error, never a truncated answer shaped as if complete.
  if (capped) throw new Error(`windowMetrics: answer capped at its row limit with no window past ${MAX_GROUPS} values of a field`);
}

/** windowMetrics: checks every argument before any SQL runs, then one statement; the few aggregated rows are shaped here. */
export function windowMetricsQueries(deps: QueryDeps): Pick<QueryResolvers, 'windowMetrics'> {
  return {
    windowMetrics: async (_, args, { project }) => {
      checkMetricList(args.metrics);
      if (args.windows.length === 0) throw badInput('windows needs at least one window', 'windows');
      if (args.windows.length > MAX_WINDOWS) throw badInput(`at most ${MAX_WINDOWS} windows per request (got ${args.windows.length})`, 'windows');
      const windows = args.windows.map((w, i) => checkWindow(w, `windows[${i}]`));
      const slicedBy = args.slicedBy ?? [];
      const task = await deps.task(project, args.model);
      checkAverage(args.average, task);
      const metrics = args.metrics.map((name): RequestedMetric => ({ name, definition: realizedDefinition(name, task) }));
      const { fields, params } = compileGroupBy(slicedBy, task, { argument: 'slicedBy', minFields: 0, maxFields: METRICS_BOUNDS.windowSlicedBy });
      await checkFieldsExist(deps, project, args.model, { groupBy: slicedBy }, 'slicedBy');
      // Past this many rows some field has too many values in some window; the statement stops there.
      const allowed = windows.length * (1 + fields.length * MAX_GROUPS);
      const query = windowMetricsQuery({ project, model: args.model, windows, modelVersion: args.modelVersion, task, average: args.average ?? 'MACRO' }, metrics, fields, params, allowed + 1);
      const result = await rows<Row>(deps.client, query.sql, query.params);
      checkSlices(fields, windows.length, result, result.length > allowed);
      const order = compareSlices(metrics[0]!.definition.higherIsBetter);
      return args.windows.map((window, w) => {
        const mine = result.filter((r) => num(r.w) === w + 1);
        const whole = mine.find((r) => fieldOf(fields, r) === -1);
        // Each field's values in sliceMetrics' order: by the first metric, then size, then the key as sliceMetrics prints it.
        const slices = fields.flatMap((f, i) =>
          mine
            .filter((r) => fieldOf(fields, r) === i)
            .map((r) => {
              const slice = { field: f.field, value: (r[`k${i}`] as string | null | undefined) ?? null, sampleCount: num(r.samples), labeledCount: num(r.labeled_rows), values: valuesOf(metrics, r) };
              return { slice, rank: { value: slice.values[0]!.value, sampleCount: slice.sampleCount, keyText: JSON.stringify([slice.value]) } };
            })
            .sort((a, b) => order(a.rank, b.rank))
            .map(({ slice }) => slice),
        );
        return { from: window.from, to: window.to, sampleCount: num(whole?.samples), labeledCount: num(whole?.labeled_rows), values: valuesOf(metrics, whole), slices };
      });
    },
  };
}
