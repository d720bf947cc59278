import type { HistoryEntry, ModelState, VersionState } from './model-state.ts';
import type { ModelConfig } from './log-events.ts';

/** What resolvers of a version (and its lineage) get: the version and the model state it was read from. */
export type VersionView = VersionState & { model: string; modelState: ModelState };
export type StageChangeView = HistoryEntry & { modelState: ModelState };
export type EvaluationView = VersionState['evaluations'][number];
export type RegistrationView = ModelConfig & { registeredAt: string };

export const versionView = (modelState: ModelState, version: VersionState): VersionView => ({ ...version, model: modelState.name, modelState });
export const stageChangeView = (modelState: ModelState, entry: HistoryEntry): StageChangeView => ({ ...entry, modelState });
