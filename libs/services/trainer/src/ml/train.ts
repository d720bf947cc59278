import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { saveArtifact } from './artifact.ts';
import { ensureBackend } from './backend.ts';
import { batchesOf, classWeightFactors, shuffleRandom } from './batches.ts';
import { ColumnRegistry } from './columns.ts';
import { buildModel } from './families.ts';
import { fitStreaming } from './fit.ts';
import { fitSpec, type PreprocessingSpec } from './preprocess.ts';
import { spillSplit } from './spill.ts';
import type { Prediction, TrainInput, TrainResult } from './types.ts';
import { warmStartFrom } from './warm-start.ts';

/** Rows per spill chunk, rounded up to a multiple of the batch size: the unit of reading and of shuffling. */
const CHUNK_ROWS = 8192;
const VALIDATION_BATCH = 4096;

/** The naive baseline on the train split's (row-weighted) labels. */
function baselineOf(registry: ColumnRegistry, spec: PreprocessingSpec): Prediction {
  const w = registry.labelWeights;
  if (spec.task === 'REGRESSION') return { value: spec.target!.mean };
  if (spec.task === 'BINARY') return { score: (w[1] ?? 0) / Math.max((w[0] ?? 0) + (w[1] ?? 0), 1e-12) };
  const total = w.reduce((a, b) => a + b, 0);
  const probabilities = Object.fromEntries(spec.classes!.map((c) => [c, (w[registry.classes.get(c) ?? -1] ?? 0) / Math.max(total, 1e-12)]));
  const predictedClass = spec.classes!.reduce((a, b) => (probabilities[b]! > probabilities[a]! ? b : a));
  return { probabilities, predictedClass };
}

/**
 * Trains one model: streams the train split once (statistics + spill to
 * workDir) and the validation split once (spill), fits the preprocessing
 * spec (or reuses the parent's on a warm start), then runs the epochs over
 * the spill files with bounded memory and saves the artifact.
 */
export async function trainModel(input: TrainInput): Promise<TrainResult> {
  const started = performance.now();
  const backend = await ensureBackend();
  const { task, family, params, seed, signal } = input;
  const chunkRows = params.batchSize * Math.ceil(CHUNK_ROWS / params.batchSize);
  const registry = new ColumnRegistry(task);
  const train = await spillSplit(input.train, registry, join(input.workDir, 'train.spill'), chunkRows, signal);
  if (train.rows === 0) throw new Error(`the train split has no row with a ${task} label (${train.skipped} skipped)`);
  registry.frozen = true;
  const validation = await spillSplit(input.validation, registry, join(input.workDir, 'validation.spill'), VALIDATION_BATCH, signal);
  signal?.throwIfAborted();

  const classCount = task === 'MULTICLASS' ? registry.classes.size : 1;
  if (task === 'MULTICLASS' && classCount < 2) throw new Error(`a MULTICLASS model needs at least 2 classes in the train split; it has ${classCount}`);
  const fresh = (spec: PreprocessingSpec) => buildModel(family, task, params, spec.width, classCount, seed);
  const warm = input.parent ? await warmStartFrom(input.parent, registry, fresh) : undefined;
  const spec = warm?.used ? warm.spec : fitSpec(registry, params.topK);
  const model = fresh(spec);
  try {
    if (warm?.used) {
      model.setWeights(warm.weights);
      tf.dispose(warm.weights);
    }
    const classFactors = classWeightFactors(spec, registry, params.classWeights);
    let readWaitMs = 0;
    const onWait = (ms: number) => (readWaitMs += ms);
    const random = shuffleRandom(seed);
    const fit = await fitStreaming({
      model,
      task,
      classes: classCount,
      params,
      seed,
      anneal: family !== 'MLP',
      trainBatches: () => batchesOf(train, spec, registry, classFactors, params.batchSize, random, onWait),
      validationBatches: validation.rows > 0 ? () => batchesOf(validation, spec, registry, classFactors, VALIDATION_BATCH, undefined, onWait) : undefined,
      signal,
      onProgress: input.onProgress,
    });
    const { artifact, weightsDigest } = await saveArtifact(model, spec);
    const wallMs = performance.now() - started;
    return {
      artifact,
      params,
      backend,
      weightsDigest,
      history: fit.history,
      bestEpoch: fit.bestEpoch,
      stoppedEarly: fit.stoppedEarly,
      warmStart: warm ? (warm.used ? { used: true } : { used: false, reason: warm.reason }) : { used: false, reason: 'no parent version' },
      rows: { train: train.rows, validation: validation.rows, skipped: train.skipped + validation.skipped },
      rowsPerSecond: fit.rowsTrained / (fit.epochsMs / 1000),
      dataWaitShare: (train.waitMs + validation.waitMs + readWaitMs) / wallMs,
      ...(spec.classes ? { classes: spec.classes } : {}),
      baseline: baselineOf(registry, spec),
    };
  } finally {
    model.dispose();
  }
}
