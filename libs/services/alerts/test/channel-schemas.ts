/**
 * What Slack and PagerDuty accept, written down from their documentation, so
 * the channel tests' receivers refuse what those services would refuse:
 * - Slack incoming webhooks and Block Kit (api.slack.com/messaging/webhooks,
 *   api.slack.com/reference/block-kit/blocks, …/composition-objects,
 *   …/block-elements#button);
 * - PagerDuty Events API v2 (developer.pagerduty.com/docs/events-api-v2/trigger-events,
 *   …/resolve-events; the `send event` schema).
 * Each returns the problems found, empty when the payload fits.
 */
import { z } from 'zod';

const text = (max: number, type?: 'plain_text' | 'mrkdwn') =>
  z.object({ type: type ? z.literal(type) : z.enum(['plain_text', 'mrkdwn']), text: z.string().min(1).max(max), emoji: z.boolean().optional() }).strict();

const button = z
  .object({
    type: z.literal('button'),
    text: text(75, 'plain_text'),
    action_id: z.string().max(255).optional(),
    url: z.string().url().max(3000).optional(),
    value: z.string().max(2000).optional(),
    style: z.enum(['primary', 'danger']).optional(),
  })
  .strict();

const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: text(150, 'plain_text'), block_id: z.string().max(255).optional() }).strict(),
  z
    .object({ type: z.literal('section'), text: text(3000).optional(), fields: z.array(text(2000)).min(1).max(10).optional(), block_id: z.string().max(255).optional() })
    .strict()
    .refine((s) => s.text || s.fields, 'a section needs text or fields'),
  z.object({ type: z.literal('actions'), elements: z.array(button).min(1).max(25), block_id: z.string().max(255).optional() }).strict(),
  z.object({ type: z.literal('context'), elements: z.array(text(3000)).min(1).max(10), block_id: z.string().max(255).optional() }).strict(),
  z.object({ type: z.literal('divider'), block_id: z.string().max(255).optional() }).strict(),
]);

/** An incoming-webhook message: `text` (the notification's fallback when blocks are given) and at most 50 blocks. */
const slackMessage = z.object({ text: z.string().min(1).max(40_000), blocks: z.array(block).min(1).max(50) }).strict();

const pagerDutyTrigger = z
  .object({
    routing_key: z.string().length(32),
    event_action: z.literal('trigger'),
    dedup_key: z.string().min(1).max(255),
    payload: z
      .object({
        summary: z.string().min(1).max(1024),
        source: z.string().min(1),
        severity: z.enum(['critical', 'error', 'warning', 'info']),
        timestamp: z.string().datetime({ offset: true }).optional(),
        component: z.string().optional(),
        group: z.string().optional(),
        class: z.string().optional(),
        custom_details: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    client: z.string().optional(),
    client_url: z.string().url().optional(),
    links: z.array(z.object({ href: z.string().url(), text: z.string().optional() }).strict()).optional(),
    images: z.array(z.object({ src: z.string().url(), href: z.string().optional(), alt: z.string().optional() })).optional(),
  })
  .strict();

/** A resolve names the incident by its dedup_key; a payload is not needed. */
const pagerDutyResolve = z.object({ routing_key: z.string().length(32), event_action: z.literal('resolve'), dedup_key: z.string().min(1).max(255) }).strict();

const problems = (result: z.ZodSafeParseResult<unknown>) => (result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

export const slackProblems = (body: unknown) => problems(slackMessage.safeParse(body));
export const pagerDutyProblems = (body: unknown) => problems(z.union([pagerDutyTrigger, pagerDutyResolve]).safeParse(body));
