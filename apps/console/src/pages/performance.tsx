import { useMemo } from 'preact/hooks';
import {
  EmptyState, ErrorBox, formatNumber, formatPValue, formatShare, formatSliceKey, formatTime, Loaded, Loading, setParam, Sparkline, Table, TimeChart, useLocation, useQuery,
} from '@tideline/console-ui';
import { defaultGranularity, estimateOf, type ModelSummary } from '../model-summary.ts';
import { Choice, ModelPage } from './model-page.tsx';
import { useRecentFirstSeries, type Point, type SeriesState } from './recent-first-series.ts';
import { SliceHeatmap } from './slice-heatmap.tsx';

const ESTIMATED = `query EstimatedSeries($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $reference: TimeRangeInput!, $granularity: Granularity, $slice: SliceFilterInput) {
  estimatedPerformance(model: $model, metric: $metric, window: $window, reference: $reference, granularity: $granularity, slice: $slice) { points { from value } }
}`;
// The table first, its trends after: the per-bucket scan takes longer than the table's own.
const SLICES = `query Slices($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $groupBy: [String!]!, $slice: SliceFilterInput) {
  sliceMetrics(model: $model, metrics: [$metric], window: $window, groupBy: $groupBy, slice: $slice, minSamples: 1) {
    key { field value } sampleCount labeledCount values { value } significance { test pValue worseThanRest restValue }
  }
}`;
const TRENDS = `query SliceTrends($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $groupBy: [String!]!, $granularity: Granularity, $slice: SliceFilterInput) {
  sliceMetrics(model: $model, metrics: [$metric], window: $window, groupBy: $groupBy, granularity: $granularity, slice: $slice, minSamples: 1) { key { field value } buckets { values { value } } }
}`;

interface SliceRow {
  key: { field: string; value: string | null }[];
  sampleCount: number;
  labeledCount: number;
  values: { value: number | null }[];
  significance: { test: string; pValue: number; worseThanRest: boolean; restValue: number | null }[];
}
interface TrendRow {
  key: SliceRow['key'];
  buckets: { values: { value: number | null }[] }[];
}

export function PerformancePage({ model }: { model: string }) {
  return <ModelPage model={model} title="Performance">{(summary) => <Performance summary={summary} />}</ModelPage>;
}

/**
 * The page's filters live in the URL, so a view can be shared and reloaded.
 * Its queries go one after another, the first figure first: the store reads
 * one query at a time, so a panel sent beside the series would only make the
 * series wait. In order: the series (recent buckets, then the earlier ones),
 * the slice table, the CBPE estimate, the slices' trends,
 * the heatmap; each waits for the one before it to be answered.
 */
function Performance({ summary }: { summary: ModelSummary }) {
  const { params } = useLocation();
  const metric = params.get('metric') ?? summary.primaryMetric;
  const granularity = params.get('granularity') ?? defaultGranularity(summary.window);
  const sliceField = params.get('sliceField') ?? '';
  const sliceValue = params.get('sliceValue') ?? '';
  const slice = sliceField && sliceValue ? { field: sliceField, op: 'EQ', value: sliceValue } : null;
  const vars = { model: summary.name, metric, window: summary.window, granularity, slice };
  const series = useRecentFirstSeries(vars);
  const { fields } = summary;
  const groupBy = params.get('groupBy') ?? fields.sliceFields[0] ?? '';
  const sliceVars = { ...vars, groupBy: groupBy ? [groupBy] : [] };
  const slices = useQuery<{ sliceMetrics: SliceRow[] }>(SLICES, sliceVars, !groupBy || !series.complete);
  const tableDone = slices.settled || !groupBy;
  const estimated = estimateOf(summary.task, metric);
  const estimate = useQuery<{ estimatedPerformance: { points: { from: string; value: number | null }[] } }>(ESTIMATED, { ...vars, metric: estimated, reference: summary.reference }, !estimated || !tableDone);
  const trends = useQuery<{ sliceMetrics: TrendRow[] }>(TRENDS, sliceVars, !groupBy || !tableDone || (!!estimated && !estimate.settled));
  return (
    <>
      <form class="row" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Choice id="metric" label="Metric" value={metric} options={summary.metrics} onChange={(v) => setParam('metric', v)} />
        <Choice id="granularity" label="Granularity" value={granularity} options={['MINUTE', 'HOUR', 'DAY', 'WEEK']} onChange={(v) => setParam('granularity', v)} />
        <Choice id="slice-field" label="Slice field" value={sliceField} options={['', ...fields.sliceFields]} onChange={(v) => setParam('sliceField', v)} />
        <div class="field">
          <label for="slice-value">Slice value</label>
          <input id="slice-value" value={sliceValue} onChange={(e) => setParam('sliceValue', e.currentTarget.value)} placeholder="e.g. BR" />
        </div>
      </form>
      <p class="muted">
        {formatTime(summary.window.from)} to {formatTime(summary.window.to)} · labeled {formatShare(summary.labeledCount, summary.predictionCount)} · estimates calibrated on{' '}
        {summary.referenceStored ? 'the stored reference window' : 'the first half (no reference window stored: setReferenceWindow)'}
      </p>
      {estimate.error && <ErrorBox error={estimate.error} title="No estimate" />}
      <SeriesPanel series={series} metric={metric} estimates={estimate.data?.estimatedPerformance.points ?? []} />
      <h2>Slice explorer</h2>
      {groupBy ? (
        <>
          <div class="row">
            <Choice id="group-by" label="Group by" value={groupBy} options={fields.sliceFields} onChange={(v) => setParam('groupBy', v)} />
          </div>
          <Loaded state={slices} what="slices">
            {({ sliceMetrics }) => <SliceTable metric={metric} rows={sliceMetrics} trends={trends.data?.sliceMetrics} />}
          </Loaded>
          <h3>Two fields at once</h3>
          <SliceHeatmap vars={vars} metric={metric} fields={fields.sliceFields} rowField={groupBy} wanted={params.get('heatBy')} ready={trends.settled} />
        </>
      ) : (
        <EmptyState title="No tags to slice by">
          <p>Send predictions with <code>tags</code> (such as country or device) to compare slices.</p>
        </EmptyState>
      )}
    </>
  );
}

