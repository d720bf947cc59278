import { describe, expect, it } from 'vitest';
import { checkTfjsModel } from './tfjs-model.ts';

/** A layers model as tf.io.withSaveHandler writes it: one dense layer, 3×2 kernel and 2 biases, float32. */
const denseModelJson = (paths = ['group1-shard1of1.bin']) => ({
  format: 'layers-model',
  generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
  modelTopology: { class_name: 'Sequential', config: { name: 'churn', layers: [{ class_name: 'Dense', config: { units: 2 } }] } },
  weightsManifest: [
    {
      paths,
      weights: [
        { name: 'dense/kernel', shape: [3, 2], dtype: 'float32' },
        { name: 'dense/bias', shape: [2], dtype: 'float32' },
      ],
    },
  ],
});

describe('checkTfjsModel', () => {
  it('accepts a layers model whose shards hold exactly the weights', () => {
    expect(checkTfjsModel('model.json', denseModelJson(), new Map([['group1-shard1of1.bin', 32]]))).toBe('TFJS_LAYERS');
    // Paths resolve relative to model.json.
    expect(checkTfjsModel('tfjs/model.json', denseModelJson(['./w.bin']), new Map([['tfjs/w.bin', 32]]))).toBe('TFJS_LAYERS');
  });

  it('tells graph models apart', () => {
    const graph = { format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] };
    expect(checkTfjsModel('model.json', graph, new Map())).toBe('TFJS_GRAPH');
  });

  it('refuses a missing shard, a wrong size and a file that is no model, naming the file', () => {
    const call = (json: unknown, sizes: [string, number][]) => () => checkTfjsModel('model.json', json, new Map(sizes));
    expect(call(denseModelJson(), [])).toThrow("model.json: weightsManifest[0] names weight file 'group1-shard1of1.bin', which is not among the artifact's files");
    expect(call(denseModelJson(), [['group1-shard1of1.bin', 31]])).toThrow('weight files hold 31 bytes but the weight specs need 32');
    expect(call({ hello: 1 }, [])).toThrow('has no modelTopology');
    try {
      call([], [])();
    } catch (err) {
      expect((err as { extensions: unknown }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.artifact.files' });
    }
  });

  it('sizes quantized weights by their quantized dtype', () => {
    const json = denseModelJson();
    json.weightsManifest[0]!.weights[0] = { ...json.weightsManifest[0]!.weights[0]!, quantization: { dtype: 'uint8' } } as never;
    expect(checkTfjsModel('model.json', json, new Map([['group1-shard1of1.bin', 6 + 8]]))).toBe('TFJS_LAYERS');
  });
});
