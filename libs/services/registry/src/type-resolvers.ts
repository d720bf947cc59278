import type { SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import type { RegistryDeps } from './deps.ts';
import type { ArtifactManifest } from './log-events.ts';
import type { ModelState } from './model-state.ts';
import { stageChangeView, versionView, type VersionView } from './views.ts';

const artifactOf = (manifest: ArtifactManifest) => ({ ...manifest, files: manifest.files.map((f) => ({ ...f, downloadPath: `/v1/artifacts/${f.digest}` })) });

/** Versions newest first: registration order is log order. */
const versionsOf = (state: ModelState) => [...state.versions.values()].reverse().map((v) => versionView(state, v));

/** The parent chain, guarded against a cycle a corrupt log could hold. */
function ancestorsOf(view: VersionView): VersionView[] {
  const chain: VersionView[] = [];
  const seen = new Set([view.version]);
  for (let parent = view.parentVersion; parent && !seen.has(parent); ) {
    const found = view.modelState.versions.get(parent);
    if (!found) break;
    seen.add(parent);
    chain.push(versionView(view.modelState, found));
    parent = found.parentVersion;
  }
  return chain;
}

/** Resolvers of the registry's object types; every parent carries the model state it was read from. */
export function typeResolvers(deps: RegistryDeps): Resolvers<SubgraphContext> {
  return {
    Model: {
      // Any model name resolves: an unregistered one has no registration and no versions.
      __resolveReference: (ref, { project }) => deps.log.read(project, ref.name!),
      name: (state) => state.name,
      registration: (state) => (state.config ? { ...state.config, registeredAt: state.configuredAt! } : null),
      champion: (state) => (state.champion ? versionView(state, state.versions.get(state.champion)!) : null),
      versions: (state, { stage }) => versionsOf(state).filter((v) => !stage || v.stage === stage),
      version: (state, { version }) => {
        const found = state.versions.get(version);
        return found ? versionView(state, found) : null;
      },
      stageHistory: (state) => state.history.map((h) => stageChangeView(state, h)),
    },
    ModelVersion: {
      __resolveReference: async (ref, { project }) => {
        const state = await deps.log.read(project, ref.model!);
        const found = state.versions.get(ref.version!);
        return found ? versionView(state, found) : null;
      },
      createdAt: (v) => v.registeredAt,
      createdBy: (v) => v.registeredBy,
      artifact: (v) => artifactOf(v.artifact),
      lineage: (v) => v,
      evaluations: (v, { source }) => [...v.evaluations].reverse().filter((e) => !source || e.source === source),
      history: (v) => v.modelState.history.filter((h) => h.changes.some((c) => c.version === v.version)).map((h) => stageChangeView(v.modelState, h)),
    },
    Lineage: {
      model: (v) => v.model,
      version: (v) => v.version,
      dataset: (v, _, { project }) => (v.datasetId ? deps.datasets.get(project, v.datasetId) : null),
      trainingRun: (v) => v.trainingRun,
      parent: (v) => ancestorsOf(v)[0] ?? null,
      ancestors: (v) => ancestorsOf(v),
      artifact: (v) => artifactOf(v.artifact),
    },
    StageChange: {
      model: (c) => c.modelState,
      version: (c) => c.changes[0]!.version,
      from: (c) => c.changes[0]!.from,
      to: (c) => c.changes[0]!.to,
      displaced: (c) => c.changes.slice(1),
    },
    Dataset: {
      __resolveReference: (ref, { project }) => deps.datasets.get(project, ref.id!),
      versions: async (dataset, _, { project }) => {
        const found: VersionView[] = [];
        const states = new Map<string, Promise<ModelState>>();
        for (const { model, version } of await deps.datasets.versionsOf(project, dataset.id)) {
          if (!states.has(model)) states.set(model, deps.log.read(project, model));
          const state = await states.get(model)!;
          const v = state.versions.get(version);
          // The index is written first: skip entries whose version never made it into the log.
          if (v?.datasetId === dataset.id) found.push(versionView(state, v));
        }
        return found;
      },
    },
  };
}
