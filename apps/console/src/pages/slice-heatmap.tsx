import { useMemo } from 'preact/hooks';
import { Heatmap, heatKey, Loaded, setParam, useQuery, type HeatCell } from '@tideline/console-ui';
import { LOWER_IS_BETTER } from '../model-summary.ts';
import { Choice } from './model-page.tsx';

/**
 * The slice explorer's two-field view: one sliceMetrics call grouped by both
 * fields (the API groups by up to two, and refuses past 1000 slices with
 * TOO_MANY_GROUPS, which bounds the request), drawn for the TOP_VALUES most
 * frequent values of each field so the grid stays readable.
 */
const HEATMAP = `query SliceHeatmap($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $groupBy: [String!]!, $slice: SliceFilterInput) {
  sliceMetrics(model: $model, metrics: [$metric], window: $window, groupBy: $groupBy, slice: $slice, minSamples: 1) { key { value } sampleCount values { value } }
}`;
export const TOP_VALUES = 12;

interface HeatRow {
  key: { value: string | null }[];
  sampleCount: number;
  values: { value: number | null }[];
}

const valueName = (v: string | null) => v ?? '∅';

/** The `limit` values with the most predictions, most first; and how many were left out. */
function topValues(rows: HeatRow[], axis: 0 | 1, limit: number): { shown: string[]; hidden: number } {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(valueName(r.key[axis]!.value), (counts.get(valueName(r.key[axis]!.value)) ?? 0) + r.sampleCount);
  const ordered = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  return { shown: ordered.slice(0, limit), hidden: Math.max(0, ordered.length - limit) };
}

/** `ready`: the page's earlier queries are answered (the heatmap is its last: the store reads one query at a time). */
export function SliceHeatmap({ vars, metric, fields, rowField, wanted, ready }: { vars: Record<string, unknown>; metric: string; fields: string[]; rowField: string; wanted: string | null; ready: boolean }) {
  const others = fields.filter((f) => f !== rowField);
  const colField = wanted && others.includes(wanted) ? wanted : (others[0] ?? '');
  const state = useQuery<{ sliceMetrics: HeatRow[] }>(HEATMAP, { ...vars, groupBy: [rowField, colField] }, !colField || !ready);
  if (!colField) return <p class="muted">Send predictions with two or more tags to see one field against another.</p>;
  return (
    <>
      <div class="row">
        <Choice id="heat-by" label={`${rowField} against`} value={colField} options={others} onChange={(v) => setParam('heatBy', v)} />
      </div>
      <Loaded state={state} what="the heatmap">
        {({ sliceMetrics }) => <HeatGrid rows={sliceMetrics} metric={metric} rowField={rowField} colField={colField} />}
      </Loaded>
    </>
  );
}

function HeatGrid({ rows, metric, rowField, colField }: { rows: HeatRow[]; metric: string; rowField: string; colField: string }) {
  const grid = useMemo(() => {
    const cells = new Map<string, HeatCell>();
    for (const r of rows) {
      const [row, col] = [valueName(r.key[0]!.value), valueName(r.key[1]!.value)];
      cells.set(heatKey(row, col), { row, col, value: r.values[0]?.value ?? null, count: r.sampleCount });
    }
    return { cells, across: topValues(rows, 0, TOP_VALUES), down: topValues(rows, 1, TOP_VALUES) };
  }, [rows]);
  if (!rows.length) return <p class="muted">No predictions in this window or slice.</p>;
  const hidden = grid.across.hidden + grid.down.hidden;
  return (
    <>
      <Heatmap
        caption={`${metric} per ${rowField} and ${colField}`}
        testId="heatmap"
        metric={metric}
        rowField={rowField}
        colField={colField}
        rows={grid.across.shown}
        cols={grid.down.shown}
        cells={grid.cells}
        lowerIsBetter={LOWER_IS_BETTER.has(metric)}
      />
      {hidden > 0 && (
        <p class="muted">
          The {TOP_VALUES} values of each field with the most predictions are shown; {grid.across.hidden} of {rowField} and {grid.down.hidden} of {colField} are left out.
        </p>
      )}
    </>
  );
}
