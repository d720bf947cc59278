import { Badge, EmptyState, formatNumber, formatPValue, formatShare, formatTime, Histogram, Loaded, setParam, Table, useLocation, useQuery } from '@tideline/console-ui';
import type { ModelSummary, Range } from '../model-summary.ts';
import { Choice, ModelPage } from './model-page.tsx';

const DRIFT = `query Drift($model: String!, $features: [String!]!, $reference: TimeRangeInput!, $current: TimeRangeInput!, $approximate: Boolean!) {
  driftReport(model: $model, features: $features, reference: $reference, current: $current, correction: BENJAMINI_HOCHBERG, approximate: $approximate) {
    feature method statistic errorBound pValue adjustedPValue effectSize effectSizeMethod verdictRule threshold drifted referenceCount currentCount
  }
  quality: dataQuality(model: $model, window: $current, reference: $reference) {
    feature expectedType rowCount nullRate typeMismatchCount outOfRangeShare unseenCategoryShare unseenCategories newFeature
  }
  referenceSample: predictions(model: $model, window: $reference, first: ${1000}) { nodes { features } }
  currentSample: predictions(model: $model, window: $current, first: ${1000}) { nodes { features } }
}`;

interface DriftEntry {
  feature: string;
  method: string;
  statistic: number | null;
  errorBound: number | null;
  pValue: number | null;
  adjustedPValue: number | null;
  effectSize: number | null;
  effectSizeMethod: string;
  verdictRule: string;
  threshold: number | null;
  drifted: boolean;
  referenceCount: number;
  currentCount: number;
}
interface Quality {
  feature: string;
  expectedType: string;
  rowCount: number;
  nullRate: number;
  typeMismatchCount: number;
  outOfRangeShare: number | null;
  unseenCategoryShare: number | null;
  unseenCategories: string[];
  newFeature: boolean;
}
type Sample = { nodes: { features: Record<string, unknown> }[] };
interface DriftAnswer {
  driftReport: DriftEntry[];
  quality: Quality[];
  referenceSample: Sample;
  currentSample: Sample;
}

export function DriftPage({ model }: { model: string }) {
  return <ModelPage model={model} title="Drift & data quality">{(summary) => <Drift summary={summary} />}</ModelPage>;
}

const windowText = (w: Range) => `${formatTime(w.from)} to ${formatTime(w.to)}`;

/**
 * Every field the model has is compared: the features, the tags (categorical) and, for a classifier, its score.
 * `?statistics=APPROXIMATE` asks for binned numeric statistics (faster at millions of rows), each shown ± its bound.
 */
function Drift({ summary }: { summary: ModelSummary }) {
  const { fields } = summary;
  const { params } = useLocation();
  const statistics = params.get('statistics') === 'APPROXIMATE' ? 'APPROXIMATE' : 'EXACT';
  const features = [...fields.features.map((f) => `features.${f}`), ...fields.sliceFields.filter((f) => f.startsWith('tags.')), ...(summary.task === 'BINARY' ? ['output.score'] : [])];
  const vars = { model: summary.name, features, reference: summary.reference, current: summary.current, approximate: statistics === 'APPROXIMATE' };
  const drift = useQuery<DriftAnswer>(DRIFT, vars, features.length === 0);
  if (features.length === 0) return <EmptyState title="No features to compare"><p>Send predictions with <code>features</code> to see their drift.</p></EmptyState>;
  return (
    <>
      <form class="row" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Choice id="statistics" label="Statistics" value={statistics} options={['EXACT', 'APPROXIMATE']} onChange={(v) => setParam('statistics', v)} />
      </form>
      <p class="muted">
        Reference {windowText(summary.reference)}
        {summary.referenceStored ? ' (stored)' : ' (the first half: store one with setReferenceWindow)'} versus current {windowText(summary.current)}. p-values adjusted by Benjamini–Hochberg.
      </p>
      <Loaded state={drift} what="drift">
        {(data) => (
          <>
            <DriftTable entries={data.driftReport} reference={data.referenceSample} current={data.currentSample} />
            <h2>Data quality</h2>
            <QualityTable rows={data.quality} />
          </>
        )}
      </Loaded>
    </>
  );
}

