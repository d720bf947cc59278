import { z } from 'zod';
import type { ConsumerDeclaration, StreamDeclaration } from './subjects.ts';

/**
 * Training: the NATS subjects, streams, consumer and bucket of the trainer
 * service, declared once for it and for whoever follows its runs (the loop,
 * an outside orchestrator).
 */
export const TRAINING_SUBJECTS = {
  /** `tideline.training.requested|started|completed|failed|cancelled.<project>`: a run changed status. */
  event: (type: TrainingEventType, project: string) => `tideline.training.${type.toLowerCase()}.${project}`,
  /** A queued run for the workers: `tideline.trainer.jobs.<project>`. */
  job: (project: string) => `tideline.trainer.jobs.${project}`,
} as const;

export const TRAINING_STREAMS = {
  /** Run events for services: kept 30 days; the `<run>.<type>.<attempt>` id dedupes republishing. */
  events: { name: 'TIDELINE_TRAINING_EVENTS', subjects: ['tideline.training.>'], duplicateWindowMs: 10 * 60_000, retention: 'limits', maxAgeMs: 30 * 86_400_000 },
  /** Queued runs, a work queue shared by every trainer worker: each job is taken by one, and handed to another if its worker dies. */
  jobs: { name: 'TIDELINE_TRAINING_JOBS', subjects: ['tideline.trainer.jobs.>'], duplicateWindowMs: 10 * 60_000, retention: 'workqueue' },
} as const satisfies Record<string, StreamDeclaration>;

export const TRAINING_CONSUMERS = {
  /**
   * Shared by every worker. A worker reports progress (`working()`) while it
   * trains, so ack_wait only has to cover the silence of a dead worker: past
   * it, the job goes to another worker, which restarts the run from the start.
   */
  workers: { stream: TRAINING_STREAMS.jobs.name, durable: 'trainer-workers', filterSubject: 'tideline.trainer.jobs.>', ackWaitMs: 30_000, maxAckPending: 1000 },
} as const satisfies Record<string, ConsumerDeclaration>;

export const TRAINING_BUCKETS = {
  /** `<project>.<run id>` → TrainingRunRecord (the trainer's schema) */
  runs: 'tideline-training-runs',
} as const;

export const TRAINING_EVENT_TYPES = ['REQUESTED', 'STARTED', 'PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type TrainingEventType = (typeof TRAINING_EVENT_TYPES)[number];

/** Published on `TRAINING_SUBJECTS.event(type, project)` (not PROGRESS: that goes to GraphQL subscribers only) and to the gateway's `trainingEvents`. */
export const trainingEvent = z.object({
  /** `<run id>.<type>.<attempt>` (PROGRESS: `.<epoch>` appended); run ids hold no dot. */
  id: z.string(),
  type: z.enum(TRAINING_EVENT_TYPES),
  project: z.string(),
  model: z.object({ name: z.string() }),
  run: z.object({ id: z.string() }),
  /** The run's status after the event. */
  status: z.string(),
  /** The registered version (COMPLETED). */
  modelVersion: z.string().nullable(),
  error: z.string().nullable(),
  at: z.string(),
});
export type TrainingEvent = z.infer<typeof trainingEvent>;
