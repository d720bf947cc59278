import type { Consumer, JsMsg } from '@nats-io/jetstream';
import { consumeConcurrently } from '@tideline/nats';
import type { LoopRunEventType } from '@tideline/contracts';
import type { Logger } from '@tideline/runtime';
import type { RunClients } from './callees.ts';
import type { LoopEvents } from './events.ts';
import { FINISHED, type LoopRunRecord, type RunStatus, type StepName, type StepRecord } from './run-types.ts';
import { refusalCode } from './callees.ts';
import { approval, gate, promote, promoted, watch } from './steps-release.ts';
import { curate, shadow, train } from './steps-build.ts';
import { label, withLabelShortfall } from './steps-label.ts';
import type { Step, StepResult } from './step-types.ts';
import type { LoopRunStore, PolicyStore } from './stores.ts';
import { backoffMs } from './durations.ts';
import { oweCancel, owingSteps, settleCancel } from './training-cancel.ts';

const STEPS: Record<StepName, Step> = { label, curate, train, shadow, gate, approval, promote, watch };

export interface EngineOptions {
  runs: LoopRunStore;
  policies: PolicyStore;
  events: LoopEvents;
  clients: RunClients;
  logger: Logger;
  concurrency: number;
  ackWaitMs: number;
  pollMs: number;
  watchCheckMs: number;
  maxStepFailures: number;
}

export interface LoopJob {
  project: string;
  id: string;
}

const now = () => new Date().toISOString();

/** Applies `change` to the run's step `name` (and the run), if the run is still active. */
function stepChange(o: EngineOptions, run: LoopRunRecord, name: StepName, change: (step: StepRecord, run: LoopRunRecord) => Partial<LoopRunRecord> | null) {
  return o.runs.update(run.project, run.id, (r) => {
    if (FINISHED.has(r.status)) return null;
    const step = r.steps.find((st) => st.name === name)!;
    const patch = change(step, r);
    return patch && { ...r, ...patch, updatedAt: now() };
  });
}

const withStep = (r: LoopRunRecord, name: StepName, patch: Partial<StepRecord>) => r.steps.map((st) => (st.name === name ? { ...st, ...patch } : st));

/** The steps of `r` after the run ends: the named step's outcome, or (cancelLoop) whichever step was running then. */
function endedSteps(r: LoopRunRecord, step: { name: StepName; patch: Partial<StepRecord> } | undefined, running: Partial<StepRecord> | undefined) {
  if (step) return withStep(r, step.name, step.patch);
  return running ? r.steps.map((st) => (st.status === 'RUNNING' ? { ...st, ...running } : st)) : r.steps;
}

/** Ends the run: its status and decision, the step's outcome, the policy's active run released, a cancel owed to a training in progress (training-cancel.ts). */
export async function endRun(
  o: Pick<EngineOptions, 'runs' | 'policies' | 'events'>,
  run: LoopRunRecord,
  end: { status: RunStatus; decision: LoopRunRecord['decision']; step?: { name: StepName; patch: Partial<StepRecord> }; runningStep?: Partial<StepRecord> },
) {
  const ended = await o.runs.update(run.project, run.id, (r) =>
    FINISHED.has(r.status)
      ? null
      : { ...r, status: end.status, decision: withLabelShortfall(r, end.decision ?? r.decision), steps: owingSteps(r, endedSteps(r, end.step, end.runningStep)), updatedAt: now(), finishedAt: now() },
  );
  if (!ended || ended.status !== end.status) return ended;
  await o.policies.update(run.project, run.model, (p) => (p.state.activeRun === run.id ? { ...p, state: { ...p.state, activeRun: null } } : null));
  await o.events.run(end.status === 'WAITING_APPROVAL' ? 'WAITING_APPROVAL' : (end.status as 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'ROLLED_BACK'), ended, { detail: (end.step?.patch ?? end.runningStep)?.error ?? null });
  return ended;
}

/** A run waiting for labels is RUNNING again once its label step finishes (the labels came, or the wait timed out and it goes on). */
const resumed = (status: RunStatus): RunStatus => (status === 'WAITING_LABELS' ? 'RUNNING' : status);

/**
 * Publishes a step's event; WAITING_LABELS first marks the run WAITING_LABELS
 * (from RUNNING only), so the event and the run agree on its status.
 */
async function announce(o: EngineOptions, run: LoopRunRecord, step: StepName, type: LoopRunEventType, detail: string) {
  const waiting = type === 'WAITING_LABELS' ? await o.runs.update(run.project, run.id, (r) => (r.status !== 'RUNNING' ? null : { ...r, status: 'WAITING_LABELS', updatedAt: now() })) : null;
  await o.events.run(type, waiting ?? run, { step, detail });
}

