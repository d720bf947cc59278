import { useRef } from 'preact/hooks';
import { Badge, EmptyState, ErrorBox, formatNumber, formatTime, Loaded, Table, useInterval, useMutation, useQuery, useSubscription } from '@tideline/console-ui';
import { DecisionSummary, type Decision } from './decision.tsx';
import { LabelWait } from './label-wait.tsx';
import { ModelPage } from './model-page.tsx';

const LOOP = `query Loop($model: String!) {
  retrainingDecision(model: $model) { action confidence reasons { code message } }
  loopRuns(model: $model, first: 20) { id status candidate createdAt finishedAt trigger { kind } steps { name status startedAt finishedAt error } decision { action reasons { code message } } }
  retrainingPolicy(model: $model) { enabled promotion }
  labelBudget(model: $model) { periodStart periodEnd granted spent remaining }
  labelRequests(model: $model, first: 10) { id strategy budget labeledCount createdAt lift { activeErrorRate controlErrorRate difference low high significant } }
  labelingQueue(model: $model, first: 20) { nodes { predictionId timestamp arm strategy score reason } }
}`;
const LOOP_EVENTS = `subscription LoopEvents($model: String) { loopEvents(model: $model) { id type step at } }`;
const APPROVE = `mutation Approve($id: ID!, $comment: String) { approveLoop(id: $id, comment: $comment) { id status } }`;
const REJECT = `mutation Reject($id: ID!, $reason: String!) { rejectLoop(id: $id, reason: $reason) { id status } }`;

interface Run {
  id: string;
  status: string;
  candidate: string;
  createdAt: string;
  finishedAt: string | null;
  trigger: { kind: string };
  steps: { name: string; status: string; startedAt: string | null; finishedAt: string | null; error: string | null }[];
  decision: { action: Decision['action']; reasons: { code: string; message: string }[] } | null;
}
interface LoopAnswer {
  retrainingDecision: Decision;
  loopRuns: Run[];
  retrainingPolicy: { enabled: boolean; promotion: string } | null;
  labelBudget: { periodStart: string; periodEnd: string; granted: number; spent: number; remaining: number };
  labelRequests: { id: string; strategy: string; budget: number; labeledCount: number; createdAt: string; lift: { activeErrorRate: number | null; controlErrorRate: number | null; difference: number | null; low: number | null; high: number | null; significant: boolean } | null }[];
  labelingQueue: { nodes: { predictionId: string; timestamp: string; arm: string; strategy: string; score: number | null; reason: string }[] };
}

export function LoopPage({ model }: { model: string }) {
  return <ModelPage model={model} title="Loop">{() => <Loop model={model} />}</ModelPage>;
}

const ACTIVE = new Set(['RUNNING', 'WAITING_LABELS', 'WAITING_APPROVAL', 'WATCHING']);
const SAFETY_REFRESH_MS = 10_000;
const STEP_TONE: Record<string, 'ok' | 'warn' | 'bad' | 'info'> = { SUCCEEDED: 'ok', RUNNING: 'info', PENDING: 'info', SKIPPED: 'warn', FAILED: 'bad' };

