import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { SPEC_FORMAT, type PreprocessingSpec } from './preprocess.ts';
import type { ModelArtifact } from './types.ts';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
export const PREPROCESSING_JSON = 'preprocessing.json';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 1));

/** model.json (tfjs's layers-model format, one weight shard), weights.bin and preprocessing.json. */
export async function saveArtifact(model: tf.LayersModel, spec: PreprocessingSpec): Promise<{ artifact: ModelArtifact; weightsDigest: string }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  const weights = new Uint8Array(tf.io.concatenateArrayBuffers([saved!.weightData!].flat()));
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    modelTopology: saved!.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: saved!.weightSpecs }],
  };
  const weightsDigest = `sha256:${createHash('sha256').update(weights).digest('hex')}`;
  return { artifact: { files: [{ path: MODEL_JSON, bytes: json(modelJson) }, { path: WEIGHTS_BIN, bytes: weights }, { path: PREPROCESSING_JSON, bytes: json(spec) }] }, weightsDigest };
}

function file(artifact: ModelArtifact, path: string): Uint8Array {
  const found = artifact.files.find((f) => f.path === path);
  if (!found) throw new Error(`the artifact has no ${path} (it has ${artifact.files.map((f) => f.path).join(', ') || 'no files'})`);
  return found.bytes;
}

const parse = <T>(bytes: Uint8Array, path: string): T => {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (err) {
    throw new Error(`${path} is not JSON`, { cause: err });
  }
};

/** The artifact's preprocessing spec, checked for its format and version. */
export function readSpec(artifact: ModelArtifact): PreprocessingSpec {
  const spec = parse<PreprocessingSpec>(file(artifact, PREPROCESSING_JSON), PREPROCESSING_JSON);
  if (spec.format !== SPEC_FORMAT || spec.version !== 1) throw new Error(`${PREPROCESSING_JSON} is not a ${SPEC_FORMAT} spec of version 1`);
  return spec;
}

/** The artifact's model, as plain tfjs loads it (the path a user without Tideline takes). */
export async function readModel(artifact: ModelArtifact): Promise<tf.LayersModel> {
  const modelJson = parse<{ modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }>(file(artifact, MODEL_JSON), MODEL_JSON);
  const bytes = file(artifact, WEIGHTS_BIN);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest.flatMap((m) => m.weights), weightData }));
}
