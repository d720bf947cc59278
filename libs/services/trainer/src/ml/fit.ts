import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as tf from '@tensorflow/tfjs';
import type { Task } from '@tideline/contracts';
import type { Batch } from './batches.ts';
import { forward, l2Penalty, reseedDropout, rowLoss, weightedMean } from './families.ts';
import type { ResolvedParams } from './params.ts';
import type { TrainingProgress } from './types.ts';

export interface FitOptions {
  model: tf.LayersModel;
  task: Task;
  classes: number;
  params: ResolvedParams;
  seed: number;
  /** Decay the learning rate over the last epochs (see `annealing`): the convex families, whose optimum is the goal. */
  anneal: boolean;
  /** A new pass over the shuffled train split per call. */
  trainBatches: (epoch: number) => AsyncIterable<Batch>;
  /** A pass over the validation split, or undefined when it is empty. */
  validationBatches: (() => AsyncIterable<Batch>) | undefined;
  signal?: AbortSignal;
  onProgress?: (p: TrainingProgress) => void;
}
export interface FitResult {
  history: { epoch: number; loss: number; valLoss: number | null }[];
  bestEpoch: number;
  stoppedEarly: boolean;
  rowsTrained: number;
  epochsMs: number;
}

function tensors(task: Task, classes: number, b: Batch) {
  const x = tf.tensor2d(b.x, [b.rows, b.x.length / b.rows]);
  const y = task === 'MULTICLASS' ? tf.oneHot(tf.tensor1d(b.y, 'int32'), classes) : tf.tensor2d(b.y, [b.rows, 1]);
  return { x, y, w: tf.tensor1d(b.w) };
}

/** Weighted mean loss of the model over the validation split (no dropout, no penalty). */
async function validationLoss(o: FitOptions): Promise<number | null> {
  if (!o.validationBatches) return null;
  let sum = 0;
  let weight = 0;
  for await (const b of o.validationBatches()) {
    const loss = tf.tidy(() => {
      const { x, y, w } = tensors(o.task, o.classes, b);
      return tf.sum(tf.mul(rowLoss(o.task, forward(o.model, x, false), y), w));
    });
    sum += (await loss.data())[0]!;
    loss.dispose();
    weight += b.weight;
  }
  return weight > 0 ? sum / weight : null;
}

/**
 * The learning rate's factor in an epoch: 1, then over the last quarter of the epochs a linear decay towards 0.
 * With a constant step, minibatch Adam ends wherever its last batches threw it: on a convex LOGISTIC that cost up
 * to 2 points of accuracy against the exact optimum (logistic.spec.ts). Only the tail decays, so short runs keep
 * nearly all of their progress. MLP keeps a constant step (its runs are short and far from any optimum).
 */
export function annealing(epoch: number, epochs: number): number {
  const tail = Math.ceil(epochs / 4);
  return Math.min(1, (epochs - epoch + 1) / (tail + 1));
}

/**
 * Adam over the streamed batches, one epoch at a time; after each epoch the
 * validation loss decides early stopping (no improvement for `patience`
 * epochs) and the best epoch's weights are kept aside, then restored.
 * Aborting rejects with the signal's reason between two batches.
 */
export async function fitStreaming(o: FitOptions): Promise<FitResult> {
  const { model, params } = o;
  const optimizer = tf.train.adam(params.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const history: FitResult['history'] = [];
  let best: { loss: number; epoch: number; weights: tf.Tensor[] } | undefined;
  let stoppedEarly = false;
  let rowsTrained = 0;
  let step = 0;
  const started = performance.now();
  try {
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      const epochStarted = performance.now();
      if (o.anneal) (optimizer as unknown as { learningRate: number }).learningRate = params.learningRate * annealing(epoch, params.epochs);
      let lossSum = 0;
      let weightSum = 0;
      let rows = 0;
      for await (const b of o.trainBatches(epoch)) {
        o.signal?.throwIfAborted();
        reseedDropout(model, (o.seed * 1_000_003 + step++) % 2147483647);
        const loss = tf.tidy(() => {
          const { x, y, w } = tensors(o.task, o.classes, b);
          return optimizer.minimize(() => {
            const data = weightedMean(rowLoss(o.task, forward(model, x, true), y), w);
            const penalty = l2Penalty(model, params.l2);
            return penalty ? tf.add(data, penalty) : data;
          }, true, variables)!;
        });
        lossSum += (await loss.data())[0]! * b.weight;
        loss.dispose();
        weightSum += b.weight;
        rows += b.rows;
        await yieldToEventLoop(); // lets a cancel (or any I/O) in between batches
      }
      o.signal?.throwIfAborted();
      const valLoss = await validationLoss(o);
      const loss = weightSum > 0 ? lossSum / weightSum : 0;
      history.push({ epoch, loss, valLoss });
      rowsTrained += rows;
      o.onProgress?.({ epoch, epochs: params.epochs, loss, valLoss, rowsPerSecond: rows / ((performance.now() - epochStarted) / 1000) });
      if (valLoss === null) continue;
      if (!best || valLoss < best.loss) {
        best?.weights.forEach((t) => t.dispose());
        best = { loss: valLoss, epoch, weights: variables.map((v) => tf.keep(v.clone())) };
      } else if (params.patience > 0 && epoch - best.epoch >= params.patience) {
        stoppedEarly = true;
        break;
      }
    }
    const last = history.length;
    if (best && best.epoch !== last) variables.forEach((v, i) => v.assign(best!.weights[i]!));
    return { history, bestEpoch: best?.epoch ?? last, stoppedEarly, rowsTrained, epochsMs: performance.now() - started };
  } finally {
    best?.weights.forEach((t) => t.dispose());
    optimizer.dispose();
  }
}