/** Records one step's result; returns the delay before the job should come back, 0 to go on, or null when the job is done. */
async function settle(o: EngineOptions, run: LoopRunRecord, step: StepRecord, result: StepResult): Promise<number | null> {
  const finished = now();
  switch (result.kind) {
    case 'done':
    case 'skipped': {
      const status = result.kind === 'done' ? 'SUCCEEDED' : 'SKIPPED';
      const next = await stepChange(o, run, step.name, (st, r) =>
        st.status !== 'RUNNING' ? null : { status: resumed(r.status), steps: withStep(r, step.name, { status, output: result.output, finishedAt: finished }), decision: step.name === 'promote' ? withLabelShortfall(r, promoted(r)) : r.decision },
      );
      if (next) await o.events.run('STEP_FINISHED', next, { step: step.name, detail: status });
      return 0;
    }
    case 'end':
      await endRun(o, run, { status: result.status, decision: result.decision, step: { name: step.name, patch: { status: result.stepStatus, output: result.output ?? step.output, error: result.error ?? null, finishedAt: finished } } });
      return 0; // the ended run may owe its training a cancel: drive settles it next

    case 'wait': {
      const waiting = await o.runs.update(run.project, run.id, (r) => (r.status !== 'RUNNING' ? null : { ...r, status: 'WAITING_APPROVAL', updatedAt: now() }));
      if (waiting?.status === 'WAITING_APPROVAL') await o.events.run('WAITING_APPROVAL', waiting, { step: step.name });
      return null;
    }
    case 'later':
      return result.delayMs;
  }
}

/**
 * Drives one run until it ends, waits for a person, or must come back later.
 * Each step is marked RUNNING before it acts and SUCCEEDED with its output
 * after, both by compare-and-set; a step found RUNNING (its process died)
 * runs again, and every step either is idempotent or finds what it did
 * before (the dataset by its id, the training run by its dataset, the
 * promotion in the registry), so a resumed run reaches the same outcome.
 */
async function drive(o: EngineOptions, job: LoopJob, signal: AbortSignal): Promise<number | null> {
  for (;;) {
    const run = await o.runs.get(job.project, job.id);
    if (!run) return null;
    // A finished run's job lives on while the run owes its training a cancel: the trainer is asked until it answers.
    if (FINISHED.has(run.status)) return settleCancel(o, run);
    if (run.status === 'WAITING_APPROVAL') return null;
    let step = run.steps.find((st) => st.status === 'PENDING' || st.status === 'RUNNING');
    if (!step) return (await endRun(o, run, { status: 'SUCCEEDED', decision: run.decision }), null);
    let current = run;
    if (step.status === 'PENDING') {
      const name = step.name;
      const status: RunStatus = name === 'watch' ? 'WATCHING' : run.status;
      const started = await stepChange(o, run, name, (st, r) => (st.status !== 'PENDING' ? null : { status, steps: withStep(r, name, { status: 'RUNNING', startedAt: now() }) }));
      if (!started) continue;
      current = started;
      step = started.steps.find((st) => st.name === name)!;
      await o.events.run(name === 'watch' ? 'WATCHING' : 'STEP_STARTED', started, { step: name });
    }
    const name = step.name;
    let result: StepResult;
    try {
      result = await STEPS[name]({
        c: o.clients,
        project: job.project,
        run: current,
        step,
        record: async (output) => !!(await stepChange(o, current, name, (st, r) => ({ steps: withStep(r, name, { output: { ...st.output, ...output } }) }))),
        oweCancel: async (trainingRunId) => void (await oweCancel(o.runs, current, trainingRunId)),
        announce: (type, detail) => announce(o, current, name, type, detail),
        cancelled: async () => (await o.runs.get(job.project, job.id))?.status === 'CANCELLED',
        pollMs: o.pollMs,
        watchCheckMs: o.watchCheckMs,
      });
    } catch (err) {
      if (signal.aborted) throw err;
      const code = refusalCode(err);
      const failures = step.failures + 1;
      if (code || failures >= o.maxStepFailures) {
        const error = code ? `${code}: ${(err as Error).message}` : `failed ${failures} times: ${(err as Error).message}`;
        await endRun(o, current, { status: 'FAILED', decision: null, step: { name, patch: { status: 'FAILED', error, finishedAt: now() } } });
        return null;
      }
      o.logger.warn({ err, run: job.id, step: name, failures }, 'loop step failed; retrying');
      await stepChange(o, current, name, (_st, r) => ({ steps: withStep(r, name, { failures }) }));
      return backoffMs(failures);
    }
    const delay = await settle(o, current, step, result);
    if (delay !== 0) return delay;
  }
}

/**
 * Takes runs from the loop's work queue, `concurrency` at a time. A worker
 * tells JetStream it is alive while a step acts (curating can take long; a
 * step that waits comes back as a later job instead, see step-wait.ts);
 * one that dies stops telling, and after ack_wait the job goes to another
 * worker (or to the same process restarted), which resumes the run.
 */
export async function startEngine(o: EngineOptions, consumer: Consumer): Promise<{ stop(): Promise<void> }> {
  const stopping = new AbortController();
  const work = async (msg: JsMsg) => {
    const alive = setInterval(() => msg.working(), Math.max(500, Math.floor(o.ackWaitMs / 3)));
    try {
      const later = await drive(o, msg.json<LoopJob>(), stopping.signal);
      if (later === null) msg.ack();
      else msg.nak(later);
    } catch (err) {
      if (stopping.signal.aborted) return msg.nak();
      o.logger.error({ err }, 'loop job failed outside its steps; it will be redelivered');
      msg.nak(5000);
    } finally {
      clearInterval(alive);
    }
  };
  const consuming = await consumeConcurrently(consumer, o.concurrency, work);
  return {
    async stop() {
      stopping.abort(new Error('the loop is stopping'));
      await consuming.stop();
    },
  };
}
