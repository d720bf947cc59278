import type { JsMsg, Consumer } from '@nats-io/jetstream';
import type { SubgraphClient } from '@tideline/graphql';
import { isPublicError } from '@tideline/contracts';
import { consumeConcurrently } from '@tideline/nats';
import { newRequestId, type Logger } from '@tideline/runtime';
import type { AlertPublisher } from './alert-publisher.ts';
import { CheckTimeout, monitorWindow, runCheck, withinBudget } from './check-runner.ts';
import { alertEvents, evaluationSeconds, evaluations, ticksSkipped } from './evaluator-metrics.ts';
import type { MonitorDefinition } from './monitor-definition.ts';
import { intervalMsOf } from './monitor-input.ts';
import { advance, type MonitorState, type Observation } from './monitor-state.ts';
import type { MonitorStateStore, MonitorStore } from './monitor-store.ts';
import { backoffUntil, ticksSkippedBetween, type DueEvaluation } from './scheduler.ts';

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
  /** Time one evaluation's checks may take; past it the evaluation is TIMED_OUT and the monitor backs off. */
  budgetMs: number;
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
  if (due.tick < (state.backoffUntil ?? 0)) {
    // Held back after timeouts; the evaluation that follows counts this tick as skipped.
    evaluations.inc({ outcome: 'backoff' });
    return msg.ack();
  }

  const result = await check(o, monitor, due);
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const next = nextState(monitor, state, due.tick, result);
    const written = await o.states.write(due.project, next, revision);
    if (written !== null) {
      await flushOutbox(o, due.project, { state: next, revision: written });
      o.publisher.evaluated(monitor);
      evaluations.inc({ outcome: result.outcome.toLowerCase() });
      ticksSkipped.inc((next.skippedTicks ?? 0) - (state.skippedTicks ?? 0));
      evaluationSeconds.observe((performance.now() - started) / 1000);
      return msg.ack();
    }
    ({ state, revision } = await o.states.read(due.project, due.id));
    if (state.lastTick >= due.tick) break;
  }
  evaluations.inc({ outcome: 'repeat' });
  msg.ack();
}

type CheckResult =
  | { outcome: 'OK'; window: { from: Date; to: Date }; observations: Observation[] }
  | { outcome: 'ERROR' | 'TIMED_OUT'; error: string };

/** Runs the monitor's check within the time budget; its failure is the project's to read, so it says why without internals. */
async function check(o: EvaluatorOptions, monitor: MonitorDefinition, due: DueEvaluation): Promise<CheckResult> {
  try {
    return await withinBudget(o.budgetMs, { metrics: o.metrics, evalstore: o.evalstore }, async ({ metrics, evalstore }): Promise<CheckResult> => {
      const window = await monitorWindow(evalstore, monitor, due.tick);
      if (!window) return { outcome: 'ERROR', error: 'the model has no predictions yet' };
      return { outcome: 'OK', window, observations: await runCheck(metrics, monitor, window) };
    });
  } catch (e) {
    if (e instanceof CheckTimeout) return { outcome: 'TIMED_OUT', error: e.message };
    if (isPublicError(e)) return { outcome: 'ERROR', error: e.message };
    // An internal failure is logged in full, under the id the status shows.
    const errorId = newRequestId();
    o.logger.error({ err: e, monitor: monitor.id, project: due.project, errorId }, 'monitor check failed');
    return { outcome: 'ERROR', error: `internal error (id ${errorId} in the alerts service's log)` };
  }
}

/**
 * The state after an evaluation at `tick`: the series advanced (OK), or kept
 * as they were with the failure in the status; ticks skipped since the
 * previous evaluation added up; a timeout sets the backoff, any other
 * outcome clears it.
 */
function nextState(monitor: MonitorDefinition, state: MonitorState, tick: number, result: CheckResult): MonitorState {
  const base: MonitorState = { ...state, outbox: [], skippedTicks: (state.skippedTicks ?? 0) + ticksSkippedBetween(monitor, state.lastTick, tick) };
  if (result.outcome === 'OK') {
    const { state: advanced } = advance(monitor, base, result.observations, tick, result.window);
    return { ...advanced, status: { ...advanced.status!, outcome: 'OK' }, timeouts: 0, backoffUntil: 0 };
  }
  const timeouts = result.outcome === 'TIMED_OUT' ? (state.timeouts ?? 0) + 1 : 0;
  const retryAt = timeouts ? backoffUntil(tick, intervalMsOf(monitor), timeouts) : 0;
  const error = timeouts ? `${result.error} (${timeouts} in a row; next attempt at the tick of ${new Date(retryAt).toISOString()})` : result.error;
  const status = { evaluatedAt: new Date(tick).toISOString(), outcome: result.outcome, window: null, error, series: state.status?.series ?? [] };
  return { ...base, lastTick: tick, timeouts, backoffUntil: retryAt, status };
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
