import type { Task } from '@tideline/contracts';
import type { ResolvedParams } from './params.ts';

/** LOGISTIC: logistic (BINARY) or softmax (MULTICLASS) regression; LINEAR: linear regression (REGRESSION only); MLP: any task. */
export type Family = 'LOGISTIC' | 'LINEAR' | 'MLP';
export type FeatureValue = number | string | boolean | null | undefined;
/** Feature names without the 'features.' prefix. */
export type FeatureValues = Record<string, FeatureValue>;
export interface TrainingRow {
  features: FeatureValues;
  label: boolean | string | number;
  weight: number;
  /** From a dataset export: the prediction's id and tags (evaluation slices by tags). */
  id?: string;
  tags?: Record<string, string>;
}
/** Opens the split again each time it is called (the service re-downloads; tests use arrays). */
export type RowSource = () => AsyncIterable<TrainingRow[]>;
export interface ArtifactFile {
  path: string;
  bytes: Uint8Array;
}
/** model.json, weights.bin, preprocessing.json */
export interface ModelArtifact {
  files: ArtifactFile[];
}
export type Prediction = { score: number } | { probabilities: Record<string, number>; predictedClass: string } | { value: number };
export interface TrainingProgress {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss: number | null;
  rowsPerSecond: number;
}
export interface TrainInput {
  task: Task;
  family: Family;
  params: ResolvedParams;
  seed: number;
  train: RowSource;
  validation: RowSource;
  /** Warm start (fine-tune) when the feature spec, classes and architecture match; else training from scratch, and `warmStart.reason` says why. */
  parent?: ModelArtifact;
  /** A private temporary directory for the spill files; the caller removes it. */
  workDir: string;
  /** Cancels: trainModel rejects with the signal's reason, checked between batches. */
  signal?: AbortSignal;
  /** Called once per epoch. */
  onProgress?: (p: TrainingProgress) => void;
}
export interface TrainResult {
  artifact: ModelArtifact;
  params: ResolvedParams;
  backend: string;
  /** sha256:<hex> of weights.bin */
  weightsDigest: string;
  history: { epoch: number; loss: number; valLoss: number | null }[];
  /** The epoch whose weights the model holds (1-based). */
  bestEpoch: number;
  stoppedEarly: boolean;
  warmStart: { used: boolean; reason?: string };
  /** Rows used; `skipped`: rows whose label does not fit the task (train + validation; exportRows counts its own separately). */
  rows: { train: number; validation: number; skipped: number };
  /** Training rows per second over the epochs (train batches and validation passes, not the first download). */
  rowsPerSecond: number;
  /** Share of the whole call's wall time spent waiting for rows (the download pass and spill reads). */
  dataWaitShare: number;
  /** MULTICLASS, as fitted (sorted). */
  classes?: string[];
  /** The naive baseline fitted on the train split: prior (BINARY), class priors + majority class (MULTICLASS), mean (REGRESSION). */
  baseline: Prediction;
}
export interface LoadedModel {
  task: Task;
  classes?: string[];
  predict(rows: FeatureValues[]): Prediction[];
  dispose(): void;
}
