import { posix } from 'node:path';
import { badInput } from '@tideline/graphql';

export type TfjsFormat = 'TFJS_LAYERS' | 'TFJS_GRAPH';

interface WeightSpec {
  name?: unknown;
  shape?: unknown;
  dtype?: unknown;
  quantization?: { dtype?: unknown };
}
interface WeightGroup {
  paths?: unknown;
  weights?: unknown;
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, int8: 1, uint16: 2, int16: 2, float16: 2 };
const FIELD = 'input.artifact.files';

/**
 * Checks a TensorFlow.js `model.json` against the files uploaded with it:
 * a model topology, every weight shard its manifest names present (paths are
 * relative to model.json), and the shards' total size equal to what the
 * weight specs (shape × dtype, or the quantized dtype) require. A model that
 * passes loads with `tf.loadLayersModel` / `tf.loadGraphModel`.
 */
export function checkTfjsModel(modelJsonPath: string, modelJson: unknown, sizes: ReadonlyMap<string, number>): TfjsFormat {
  const fail = (message: string) => badInput(`${modelJsonPath}: ${message}`, FIELD);
  if (typeof modelJson !== 'object' || modelJson === null || Array.isArray(modelJson)) throw fail('is not a JSON object');
  const json = modelJson as { format?: unknown; modelTopology?: unknown; weightsManifest?: unknown };
  if (typeof json.modelTopology !== 'object' || json.modelTopology === null) throw fail('has no modelTopology; not a TensorFlow.js model');
  if (!Array.isArray(json.weightsManifest)) throw fail('has no weightsManifest array');

  const dir = posix.dirname(modelJsonPath);
  let shardBytes = 0;
  let weightBytes = 0;
  let sizesKnown = true;
  for (const [g, group] of (json.weightsManifest as WeightGroup[]).entries()) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) throw fail(`weightsManifest[${g}] needs paths and weights arrays`);
    for (const path of group.paths) {
      const resolved = posix.normalize(posix.join(dir, String(path)));
      const size = sizes.get(resolved);
      if (size === undefined) throw fail(`weightsManifest[${g}] names weight file '${resolved}', which is not among the artifact's files`);
      shardBytes += size;
    }
    for (const [w, spec] of (group.weights as WeightSpec[]).entries()) {
      if (!Array.isArray(spec?.shape) || !spec.shape.every((d) => Number.isInteger(d) && d >= 0)) throw fail(`weightsManifest[${g}].weights[${w}] has no valid shape`);
      const dtype = String(spec.quantization?.dtype ?? spec.dtype);
      const bytes = BYTES_PER_ELEMENT[dtype];
      // String tensors have no fixed size: the total cannot be checked then.
      if (bytes === undefined) sizesKnown = false;
      else weightBytes += bytes * (spec.shape as number[]).reduce((a, b) => a * b, 1);
    }
  }
  if (sizesKnown && shardBytes !== weightBytes) throw fail(`weight files hold ${shardBytes} bytes but the weight specs need ${weightBytes}`);

  if (json.format === 'layers-model') return 'TFJS_LAYERS';
  if (json.format === 'graph-model') return 'TFJS_GRAPH';
  // Older exports omit `format`: Keras topologies carry a class_name.
  return 'class_name' in (json.modelTopology as object) || 'model_config' in (json.modelTopology as object) ? 'TFJS_LAYERS' : 'TFJS_GRAPH';
}
