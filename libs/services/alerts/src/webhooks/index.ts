/**
 * Webhook notifications of alert events: the webhooks API, the fan-out of
 * each event to the matching webhooks, and their signed, retried delivery.
 */
export { startWebhooks, type WebhookDeps, type Webhooks } from './start-webhooks.ts';
export { signWebhook, verifyWebhook, WEBHOOK_HEADERS, DEFAULT_SIGNATURE_TOLERANCE_MS, type VerifyOptions } from './signature.ts';
export { retryDelayMs } from './backoff.ts';
export type { WebhookRecord } from './webhook-record.ts';
export type { WebhookResolverMap } from './resolvers.ts';
