import { z } from 'zod';
import type { StreamDeclaration } from './subjects.ts';

/**
 * The model registry: its NATS subjects, streams, buckets and the events it
 * publishes, declared once for it and its consumers.
 */
export const REGISTRY_SUBJECTS = {
  /** A model version was registered: `tideline.model.registered.<project>` (services subscribe to `tideline.model.registered.>`). */
  registered: (project: string) => `tideline.model.registered.${project}`,
  /** A version changed stage (promotion, demotion, rollback): `tideline.model.promoted.<project>`. */
  promoted: (project: string) => `tideline.model.promoted.${project}`,
  /**
   * The registry's own log of one model: every registration, evaluation and
   * stage change, appended with an expected last subject sequence. `modelToken`
   * is the model name encoded as one subject token (names may contain dots).
   */
  log: (project: string, modelToken: string) => `tideline.registry.log.${project}.${modelToken}`,
  /** Every model log of a project. */
  projectLogs: (project: string) => `tideline.registry.log.${project}.>`,
} as const;

export const REGISTRY_STREAMS = {
  /** The models' logs: the registry's source of truth, kept forever. */
  log: { name: 'TIDELINE_REGISTRY_LOG', subjects: ['tideline.registry.log.>'], duplicateWindowMs: 2 * 60_000, retention: 'limits' },
  /** Registry events for services: kept 30 days, so a consumer that was down catches up; the event id dedupes republishing. */
  events: {
    name: 'TIDELINE_MODEL_EVENTS',
    subjects: ['tideline.model.registered.>', 'tideline.model.promoted.>'],
    duplicateWindowMs: 10 * 60_000,
    retention: 'limits',
    maxAgeMs: 30 * 86_400_000,
  },
} as const satisfies Record<string, StreamDeclaration>;

export const REGISTRY_BUCKETS = {
  /** `<project>.<dataset token>` → DatasetRecord (immutable) */
  datasets: 'tideline-registry-datasets',
  /** `<project>.<dataset token>.<model token>.<version token>` → empty: the versions trained on a dataset */
  datasetVersions: 'tideline-registry-dataset-versions',
  /** Object store of artifact files, named `<project>/sha256:<hex>` by their content. */
  artifacts: 'tideline-registry-artifacts',
} as const;

export const modelStage = z.enum(['CANDIDATE', 'CHALLENGER', 'CHAMPION', 'ARCHIVED']);
export type ModelStage = z.infer<typeof modelStage>;

/** What every registry event names: the version of a model of a project. */
const modelVersionFields = { project: z.string(), model: z.object({ name: z.string() }), version: z.string() };

/** Published on `REGISTRY_SUBJECTS.registered(project)`. */
export const modelRegisteredEvent = z.object({
  /** `<model log sequence>.REGISTERED`: a consumer that sees one twice can drop it. */
  id: z.string(),
  ...modelVersionFields,
  /** Digest of the artifact's manifest (`sha256:<hex>`). */
  artifactDigest: z.string(),
  datasetId: z.string().nullable(),
  parentVersion: z.string().nullable(),
  timestamp: z.string(),
});
export type ModelRegisteredEvent = z.infer<typeof modelRegisteredEvent>;

/** Published on `REGISTRY_SUBJECTS.promoted(project)` for every stage change, rollbacks included. */
export const modelPromotedEvent = z.object({
  /** `<model log sequence>.PROMOTED`. */
  id: z.string(),
  ...modelVersionFields,
  from: modelStage,
  to: modelStage,
  /** The champion this change replaced, when it made a new champion. */
  previousChampion: z.string().nullable(),
  reason: z.string(),
  /** The promotion went through although its gate failed. */
  override: z.boolean(),
  rollback: z.boolean(),
  /** Null when no gate applied (no champion to beat, or not a promotion to CHAMPION). */
  gatePassed: z.boolean().nullable(),
  timestamp: z.string(),
});
export type ModelPromotedEvent = z.infer<typeof modelPromotedEvent>;
