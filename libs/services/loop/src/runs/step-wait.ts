import { durationMs } from './durations.ts';
import type { StepContext, StepResult } from './step-types.ts';

/** One wait of a step (labels answered, a training run finished, predictions stored, a watch period over). */
export interface StepWait {
  /** One look: a result ends the wait, null waits on. */
  check(): Promise<StepResult | null>;
  /** Between looks the job comes back after this long; no worker is held meanwhile. */
  everyMs: number;
  /**
   * When the wait gives up (ms since the epoch, from something stored — the
   * step's startedAt, the promotion — so a restart waits only the remainder),
   * and what the step answers then. Every wait has one: a wait without an
   * end would keep the run active, and the model's single active run would
   * block every later run.
   */
  deadline: { atMs: number; answer(): StepResult | Promise<StepResult> };
  /** Undoes what the wait started when cancelLoop marked the run meanwhile (the training run it started). */
  onCancel?(): Promise<unknown>;
}

/** A wait's end: the step's stored start plus the policy's `maxWait`, so a restart waits only the remainder. */
export const stepDeadline = (s: StepContext, maxWait: string): number => Date.parse(s.step.startedAt!) + durationMs(maxWait, 'maxWait');

export const CANCELLED: StepResult = { kind: 'end', status: 'CANCELLED', stepStatus: 'FAILED', error: 'cancelled by cancelLoop', decision: null };

/**
 * Looks once and answers the step's result: `check`'s answer, the
 * deadline's, the run's cancellation, or `later` (the job comes back after
 * `everyMs`, sooner when the deadline is nearer). Each look is a fresh job,
 * so a resumed step — after a restart or on another worker — goes on where
 * the last look left off.
 */
export async function waitStep(s: StepContext, w: StepWait): Promise<StepResult> {
  const answer = await w.check();
  if (answer) return answer;
  const left = w.deadline.atMs - Date.now();
  if (left <= 0) return w.deadline.answer();
  if (await s.cancelled()) {
    await w.onCancel?.();
    return CANCELLED;
  }
  return { kind: 'later', delayMs: Math.min(w.everyMs, left) };
}
