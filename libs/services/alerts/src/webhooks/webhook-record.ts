/** How deliveries are written: the signed AlertEvent, a Slack message, or a PagerDuty event. */
export type WebhookType = 'SIGNED' | 'SLACK' | 'PAGERDUTY';

/**
 * A webhook as stored in KV `tideline-webhooks` under `<project>.<id>`. The
 * secret is kept as given because every delivery signs with it (an HMAC needs
 * the key itself, not a hash of it); no GraphQL field ever returns it after
 * `createWebhook`.
 */
export interface WebhookRecord {
  id: string;
  project: string;
  url: string;
  /** Only this monitor's events; null for every monitor of the project. */
  monitorId: string | null;
  /** Signs SIGNED deliveries; empty for the other types. */
  secret: string;
  /** Absent in records stored before channel types existed: SIGNED. */
  type?: WebhookType;
  /** PAGERDUTY: the Events API integration key sent in every event; like the secret, never returned by a field. */
  routingKey?: string;
  /** ISO time; events that reached the stream before it are not delivered. */
  createdAt: string;
}

/** What the fan-out publishes on the delivery work queue: one event for one webhook. */
export interface DeliveryJob {
  webhookId: string;
  /** The AlertEvent exactly as the evaluator published it; it is the POST body. */
  event: { id: string; project: string } & Record<string, unknown>;
}
