import { useMemo } from 'preact/hooks';
import {
  EmptyState, ErrorBox, formatNumber, formatPValue, formatShare, formatSliceKey, formatTime, Loaded, setParam, Sparkline, Table, TimeChart, useLocation, useQuery,
} from '@tideline/console-ui';
import { defaultGranularity, estimateOf, type ModelSummary } from '../model-summary.ts';
import { Choice, ModelPage } from './model-page.tsx';
import { SliceHeatmap } from './slice-heatmap.tsx';

const SERIES = `query Series($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $granularity: Granularity, $slice: SliceFilterInput) {
  metric(model: $model, metric: $metric, window: $window, granularity: $granularity, slice: $slice) { points { from to value sampleCount labeledCount } }
}`;
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

interface Point {
  from: string;
  to: string;
  value: number | null;
  sampleCount: number;
  labeledCount: number;
}
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

/** The page's filters live in the URL, so a view can be shared and reloaded. */
function Performance({ summary }: { summary: ModelSummary }) {
  const { params } = useLocation();
  const metric = params.get('metric') ?? summary.primaryMetric;
  const granularity = params.get('granularity') ?? defaultGranularity(summary.window);
  const sliceField = params.get('sliceField') ?? '';
  const sliceValue = params.get('sliceValue') ?? '';
  const groupBy = params.get('groupBy') ?? summary.sliceFields[0] ?? '';
  const slice = sliceField && sliceValue ? { field: sliceField, op: 'EQ', value: sliceValue } : null;
  const vars = { model: summary.name, metric, window: summary.window, granularity, slice };
  const series = useQuery<{ metric: { points: Point[] } }>(SERIES, vars);
  const estimated = estimateOf(summary.task, metric);
  const estimate = useQuery<{ estimatedPerformance: { points: { from: string; value: number | null }[] } }>(ESTIMATED, { ...vars, metric: estimated, reference: summary.reference }, !estimated);
  const slices = useQuery<{ sliceMetrics: SliceRow[] }>(SLICES, { ...vars, groupBy: groupBy ? [groupBy] : [] }, !groupBy);
  const trends = useQuery<{ sliceMetrics: TrendRow[] }>(TRENDS, { ...vars, groupBy: groupBy ? [groupBy] : [] }, !groupBy);
  return (
    <>
      <form class="row" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Choice id="metric" label="Metric" value={metric} options={summary.metrics} onChange={(v) => setParam('metric', v)} />
        <Choice id="granularity" label="Granularity" value={granularity} options={['MINUTE', 'HOUR', 'DAY', 'WEEK']} onChange={(v) => setParam('granularity', v)} />
        <Choice id="slice-field" label="Slice field" value={sliceField} options={['', ...summary.sliceFields]} onChange={(v) => setParam('sliceField', v)} />
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
      <Loaded state={series} what="the metric">
        {({ metric: { points } }) => <SeriesView metric={metric} points={points} estimates={estimate.data?.estimatedPerformance.points ?? []} />}
      </Loaded>
      <h2>Slice explorer</h2>
      <div class="row">
        <Choice id="group-by" label="Group by" value={groupBy} options={summary.sliceFields} onChange={(v) => setParam('groupBy', v)} />
      </div>
      {groupBy ? (
        <>
          <Loaded state={slices} what="slices">
            {({ sliceMetrics }) => <SliceTable metric={metric} rows={sliceMetrics} trends={trends.data?.sliceMetrics} />}
          </Loaded>
          <h3>Two fields at once</h3>
          <SliceHeatmap vars={vars} metric={metric} fields={summary.sliceFields} rowField={groupBy} wanted={params.get('heatBy')} />
        </>
      ) : (
        <EmptyState title="No tags to slice by">
          <p>Send predictions with <code>tags</code> (such as country or device) to compare slices.</p>
        </EmptyState>
      )}
    </>
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
