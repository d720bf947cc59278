import type * as tf from '@tensorflow/tfjs';
import { readModel, readSpec } from './artifact.ts';
import type { ColumnRegistry } from './columns.ts';
import type { PreprocessingSpec } from './preprocess.ts';
import type { ModelArtifact } from './types.ts';

export type WarmStart = { used: true; spec: PreprocessingSpec; weights: tf.Tensor[] } | { used: false; reason: string };

const list = (names: string[]) => (names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', '));

/**
 * Whether the parent can be fine-tuned on this data: same task, the same
 * features with the same kinds, the same classes, and the same layer
 * shapes for the requested family and parameters. If so, its spec is
 * reused (its input layout is what its weights understand) and its weights
 * initialize the model; otherwise the reason says what differs.
 */
export async function warmStartFrom(parent: ModelArtifact, registry: ColumnRegistry, fresh: (spec: PreprocessingSpec) => tf.LayersModel): Promise<WarmStart> {
  let spec: PreprocessingSpec;
  try {
    spec = readSpec(parent);
  } catch (err) {
    return { used: false, reason: `the parent's artifact cannot be read: ${(err as Error).message}` };
  }
  if (spec.task !== registry.task) return { used: false, reason: `the parent is a ${spec.task} model, this run trains ${registry.task}` };
  const theirs = new Map(spec.inputs.map((i) => [i.name, i.kind]));
  const ours = registry.byName;
  const missing = [...theirs.keys()].filter((name) => !ours.has(name));
  const added = [...ours.keys()].filter((name) => !theirs.has(name));
  const retyped = [...ours].filter(([name, c]) => theirs.has(name) && theirs.get(name) !== c.kind).map(([name]) => name);
  if (missing.length || added.length || retyped.length) {
    const parts = [missing.length && `missing here: ${list(missing)}`, added.length && `new here: ${list(added)}`, retyped.length && `another type: ${list(retyped)}`];
    return { used: false, reason: `the features differ from the parent's (${parts.filter(Boolean).join('; ')})` };
  }
  if (spec.task === 'MULTICLASS') {
    const classes = [...registry.classes.keys()].sort();
    if (JSON.stringify(classes) !== JSON.stringify(spec.classes)) return { used: false, reason: `the classes differ from the parent's (${list(spec.classes ?? [])} there, ${list(classes)} here)` };
  }
  const parentModel = await readModel(parent);
  const model = fresh(spec);
  try {
    const shapes = (m: tf.LayersModel) => JSON.stringify(m.getWeights().map((w) => w.shape));
    if (shapes(parentModel) !== shapes(model)) return { used: false, reason: `the parent's layers (${shapes(parentModel)}) differ from this family and parameters' (${shapes(model)})` };
    return { used: true, spec, weights: parentModel.getWeights().map((w) => w.clone()) };
  } finally {
    model.dispose();
    parentModel.dispose();
  }
}
