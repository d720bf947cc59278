import type { SubgraphClient } from '@tideline/graphql';
import { PublicError } from '@tideline/graphql';
import type { ArtifactLimits } from './artifact-manifest.ts';
import type { ArtifactStore } from './artifact-store.ts';
import type { Datasets } from './datasets.ts';
import type { ModelLog } from './model-log.ts';
import type { ModelState, VersionState } from './model-state.ts';
import type { RegistryEvents } from './registry-events.ts';

/** What the registry's operations work with, built once by the module. */
export interface RegistryDeps {
  log: ModelLog;
  datasets: Datasets;
  artifacts: ArtifactStore;
  events: RegistryEvents;
  /** The metrics subgraph, for production evidence. */
  metrics: SubgraphClient;
  artifactLimits: ArtifactLimits;
}

export function requireModel(state: ModelState, field = 'model'): ModelState & { config: NonNullable<ModelState['config']> } {
  if (!state.config) throw new PublicError('MODEL_NOT_FOUND', `model '${state.name}' is not registered; call registerModel first`, { field });
  return state as ModelState & { config: NonNullable<ModelState['config']> };
}

export function requireVersion(state: ModelState, version: string, field = 'version'): VersionState {
  const found = state.versions.get(version);
  if (!found) throw new PublicError('VERSION_NOT_FOUND', `model '${state.name}' has no version '${version}'`, { field });
  return found;
}

/** An optional free-text argument: trimmed, bounded, empty as null. */
export function optionalText(value: string | null | undefined, field: string, max = 2000): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (text.length > max) throw new PublicError('BAD_USER_INPUT', `${field} must be at most ${max} characters`, { field });
  return text;
}
