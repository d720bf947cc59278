import { describe, expect, it } from 'vitest';
import type { LoopRunRecord, StepRecord, StepStatus } from './run-types.ts';
import { owingSteps, pendingCancelOf } from './training-cancel.ts';

const step = (name: StepRecord['name'], status: StepStatus, output: Record<string, unknown> | null = null): StepRecord => ({ name, status, startedAt: null, finishedAt: null, output, error: null, failures: 0 });
const run = (steps: StepRecord[]) => ({ status: 'CANCELLED', steps }) as unknown as LoopRunRecord;

describe('owingSteps', () => {
  it('makes a run that ends during its train step owe the training a cancel, keeping what the step recorded', () => {
    const before = run([step('curate', 'SUCCEEDED'), step('train', 'RUNNING', { trainingRunId: 'tr_1', deadline: 'd' })]);
    // The ending patch comes from an older read of the step (no trainingRunId): the stored output is kept under it.
    const ended = owingSteps(before, [step('curate', 'SUCCEEDED'), step('train', 'FAILED', { version: 'loop-1' })]);
    expect(ended[1]!.status).toBe('FAILED');
    expect(ended[1]!.output).toMatchObject({ trainingRunId: 'tr_1', deadline: 'd', version: 'loop-1', cancelPending: { trainingRunId: 'tr_1', attempts: 0, lastError: null } });
    expect(pendingCancelOf(run(ended))).toMatchObject({ trainingRunId: 'tr_1' });
  });

  it('owes a cancel by dataset when the step had not written its training run yet, and none when the train step was not running', () => {
    const starting = owingSteps(run([step('train', 'RUNNING')]), [step('train', 'FAILED')]);
    expect(pendingCancelOf(run(starting))).toMatchObject({ trainingRunId: null, attempts: 0 });
    for (const status of ['PENDING', 'SUCCEEDED', 'FAILED'] as const) {
      const steps = [step('train', status, { trainingRunId: 'tr_1' }), step('approval', 'FAILED')];
      expect(owingSteps(run(steps), steps)).toBe(steps);
    }
  });
});
