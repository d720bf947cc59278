import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_JSON, PREPROCESSING_JSON, WEIGHTS_BIN } from './artifact.ts';
import { initBackend } from './backend.ts';
import { loadModel } from './load.ts';
import type { PreprocessingSpec } from './preprocess.ts';
import { syntheticRows, trainOn } from './test-data.ts';
import { tempDir } from '@tideline/testing';
import type { FeatureValues, ModelArtifact, TrainingRow } from './types.ts';

const dir = tempDir('tideline-ml-');
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => dir.remove());

const bytesOf = (artifact: ModelArtifact, path: string) => artifact.files.find((f) => f.path === path)!.bytes;
const jsonOf = <T>(artifact: ModelArtifact, path: string) => JSON.parse(new TextDecoder().decode(bytesOf(artifact, path))) as T;

/** The artifact's model.json and weights.bin loaded by plain tfjs, as a user without Tideline would. */
async function plainModel(artifact: ModelArtifact): Promise<tf.LayersModel> {
  const modelJson = jsonOf<{ modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] }>(artifact, MODEL_JSON);
  expect(modelJson.weightsManifest.map((m) => m.paths)).toEqual([[WEIGHTS_BIN]]);
  const weightData = bytesOf(artifact, WEIGHTS_BIN).slice().buffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0]!.weights, weightData }));
}

/** The transform as ML.md documents it, written from the document (what a user without Tideline would write). */
function documentedTransform(spec: PreprocessingSpec, row: FeatureValues): number[] {
  const x: number[] = new Array<number>(spec.width).fill(0);
  for (const input of spec.inputs) {
    const v = row[input.name];
    if (input.kind === 'categorical') {
      const i = typeof v === 'string' ? input.categories.indexOf(v) : -1;
      x[input.column + (i < 0 ? input.categories.length : i)] = 1;
    } else if (input.kind === 'numeric' && typeof v === 'number' && Number.isFinite(v)) x[input.column] = (v - input.mean) / input.std;
    else if (input.kind === 'boolean' && typeof v === 'boolean') x[input.column] = v ? 1 : 0;
    else x[input.column + 1] = 1;
  }
  return x;
}

/** Rows a scorer must survive: missing features, unseen categories, wrong types, an empty row. */
const awkward: FeatureValues[] = [
  { x1: 120, x2: 0.5, color: 'red', flag: true },
  { x1: 120, x2: 0.5, color: 'purple', flag: true },
  { x1: 'a string', x2: null, color: 7, flag: 'yes' },
  { x2: undefined, unknownFeature: 3 },
  {},
  { x1: Number.NaN, x2: Number.POSITIVE_INFINITY, color: null, flag: null },
];

