import type { ModelStage } from '@tideline/contracts';
import type { ArtifactManifest, Evaluation, LogEvent, ModelConfig, StageChangedEvent, TrainingRun } from './log-events.ts';

export interface VersionState {
  version: string;
  stage: ModelStage;
  registeredAt: string;
  registeredBy: string | null;
  description: string | null;
  artifact: ArtifactManifest;
  metadata: unknown;
  datasetId: string | null;
  trainingRun: TrainingRun | null;
  parentVersion: string | null;
  evaluations: (Evaluation & { recordedAt: string; recordedBy: string | null })[];
}

/** One stage change as history shows it: the log entry and where it sits in the log. */
export type HistoryEntry = StageChangedEvent & { sequence: number };

/** A model as its log folds: what every query and decision reads. */
export interface ModelState {
  name: string;
  config: ModelConfig | null;
  configuredAt: string | null;
  versions: Map<string, VersionState>;
  champion: string | null;
  /** Champions displaced by promotions, most recent last: `rollback` restores the last one. */
  previousChampions: string[];
  history: HistoryEntry[];
  /** Stream sequence of the last entry applied; 0 for a model with no log. */
  sequence: number;
}

export const emptyState = (name: string): ModelState => ({
  name,
  config: null,
  configuredAt: null,
  versions: new Map(),
  champion: null,
  previousChampions: [],
  history: [],
  sequence: 0,
});

/**
 * Applies one log entry to `state` in place. Entries were checked when they
 * were decided (under the model's expected sequence), so applying them never
 * fails; a stage change naming an unknown version is a corrupt log and throws.
 */
export function applyEvent(state: ModelState, event: LogEvent, sequence: number): ModelState {
  switch (event.type) {
    case 'MODEL_CONFIGURED':
      state.config = event.config;
      state.configuredAt ??= event.at;
      break;
    case 'VERSION_REGISTERED':
      state.versions.set(event.version, {
        version: event.version,
        stage: 'CANDIDATE',
        registeredAt: event.at,
        registeredBy: event.actor,
        description: event.description,
        artifact: event.artifact,
        metadata: event.metadata,
        datasetId: event.datasetId,
        trainingRun: event.trainingRun,
        parentVersion: event.parentVersion,
        evaluations: [],
      });
      break;
    case 'EVALUATION_RECORDED':
      versionOf(state, event.version, sequence).evaluations.push({ ...event.evaluation, recordedAt: event.at, recordedBy: event.actor });
      break;
    case 'STAGE_CHANGED': {
      const championBefore = state.champion;
      for (const change of event.changes) versionOf(state, change.version, sequence).stage = change.to;
      const champions = [...state.versions.values()].filter((v) => v.stage === 'CHAMPION');
      if (champions.length > 1) throw new Error(`model log ${state.name} is corrupt at ${sequence}: ${champions.length} champions`);
      state.champion = champions[0]?.version ?? null;
      if (event.rollback) state.previousChampions.pop();
      else if (championBefore && state.champion !== championBefore) state.previousChampions.push(championBefore);
      state.history.push({ ...event, sequence });
      break;
    }
  }
  state.sequence = sequence;
  return state;
}

function versionOf(state: ModelState, version: string, sequence: number): VersionState {
  const found = state.versions.get(version);
  if (!found) throw new Error(`model log ${state.name} is corrupt at ${sequence}: unknown version ${version}`);
  return found;
}

/** A copy to fold further without touching a state other readers hold. */
export const cloneState = (state: ModelState): ModelState => structuredClone(state);
