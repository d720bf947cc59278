import { PublicError, badInput, oncePer, type SubgraphContext } from '@tideline/graphql';
import { WEBHOOK_ROUTE, labelStudioExport } from './label-studio.ts';
import type { LabelBudgets } from './budget.ts';
import { checkInt, checkModel } from './inputs.ts';
import type { LabelRequestRecord, LabelRequests } from './label-requests.ts';
import { labelingQueue, requestOutcome } from './queue.ts';
import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Datasets } from './datasets.ts';
import { EXPORT_ROUTE } from './dataset-export.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

export interface CurationDeps {
  client: ClickHouseClient;
  requests: LabelRequests;
  budgets: LabelBudgets;
  datasets: Datasets;
}

/** Resolvers of the curation subgraph, typed by the types codegen generates from its schema. */
export function createResolvers(deps: CurationDeps): Resolvers<SubgraphContext> {
  // A request's outcome is one query, shared by the fields that read it.
  const outcome = oncePer((request: LabelRequestRecord) => requestOutcome(deps.client, request));
  return {
    Query: {
      labelingQueue: (_parent, args, ctx) => labelingQueue(deps.client, ctx.project, checkModel(args.model, 'model'), args.first ?? 100, args.after ?? null),
      labelRequest: (_parent, args, ctx) => deps.requests.get(ctx.project, args.id),
      labelRequests: (_parent, args, ctx) => deps.requests.list(ctx.project, checkModel(args.model, 'model'), checkInt(args.first ?? 20, 'first', 1, 1000)),
      labelStudioTasks: async (_parent, args, ctx) => {
        const request = await deps.requests.get(ctx.project, args.request);
        if (!request) throw new PublicError('REQUEST_NOT_FOUND', `no labeling request '${args.request}' in this project`, { field: 'request' });
        return { ...(await labelStudioExport(deps.client, request)), webhookPath: WEBHOOK_ROUTE };
      },
      labelBudget: (_parent, args, ctx) => deps.budgets.get(ctx.project, checkModel(args.model, 'model')),
      datasets: async (_parent, args, ctx) => (await deps.datasets.list(ctx.project, checkModel(args.model, 'model'))).map((curation) => ({ id: curation.id, curation })),
    },
    Mutation: {
      curateDataset: async (_parent, { input }, ctx) => {
        const curation = await deps.datasets.create(ctx.project, ctx.actor, input);
        return { id: curation.id, curation };
      },
      requestLabels: (_parent, { input }, ctx) => deps.requests.request(ctx.project, ctx.actor, input),
      setLabelBudget: (_parent, args, ctx) => {
        if (!Number.isInteger(args.labelsPerPeriod) || args.labelsPerPeriod < 0) throw badInput(`labelsPerPeriod must be an integer of at least 0; got ${args.labelsPerPeriod}`, 'labelsPerPeriod');
        return deps.budgets.set(ctx.project, checkModel(args.model, 'model'), args.labelsPerPeriod, ctx.actor);
      },
    },
    Dataset: {
      __resolveReference: async (ref, ctx) => ({ id: ref.id, curation: await deps.datasets.get(ctx.project, ref.id) }),
    },
    DatasetCuration: {
      strategy: (d) => d.spec.strategy,
      balance: (d) => d.spec.balance,
      seed: (d) => d.spec.seed,
      maxRows: (d) => d.spec.maxRows,
      windows: (d) => d.spec.windows,
      slice: (d) => d.spec.slice,
      modelVersion: (d) => d.spec.modelVersion,
      recencyHalfLife: (d) => d.spec.recencyHalfLife,
      upweight: (d) => (d.spec.upweight.length ? d.spec.upweight : null),
      stratifyBy: (d) => d.spec.stratifyBy,
      exportPath: (d) => `${EXPORT_ROUTE}${d.id}`,
    },
    LabelRequest: {
      window: (r) => r.window,
      labeledCount: async (r) => (await outcome(r)).labeledCount,
      lift: async (r) => (await outcome(r)).lift,
    },
  };
}
