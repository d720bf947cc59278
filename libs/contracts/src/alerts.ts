import { z } from 'zod';
import type { ConsumerDeclaration, StreamDeclaration } from './subjects.ts';

/**
 * Monitors, alerts and webhooks: NATS subjects, streams, buckets and event
 * payloads of the alerts service, declared once for it and its consumers.
 */
export const ALERT_SUBJECTS = {
  /** An alert started firing: `tideline.alert.fired.<project>` (services subscribe to `tideline.alert.fired.>`). */
  fired: (project: string) => `tideline.alert.fired.${project}`,
  /** A firing alert resolved. */
  resolved: (project: string) => `tideline.alert.resolved.${project}`,
  /** One due evaluation of one monitor: `tideline.monitor.due.<project>.<monitor id>`. */
  due: (project: string, monitorId: string) => `tideline.monitor.due.${project}.${monitorId}`,
  /** One webhook delivery of one alert event. */
  webhookDelivery: (project: string) => `tideline.webhook.deliver.${project}`,
} as const;

export const ALERT_STREAMS = {
  /** Alert events for services: kept 30 days, so a consumer that was down catches up; the event id dedupes republishing. */
  events: { name: 'TIDELINE_ALERT_EVENTS', subjects: ['tideline.alert.>'], duplicateWindowMs: 10 * 60_000, retention: 'limits', maxAgeMs: 30 * 86_400_000 },
  /**
   * Due monitor evaluations, a work queue shared by every evaluator replica:
   * each replica's scheduler publishes the same `<monitor>@<tick>` message id,
   * so JetStream keeps one per interval, and a replica that dies before acking
   * hands its evaluation to another after `ack_wait`.
   */
  due: { name: 'TIDELINE_MONITOR_DUE', subjects: ['tideline.monitor.due.>'], duplicateWindowMs: 10 * 60_000, retention: 'workqueue' },
  /** Webhook deliveries, retried with backoff apart from evaluation so a failing endpoint never blocks it. */
  webhooks: { name: 'TIDELINE_WEBHOOK_DELIVERIES', subjects: ['tideline.webhook.deliver.>'], duplicateWindowMs: 10 * 60_000, retention: 'workqueue' },
} as const satisfies Record<string, StreamDeclaration>;

/**
 * Byte cap of each alerts stream. Every service that declares one of them
 * (alerts; the loop, which consumes the events) uses this cap, or each start
 * would reset the other's.
 */
export const ALERT_STREAM_MAX_BYTES = 1024 ** 3;

export const ALERT_CONSUMERS = {
  /** Shared by every evaluator replica; a due evaluation not acked within ack_wait (its evaluator died) goes to another. */
  evaluator: { stream: ALERT_STREAMS.due.name, durable: 'alerts-evaluator', filterSubject: 'tideline.monitor.due.>', ackWaitMs: 30_000, maxAckPending: 10_000 },
  /**
   * Reads every alert event once (shared by the replicas) and queues one
   * delivery job per matching webhook. Starts at the stream's first message:
   * the webhooks' `createdAt` decides what each receives, so an event
   * published while no alerts process ran is still delivered.
   */
  webhookFanOut: { stream: ALERT_STREAMS.events.name, durable: 'alerts-webhook-fanout', filterSubject: 'tideline.alert.>', ackWaitMs: 30_000, maxAckPending: 1000 },
  /**
   * Pulls delivery jobs. Retries are naks with a delay, and each waiting
   * retry counts against max_ack_pending; a high limit keeps a failing
   * endpoint's backlog from stalling every other webhook. The alerts module
   * sets ack_wait past the webhook timeout, so a slow attempt is never handed
   * to another replica mid-flight.
   */
  webhookDelivery: { stream: ALERT_STREAMS.webhooks.name, durable: 'alerts-webhook-delivery', filterSubject: 'tideline.webhook.deliver.>', ackWaitMs: 40_000, maxAckPending: 20_000 },
} as const satisfies Record<string, ConsumerDeclaration>;

export const ALERT_BUCKETS = {
  /** `<project>.<monitor id>` → MonitorDefinition */
  monitors: 'tideline-monitors',
  /** `<project>.<monitor id>` → the evaluator's state of that monitor (hysteresis counters, firing alerts) */
  monitorState: 'tideline-monitor-state',
  /** `<project>.<webhook id>` → WebhookRecord */
  webhooks: 'tideline-webhooks',
} as const;

export const severity = z.enum(['INFO', 'WARNING', 'CRITICAL']);

/** One value of a monitor's groupBy fields (a slice), e.g. `{ field: "tags.country", value: "BR" }`. */
export const sliceKey = z.object({ field: z.string(), value: z.string().nullable() });
export type SliceKey = z.infer<typeof sliceKey>;

export const alertRecord = z.object({
  id: z.string(),
  project: z.string(),
  model: z.object({ name: z.string() }),
  monitor: z.object({ id: z.string(), name: z.string() }),
  /** The slice's groupBy values; empty for a monitor without groupBy. */
  slice: z.array(sliceKey),
  /** What was checked: a metric name, `PSI(features.x1)`, `NULL_RATE(features.x1)`, … */
  metric: z.string(),
  /** The value that breached. */
  value: z.number().nullable(),
  /** The threshold it breached (for a relative condition, the baseline-derived bound). */
  threshold: z.number().nullable(),
  sampleCount: z.number().int(),
  severity,
  state: z.enum(['FIRING', 'RESOLVED']),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** The healthy value that resolved it. */
  resolvedValue: z.number().nullable(),
});
export type AlertRecord = z.infer<typeof alertRecord>;

/** Published on `ALERT_SUBJECTS.fired|resolved(project)` and to subscribers of `alertEvents`. */
export const alertEvent = z.object({
  /** `<alert id>.FIRED` or `<alert id>.RESOLVED`: a consumer that sees one twice can drop it. */
  id: z.string(),
  type: z.enum(['FIRED', 'RESOLVED']),
  project: z.string(),
  model: z.object({ name: z.string() }),
  alert: alertRecord,
  at: z.string(),
});
export type AlertEvent = z.infer<typeof alertEvent>;
