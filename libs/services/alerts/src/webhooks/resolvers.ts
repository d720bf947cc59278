import { randomUUID } from 'node:crypto';
import { PublicError, badInput } from '@tideline/graphql';
import type { MonitorDefinition } from '../monitor-definition.ts';
import type { MutationResolvers, QueryResolvers, WebhookResolvers } from '../__generated__/resolvers-types.ts';
import type { DeadLetters } from './dead-letters.ts';
import type { EgressPolicy } from './egress.ts';
import { checkWebhookUrl, webhookSecret } from './webhook-input.ts';
import type { WebhookRecord } from './webhook-record.ts';
import type { WebhookStore } from './webhook-store.ts';

/** Each webhook costs one delivery per alert event; a cap keeps a project from fanning one event out without bound. */
export const MAX_WEBHOOKS_PER_PROJECT = 100;
const MAX_DEAD_LETTERS = 1000;

export interface WebhookResolverMap {
  Query: Required<Pick<QueryResolvers, 'webhooks'>>;
  Mutation: Required<Pick<MutationResolvers, 'createWebhook' | 'deleteWebhook'>>;
  Webhook: WebhookResolvers;
}

export interface ResolverDeps {
  store: WebhookStore;
  deadLetters: DeadLetters;
  egress: EgressPolicy;
  getMonitor(project: string, id: string): Promise<MonitorDefinition | null>;
}

/** The webhooks part of the alerts subgraph; every read and write is scoped to the caller's project. */
export function webhookResolvers({ store, deadLetters, egress, getMonitor }: ResolverDeps): WebhookResolverMap {
  return {
    Query: {
      webhooks: (_parent, _args, ctx) => store.list(ctx.project),
    },
    Mutation: {
      async createWebhook(_parent, args, ctx) {
        const url = checkWebhookUrl(args.url);
        // Also checked at every delivery; here so a URL that can never be delivered to is refused at once.
        const refusal = await egress.refusalOfUrl(new URL(url));
        if (refusal) throw badInput(`url host ${refusal} unless the operator allows it`, 'url');
        const secret = webhookSecret(args.secret);
        const monitorId = args.monitor ?? null;
        if (monitorId !== null && !(await getMonitor(ctx.project, monitorId))) {
          throw new PublicError('MONITOR_NOT_FOUND', `monitor '${monitorId}' does not exist in this project`, { field: 'monitor' });
        }
        if ((await store.list(ctx.project)).length >= MAX_WEBHOOKS_PER_PROJECT) {
          throw new PublicError('TOO_MANY_WEBHOOKS', `a project has at most ${MAX_WEBHOOKS_PER_PROJECT} webhooks; delete one first`);
        }
        const webhook: WebhookRecord = { id: randomUUID(), project: ctx.project, url, monitorId, secret, createdAt: new Date().toISOString() };
        await store.create(webhook);
        return { webhook, secret };
      },
      deleteWebhook: (_parent, args, ctx) => store.delete(ctx.project, args.id),
    },
    Webhook: {
      // The gateway's reference carries only the id; the project is the caller's, so another project's webhook resolves to null.
      __resolveReference: (ref, ctx) => store.get(ctx.project, ref.id),
      monitor: (webhook) => (webhook.monitorId === null ? null : getMonitor(webhook.project, webhook.monitorId)),
      createdAt: (webhook) => webhook.createdAt,
      async deadLetters(webhook, args) {
        if (args.first < 1 || args.first > MAX_DEAD_LETTERS) throw badInput(`first must be between 1 and ${MAX_DEAD_LETTERS}`, 'first');
        return deadLetters.list(webhook.project, webhook.id, args.first);
      },
    },
  };
}
