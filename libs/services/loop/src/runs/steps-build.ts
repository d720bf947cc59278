import { LoopCurateDatasetDocument } from '../__generated__/curation-operations.ts';
import { WindowMetricDocument } from '../__generated__/metrics-operations.ts';
import { LoopDatasetDocument } from '../__generated__/registry-operations.ts';
import { LoopScoreShadowDocument, LoopStartTrainingDocument, LoopTrainingRunByIdDocument, LoopTrainingRunsDocument } from '../__generated__/trainer-operations.ts';
import { refusalCode } from './callees.ts';
import { windowAt } from './durations.ts';
import { withWaits } from './policy.ts';
import { datasetIdOf } from './run-types.ts';
import type { Step, StepResult } from './step-types.ts';
import { CANCELLED, stepDeadline, waitStep } from './step-wait.ts';

const anchorMs = (s: { run: { anchorAt: string } }) => Date.parse(s.run.anchorAt);
const failed = (error: string, output?: Record<string, unknown>): StepResult => ({ kind: 'end', status: 'FAILED', stepStatus: 'FAILED', error, output, decision: null });


/** curateDataset under the id derived from the run: a repeat finds the dataset it made. */
export const curate: Step = async (s) => {
  const id = datasetIdOf(s.run);
  const existing = async () => (await s.c.registry.request(s.project, LoopDatasetDocument, { id })).dataset;
  let found = await existing();
  if (!found) {
    const p = s.run.policy.dataset;
    const windows = p.windows.map((w) => windowAt(w, anchorMs(s)));
    try {
      await s.c.curation.request(s.project, LoopCurateDatasetDocument, {
        input: { id, model: s.run.model, windows, strategy: p.strategy as never, maxRows: p.maxRows, recencyHalfLife: p.recencyHalfLife, stratifyBy: p.stratifyBy, seed: s.run.policy.training.seed, description: `loop run ${s.run.id}` },
      });
    } catch (err) {
      const code = refusalCode(err);
      if (code !== 'DATASET_EXISTS') return code ? failed(`curateDataset refused: ${code}: ${(err as Error).message}`) : Promise.reject(err);
    }
    found = await existing();
    if (!found) throw new Error(`dataset ${id} was curated but the registry does not list it yet`);
  }
  return { kind: 'done', output: { datasetId: found.id, contentHash: found.contentHash, rowCount: found.rowCount ?? null, windows: s.run.policy.dataset.windows } };
};

/**
 * startTraining once, under the version derived from the run; the training
 * run's id is written into the step before waiting for it, and a resumed
 * step waits for that run. A run started just before a crash (id not yet
 * written) is found again by its dataset, which only this loop run uses.
 */
