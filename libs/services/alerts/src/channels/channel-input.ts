import type { AlertChannelInput } from '../__generated__/resolvers-types.ts';
import { badInput } from '@tideline/graphql';
import { checkWebhookUrl } from '../webhooks/webhook-input.ts';
import type { WebhookType } from '../webhooks/webhook-record.ts';
import { PAGERDUTY_EVENTS_URL } from './pagerduty.ts';

/** PagerDuty's integration keys are 32 characters; a little room either way, never spaces or control characters. */
const ROUTING_KEY = /^[\x21-\x7e]{16,128}$/;

export interface CheckedChannel {
  type: WebhookType;
  url: string;
  routingKey?: string;
}

/** createAlertChannel's input, checked: every error names its field under `input`. */
export function checkChannelInput(input: AlertChannelInput): CheckedChannel {
  const { type } = input;
  if (type === 'SIGNED') throw badInput('signed webhooks are made by createWebhook, which returns their secret', 'input.type');
  if (type === 'SLACK') {
    if (!input.url) throw badInput("a SLACK channel needs its incoming webhook's url (https://hooks.slack.com/services/…)", 'input.url');
    if (input.routingKey != null) throw badInput('routingKey is for PAGERDUTY channels', 'input.routingKey');
    return { type, url: checkWebhookUrl(input.url, 'input.url') };
  }
  if (!input.routingKey) throw badInput("a PAGERDUTY channel needs its integration's routingKey (Events API v2)", 'input.routingKey');
  if (!ROUTING_KEY.test(input.routingKey)) throw badInput('routingKey must be 16 to 128 printable characters without spaces', 'input.routingKey');
  return { type, url: checkWebhookUrl(input.url ?? PAGERDUTY_EVENTS_URL, 'input.url'), routingKey: input.routingKey };
}
