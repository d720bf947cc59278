import type { DecisionReason, RetrainingAction } from '@tideline/contracts';
import type { Policy, TriggerKind } from './policy.ts';

export type StepName = 'label' | 'curate' | 'train' | 'shadow' | 'gate' | 'approval' | 'promote' | 'watch';
export type StepStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED';
export type RunStatus = 'RUNNING' | 'WAITING_LABELS' | 'WAITING_APPROVAL' | 'WATCHING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'ROLLED_BACK';
export const FINISHED: ReadonlySet<RunStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'ROLLED_BACK']);

export interface StepRecord {
  name: StepName;
  status: StepStatus;
  startedAt: string | null;
  finishedAt: string | null;
  output: Record<string, unknown> | null;
  error: string | null;
  /** Internal failures retried so far (a service down); past LOOP_MAX_STEP_FAILURES the run fails. */
  failures: number;
}

export interface LoopDecision {
  action: RetrainingAction;
  reasons: DecisionReason[];
}

/** A loop run as kept in KV; every change is a compare-and-set, so a step's outcome is written once. */
export interface LoopRunRecord {
  project: string;
  id: string;
  model: string;
  trigger: { kind: TriggerKind; detail: Record<string, unknown> | null };
  status: RunStatus;
  steps: StepRecord[];
  decision: LoopDecision | null;
  /** The version the run trains and may promote: derived from the run id, so a resumed run names the same one. */
  candidate: string;
  /** The policy as it was when the run started: a later change does not alter a run in flight. */
  policy: Policy;
  /** The latest prediction when the run started: every window of the run is counted back from it. */
  anchorAt: string;
  /** The champion when the run started (source of shadow traffic, warm start). */
  championAtStart: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** The run's steps for its policy: labeling only when asked for, approval only for APPROVAL. */
export function stepsFor(policy: Policy): StepRecord[] {
  const names: StepName[] = [...(policy.labeling ? ['label' as const] : []), 'curate', 'train', 'shadow', 'gate', ...(policy.promotion === 'APPROVAL' ? ['approval' as const] : []), 'promote', 'watch'];
  return names.map((name) => ({ name, status: 'PENDING', startedAt: null, finishedAt: null, output: null, error: null, failures: 0 }));
}

/** Ids the run derives its side effects' names from: the same run always names the same dataset and version. */
export const datasetIdOf = (run: Pick<LoopRunRecord, 'id'>) => `ds-${run.id}`;
export const candidateOf = (runId: string) => `loop-${runId.slice(3)}`;
