import { Badge, EmptyState, ErrorBox, formatNumber, formatShare, formatSliceKey, formatTime, Link, Loaded, useQuery, type QueryState } from '@tideline/console-ui';
import { estimateOf, useModelSummary, type ModelSummary } from '../model-summary.ts';
import { DecisionSummary, type Decision } from './decision.tsx';
import { OUTCOME_LABEL, OUTCOME_TONE, type EvaluationOutcome } from './monitor-status.tsx';

const MODELS = `query Models { models { name task predictionCount labeledCount lastPredictionAt champion { version } alerts(state: FIRING) { id severity monitorName }
  monitors { id name status { outcome } } } }`;

interface ModelRow {
  name: string;
  task: string | null;
  predictionCount: number;
  labeledCount: number;
  lastPredictionAt: string | null;
  champion: { version: string } | null;
  alerts: { id: string; severity: string; monitorName: string }[];
  monitors: { id: string; name: string; status: { outcome: EvaluationOutcome } | null }[];
}

// Three queries, not one: each figure shows as soon as its own answer arrives (the slice scan and the decision take longest).
const REALIZED = `query Realized($model: String!, $metric: MetricName!, $window: TimeRangeInput!) {
  metric(model: $model, metric: $metric, window: $window) { points { value sampleCount labeledCount } }
}`;
const WORST_SLICE = `query WorstSlice($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $groupBy: [String!]!) {
  sliceMetrics(model: $model, metrics: [$metric], window: $window, groupBy: $groupBy, minSamples: 30) { key { field value } sampleCount values { value } }
}`;
const DECISION = `query Decision($model: String!) { retrainingDecision(model: $model) { action confidence reasons { code message } } }`;
const ESTIMATED = `query Estimated($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $reference: TimeRangeInput!) {
  estimatedPerformance(model: $model, metric: $metric, window: $window, reference: $reference) { points { value } }
}`;

interface SliceAnswer {
  sliceMetrics: { key: { field: string; value: string | null }[]; sampleCount: number; values: { value: number | null }[] }[];
}
export function curlExample(): string {
  return `curl -s ${location.origin}/v1/predictions -H "Authorization: Bearer <your API key>" \\
  --data-binary '{"id":"p-1","model":"churn","features":{"x1":0.4},"tags":{"country":"BR"},"output":{"score":0.83}}'`;
}

/** Every model's health at a glance; each card asks for its own figures, so one slow model delays no other. */
export function ModelsPage() {
  const models = useQuery<{ models: ModelRow[] }>(MODELS, {});
  return (
    <>
      <h1>Models</h1>
      <Loaded state={models} what="models">
        {({ models }) =>
          models.length === 0 ? (
            <EmptyState title="No models yet" command={curlExample()}>
              <p>
                A model appears with its first prediction. Send one (the API key is the one you entered), or run <code>npm run demo</code> for a model with drift, alerts and a
                retraining loop:
              </p>
            </EmptyState>
          ) : (
            <div class="model-list">
              {models.map((m) => (
                <ModelCard key={m.name} row={m} />
              ))}
            </div>
          )
        }
      </Loaded>
    </>
  );
}

function ModelCard({ row }: { row: ModelRow }) {
  const { summary, error } = useModelSummary(row.name);
  return (
    <section class="card model-card" aria-labelledby={`model-${row.name}`} data-model={row.name}>
      <h2 id={`model-${row.name}`}>
        <Link href={`/models/${encodeURIComponent(row.name)}`}>{row.name}</Link> <span class="muted">{row.task ?? ''}</span>
      </h2>
      <dl class="facts">
        <Fact name="Predictions">{formatNumber(row.predictionCount)}</Fact>
        <Fact name="Labeled">{formatShare(row.labeledCount, row.predictionCount)}</Fact>
        <Fact name="Last prediction">{formatTime(row.lastPredictionAt)}</Fact>
        <Fact name="Champion">{row.champion?.version ?? <span class="muted">none</span>}</Fact>
        <Fact name="Firing alerts">
          {row.alerts.length === 0 ? <Badge tone="ok">none</Badge> : row.alerts.map((a) => <Badge tone={a.severity === 'CRITICAL' ? 'bad' : 'warn'}>{a.monitorName}</Badge>)}
        </Fact>
        <FailingMonitors monitors={row.monitors} />
        {summary && <Health summary={summary} />}
      </dl>
      {error && <ErrorBox error={error} />}
    </section>
  );
}

/** Monitors whose last evaluation failed or timed out: the model is unwatched there, and no alert says so. */
function FailingMonitors({ monitors }: { monitors: ModelRow['monitors'] }) {
  const failing = monitors.filter((m) => m.status && m.status.outcome !== 'OK');
  return (
    <Fact name="Failing monitors">
      {failing.length === 0 ? (
        <Badge tone="ok">none</Badge>
      ) : (
        failing.map((m) => (
          <Badge tone={OUTCOME_TONE[m.status!.outcome]}>
            {m.name}: {OUTCOME_LABEL[m.status!.outcome]}
          </Badge>
        ))
      )}
    </Fact>
  );
}

function Fact({ name, children }: { name: string; children: preact.ComponentChildren }) {
  return (
    <div data-fact={name}>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Health({ summary }: { summary: ModelSummary }) {
  const metric = summary.primaryMetric;
  const vars = { model: summary.name, metric, window: summary.current };
  const realized = useQuery<{ metric: { points: { value: number | null }[] } }>(REALIZED, vars);
  // The worst slice is looked for among the first field's values.
  const groupBy = summary.fields.sliceFields.slice(0, 1);
  const slices = useQuery<SliceAnswer>(WORST_SLICE, { ...vars, groupBy }, groupBy.length === 0);
  const decision = useQuery<{ retrainingDecision: Decision }>(DECISION, { model: summary.name });
  const estimated = estimateOf(summary.task, metric);
  const estimate = useQuery<{ estimatedPerformance: { points: { value: number | null }[] } }>(ESTIMATED, { ...vars, metric: estimated, reference: summary.reference }, !estimated);
  const worst = slices.data?.sliceMetrics[0];
  return (
    <>
      <Fact name={`${metric} (realized)`}>
        <Figure state={realized}>{(d) => formatNumber(d.metric.points[0]?.value)}</Figure>
      </Fact>
      <Fact name={`${metric} (estimated)`}>
        {estimated ? <Figure state={estimate}>{(d) => formatNumber(d.estimatedPerformance.points[0]?.value)}</Figure> : <span class="muted">no estimate for {metric}</span>}
      </Fact>
      <Fact name="Worst slice">
        <Figure state={slices}>{() => (worst ? `${formatSliceKey(worst.key)}: ${formatNumber(worst.values[0]?.value)} (n=${formatNumber(worst.sampleCount)})` : '—')}</Figure>
      </Fact>
      <Fact name="Decision">
        <Figure state={decision}>{(d) => <DecisionSummary decision={d.retrainingDecision} />}</Figure>
      </Fact>
    </>
  );
}

/** One figure of a card: "…" while its query runs, the API's code (its message on hover) if it failed. */
function Figure<T>({ state, children }: { state: QueryState<T>; children: (data: T) => preact.ComponentChildren }) {
  if (state.error) return <span title={state.error.message} data-error={state.error.code ?? 'error'}>— ({state.error.code ?? 'error'})</span>;
  if (state.data === undefined) return <span class="muted" aria-busy="true">…</span>;
  return <>{children(state.data)}</>;
}
