import { z } from 'zod';
import { ALERT_STREAMS } from './alerts.ts';
import { REGISTRY_STREAMS } from './registry.ts';
import type { ConsumerDeclaration, StreamDeclaration } from './subjects.ts';

/**
 * The continual-learning loop: the subjects, streams, consumers and bucket of
 * the loop service, declared once for it and for downstream orchestrators
 * (Airflow, Argo, Kubeflow) that act on its recommendations.
 */
export const LOOP_SUBJECTS = {
  /** A model's recommended action changed: `tideline.retraining.recommended.<project>` (subscribe to `tideline.retraining.recommended.>`). */
  recommended: (project: string) => `tideline.retraining.recommended.${project}`,
} as const;

export const LOOP_STREAMS = {
  /** Retraining recommendations, kept 30 days so an orchestrator that was down catches up; the event id dedupes a republish. */
  decisions: { name: 'TIDELINE_RETRAINING_EVENTS', subjects: ['tideline.retraining.>'], duplicateWindowMs: 10 * 60_000, retention: 'limits', maxAgeMs: 30 * 86_400_000 },
} as const satisfies Record<string, StreamDeclaration>;

export const LOOP_CONSUMERS = {
  /** Alert events (fired and resolved): each one makes the loop decide again for its model. Shared by the loop's replicas. */
  alertEvents: { stream: ALERT_STREAMS.events.name, durable: 'loop-alert-events', filterSubject: 'tideline.alert.>', ackWaitMs: 60_000, maxAckPending: 1000 },
  /** Stage changes (promotions and rollbacks): a new champion starts a watch period, a new challenger may be promoted. */
  promotions: { stream: REGISTRY_STREAMS.events.name, durable: 'loop-model-promotions', filterSubject: 'tideline.model.promoted.>', ackWaitMs: 60_000, maxAckPending: 1000 },
} as const satisfies Record<string, ConsumerDeclaration>;

export const LOOP_BUCKETS = {
  /** `<project>.<model token>` → the model's last published decision (`publishedDecision`), compare-and-set by revision. */
  decisions: 'tideline-retraining-decisions',
} as const;

export const retrainingAction = z.enum(['RETRAIN', 'PROMOTE', 'ROLLBACK', 'HOLD']);
export type RetrainingAction = z.infer<typeof retrainingAction>;

export const decisionReason = z.object({
  /** A stable code (the loop service's README lists them with their evidence fields). */
  code: z.string(),
  message: z.string(),
  /** The figures the reason rests on. */
  evidence: z.record(z.string(), z.unknown()),
});
export type DecisionReason = z.infer<typeof decisionReason>;

const timeRange = z.object({ from: z.string(), to: z.string() });

/** A retraining decision as `retrainingDecision(model)` answers it (times as ISO strings). */
export const retrainingDecision = z.object({
  model: z.string(),
  action: retrainingAction,
  /** 0 to 1: how strongly the evidence supports the action (0: no verdict). */
  confidence: z.number().min(0).max(1),
  reasons: z.array(decisionReason),
  decidedAt: z.string(),
  basedOn: z.object({ window: timeRange, labeledCount: z.number().int(), estimated: z.boolean() }),
  /** PROMOTE: the version to promote. */
  candidate: z.string().nullable(),
  /** ROLLBACK: the champion to restore. */
  rollbackTo: z.string().nullable(),
});
export type RetrainingDecisionPayload = z.infer<typeof retrainingDecision>;

/** Published on `LOOP_SUBJECTS.recommended(project)` when a model's recommended action changes (its first decision included). */
export const retrainingRecommendedEvent = z.object({
  /** `<model token>.<revision the change was decided on>.<action>`: the same change decided twice (two replicas, a retry) has one id. */
  id: z.string(),
  project: z.string(),
  model: z.object({ name: z.string() }),
  /** The action published before; null for the model's first decision. */
  previousAction: retrainingAction.nullable(),
  decision: retrainingDecision,
  /** What made the loop decide: ALERT, PROMOTION, TIMER or QUERY. */
  trigger: z.enum(['ALERT', 'PROMOTION', 'TIMER', 'QUERY']),
  at: z.string(),
});
export type RetrainingRecommendedEvent = z.infer<typeof retrainingRecommendedEvent>;

