import * as tf from '@tensorflow/tfjs';
import type { Task } from '@tideline/contracts';
import type { ResolvedParams } from './params.ts';
import type { Family } from './types.ts';

/**
 * The model of a family as plain tfjs layers (Dense, Dropout), so model.json
 * loads with `tf.loadLayersModel` and nothing of ours. Each kernel gets its
 * own seed derived from the run's seed: same seed, same initial weights.
 * The output is the prediction itself: sigmoid P(true), softmax over the
 * classes, or the standardized regression value.
 */
export function buildModel(family: Family, task: Task, params: ResolvedParams, width: number, classes: number, seed: number): tf.LayersModel {
  const init = (layer: number) => tf.initializers.glorotUniform({ seed: (seed * 1009 + layer * 7919) % 2147483647 });
  const model = tf.sequential();
  const hidden = family === 'MLP' ? params.hidden : [];
  hidden.forEach((units, i) => {
    model.add(tf.layers.dense({ units, activation: 'relu', kernelInitializer: init(i), ...(i === 0 ? { inputShape: [width] } : {}) }));
    // tfjs's own dropout would draw the same mask every batch for a fixed seed: training reseeds it per batch (see reseedDropout).
    if (params.dropout > 0) model.add(tf.layers.dropout({ rate: params.dropout, seed }));
  });
  const units = task === 'MULTICLASS' ? classes : 1;
  const activation = task === 'BINARY' ? 'sigmoid' : task === 'MULTICLASS' ? 'softmax' : 'linear';
  model.add(tf.layers.dense({ units, activation, kernelInitializer: init(hidden.length), ...(hidden.length === 0 ? { inputShape: [width] } : {}) }));
  return model;
}

/** Gives each Dropout layer a new seed for the next batch: seeded masks that still differ from batch to batch. */
export function reseedDropout(model: tf.LayersModel, seed: number) {
  for (const layer of model.layers) if (layer.getClassName() === 'Dropout') (layer as unknown as { seed: number }).seed = seed;
}

/** The model's output for a batch, layer by layer (tfjs's graph executor costs more per batch than these small layers). */
export function forward(model: tf.LayersModel, x: tf.Tensor, training: boolean): tf.Tensor {
  let h = x;
  for (const layer of model.layers) h = layer.apply(h, { training }) as tf.Tensor;
  return h;
}

/**
 * Per-row loss of predictions `p` for targets `y` (BINARY: 0/1; MULTICLASS:
 * one-hot; REGRESSION: standardized value): cross-entropy on clipped
 * probabilities, or squared error.
 */
export function rowLoss(task: Task, p: tf.Tensor, y: tf.Tensor): tf.Tensor1D {
  const eps = 1e-7;
  if (task === 'REGRESSION') return tf.squaredDifference(p, y).reshape([-1]);
  const clipped = tf.clipByValue(p, eps, 1 - eps);
  if (task === 'MULTICLASS') return tf.neg(tf.sum(tf.mul(y, tf.log(clipped)), 1)) as tf.Tensor1D;
  const one = tf.scalar(1);
  return tf.neg(tf.add(tf.mul(y, tf.log(clipped)), tf.mul(tf.sub(one, y), tf.log(tf.sub(one, clipped))))).reshape([-1]);
}

/** Σ w·loss / Σ w (0 for a batch whose weights are all 0). */
export function weightedMean(loss: tf.Tensor1D, w: tf.Tensor1D): tf.Scalar {
  return tf.div(tf.sum(tf.mul(loss, w)), tf.maximum(tf.sum(w), 1e-12));
}

/** l2 · Σ w² over the kernels (not biases). */
export function l2Penalty(model: tf.LayersModel, l2: number): tf.Scalar | undefined {
  if (l2 <= 0) return undefined;
  const kernels = model.trainableWeights.filter((w) => w.name.includes('kernel')).map((w) => tf.sum(tf.square(w.read())));
  return tf.mul(tf.addN(kernels), l2) as tf.Scalar;
}
