import { describe, expect, it } from 'vitest';
import type { LogEvent } from './log-events.ts';
import { applyEvent, emptyState, type ModelState } from './model-state.ts';
import { rollbackChanges, stageChanges } from './stages.ts';

const at = '2026-01-01T00:00:00.000Z';
const registered = (version: string): LogEvent => ({
  type: 'VERSION_REGISTERED',
  at,
  actor: null,
  version,
  description: null,
  artifact: { digest: `sha256:${'0'.repeat(64)}`, format: 'OTHER', files: [], size: 0 },
  metadata: null,
  datasetId: null,
  trainingRun: null,
  parentVersion: null,
});
const changed = (changes: { version: string; from: string; to: string }[], rollback = false) =>
  ({ type: 'STAGE_CHANGED', at, actor: null, reason: 'r', override: false, rollback, changes, gate: null }) as LogEvent;

function fold(events: LogEvent[]): ModelState {
  const state = emptyState('churn');
  events.forEach((e, i) => applyEvent(state, e, i + 1));
  return state;
}

/** Decides and applies a change as the registry does. */
const promote = (state: ModelState, version: string) => applyEvent(state, changed(stageChanges(state, version, 'CHAMPION')), state.sequence + 1);
const rollback = (state: ModelState) => applyEvent(state, changed(rollbackChanges(state), true), state.sequence + 1);

describe('the model state folded from its log', () => {
  it('displaces the champion in the same step and restores it on rollback, one level at a time', () => {
    const state = fold([registered('v1'), registered('v2'), registered('v3')]);
    promote(state, 'v1');
    promote(state, 'v2');
    promote(state, 'v3');
    expect(state.champion).toBe('v3');
    expect(state.previousChampions).toEqual(['v1', 'v2']);
    expect(Object.fromEntries([...state.versions].map(([v, s]) => [v, s.stage]))).toEqual({ v1: 'ARCHIVED', v2: 'ARCHIVED', v3: 'CHAMPION' });
    rollback(state);
    expect(state.champion).toBe('v2');
    rollback(state);
    expect(state.champion).toBe('v1');
    expect(() => rollbackChanges(state)).toThrow('no previous champion');
    expect(state.history.map((h) => [h.changes[0]!.version, h.rollback])).toEqual([
      ['v1', false],
      ['v2', false],
      ['v3', false],
      ['v2', true],
      ['v1', true],
    ]);
    expect(state.sequence).toBe(8);
  });

  it('refuses a log that would hold two champions', () => {
    const state = fold([registered('v1'), registered('v2'), changed([{ version: 'v1', from: 'CANDIDATE', to: 'CHAMPION' }])]);
    expect(() => applyEvent(state, changed([{ version: 'v2', from: 'CANDIDATE', to: 'CHAMPION' }]), 4)).toThrow('2 champions');
  });

  it('decides stage changes against the current state', () => {
    const state = fold([registered('v1'), registered('v2')]);
    expect(stageChanges(state, 'v1', 'CHAMPION')).toEqual([{ version: 'v1', from: 'CANDIDATE', to: 'CHAMPION' }]);
    promote(state, 'v1');
    expect(stageChanges(state, 'v2', 'CHAMPION')).toEqual([
      { version: 'v2', from: 'CANDIDATE', to: 'CHAMPION' },
      { version: 'v1', from: 'CHAMPION', to: 'ARCHIVED' },
    ]);
    expect(stageChanges(state, 'v2', 'CHALLENGER')).toEqual([{ version: 'v2', from: 'CANDIDATE', to: 'CHALLENGER' }]);
    expect(() => stageChanges(state, 'v1', 'ARCHIVED')).toThrow('roll back instead');
    expect(() => stageChanges(state, 'v2', 'CANDIDATE')).toThrow('already CANDIDATE');
    expect(() => stageChanges(state, 'v9', 'CHALLENGER')).toThrow("has no version 'v9'");
  });
});
