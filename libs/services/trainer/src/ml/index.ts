/**
 * The trainer's ML core on TensorFlow.js: parameters, backends, streaming
 * training with the preprocessing that travels with the model, artifacts
 * and scoring. The service around it (queue, GraphQL, registry) uses only
 * what is exported here.
 */
export type { Family, FeatureValue, FeatureValues, TrainingRow, RowSource, ArtifactFile, ModelArtifact, Prediction, TrainingProgress, TrainInput, TrainResult, LoadedModel } from './types.ts';
export { parseParams, ParamsError, type ResolvedParams, type ClassWeights } from './params.ts';
export { initBackend, type BackendPreference } from './backend.ts';
export { trainModel } from './train.ts';
export { loadModel } from './load.ts';
export { exportRows, type ExportedRows } from './export-rows.ts';
export { MODEL_JSON, WEIGHTS_BIN, PREPROCESSING_JSON } from './artifact.ts';
export type { PreprocessingSpec, SpecInput } from './preprocess.ts';
// For the benchmark's in-memory ceiling and for users reproducing the transform: the model builder and the spec's scoring transform.
export { buildModel } from './families.ts';
export { scoringTransform } from './preprocess.ts';
export { readSpec } from './artifact.ts';
