import type { LoopDecision, LoopRunRecord, RunStatus, StepRecord, StepStatus } from './run-types.ts';
import type { LoopRunEventType } from '@tideline/contracts';
import type { RunClients } from './callees.ts';

/** What a step did: go on, stop the run with an outcome, or come back later. */
export type StepResult =
  | { kind: 'done'; output: Record<string, unknown> }
  | { kind: 'skipped'; output: Record<string, unknown> }
  | { kind: 'end'; status: RunStatus; stepStatus: StepStatus; output?: Record<string, unknown>; error?: string; decision: LoopDecision | null }
  /** The run waits for a person (approveLoop / rejectLoop): the job is done until they answer. */
  | { kind: 'wait' }
  /** Not finished yet (the watch period runs): the job comes back after `delayMs`. */
  | { kind: 'later'; delayMs: number };

export interface StepContext {
  c: RunClients;
  project: string;
  run: LoopRunRecord;
  step: StepRecord;
  /** Writes `output` into the step before a side effect, so a resumed step finds what it started; false when the run had ended (cancelLoop). */
  record(output: Record<string, unknown>): Promise<boolean>;
  /** Records that the run, ended meanwhile, owes training run `trainingRunId` a cancel (training-cancel.ts). */
  oweCancel(trainingRunId: string): Promise<void>;
  /** Publishes a run event about this step (`tideline.loop.<type>.<project>` and loopEvents), e.g. WAITING_LABELS. */
  announce(type: LoopRunEventType, detail: string): Promise<void>;
  /** True once cancelLoop marked the run. */
  cancelled(): Promise<boolean>;
  pollMs: number;
  watchCheckMs: number;
}

export type Step = (s: StepContext) => Promise<StepResult>;

export const hold = (code: string, message: string, evidence: Record<string, unknown>): LoopDecision => ({ action: 'HOLD', reasons: [{ code, message, evidence }] });

