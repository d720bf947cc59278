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
  secret: string;
  /** ISO time; events that reached the stream before it are not delivered. */
  createdAt: string;
}

/** What the fan-out publishes on the delivery work queue: one event for one webhook. */
export interface DeliveryJob {
  webhookId: string;
  /** The AlertEvent exactly as the evaluator published it; it is the POST body. */
  event: { id: string; project: string } & Record<string, unknown>;
}
