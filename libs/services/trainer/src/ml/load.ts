import * as tf from '@tensorflow/tfjs';
import { readModel, readSpec } from './artifact.ts';
import { ensureBackend } from './backend.ts';
import { scoringTransform, type PreprocessingSpec } from './preprocess.ts';
import type { LoadedModel, ModelArtifact, Prediction } from './types.ts';

/** The model's outputs (one row of `out` per input row) as predictions, in the spec's terms. */
export function toPredictions(spec: PreprocessingSpec, out: Float32Array, rows: number): Prediction[] {
  const classes = spec.classes;
  return Array.from({ length: rows }, (_, r): Prediction => {
    if (spec.task === 'BINARY') return { score: out[r]! };
    if (spec.task === 'REGRESSION') return { value: out[r]! * spec.target!.std + spec.target!.mean };
    const k = classes!.length;
    const probabilities: Record<string, number> = {};
    let best = 0;
    for (let i = 0; i < k; i++) {
      probabilities[classes![i]!] = out[r * k + i]!;
      if (out[r * k + i]! > out[r * k + best]!) best = i;
    }
    return { probabilities, predictedClass: classes![best]! };
  });
}

/**
 * A saved artifact ready to score: the spec's transform, then the model
 * (what `tf.loadLayersModel` plus preprocessing.json reproduce). Feature
 * maps may lack features, carry unseen categories or values of the wrong
 * type: those take the spec's missing/OTHER paths, never an exception.
 */
export async function loadModel(artifact: ModelArtifact): Promise<LoadedModel> {
  await ensureBackend();
  const spec = readSpec(artifact);
  const model = await readModel(artifact);
  const transform = scoringTransform(spec);
  return {
    task: spec.task,
    ...(spec.classes ? { classes: spec.classes } : {}),
    predict(rows) {
      if (rows.length === 0) return [];
      const out = tf.tidy(() => (model.predict(tf.tensor2d(transform(rows), [rows.length, spec.width])) as tf.Tensor).dataSync() as Float32Array);
      return toPredictions(spec, out, rows.length);
    },
    dispose: () => model.dispose(),
  };
}