/** The series as it arrives: the recent buckets drawn first, marked partial (aria-busy) until the earlier ones are in. */
function SeriesPanel({ series, metric, estimates }: { series: SeriesState; metric: string; estimates: { from: string; value: number | null }[] }) {
  if (!series.points) return series.error ? <ErrorBox error={series.error} /> : <Loading what="the metric" />;
  return (
    <section aria-label={`${metric} series`} aria-busy={series.partial} data-series={series.partial ? 'partial' : 'complete'}>
      {series.partial && <p class="muted" role="status">Showing the latest buckets; reading the earlier ones…</p>}
      {series.error && <ErrorBox error={series.error} />}
      <SeriesView metric={metric} points={series.points} estimates={estimates} />
    </section>
  );
}

function SeriesView({ metric, points, estimates }: { metric: string; points: Point[]; estimates: { from: string; value: number | null }[] }) {
  const byFrom = new Map(estimates.map((e) => [e.from, e.value]));
  const times = useMemo(() => points.map((p) => Date.parse(p.from)), [points]);
  const chart = useMemo(
    () => [
      { label: `${metric} realized`, values: points.map((p) => p.value), color: 'var(--cur)' },
      ...(estimates.length ? [{ label: `${metric} estimated (CBPE)`, values: points.map((p) => byFrom.get(p.from) ?? null), color: '#d9822b', dashed: true }] : []),
    ],
    [points, estimates],
  );
  if (!points.length) return <EmptyState title="No traffic in this window or slice" />;
  return (
    <>
      <TimeChart title={`${metric} over time, realized beside estimated`} times={times} series={chart} />
      <Table
        caption={`${metric} per bucket`}
        testId="metric-points"
        rows={points}
        rowKey={(p) => p.from}
        columns={[
          { title: 'From', cell: (p) => formatTime(p.from) },
          { title: 'Realized', numeric: true, cell: (p) => formatNumber(p.value) },
          { title: 'Estimated', numeric: true, cell: (p) => formatNumber(byFrom.get(p.from)) },
          { title: 'Predictions', numeric: true, cell: (p) => formatNumber(p.sampleCount) },
          { title: 'Labeled', numeric: true, cell: (p) => formatShare(p.labeledCount, p.sampleCount) },
        ]}
      />
    </>
  );
}

function SliceTable({ metric, rows, trends = [] }: { metric: string; rows: SliceRow[]; trends?: TrendRow[] }) {
  const trendOf = new Map(trends.map((t) => [formatSliceKey(t.key), t.buckets.map((b) => b.values[0]?.value ?? null)]));
  return (
    <Table
      caption={`${metric} per slice, worst first`}
      testId="slices"
      rows={rows}
      rowKey={(r) => formatSliceKey(r.key)}
      columns={[
        { title: 'Slice', cell: (r) => formatSliceKey(r.key) },
        { title: metric, numeric: true, cell: (r) => formatNumber(r.values[0]?.value) },
        { title: 'Rest', numeric: true, cell: (r) => formatNumber(r.significance[0]?.restValue) },
        { title: 'p-value', numeric: true, cell: (r) => formatPValue(r.significance[0]?.pValue) },
        { title: 'Worse than rest', cell: (r) => (r.significance[0]?.worseThanRest ? 'yes' : 'no') },
        { title: 'Predictions', numeric: true, cell: (r) => formatNumber(r.sampleCount) },
        { title: 'Labeled', numeric: true, cell: (r) => formatNumber(r.labeledCount) },
        { title: 'Trend', cell: (r) => <Sparkline values={trendOf.get(formatSliceKey(r.key)) ?? []} label={`${metric} of ${formatSliceKey(r.key)} per bucket`} /> },
      ]}
    />
  );
}