export const train: Step = async (s) => {
  const datasetId = datasetIdOf(s.run);
  let runId = (s.step.output?.trainingRunId as string | undefined) ?? null;
  if (!runId) {
    const { trainingRuns } = await s.c.trainer.request(s.project, LoopTrainingRunsDocument, { model: s.run.model });
    runId = trainingRuns.find((r) => r.datasetId === datasetId && r.status !== 'FAILED' && r.status !== 'CANCELLED')?.id ?? null;
  }
  if (!runId) {
    const t = s.run.policy.training;
    const parentVersion = t.warmStart ? s.run.championAtStart : null;
    try {
      const { startTraining } = await s.c.trainer.request(s.project, LoopStartTrainingDocument, {
        input: { model: s.run.model, datasetId, family: t.family, params: t.params, seed: t.seed, version: s.run.candidate, parentVersion, description: `loop run ${s.run.id}` },
      });
      runId = startTraining.id;
    } catch (err) {
      const code = refusalCode(err);
      if (code) return failed(`startTraining refused: ${code}: ${(err as Error).message}`);
      throw err;
    }
  }
  const id = runId; // a const, for the closures below
  const maxWait = withWaits(s.run.policy).training.maxWait;
  const deadline = stepDeadline(s, maxWait);
  const started = { trainingRunId: id, version: s.run.candidate, maxWait, deadline: new Date(deadline).toISOString() };
  // Written once: each look at the training run is a fresh job, and the step's output need not change between looks.
  // Not written when cancelLoop ended the run as the training started: the run then owes it a cancel (training-cancel.ts).
  if (s.step.output?.trainingRunId !== id && !(await s.record(started))) return (await s.oweCancel(id), CANCELLED);
  let last = 'unknown';
  return waitStep(s, {
    everyMs: s.pollMs,
    check: async () => {
      const { trainingRun } = await s.c.trainer.request(s.project, LoopTrainingRunByIdDocument, { id });
      if (!trainingRun) return failed(`training run ${id} no longer exists`);
      if (trainingRun.status === 'SUCCEEDED') return { kind: 'done', output: { trainingRunId: id, version: trainingRun.modelVersion?.version ?? s.run.candidate, attempts: trainingRun.attempts, metrics: trainingRun.metrics } };
      if (trainingRun.status === 'FAILED' || trainingRun.status === 'CANCELLED') return failed(`training run ${id} ${trainingRun.status}: ${trainingRun.error ?? 'no reason given'}`);
      last = trainingRun.status;
      return null;
    },
    // A stuck training run (no worker takes it, or it never ends) would keep the loop run active for ever. The run ends
    // FAILED owing the training a cancel, which the engine asks of the trainer until it answers (training-cancel.ts).
    deadline: { atMs: deadline, answer: () => failed(`training run ${id} did not finish within ${maxWait} (it was ${last}); the loop cancels it`, started) },
    // cancelLoop owes a cancel to the training run it finds in the step; this one may have started before its id was written.
    onCancel: () => s.oweCancel(id),
  });
};

/** What scoreShadow answered, kept in the step so that the looks after it do not score again. */
interface ShadowOutput extends Record<string, unknown> {
  window: { from: string; to: string };
  sourceVersion: string;
  scored: number;
  accepted: number;
  rejected: number;
  truncated: boolean;
}

/**
 * scoreShadow (idempotent: same ids, same content) of the champion's recent
 * traffic, then waits until the store holds the candidate's predictions, so
 * the gate's production evidence sees them all.
 */
export const shadow: Step = async (s) => {
  const source = s.run.championAtStart;
  if (!source) return { kind: 'skipped', output: { reason: 'no champion: no production traffic to shadow-score, nothing to compare with' } };
  let out = s.step.output as ShadowOutput | null;
  if (out?.accepted === undefined) {
    const window = windowAt(s.run.policy.validation.shadowWindow, anchorMs(s));
    const { scoreShadow } = await s.c.trainer.request(s.project, LoopScoreShadowDocument, { input: { model: s.run.model, version: s.run.candidate, window, sourceVersion: source } });
    out = { window, sourceVersion: source, scored: scoreShadow.scored, accepted: scoreShadow.accepted, rejected: scoreShadow.rejected, truncated: scoreShadow.truncated };
    await s.record(out);
  }
  const output = out;
  const maxWait = withWaits(s.run.policy).validation.shadowMaxWait;
  let stored = 0;
  return waitStep(s, {
    everyMs: s.pollMs,
    check: async () => {
      const count = await s.c.metrics.request(s.project, WindowMetricDocument, { model: s.run.model, metric: 'COUNT', window: output.window, modelVersion: s.run.candidate });
      stored = count.metric.points[0]?.sampleCount ?? 0;
      return stored >= output.accepted ? { kind: 'done', output } : null;
    },
    // Predictions ingest accepted but the store never holds (lost, or the store down for longer) would keep the run active for ever.
    deadline: {
      atMs: stepDeadline(s, maxWait),
      answer: () => failed(`the store held ${stored} of the ${output.accepted} shadow predictions of ${s.run.candidate} within shadowMaxWait ${maxWait}; the gate would judge on part of them`, { ...output, stored }),
    },
  });
};
