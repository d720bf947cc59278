import type { JetStreamClient } from '@nats-io/jetstream';
import { LOOP_RUN_SUBJECTS } from '@tideline/contracts';
import { PublicError, badInput } from '@tideline/graphql';
import type { RunClients } from './callees.ts';
import { endRun } from './engine.ts';
import type { LoopEvents } from './events.ts';
import { FINISHED, type LoopRunRecord } from './run-types.ts';
import { hold } from './step-types.ts';
import type { LoopRunStore, PolicyStore } from './stores.ts';
import { pendingCancelOf, settleCancel } from './training-cancel.ts';

export interface ActionDeps {
  runs: LoopRunStore;
  policies: PolicyStore;
  events: LoopEvents;
  clients: RunClients;
  js: JetStreamClient;
}

export async function runOrFail(runs: LoopRunStore, project: string, id: string): Promise<LoopRunRecord> {
  const run = await runs.get(project, id);
  if (!run) throw new PublicError('LOOP_RUN_NOT_FOUND', `no loop run '${id}' in this project`, { field: 'id' });
  return run;
}

function waiting(run: LoopRunRecord) {
  if (run.status !== 'WAITING_APPROVAL') throw new PublicError('LOOP_NOT_WAITING', `loop run ${run.id} is ${run.status}, not WAITING_APPROVAL`, { field: 'id' });
}

const approvalStep = (run: LoopRunRecord, patch: Partial<LoopRunRecord['steps'][number]>) => run.steps.map((st) => (st.name === 'approval' ? { ...st, ...patch } : st));

/** Approves a waiting run: its approval step succeeds and the run goes back on the work queue to promote. */
export async function approveLoop(deps: ActionDeps, project: string, actor: string | null, id: string, comment: string | null): Promise<LoopRunRecord> {
  waiting(await runOrFail(deps.runs, project, id));
  const at = new Date().toISOString();
  let changed = false;
  const approved = await deps.runs.update(project, id, (r) => {
    changed = r.status === 'WAITING_APPROVAL';
    return changed ? { ...r, status: 'RUNNING', steps: approvalStep(r, { status: 'SUCCEEDED', finishedAt: at, output: { approved: true, by: actor, comment, at } }), updatedAt: at } : null;
  });
  if (!changed) waiting(approved!); // answered or cancelled meanwhile
  await deps.events.run('STEP_FINISHED', approved!, { step: 'approval', detail: 'APPROVED' });
  await deps.js.publish(LOOP_RUN_SUBJECTS.job(project), JSON.stringify({ project, id }), { msgID: `${id}.approved` });
  return approved!;
}

/** Rejects a waiting run: CANCELLED, decision HOLD (APPROVAL_REJECTED), nothing promoted. */
export async function rejectLoop(deps: ActionDeps, project: string, actor: string | null, id: string, reason: string): Promise<LoopRunRecord> {
  if (!reason.trim()) throw badInput('reason must not be empty: the run keeps why it was rejected', 'reason');
  const run = await runOrFail(deps.runs, project, id);
  waiting(run);
  const at = new Date().toISOString();
  const decision = hold('APPROVAL_REJECTED', `rejected${actor ? ` by ${actor}` : ''}: ${reason}`, { by: actor, reason, at });
  const ended = await endRun(deps, run, { status: 'CANCELLED', decision, step: { name: 'approval', patch: { status: 'FAILED', finishedAt: at, error: `rejected: ${reason}`, output: { approved: false, by: actor, reason, at } } } });
  return ended ?? runOrFail(deps.runs, project, id);
}

/**
 * Stops a run before its next step, and the step it was in (waiting for
 * labels, training…) is marked FAILED with the reason. A training in
 * progress is owed a cancel (training-cancel.ts): asked of the trainer at
 * once and, if it does not answer, again by the run's job until it does. A
 * finished run is returned as it is.
 */
export async function cancelLoop(deps: ActionDeps, project: string, id: string): Promise<LoopRunRecord> {
  const run = await runOrFail(deps.runs, project, id);
  if (FINISHED.has(run.status)) return run;
  const runningStep = { status: 'FAILED' as const, error: 'cancelled by cancelLoop', finishedAt: new Date().toISOString() };
  const ended = await endRun(deps, run, { status: 'CANCELLED', decision: run.decision ?? hold('CANCELLED', 'cancelled by cancelLoop', {}), runningStep });
  if (ended?.status === 'CANCELLED' && pendingCancelOf(ended) && (await settleCancel(deps, ended)) !== null) {
    // The run's job, waiting on the training, asks again; this one is for a job lost with a crashed process (same id: one job).
    await deps.js.publish(LOOP_RUN_SUBJECTS.job(project), JSON.stringify({ project, id }), { msgID: `${id}.cancel-training` });
  }
  return (await deps.runs.get(project, id)) ?? runOrFail(deps.runs, project, id);
}
