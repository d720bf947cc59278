import type { ModelStage } from '@tideline/contracts';
import { PublicError } from '@tideline/graphql';
import type { ModelState } from './model-state.ts';

export interface StageChange {
  version: string;
  from: ModelStage;
  to: ModelStage;
}

/**
 * The changes that moving `version` to `stage` makes, checked against the
 * model as it is: a new champion displaces the current one (to ARCHIVED) in
 * the same log entry, so the model never has two champions, nor none between
 * two. The champion itself leaves only by being replaced or rolled back.
 */
export function stageChanges(state: ModelState, version: string, stage: ModelStage): StageChange[] {
  const current = state.versions.get(version);
  if (!current) throw new PublicError('VERSION_NOT_FOUND', `model '${state.name}' has no version '${version}'`, { field: 'version' });
  if (current.stage === stage) throw new PublicError('ALREADY_IN_STAGE', `version '${version}' of '${state.name}' is already ${stage}`, { field: 'stage' });
  if (current.stage === 'CHAMPION') {
    throw new PublicError('CHAMPION_REQUIRED', `version '${version}' is the champion of '${state.name}': promote another version or roll back instead`, { field: 'stage' });
  }
  const changes: StageChange[] = [{ version, from: current.stage, to: stage }];
  if (stage === 'CHAMPION' && state.champion) changes.push({ version: state.champion, from: 'CHAMPION', to: 'ARCHIVED' });
  return changes;
}

/** The changes of a rollback: the champion before the current one is restored, the current one archived. */
export function rollbackChanges(state: ModelState): StageChange[] {
  const previous = state.previousChampions.at(-1);
  if (!state.champion || !previous) {
    throw new PublicError('NOTHING_TO_ROLL_BACK', `model '${state.name}' has no previous champion to restore`, { field: 'model' });
  }
  const restored = state.versions.get(previous)!;
  return [
    { version: previous, from: restored.stage, to: 'CHAMPION' },
    { version: state.champion, from: 'CHAMPION', to: 'ARCHIVED' },
  ];
}