function Loop({ model }: { model: string }) {
  const loop = useQuery<LoopAnswer>(LOOP, { model });
  // Every loop event changes a run: read the runs again (the event carries only the step); after a dropped
  // connection too, since events sent meanwhile are not replayed.
  const liveError = useSubscription(LOOP_EVENTS, { model }, () => loop.reload(), () => loop.reload());
  // While a run is under way, a slow safety refresh as well: a read that failed under load, or an event lost,
  // must not leave a run shown in a state it has left. Idle pages do not poll (the decision can be costly).
  const active = useRef(false);
  if (loop.data) active.current = loop.data.loopRuns.some((run) => ACTIVE.has(run.status));
  useInterval(() => loop.reload(), active.current ? SAFETY_REFRESH_MS : null);
  return (
    <Loaded state={loop} what="the loop">
      {(data) => (
        <>
          <h2>Current decision</h2>
          <DecisionSummary decision={data.retrainingDecision} full />
          {liveError && <ErrorBox error={liveError} title="Live run updates stopped" />}
          <h2>Loop runs</h2>
          {!data.retrainingPolicy && (
            <EmptyState title="No retraining policy" command={`mutation { setRetrainingPolicy(input: { model: "${model}", training: { family: MLP }, promotion: APPROVAL }) { model } }`}>
              <p>The loop retrains, validates and promotes under a policy. Set one in GraphQL (/graphql), or run <code>npm run demo</code> to watch a whole loop:</p>
            </EmptyState>
          )}
          {data.loopRuns.length === 0 ? <p class="muted">No run yet.</p> : data.loopRuns.map((run) => <RunCard key={run.id} run={run} onChanged={loop.reload} />)}
          <h2>Labeling</h2>
          <p data-testid="label-budget">
            Budget {formatTime(data.labelBudget.periodStart)} to {formatTime(data.labelBudget.periodEnd)}: {formatNumber(data.labelBudget.spent)} of {formatNumber(data.labelBudget.granted)} spent,{' '}
            {formatNumber(data.labelBudget.remaining)} left.
          </p>
          <Table
            caption="Label requests and their measured lift (active picks' error rate minus the random control arm's, 95 % interval)"
            testId="label-requests"
            rows={data.labelRequests}
            rowKey={(r) => r.id}
            columns={[
              { title: 'Request', cell: (r) => r.id },
              { title: 'Strategy', cell: (r) => r.strategy },
              { title: 'Labeled / budget', numeric: true, cell: (r) => `${formatNumber(r.labeledCount)} / ${formatNumber(r.budget)}` },
              { title: 'Lift', cell: (r) => (r.lift?.difference == null ? '—' : `${formatNumber(r.lift.difference)} [${formatNumber(r.lift.low)}, ${formatNumber(r.lift.high)}]${r.lift.significant ? ' significant' : ''}`) },
              { title: 'Created', cell: (r) => formatTime(r.createdAt) },
            ]}
          />
          <Table
            caption="Labeling queue: picked predictions still waiting for a label"
            testId="labeling-queue"
            rows={data.labelingQueue.nodes}
            rowKey={(q) => q.predictionId}
            columns={[
              { title: 'Prediction', cell: (q) => q.predictionId },
              { title: 'Arm', cell: (q) => q.arm },
              { title: 'Strategy', cell: (q) => q.strategy },
              { title: 'Score', numeric: true, cell: (q) => formatNumber(q.score) },
              { title: 'Why picked', cell: (q) => q.reason },
            ]}
          />
        </>
      )}
    </Loaded>
  );
}

function RunCard({ run, onChanged }: { run: Run; onChanged: () => void }) {
  const approve = useMutation<unknown>(APPROVE);
  const reject = useMutation<unknown>(REJECT);
  const error = approve.error ?? reject.error;
  return (
    <section class="card run" aria-label={`Loop run ${run.id}`} data-run={run.id} data-status={run.status}>
      <h3>
        Run {run.id} <Badge tone={run.status === 'FAILED' || run.status === 'ROLLED_BACK' ? 'bad' : run.status === 'SUCCEEDED' ? 'ok' : 'info'}>{run.status}</Badge>
      </h3>
      <p class="muted">
        {run.trigger.kind} · candidate {run.candidate} · started {formatTime(run.createdAt)}
        {run.finishedAt && ` · finished ${formatTime(run.finishedAt)}`}
      </p>
      <ol class="steps" aria-label="Steps">
        {run.steps.map((s) => (
          <li title={s.error ?? undefined}>
            <Badge tone={STEP_TONE[s.status] ?? 'info'}>{s.name}: {s.status}</Badge>
          </li>
        ))}
      </ol>
      {run.status === 'WAITING_LABELS' && <LabelWait runId={run.id} />}
      {run.steps.filter((s) => s.error).map((s) => <p class="field-error">{s.name}: {s.error}</p>)}
      {run.decision && <DecisionSummary decision={{ ...run.decision, confidence: NaN }} full />}
      {run.status === 'WAITING_APPROVAL' && (
        <form
          class="row"
          aria-label={`Approve or reject run ${run.id}`}
          onSubmit={async (e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const rejecting = (e.submitter as HTMLButtonElement | null)?.value === 'reject';
            const done = rejecting ? await reject.run({ id: run.id, reason: f.get('comment') }) : await approve.run({ id: run.id, comment: f.get('comment') || null });
            if (done) onChanged();
          }}
        >
          <div class="field">
            <label for={`c-${run.id}`}>Comment (the reason, to reject)</label>
            <input id={`c-${run.id}`} name="comment" />
          </div>
          <button class="primary" type="submit" value="approve">Approve</button>
          <button type="submit" value="reject">Reject</button>
        </form>
      )}
      {error && <ErrorBox error={error} />}
    </section>
  );
}
