import type { JetStreamClient } from '@nats-io/jetstream';
import { PublicError, badInput, type SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import type { Callees } from './model-facts.ts';
import type { ModelCache } from './model-cache.ts';
import type { RunStore, TrainingRunRecord } from './runs.ts';
import { scoreShadow } from './shadow.ts';
import { cancelTraining, isRunId, startTraining } from './start-training.ts';
import type { TrainingEvents } from './training-events.ts';

export interface TrainerDeps {
  runs: RunStore;
  events: TrainingEvents;
  callees: Callees;
  js: JetStreamClient;
  models: ModelCache;
  shadowMaxRows: number;
}

const MAX_RUNS = 500;
const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** Resolvers of the trainer subgraph, typed by the types codegen generates from its schema. */
export function createResolvers(deps: TrainerDeps): Resolvers<SubgraphContext> {
  const runOf = async (project: string, id: string) => (isRunId(id) ? deps.runs.get(project, id) : null);
  return {
    Query: {
      trainingRuns: (_parent, args, ctx) => {
        const first = args.first ?? 50;
        if (!Number.isInteger(first) || first < 1 || first > MAX_RUNS) throw badInput(`first must be an integer from 1 to ${MAX_RUNS}; got ${first}`, 'first');
        return deps.runs.ofModel(ctx.project, args.model, first);
      },
      trainingRun: (_parent, args, ctx) => runOf(ctx.project, args.id),
    },
    Mutation: {
      startTraining: (_parent, args, ctx) => startTraining(deps, ctx.project, ctx.actor, args.input),
      cancelTraining: (_parent, args, ctx) => cancelTraining(deps, ctx.project, args.id),
      scoreShadow: (_parent, args, ctx) => scoreShadow({ callees: deps.callees, models: deps.models, maxRows: deps.shadowMaxRows }, ctx.project, args.input),
    },
    TrainingRun: {
      __resolveReference: (ref, ctx) => runOf(ctx.project, ref.id),
      model: (run) => ({ name: run.model }),
      requestedAt: (run) => new Date(run.createdAt),
      startedAt: (run) => date(run.startedAt),
      finishedAt: (run) => date(run.finishedAt),
      modelVersion: (run) => (run.modelVersion ? { model: run.model, version: run.modelVersion } : null),
      metrics: (run) => run.metrics as never,
    },
    TrainingEvent: {
      // The gateway asks for the fields its NATS payload lacked: the id names the run.
      __resolveReference: async (ref, ctx) => {
        const [runId, type] = ref.id.split('.');
        const run = await runOf(ctx.project, runId ?? '');
        if (!run) return null;
        return { id: ref.id, type: type as never, project: ctx.project, model: { name: run.model }, run: { id: run.id }, status: run.status, modelVersion: run.modelVersion, error: run.error, at: run.finishedAt ?? run.startedAt ?? run.createdAt };
      },
      run: async (event, _args, ctx): Promise<TrainingRunRecord> => {
        const run = await runOf(ctx.project, event.run.id);
        if (!run) throw new PublicError('RUN_NOT_FOUND', `training run '${event.run.id}' no longer exists`);
        return run;
      },
      at: (event) => new Date(event.at),
    },
  };
}
