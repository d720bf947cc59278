import { z } from 'zod';
import { modelStage } from '@tideline/contracts';
import { EVALUATION_METRICS, type EvaluationMetric } from '@tideline/store';

/**
 * Entries of a model's log, the registry's source of truth. Each is validated
 * when read back, so a malformed entry fails loudly instead of folding into a
 * wrong state.
 */
const metric = z.enum(EVALUATION_METRICS as [EvaluationMetric, ...EvaluationMetric[]]);
const window = z.object({ from: z.string(), to: z.string() });

export const gateConfig = z.object({
  /** δ: the challenger must beat the champion on the primary metric by at least this much (in the metric's units). */
  minImprovement: z.number(),
  /** ε: no protected slice may be worse by more than this. */
  maxSliceRegression: z.number(),
  /** Values resting on fewer samples (labeled rows in production) are not judged. */
  minSamples: z.number().int(),
});
export type GateConfig = z.infer<typeof gateConfig>;

export const modelConfig = z.object({
  description: z.string().nullable(),
  owner: z.string().nullable(),
  primaryMetric: metric,
  /** `tags.country` protects every country; `tags.country=BR` one of them. */
  protectedSlices: z.array(z.string()),
  gate: gateConfig,
});
export type ModelConfig = z.infer<typeof modelConfig>;

export const artifactFile = z.object({ path: z.string(), digest: z.string(), size: z.number().int() });
export type ArtifactFile = z.infer<typeof artifactFile>;

export const artifactManifest = z.object({
  /** sha256 of the canonical JSON of `format` and `files`: one digest names the whole artifact. */
  digest: z.string(),
  format: z.enum(['TFJS_LAYERS', 'TFJS_GRAPH', 'OTHER']),
  files: z.array(artifactFile),
  size: z.number().int(),
});
export type ArtifactManifest = z.infer<typeof artifactManifest>;

export const trainingRun = z.object({
  id: z.string().nullable(),
  params: z.unknown(),
  seed: z.number().int().nullable(),
  codeVersion: z.string().nullable(),
  backend: z.string().nullable(),
  durationMs: z.number().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TrainingRun = z.infer<typeof trainingRun>;

export const evaluationValue = z.object({
  /** null: the whole evaluation set or traffic; else `field=value[,field=value]`. */
  slice: z.string().nullable(),
  metric,
  value: z.number().nullable(),
  sampleCount: z.number().int(),
});
export type EvaluationValue = z.infer<typeof evaluationValue>;

export const evaluation = z.object({
  id: z.string(),
  source: z.enum(['OFFLINE', 'PRODUCTION']),
  datasetId: z.string().nullable(),
  window: window.nullable(),
  values: z.array(evaluationValue),
});
export type Evaluation = z.infer<typeof evaluation>;

export const gateCheck = z.object({
  slice: z.string().nullable(),
  metric,
  championValue: z.number().nullable(),
  challengerValue: z.number().nullable(),
  championSamples: z.number().int(),
  challengerSamples: z.number().int(),
  /** Challenger minus champion in the metric's better direction (positive: the challenger is better). */
  improvement: z.number().nullable(),
  /** The least improvement that passes: δ for the primary metric, −ε for a protected slice. */
  threshold: z.number(),
  outcome: z.enum(['PASSED', 'FAILED', 'INSUFFICIENT_SAMPLES', 'NOT_EVALUATED']),
});
export type GateCheck = z.infer<typeof gateCheck>;

export const gateEvidence = z.object({
  passed: z.boolean(),
  source: z.enum(['OFFLINE', 'PRODUCTION']),
  champion: z.string(),
  challenger: z.string(),
  championEvaluation: z.string().nullable(),
  challengerEvaluation: z.string().nullable(),
  gate: gateConfig,
  primary: gateCheck,
  slices: z.array(gateCheck),
  /** One line per failed check, for people. */
  failures: z.array(z.string()),
});
export type GateEvidence = z.infer<typeof gateEvidence>;

const common = { at: z.string(), actor: z.string().nullable() };

export const logEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('MODEL_CONFIGURED'), ...common, config: modelConfig }),
  z.object({
    type: z.literal('VERSION_REGISTERED'),
    ...common,
    version: z.string(),
    description: z.string().nullable(),
    artifact: artifactManifest,
    metadata: z.unknown(),
    datasetId: z.string().nullable(),
    trainingRun: trainingRun.nullable(),
    parentVersion: z.string().nullable(),
  }),
  z.object({ type: z.literal('EVALUATION_RECORDED'), ...common, version: z.string(), evaluation }),
  z.object({
    type: z.literal('STAGE_CHANGED'),
    ...common,
    reason: z.string(),
    /** The gate failed and the change went through anyway. */
    override: z.boolean(),
    rollback: z.boolean(),
    /** The version asked for first, then any it displaced (the previous champion). */
    changes: z.array(z.object({ version: z.string(), from: modelStage, to: modelStage })).min(1),
    gate: gateEvidence.nullable(),
  }),
]);
export type LogEvent = z.infer<typeof logEvent>;
export type StageChangedEvent = Extract<LogEvent, { type: 'STAGE_CHANGED' }>;
