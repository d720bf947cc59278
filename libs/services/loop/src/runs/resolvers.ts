import { MODEL_NAME_PATTERN } from '@tideline/contracts';
import { PublicError, badInput, type SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { approveLoop, cancelLoop, rejectLoop, runOrFail, type ActionDeps } from './actions.ts';
import { admit } from './admission.ts';
import { parsePolicy, withWaits } from './policy.ts';
import { FINISHED } from './run-types.ts';

const MAX_RUNS = 200;
const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
const checkModel = (model: string, field = 'model') => {
  if (!MODEL_NAME_PATTERN.test(model)) throw badInput(`${field} must be 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit`, field);
  return model;
};

/** Resolvers of retraining policies and loop runs (the decision's are in ../resolvers.ts). */
export function runResolvers(deps: ActionDeps): Resolvers<SubgraphContext> {
  const policyView = async (project: string, model: string) => {
    const record = await deps.policies.get(project, model);
    if (!record) return null;
    const active = record.state.activeRun ? await deps.runs.get(project, record.state.activeRun) : null;
    return { ...withWaits(record.policy), updatedAt: new Date(record.policy.updatedAt), activeRun: active && !FINISHED.has(active.status) ? active : null, lastTriggers: record.state.lastTriggers.map((t) => ({ ...t, at: new Date(t.at) })) };
  };
  return {
    Query: {
      retrainingPolicy: (_p, { model }, { project }) => policyView(project, checkModel(model)) as never,
      loopRuns: (_p, { model, first }, { project }) => {
        const n = first ?? 50;
        if (!Number.isInteger(n) || n < 1 || n > MAX_RUNS) throw badInput(`first must be an integer from 1 to ${MAX_RUNS}; got ${n}`, 'first');
        return deps.runs.ofModel(project, checkModel(model), n);
      },
      loopRun: (_p, { id }, { project }) => deps.runs.get(project, id),
    },
    Mutation: {
      setRetrainingPolicy: async (_p, { input }, { project }) => {
        await deps.policies.set(project, await parsePolicy(deps.clients, project, input));
        return (await policyView(project, input.model)) as never;
      },
      startLoop: async (_p, { model, reason }, { project, actor }) => {
        const started = await admit(deps, project, checkModel(model), { kind: 'MANUAL', detail: { by: actor, reason: reason ?? null } });
        if ('skipped' in started) throw new PublicError('LOOP_NOT_STARTED', `no run started for '${model}': ${started.skipped}`, { field: 'model', reason: started.skipped });
        return started.run;
      },
      approveLoop: (_p, { id, comment }, { project, actor }) => approveLoop(deps, project, actor, id, comment ?? null),
      rejectLoop: (_p, { id, reason }, { project, actor }) => rejectLoop(deps, project, actor, id, reason),
      cancelLoop: (_p, { id }, { project }) => cancelLoop(deps, project, id),
    },
    LoopRun: {
      __resolveReference: (ref, { project }) => deps.runs.get(project, ref.id),
      createdAt: (r) => new Date(r.createdAt),
      updatedAt: (r) => new Date(r.updatedAt),
      finishedAt: (r) => date(r.finishedAt),
      steps: (r) => r.steps.map((st) => ({ ...st, startedAt: date(st.startedAt), finishedAt: date(st.finishedAt) })),
    },
    LoopEvent: {
      // The gateway asks for the fields its NATS payload lacks: the id names the run.
      __resolveReference: async (ref, { project }) => {
        const [runId, type, step] = ref.id.split('.');
        const run = await deps.runs.get(project, runId ?? '');
        return run ? { id: ref.id, type: type as never, project, model: { name: run.model }, run: { id: run.id }, status: run.status, step: step ?? null, detail: null, at: run.updatedAt } : null;
      },
      run: (event, _a, { project }) => (event.run ? runOrFail(deps.runs, project, event.run.id) : null),
      at: (event) => new Date(event.at),
    },
  };
}
