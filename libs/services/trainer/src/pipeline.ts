import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subgraphs } from '@tideline/graphql';
import { evaluateOnTest } from './evaluate.ts';
import { exportRows, loadModel, trainModel, type RowSource, type TrainingProgress } from './ml/index.ts';
import { downloadArtifact } from './model-cache.ts';
import { registration, trainingDataset, type Callees } from './model-facts.ts';
import { registerTrained } from './register.ts';
import type { RunMetrics, TrainingRunRecord } from './runs.ts';
import { bodyOf, callRoute } from './service-routes.ts';

export interface PipelineDeps {
  subgraphs: Subgraphs;
  callees: Callees;
  workDir: string | null;
  codeVersion: string;
}

const BATCH_ROWS = 4096;

/**
 * One run from dataset to registered candidate: download the splits from
 * curation's export (streamed; training spills them to local files, so
 * later epochs never download again), train, evaluate the test split beside
 * the naive baseline, register with lineage. Every step can be repeated: a
 * worker that takes over a run restarts it here from the beginning.
 */
export async function runPipeline(
  deps: PipelineDeps,
  run: TrainingRunRecord,
  signal: AbortSignal,
  onProgress: (p: TrainingProgress, backend: string | null) => void,
): Promise<{ metrics: RunMetrics; backend: string }> {
  const { subgraphs, callees } = deps;
  const startedAt = new Date();
  const dataset = await trainingDataset(callees, run.project, run.model, run.datasetId);
  const facts = await registration(callees, run.project, run.model);
  const split = (name: string): RowSource => async function* () {
    const path = `/v1/datasets/${encodeURIComponent(run.datasetId)}?format=ndjson&split=${name}`;
    yield* exportRows(bodyOf(await callRoute(subgraphs, run.project, 'curation', path)), run.task, BATCH_ROWS);
  };
  const parent = run.parentVersion ? await downloadArtifact(subgraphs, callees, run.project, run.model, run.parentVersion, 'input.parentVersion') : undefined;

  const workDir = await mkdtemp(join(deps.workDir ?? tmpdir(), `tideline-train-${run.id}-`));
  try {
    const trained = await trainModel({
      task: run.task,
      family: run.family,
      params: run.params,
      seed: run.seed,
      train: split('train'),
      validation: dataset.splits.validation ? split('validation') : async function* () {},
      parent,
      workDir,
      signal,
      onProgress: (p) => onProgress(p, null),
    });
    const model = await loadModel(trained.artifact);
    try {
      const evaluation = await evaluateOnTest({
        subgraphs,
        project: run.project,
        task: run.task,
        model,
        baseline: trained.baseline,
        rows: split('test')(),
        protectedSlices: facts.protectedSlices,
        primaryMetric: facts.primaryMetric,
        workDir,
        signal,
      });
      signal.throwIfAborted();
      const metadata = {
        trainer: { family: run.family, task: run.task, classes: trained.classes ?? null, preprocessing: 'preprocessing.json', weightsDigest: trained.weightsDigest },
        naiveBaseline: { prediction: trained.baseline, beaten: evaluation.beatsBaseline, primaryMetric: evaluation.primaryMetric },
        datasetContentHash: dataset.contentHash,
      };
      const { evaluationId } = await registerTrained({ subgraphs, callees, run, trained, values: evaluation.values, metadata, startedAt, codeVersion: deps.codeVersion });
      return {
        backend: trained.backend,
        metrics: {
          test: evaluation.test,
          beatsBaseline: evaluation.beatsBaseline,
          primaryMetric: evaluation.primaryMetric,
          evaluationId,
          bestEpoch: trained.bestEpoch,
          stoppedEarly: trained.stoppedEarly,
          rowsPerSecond: trained.rowsPerSecond,
          dataWaitShare: trained.dataWaitShare,
          trainRows: trained.rows.train,
          validationRows: trained.rows.validation,
          testRows: evaluation.testRows,
          weightsDigest: trained.weightsDigest,
          warmStarted: trained.warmStart.used,
          warmStartNote: trained.warmStart.reason ?? null,
        },
      };
    } finally {
      model.dispose();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
