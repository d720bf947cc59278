import type { SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import type { RegistryDeps } from './deps.ts';
import { evaluateInProduction, recordEvaluation } from './evaluations.ts';
import { checkDatasetId, checkModelName, checkVersionName } from './names.ts';
import { checkGate, promote, rollback } from './promotion.ts';
import { registerModel, registerModelVersion } from './registration.ts';
import { stageChangeView, versionView } from './views.ts';

/** Queries and mutations; every one scoped to the project the gateway signed. */
export function operationResolvers(deps: RegistryDeps): Resolvers<SubgraphContext> {
  const versionOf = async (project: string, model: string, version: string) => {
    const state = await deps.log.read(project, checkModelName(model));
    const found = state.versions.get(checkVersionName(version));
    return found ? versionView(state, found) : null;
  };
  return {
    Query: {
      registeredModels: async (_, __, { project }) => {
        const states = await Promise.all((await deps.log.models(project)).map((name) => deps.log.read(project, name)));
        return states.filter((s) => s.config);
      },
      registeredModel: async (_, { name }, { project }) => {
        const state = await deps.log.read(project, checkModelName(name, 'name'));
        return state.config ? state : null;
      },
      modelVersion: (_, { model, version }, { project }) => versionOf(project, model, version),
      lineage: (_, { model, version }, { project }) => versionOf(project, model, version),
      dataset: (_, { id }, { project }) => deps.datasets.get(project, checkDatasetId(id, 'id')),
    },
    Mutation: {
      registerModel: (_, { input }, { project }) => registerModel(deps, project, input),
      registerModelVersion: async (_, { input }, { project }) => {
        const { state, version } = await registerModelVersion(deps, project, input);
        return versionView(state, version);
      },
      registerDataset: (_, { input }, { project }) => deps.datasets.register(project, input, null),
      recordEvaluation: async (_, { input }, { project }) => (await recordEvaluation(deps, project, input)).evaluation,
      evaluateInProduction: async (_, args, { project }) => (await evaluateInProduction(deps, project, args)).evaluation,
      // The actor is the API key the gateway authenticated; the deprecated `actor` argument is ignored.
      promote: async (_, args, { project, actor }) => {
        const { state, change } = await promote(deps, project, { ...args, actor });
        return stageChangeView(state, change);
      },
      checkGate: (_, args, { project, actor }) => checkGate(deps, project, { ...args, actor }),
      rollback: async (_, args, { project, actor }) => {
        const { state, change } = await rollback(deps, project, { ...args, actor });
        return stageChangeView(state, change);
      },
    },
  };
}
