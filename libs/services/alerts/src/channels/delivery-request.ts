import { alertEvent } from '@tideline/contracts';
import { WEBHOOK_HEADERS, signWebhook } from '../webhooks/signature.ts';
import type { DeliveryJob, WebhookRecord } from '../webhooks/webhook-record.ts';
import { pagerDutyEvent } from './pagerduty.ts';
import { slackMessage } from './slack.ts';

/** The body of one attempt and the headers that depend on the channel (the common ones are postWebhook's). */
export type DeliveryRequest = { ok: true; body: string; headers: Record<string, string> } | { ok: false; error: string };

/**
 * What one delivery attempt sends to a webhook, by its type: SIGNED, the
 * event as published, signed afresh at every attempt (the signature's
 * timestamp is the attempt's); SLACK, a Block Kit message; PAGERDUTY, an
 * Events API v2 event. Called at each attempt, so a channel always gets the
 * format its record says now.
 */
export function deliveryRequest(webhook: WebhookRecord, event: DeliveryJob['event'], publicUrl: string): DeliveryRequest {
  const type = webhook.type ?? 'SIGNED';
  if (type === 'SIGNED') {
    const body = JSON.stringify(event);
    return { ok: true, body, headers: { [WEBHOOK_HEADERS.signature]: signWebhook(webhook.secret, body) } };
  }
  // The fan-out checked the event against the contract already; this only gives it its type back.
  const parsed = alertEvent.safeParse(event);
  if (!parsed.success) return { ok: false, error: `the event does not fit the AlertEvent contract, so no ${type} message can be written` };
  const message = type === 'SLACK' ? slackMessage(parsed.data, publicUrl) : pagerDutyEvent(parsed.data, webhook.routingKey ?? '', publicUrl);
  return { ok: true, body: JSON.stringify(message), headers: {} };
}
