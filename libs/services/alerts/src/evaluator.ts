import type { JsMsg, Consumer } from '@nats-io/jetstream';
import type { SubgraphClient } from '@tideline/graphql';
import { isPublicError } from '@tideline/contracts';
import { consumeConcurrently } from '@tideline/nats';
import { newRequestId, type Logger } from '@tideline/runtime';
import type { AlertPublisher } from './alert-publisher.ts';
import { monitorWindow, runCheck } from './check-runner.ts';
import { alertEvents, evaluationSeconds, evaluations } from './evaluator-metrics.ts';
import { advance, type MonitorState, type Observation } from './monitor-state.ts';
import type { MonitorStateStore, MonitorStore } from './monitor-store.ts';
import type { DueEvaluation } from './scheduler.ts';

export interface EvaluatorOptions {
  consumer: Consumer;
  monitors: MonitorStore;
  states: MonitorStateStore;
  publisher: AlertPublisher;
  metrics: SubgraphClient;
  evalstore: SubgraphClient;
  logger: Logger;
  /** Evaluations run at once by this replica. */
  concurrency: number;
}

const CAS_ATTEMPTS = 5;

/**
 * Takes due evaluations from the shared work queue and applies each to its
 * monitor's state with compare-and-set: a tick already applied (by this or
 * another replica) is dropped, so no monitor is evaluated twice in an
 * interval; a replica that dies before acking leaves its message to another
 * after the consumer's ack_wait, and the next ticks go to the living ones.
 */
export function startEvaluator(options: EvaluatorOptions): Promise<{ stop(): Promise<void> }> {
  return consumeConcurrently(options.consumer, options.concurrency, (msg) =>
    evaluate(options, msg).catch((error: unknown) => {
      evaluations.inc({ outcome: 'error' });
      options.logger.error({ err: error }, 'monitor evaluation failed; it will be redelivered');
      msg.nak(1000);
    }),
  );
}

async function evaluate(o: EvaluatorOptions, msg: JsMsg): Promise<void> {
  const started = performance.now();
  const due = msg.json<DueEvaluation>();
  const monitor = await o.monitors.get(due.project, due.id);
  if (!monitor || !monitor.enabled) return msg.ack();
  let { state, revision } = await flushOutbox(o, due.project, await o.states.read(due.project, due.id));
  if (state.lastTick >= due.tick) {
    evaluations.inc({ outcome: 'repeat' });
    return msg.ack();
  }

  let observations: Observation[] | null = null;
  let error: string | null = null;
  let window: { from: Date; to: Date } | null = null;
  try {
    window = await monitorWindow(o.evalstore, monitor, due.tick);
    observations = window ? await runCheck(o.metrics, monitor, window) : [];
  } catch (e) {
    // The status is the project's to read: a check's own failure says why; an internal one is logged, under the id it shows.
    if (isPublicError(e)) error = e.message;
    else {
      const errorId = newRequestId();
      o.logger.error({ err: e, monitor: monitor.id, project: due.project, errorId }, 'monitor check failed');
      error = `internal error (id ${errorId} in the alerts service's log)`;
    }
  }

  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const next: MonitorState = observations && window
      ? advance(monitor, { ...state, outbox: [] }, observations, due.tick, window).state
      : { ...state, outbox: [], lastTick: due.tick, status: { evaluatedAt: new Date(due.tick).toISOString(), window: null, error: error ?? 'the model has no predictions yet', series: state.status?.series ?? [] } };
    const written = await o.states.write(due.project, next, revision);
    if (written !== null) {
      await flushOutbox(o, due.project, { state: next, revision: written });
      evaluations.inc({ outcome: error ? 'error' : 'ok' });
      evaluationSeconds.observe((performance.now() - started) / 1000);
      return msg.ack();
    }
    ({ state, revision } = await o.states.read(due.project, due.id));
    if (state.lastTick >= due.tick) break;
  }
  evaluations.inc({ outcome: 'repeat' });
  msg.ack();
}

/**
 * Delivers the events a state holds (decided by this evaluation, or left by
 * a predecessor that died before delivering them), then clears them.
 */
async function flushOutbox(o: EvaluatorOptions, project: string, current: { state: MonitorState; revision: number }): Promise<{ state: MonitorState; revision: number }> {
  const { state, revision } = current;
  if (!state.outbox.length) return current;
  await o.publisher.deliver(state.outbox);
  for (const e of state.outbox) alertEvents.inc({ type: e.type });
  const cleared = { ...state, outbox: [] };
  const written = await o.states.write(project, cleared, revision);
  // Someone else moved the state on meanwhile; they delivered or will deliver these again (ids dedupe).
  return written === null ? o.states.read(project, state.monitorId) : { state: cleared, revision: written };
}
