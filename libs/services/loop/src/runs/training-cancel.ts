import { LoopArchiveDocument, RegisteredModelDocument } from '../__generated__/registry-operations.ts';
import { LoopCancelTrainingDocument, LoopTrainingRunsDocument } from '../__generated__/trainer-operations.ts';
import { refusalCode, type RunClients } from './callees.ts';
import { backoffMs } from './durations.ts';
import { datasetIdOf, FINISHED, type LoopRunRecord, type StepRecord } from './run-types.ts';
import type { LoopRunStore } from './stores.ts';

/**
 * A training run the loop still has to cancel, kept in the train step's
 * output (`cancelPending`) until the trainer answers: a loop run that ends
 * (cancelLoop, the training deadline) while its training runs owes the
 * trainer a cancel, and a trainer that is down or errors must not leave the
 * training running, nor let it register a candidate for a run that ended.
 */
export interface PendingCancel {
  /** Null when the step had started the training but not yet written its id: found by the dataset, which only this run uses. */
  trainingRunId: string | null;
  since: string;
  attempts: number;
  lastError: string | null;
}

const now = () => new Date().toISOString();

export const trainStepOf = (run: LoopRunRecord): StepRecord | undefined => run.steps.find((st) => st.name === 'train');
export const pendingCancelOf = (run: LoopRunRecord): PendingCancel | null => (trainStepOf(run)?.output?.cancelPending as PendingCancel | undefined) ?? null;

/** The output of a train step that owes its training run (named, else the one its dataset finds) a cancel. */
export const owing = (output: Record<string, unknown> | null, trainingRunId: string | null): Record<string, unknown> => ({
  ...output,
  cancelPending: { trainingRunId: trainingRunId ?? (output?.trainingRunId as string | undefined) ?? null, since: now(), attempts: 0, lastError: null } satisfies PendingCancel,
});

/**
 * The steps of a run that ends with `steps`: a train step that was RUNNING
 * (in `before`, the record being ended) owes its training a cancel, whatever
 * ended the run — cancelLoop, the training deadline, the step failing past
 * its retries, a refusal. Asking a trainer to cancel a run that already
 * ended only reads its status, so owing one too many is harmless.
 */
export function owingSteps(before: LoopRunRecord, steps: StepRecord[]): StepRecord[] {
  const train = trainStepOf(before);
  if (train?.status !== 'RUNNING') return steps;
  return steps.map((st) => (st.name === 'train' ? { ...st, output: owing({ ...train.output, ...st.output }, null) } : st));
}

/** The steps with the train step's output changed, whatever the run's status (a finished run may still owe a cancel). */
async function changeTrainOutput(runs: LoopRunStore, run: LoopRunRecord, change: (step: StepRecord) => Record<string, unknown> | null): Promise<LoopRunRecord | null> {
  return runs.update(run.project, run.id, (r) => {
    const step = trainStepOf(r);
    const output = step && change(step);
    return output ? { ...r, steps: r.steps.map((st) => (st === step ? { ...st, output } : st)), updatedAt: now() } : null;
  });
}

/** Records that the run's training `id` must be cancelled: the step found the run ended (cancelLoop) after it started the training. */
export const oweCancel = (runs: LoopRunStore, run: LoopRunRecord, id: string) =>
  changeTrainOutput(runs, run, (step) => (step.output?.cancelledRun === id || (step.output?.cancelPending as PendingCancel | undefined)?.trainingRunId === id ? null : owing(step.output, id)));

/** The trainer's answer to a cancel: the training run's status then, or NOT_FOUND. Throws when the trainer did not answer. */
async function askTrainer(c: RunClients, run: LoopRunRecord, pending: PendingCancel): Promise<{ id: string | null; status: string }> {
  const id = pending.trainingRunId ?? (await c.trainer.request(run.project, LoopTrainingRunsDocument, { model: run.model })).trainingRuns.find((t) => t.datasetId === datasetIdOf(run))?.id;
  if (!id) return { id: null, status: 'NOT_FOUND' };
  try {
    return { id, status: (await c.trainer.request(run.project, LoopCancelTrainingDocument, { id })).cancelTraining.status };
  } catch (err) {
    if (refusalCode(err) === 'RUN_NOT_FOUND') return { id, status: 'NOT_FOUND' };
    throw err;
  }
}

/**
 * A candidate the training registered before the cancel reached it (it
 * finished first, or the trainer was down meanwhile) is archived: the run
 * that asked for it ended, so no gate, approver or decision may take it up.
 */
async function archiveCandidate(c: RunClients, run: LoopRunRecord): Promise<string | null> {
  const { registeredModel } = await c.registry.request(run.project, RegisteredModelDocument, { name: run.model });
  const stage = registeredModel?.versions.find((v) => v.version === run.candidate)?.stage;
  if (stage !== 'CANDIDATE' && stage !== 'CHALLENGER') return stage ?? null;
  const reason = `loop run ${run.id} ended ${run.status} before its training run did`;
  // ALREADY_IN_STAGE: another try (cancelLoop's, the run's job) archived it first.
  await c.registry.request(run.project, LoopArchiveDocument, { model: run.model, version: run.candidate, reason }).catch((err: unknown) => {
    if (refusalCode(err) !== 'ALREADY_IN_STAGE') throw err;
  });
  return 'ARCHIVED';
}

/**
 * One try at the cancel a finished run owes: once the trainer answers (its
 * training run CANCELLED, or ended meanwhile), the answer replaces the
 * pending record as `cancelled`, and a candidate registered meanwhile is
 * archived; when it does not, the attempt and the error are recorded.
 * Resolves to the delay before the next try, or null once nothing is owed.
 */
export async function settleCancel(deps: { runs: LoopRunStore; clients: RunClients }, run: LoopRunRecord): Promise<number | null> {
  const pending = pendingCancelOf(run);
  if (!pending || !FINISHED.has(run.status)) return null;
  let answer: { id: string | null; status: string };
  let candidate: string | null;
  try {
    answer = await askTrainer(deps.clients, run, pending);
    candidate = await archiveCandidate(deps.clients, run);
  } catch (err) {
    const attempts = pending.attempts + 1;
    const lastError = (err as Error).message;
    await changeTrainOutput(deps.runs, run, (step) => (step.output?.cancelPending ? { ...step.output, cancelPending: { ...pending, attempts, lastError } } : null));
    // Asked again until it answers, however long the trainer is down: at most a minute apart.
    return backoffMs(attempts);
  }
  await changeTrainOutput(deps.runs, run, (step) => {
    if (!step.output?.cancelPending) return null;
    const { cancelPending: _, ...rest } = step.output;
    return { ...rest, cancelled: answer.status, cancelledRun: answer.id, cancelAttempts: pending.attempts + 1, candidateStage: candidate };
  });
  return null;
}