describe('the artifact', () => {
  it('loads with plain tf.loadLayersModel and, with preprocessing.json applied as documented, gives loadModel`s predictions', async () => {
    const result = await trainOn(dir.path, 'MULTICLASS', 'MLP', syntheticRows('MULTICLASS', 1500, 1), syntheticRows('MULTICLASS', 300, 2), { epochs: 3, hidden: [8], dropout: 0.1 });
    expect(result.artifact.files.map((f) => f.path).sort()).toEqual([MODEL_JSON, PREPROCESSING_JSON, WEIGHTS_BIN].sort());
    const spec = jsonOf<PreprocessingSpec>(result.artifact, PREPROCESSING_JSON);
    expect(spec).toMatchObject({ format: 'tideline-preprocessing', version: 1, task: 'MULTICLASS', classes: ['a', 'b', 'c'], target: null });

    const plain = await plainModel(result.artifact);
    const rows = [...syntheticRows('MULTICLASS', 50, 3).map((r) => r.features), ...awkward];
    const plainOut = (plain.predict(tf.tensor2d(rows.map((r) => documentedTransform(spec, r)))) as tf.Tensor).arraySync() as number[][];
    plain.dispose();

    const model = await loadModel(result.artifact);
    const predictions = model.predict(rows);
    model.dispose();
    expect(predictions).toHaveLength(rows.length);
    predictions.forEach((p, r) => {
      if (!('probabilities' in p)) throw new Error('a MULTICLASS model predicts probabilities');
      spec.classes!.forEach((cls, i) => expect(p.probabilities[cls]).toBeCloseTo(plainOut[r]![i]!, 5));
      expect(Object.values(p.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    });
  });

  it('REGRESSION: the value is the output times the target std plus its mean, as the spec says', async () => {
    const result = await trainOn(dir.path, 'REGRESSION', 'LINEAR', syntheticRows('REGRESSION', 1000, 4), syntheticRows('REGRESSION', 200, 5), { epochs: 3 });
    const spec = jsonOf<PreprocessingSpec>(result.artifact, PREPROCESSING_JSON);
    const model = await loadModel(result.artifact);
    const again = await loadModel(result.artifact);
    const [p] = model.predict([awkward[0]!]);
    expect(again.predict([awkward[0]!])).toEqual([p]);
    model.dispose();
    again.dispose();
    const plain = await plainModel(result.artifact);
    const out = (plain.predict(tf.tensor2d([documentedTransform(spec, awkward[0]!)])) as tf.Tensor).dataSync()[0]!;
    plain.dispose();
    expect(p).toEqual({ value: expect.closeTo(out * spec.target!.std + spec.target!.mean, 3) });
    expect(spec.target!.mean).toBeGreaterThan(900); // the labels' mean (~1000), fitted on the train split
  });
});

describe('warm start', () => {
  const rows = syntheticRows('BINARY', 1500, 11);
  const validation = syntheticRows('BINARY', 300, 12);
  const params = { epochs: 2, hidden: [16], learningRate: 0.01 };

  it('starts from the parent`s weights and reuses its preprocessing when features, classes and layers match', async () => {
    const parent = await trainOn(dir.path, 'BINARY', 'MLP', rows, validation, { ...params, epochs: 6 });
    // shifted data: a refitted spec would have other means; the warm start keeps the parent's
    const shifted = syntheticRows('BINARY', 1500, 13).map((r) => ({ ...r, features: { ...r.features, x1: (r.features.x1 as number) + 30 } }));
    const child = await trainOn(dir.path, 'BINARY', 'MLP', shifted, validation, params, { parent: parent.artifact });
    const fresh = await trainOn(dir.path, 'BINARY', 'MLP', shifted, validation, params);
    expect(child.warmStart).toEqual({ used: true });
    expect(fresh.warmStart).toEqual({ used: false, reason: 'no parent version' });
    expect(jsonOf(child.artifact, PREPROCESSING_JSON)).toEqual(jsonOf(parent.artifact, PREPROCESSING_JSON));
    expect(jsonOf(fresh.artifact, PREPROCESSING_JSON)).not.toEqual(jsonOf(parent.artifact, PREPROCESSING_JSON));
    // a trained start: the first epoch's loss is well below a fresh model's
    expect(child.history[0]!.loss).toBeLessThan(0.8 * fresh.history[0]!.loss);
  });

  it('refuses, saying why, when the features, the classes or the layers differ, and trains from scratch', async () => {
    const parent = await trainOn(dir.path, 'BINARY', 'MLP', rows, validation, params);
    const extra = (r: TrainingRow) => ({ ...r, features: { ...r.features, extra: 1 } });
    const moreFeatures = await trainOn(dir.path, 'BINARY', 'MLP', rows.map(extra), validation, params, { parent: parent.artifact });
    expect(moreFeatures.warmStart).toEqual({ used: false, reason: 'the features differ from the parent\'s (new here: extra)' });
    const otherLayers = await trainOn(dir.path, 'BINARY', 'MLP', rows, validation, { ...params, hidden: [8] }, { parent: parent.artifact });
    expect(otherLayers.warmStart.used).toBe(false);
    expect(otherLayers.warmStart.reason).toMatch(/^the parent's layers .* differ/);
    const multiParent = await trainOn(dir.path, 'MULTICLASS', 'LOGISTIC', syntheticRows('MULTICLASS', 600, 14), [], { epochs: 1 });
    const twoClasses = syntheticRows('MULTICLASS', 600, 15).filter((r) => r.label !== 'c');
    const otherClasses = await trainOn(dir.path, 'MULTICLASS', 'LOGISTIC', twoClasses, [], { epochs: 1 }, { parent: multiParent.artifact });
    expect(otherClasses.warmStart).toEqual({ used: false, reason: 'the classes differ from the parent\'s (a, b, c there, a, b here)' });
    const otherTask = await trainOn(dir.path, 'REGRESSION', 'LINEAR', syntheticRows('REGRESSION', 300, 16), [], { epochs: 1 }, { parent: parent.artifact });
    expect(otherTask.warmStart).toEqual({ used: false, reason: 'the parent is a BINARY model, this run trains REGRESSION' });
  });
});
