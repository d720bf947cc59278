import { describe, expect, it } from 'vitest';
import { withWaits, type Policy } from './policy.ts';
import type { StepContext, StepResult } from './step-types.ts';
import { waitStep } from './step-wait.ts';

/** The one thing waitStep asks of a step's context: whether cancelLoop marked the run. */
const context = (cancelled: boolean) => ({ cancelled: async () => cancelled }) as unknown as StepContext;
const DONE: StepResult = { kind: 'done', output: { ok: true } };
const TIMED_OUT: StepResult = { kind: 'end', status: 'FAILED', stepStatus: 'FAILED', error: 'timed out', decision: null };

describe('waitStep', () => {
  it('answers the look first, the deadline once it passed, else comes back no later than the deadline', async () => {
    const past = { atMs: Date.now() - 1, answer: async () => TIMED_OUT };
    expect(await waitStep(context(false), { everyMs: 300, check: async () => DONE, deadline: past })).toBe(DONE);
    expect(await waitStep(context(false), { everyMs: 300, check: async () => null, deadline: past })).toBe(TIMED_OUT);
    const far = await waitStep(context(false), { everyMs: 300, check: async () => null, deadline: { atMs: Date.now() + 3_600_000, answer: () => TIMED_OUT } });
    expect(far).toEqual({ kind: 'later', delayMs: 300 });
    const near = await waitStep(context(false), { everyMs: 300_000, check: async () => null, deadline: { atMs: Date.now() + 60_000, answer: () => TIMED_OUT } });
    expect(near.kind === 'later' && near.delayMs).toBeGreaterThan(50_000);
    expect(near.kind === 'later' && near.delayMs).toBeLessThanOrEqual(60_000);
  });

  it('undoes what the wait started when cancelLoop marked the run', async () => {
    let undone = 0;
    const answer = await waitStep(context(true), { everyMs: 300, check: async () => null, deadline: { atMs: Date.now() + 60_000, answer: () => TIMED_OUT }, onCancel: async () => undone++ });
    expect(answer).toMatchObject({ kind: 'end', status: 'CANCELLED', error: 'cancelled by cancelLoop' });
    expect(undone).toBe(1);
  });
});

describe('withWaits', () => {
  const stored = { labeling: null, training: { family: 'MLP', params: null, warmStart: false, seed: 0 }, validation: { shadowWindow: '7d', evidence: 'PRODUCTION' } } as unknown as Policy;

  it('bounds the waits of a policy stored before they had deadlines: 6h of training, 1h for shadow predictions', () => {
    const read = withWaits(stored);
    expect(read.training.maxWait).toBe('6h');
    expect(read.validation.shadowMaxWait).toBe('1h');
    expect(read.labeling).toBeNull();
  });

  it('keeps the waits a policy sets', () => {
    const read = withWaits({ ...stored, training: { ...stored.training, maxWait: '2s' }, validation: { ...stored.validation, shadowMaxWait: '30m' } });
    expect(read.training.maxWait).toBe('2s');
    expect(read.validation.shadowMaxWait).toBe('30m');
  });
});
