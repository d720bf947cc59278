import type { Resolvers } from './__generated__/resolvers-types.ts';
import { monitorResolvers, type MonitorDeps } from './monitor-resolvers.ts';

/** Resolvers of the alerts subgraph: monitors and alerts, plus the webhooks' own. */
export function createResolvers(deps: MonitorDeps, webhooks: Pick<Resolvers, 'Query' | 'Mutation' | 'Webhook'>): Resolvers {
  const monitors = monitorResolvers(deps);
  return {
    ...monitors,
    Query: { ...monitors.Query, ...webhooks.Query },
    Mutation: { ...monitors.Mutation, ...webhooks.Mutation },
    Webhook: webhooks.Webhook,
  };
}