/**
 * Loop runs (retraining policies put to work): the events of every run,
 * the work queue that drives them, and their KV buckets.
 */
export const LOOP_RUN_EVENT_TYPES = ['STARTED', 'STEP_STARTED', 'STEP_FINISHED', 'WAITING_LABELS', 'WAITING_APPROVAL', 'WATCHING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'ROLLED_BACK', 'SKIPPED'] as const;
export type LoopRunEventType = (typeof LOOP_RUN_EVENT_TYPES)[number];

export const LOOP_RUN_SUBJECTS = {
  /** `tideline.loop.<type in lower case>.<project>`: a loop run changed, or a trigger was skipped (subscribe to `tideline.loop.>`). */
  event: (type: LoopRunEventType, project: string) => `tideline.loop.${type.toLowerCase()}.${project}`,
  /** A run to drive: `tideline.loopjobs.<project>` (work queue; one message per run at a time). */
  job: (project: string) => `tideline.loopjobs.${project}`,
} as const;

export const LOOP_RUN_STREAMS = {
  /** Loop run events, kept 30 days; the event id dedupes a republish after a restart. */
  events: { name: 'TIDELINE_LOOP_EVENTS', subjects: ['tideline.loop.>'], duplicateWindowMs: 10 * 60_000, retention: 'limits', maxAgeMs: 30 * 86_400_000 },
  /** Runs to drive, shared by the loop's replicas: a run whose process dies goes to another after ack_wait. */
  jobs: { name: 'TIDELINE_LOOP_JOBS', subjects: ['tideline.loopjobs.>'], duplicateWindowMs: 10 * 60_000, retention: 'workqueue' },
} as const satisfies Record<string, StreamDeclaration>;

export const LOOP_RUN_CONSUMERS = {
  /** The loop's workers; the module sets ack_wait from LOOP_ACK_WAIT_MS (a worker reports progress while a step waits). */
  workers: { stream: LOOP_RUN_STREAMS.jobs.name, durable: 'loop-workers', filterSubject: 'tideline.loopjobs.>', ackWaitMs: 30_000, maxAckPending: 10_000 },
  /** Fired alerts: each may trigger a model's retraining policy. */
  alertTriggers: { stream: ALERT_STREAMS.events.name, durable: 'loop-alert-triggers', filterSubject: 'tideline.alert.fired.>', ackWaitMs: 60_000, maxAckPending: 1000 },
} as const satisfies Record<string, ConsumerDeclaration>;

export const LOOP_RUN_BUCKETS = {
  /** `<project>.<run id>` → the loop run record, compare-and-set by revision. */
  runs: 'tideline-loop-runs',
  /** `<project>.<model token>` → the model's retraining policy and the loop's state for it (active run, runs today, recent triggers). */
  policies: 'tideline-loop-policies',
} as const;

/** Published on `LOOP_RUN_SUBJECTS.event(type, project)` and to the gateway's `loopEvents` subscribers. */
export const loopRunEvent = z.object({
  /** `<run id>.<type>[.<step>]`; SKIPPED: `<model token>.SKIPPED.<time>`. */
  id: z.string(),
  type: z.enum(LOOP_RUN_EVENT_TYPES),
  project: z.string(),
  model: z.object({ name: z.string() }),
  /** Null for a skipped trigger (no run). */
  run: z.object({ id: z.string() }).nullable(),
  /** The run's status after the event. */
  status: z.string().nullable(),
  step: z.string().nullable(),
  /** SKIPPED: why; FAILED: the error. */
  detail: z.string().nullable(),
  at: z.string(),
});
export type LoopRunEvent = z.infer<typeof loopRunEvent>;