/** Equal-width bins over both samples' range, so the two bar sets are comparable. */
function histograms(feature: string, reference: Sample, current: Sample, bins = 12) {
  const name = feature.startsWith('features.') ? feature.slice('features.'.length) : null;
  const read = (s: Sample) => (name === null ? [] : s.nodes.map((n) => n.features[name]).filter((v): v is number => typeof v === 'number'));
  const [ref, cur] = [read(reference), read(current)];
  if (ref.length === 0 || cur.length === 0) return null;
  let [min, max] = [Infinity, -Infinity];
  for (const v of [...ref, ...cur]) [min, max] = [Math.min(min, v), Math.max(max, v)];
  const width = (max - min) / bins || 1;
  const count = (values: number[]) => {
    const counts = new Array<number>(bins).fill(0);
    for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
    return counts;
  };
  return { edges: Array.from({ length: bins + 1 }, (_, i) => min + i * width), reference: count(ref), current: count(cur) };
}

/** The statistic, and ± its error bound when it is approximate (the exact one lies within). */
const formatStatistic = (e: Pick<DriftEntry, 'statistic' | 'errorBound'>) => `${formatNumber(e.statistic)}${e.errorBound ? ` ± ${formatNumber(e.errorBound)}` : ''}`;

function DriftTable({ entries, reference, current }: { entries: DriftEntry[]; reference: Sample; current: Sample }) {
  return (
    <Table
      caption="Drift per feature and method (histograms: the first 1,000 predictions of each window; grey reference, blue current)"
      testId="drift"
      rows={entries}
      rowKey={(e) => `${e.feature}/${e.method}`}
      columns={[
        { title: 'Feature', cell: (e) => e.feature },
        { title: 'Method', cell: (e) => e.method },
        { title: 'Statistic', numeric: true, cell: (e) => formatStatistic(e) },
        { title: 'p-value', numeric: true, cell: (e) => formatPValue(e.pValue) },
        { title: 'Adjusted p', numeric: true, cell: (e) => formatPValue(e.adjustedPValue) },
        { title: 'Effect size', numeric: true, cell: (e) => `${formatNumber(e.effectSize)} (${e.effectSizeMethod})` },
        { title: 'Verdict', cell: (e) => <><Badge tone={e.drifted ? 'bad' : 'ok'}>{e.drifted ? 'drifted' : 'stable'}</Badge> <span class="muted">by {e.verdictRule}</span></> },
        { title: 'Rows (ref / cur)', numeric: true, cell: (e) => `${formatNumber(e.referenceCount)} / ${formatNumber(e.currentCount)}` },
        {
          title: 'Histogram',
          cell: (e) => {
            const h = histograms(e.feature, reference, current);
            return h ? <Histogram label={e.feature} {...h} /> : <span class="muted">—</span>;
          },
        },
      ]}
    />
  );
}

function QualityTable({ rows }: { rows: Quality[] }) {
  return (
    <Table
      caption="Data quality of the current window versus the reference"
      testId="data-quality"
      rows={rows}
      rowKey={(q) => q.feature}
      columns={[
        { title: 'Feature', cell: (q) => `${q.feature}${q.newFeature ? ' (new)' : ''}` },
        { title: 'Type', cell: (q) => q.expectedType },
        { title: 'Rows', numeric: true, cell: (q) => formatNumber(q.rowCount) },
        { title: 'Null rate', numeric: true, cell: (q) => formatNumber(q.nullRate) },
        { title: 'Type mismatches', numeric: true, cell: (q) => formatNumber(q.typeMismatchCount) },
        { title: 'Out of range', numeric: true, cell: (q) => formatNumber(q.outOfRangeShare) },
        { title: 'Unseen categories', cell: (q) => (q.unseenCategories.length ? `${formatShare(q.unseenCategoryShare ?? 0, 1)}: ${q.unseenCategories.join(', ')}` : '—') },
      ]}
    />
  );
}
