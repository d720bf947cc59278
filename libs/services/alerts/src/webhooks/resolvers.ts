import { randomUUID } from 'node:crypto';
import { PublicError, badInput } from '@tideline/graphql';
import type { MonitorDefinition } from '../monitor-definition.ts';
import type { MutationResolvers, QueryResolvers, WebhookResolvers } from '../__generated__/resolvers-types.ts';
import type { DeadLetters } from './dead-letters.ts';
import type { EgressPolicy } from './egress.ts';
import { checkChannelInput } from '../channels/channel-input.ts';
import { checkWebhookUrl, webhookSecret } from './webhook-input.ts';
import type { WebhookRecord, WebhookType } from './webhook-record.ts';
import type { WebhookStore } from './webhook-store.ts';

/** Each webhook costs one delivery per alert event; a cap keeps a project from fanning one event out without bound. */
export const MAX_WEBHOOKS_PER_PROJECT = 100;
const MAX_DEAD_LETTERS = 1000;

export interface WebhookResolverMap {
  Query: Required<Pick<QueryResolvers, 'webhooks'>>;
  Mutation: Required<Pick<MutationResolvers, 'createWebhook' | 'createAlertChannel' | 'deleteWebhook'>>;
  Webhook: WebhookResolvers;
}

export interface ResolverDeps {
  store: WebhookStore;
  deadLetters: DeadLetters;
  egress: EgressPolicy;
  getMonitor(project: string, id: string): Promise<MonitorDefinition | null>;
}

/** What a new webhook or channel is made of, its fields checked; `fields` name them as the mutation's arguments do. */
interface NewWebhook {
  type: WebhookType;
  url: string;
  monitorId: string | null;
  secret: string;
  routingKey?: string;
  fields: { url: string; monitor: string; input: string };
}

/** The webhooks part of the alerts subgraph; every read and write is scoped to the caller's project. */
export function webhookResolvers({ store, deadLetters, egress, getMonitor }: ResolverDeps): WebhookResolverMap {
  /** The checks every type shares (egress, monitor, the project's cap), then the record. */
  async function addWebhook(project: string, w: NewWebhook): Promise<WebhookRecord> {
    // Also checked at every delivery; here so a URL that can never be delivered to is refused at once.
    const refusal = await egress.refusalOfUrl(new URL(w.url));
    if (refusal) throw badInput(`url host ${refusal} unless the operator allows it`, w.fields.url);
    if (w.monitorId !== null && !(await getMonitor(project, w.monitorId))) {
      throw new PublicError('MONITOR_NOT_FOUND', `monitor '${w.monitorId}' does not exist in this project`, { field: w.fields.monitor });
    }
    if ((await store.list(project)).length >= MAX_WEBHOOKS_PER_PROJECT) {
      throw new PublicError('TOO_MANY_WEBHOOKS', `a project has at most ${MAX_WEBHOOKS_PER_PROJECT} webhooks; delete one first`, { field: w.fields.input });
    }
    const webhook: WebhookRecord = { id: randomUUID(), project, url: w.url, monitorId: w.monitorId, secret: w.secret, type: w.type, createdAt: new Date().toISOString() };
    if (w.routingKey !== undefined) webhook.routingKey = w.routingKey;
    await store.create(webhook);
    return webhook;
  }

  return {
    Query: {
      webhooks: (_parent, _args, ctx) => store.list(ctx.project),
    },
    Mutation: {
      async createWebhook(_parent, args, ctx) {
        const url = checkWebhookUrl(args.url);
        const secret = webhookSecret(args.secret);
        const fields = { url: 'url', monitor: 'monitor', input: 'url' };
        const webhook = await addWebhook(ctx.project, { type: 'SIGNED', url, monitorId: args.monitor ?? null, secret, fields });
        return { webhook, secret };
      },
      async createAlertChannel(_parent, { input }, ctx) {
        const channel = checkChannelInput(input);
        const fields = { url: 'input.url', monitor: 'input.monitor', input: 'input' };
        return addWebhook(ctx.project, { ...channel, monitorId: input.monitor ?? null, secret: '', fields });
      },
      deleteWebhook: (_parent, args, ctx) => store.delete(ctx.project, args.id),
    },
    Webhook: {
      // The gateway's reference carries only the id; the project is the caller's, so another project's webhook resolves to null.
      __resolveReference: (ref, ctx) => store.get(ctx.project, ref.id),
      type: (webhook) => webhook.type ?? 'SIGNED',
      monitor: (webhook) => (webhook.monitorId === null ? null : getMonitor(webhook.project, webhook.monitorId)),
      createdAt: (webhook) => webhook.createdAt,
      async deadLetters(webhook, args) {
        if (args.first < 1 || args.first > MAX_DEAD_LETTERS) throw badInput(`first must be between 1 and ${MAX_DEAD_LETTERS}`, 'first');
        return deadLetters.list(webhook.project, webhook.id, args.first);
      },
    },
  };
}
