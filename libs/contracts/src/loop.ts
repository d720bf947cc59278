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
