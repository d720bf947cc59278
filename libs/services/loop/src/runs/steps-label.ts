import { LoopLabelRequestProgressDocument, LoopLabelRequestsDocument, LoopRequestLabelsDocument } from '../__generated__/curation-operations.ts';
import { refusalCode } from './callees.ts';
import { windowAt } from './durations.ts';
import { labelingOf, type Labeling } from './policy.ts';
import type { LoopDecision, LoopRunRecord } from './run-types.ts';
import type { Step, StepContext, StepResult } from './step-types.ts';
import { stepDeadline, waitStep } from './step-wait.ts';

/** Labels the step waits for: ceil(waitFor × picks), with a tolerance so that 0.07 × 100 (7.000000000000001 in floating point) asks for 7, not 8. */
export const labelsNeeded = (waitFor: number, picks: number) => Math.max(0, Math.ceil(waitFor * picks - 1e-9));

/** What the step keeps once its request is made: the request, and the wait it set (deadline from the step's start). */
interface LabelOutput extends Record<string, unknown> {
  requestId: string;
  picks: number;
  waitFor: number;
  labelsNeeded: number;
  maxWait: string;
  deadline: string;
  labeledCount: number;
}

/**
 * requestLabels once: a request the step made before a restart is found
 * again by its time, strategy and budget. NO_CANDIDATES or BUDGET_EXCEEDED
 * answer a reason to skip the step (the run trains on the labels at hand).
 */
async function requestOnce(s: StepContext, p: Labeling) {
  const { labelRequests } = await s.c.curation.request(s.project, LoopLabelRequestsDocument, { model: s.run.model });
  const earlier = labelRequests.find((r) => r.createdAt >= s.step.startedAt! && r.strategy === p.strategy && r.budget === p.budget);
  if (earlier) return earlier;
  const window = windowAt(p.window, Date.parse(s.run.anchorAt));
  return s.c.curation
    .request(s.project, LoopRequestLabelsDocument, { input: { model: s.run.model, window, strategy: p.strategy as never, budget: p.budget, modelVersion: s.run.championAtStart } })
    .then((r) => r.requestLabels)
    .catch((err: unknown) => {
      const code = refusalCode(err);
      if (code === 'NO_CANDIDATES' || code === 'BUDGET_EXCEEDED') return { skipped: `${code}: ${(err as Error).message}` };
      throw err;
    });
}

/**
 * Asks for labels, then waits until ceil(waitFor × picks) of the request's
 * picks are labeled, so `curate` trains on them. The wait is the job coming
 * back every LOOP_POLL_MS (no worker is held for hours); its deadline is the
 * step's stored start plus maxWait, so a restart resumes the remainder and
 * never asks again. cancelLoop ends the run, and the job with it. At the
 * deadline: PROCEED goes on with the labels at hand (timedOut, and the run's
 * decision says so), FAIL ends the run before anything is trained.
 */
export const label: Step = async (s) => {
  const p = labelingOf(s.run.policy)!;
  let out = s.step.output as LabelOutput | null;
  let labeledCount: number;
  if (!out?.requestId) {
    const made = await requestOnce(s, p);
    if ('skipped' in made) return { kind: 'skipped', output: { reason: made.skipped } };
    const picks = made.activeCount + made.controlCount;
    const deadline = new Date(stepDeadline(s, p.maxWait)).toISOString();
    out = { requestId: made.id, strategy: made.strategy, budget: made.budget, activeCount: made.activeCount, controlCount: made.controlCount, candidates: made.candidates, picks, waitFor: p.waitFor, labelsNeeded: labelsNeeded(p.waitFor, picks), maxWait: p.maxWait, deadline, labeledCount: made.labeledCount };
    labeledCount = made.labeledCount;
    // Published before the request is recorded: a crash between the two publishes it again (JetStream drops the repeated id).
    if (labeledCount < out.labelsNeeded) await s.announce('WAITING_LABELS', `waiting for ${out.labelsNeeded} of the ${picks} rows request ${made.id} picked to be labeled, until ${deadline}`);
    await s.record(out);
  } else {
    const { labelRequest } = await s.c.curation.request(s.project, LoopLabelRequestProgressDocument, { id: out.requestId });
    if (!labelRequest) return { kind: 'end', status: 'FAILED', stepStatus: 'FAILED', error: `label request ${out.requestId} no longer exists`, decision: null };
    labeledCount = labelRequest.labeledCount;
    // Progress for a console: written when it changes, not on every poll.
    if (labeledCount !== out.labeledCount) await s.record({ labeledCount });
  }
  const output = { ...out, labeledCount, waitedMs: Date.now() - Date.parse(s.step.startedAt!) };
  const needed = out.labelsNeeded;
  return waitStep(s, {
    everyMs: s.pollMs,
    check: async () => (labeledCount >= needed ? { kind: 'done', output: { ...output, timedOut: false } } : null),
    deadline: { atMs: Date.parse(out.deadline), answer: () => timedOut(p, output) },
  });
};

/** At the deadline: PROCEED goes on with the labels at hand, FAIL ends the run before anything is trained. */
function timedOut(p: Labeling, output: LabelOutput): StepResult {
  if (p.onTimeout === 'PROCEED') return { kind: 'done', output: { ...output, timedOut: true } };
  const error = `${shortfall(output)}; onTimeout FAIL ends the run before anything is trained`;
  return { kind: 'end', status: 'FAILED', stepStatus: 'FAILED', output: { ...output, timedOut: true }, error, decision: null };
}

const shortfall = (o: LabelOutput) => `${o.labeledCount} of the ${o.picks} rows request ${o.requestId} picked were labeled within maxWait ${o.maxWait}; ${o.labelsNeeded} were needed (waitFor ${o.waitFor})`;

/**
 * A run whose label step timed out and went on (PROCEED) trained on fewer
 * labels than it asked for: its decision says so, whatever the decision is.
 */
export function withLabelShortfall(run: LoopRunRecord, decision: LoopDecision | null): LoopDecision | null {
  const out = run.steps.find((st) => st.name === 'label')?.output as (LabelOutput & { timedOut?: boolean; waitedMs: number }) | undefined;
  if (!decision || !out?.timedOut || decision.reasons.some((r) => r.code === 'LABEL_WAIT_TIMED_OUT')) return decision;
  const evidence = { requestId: out.requestId, picks: out.picks, waitFor: out.waitFor, labelsNeeded: out.labelsNeeded, labeledCount: out.labeledCount, maxWait: out.maxWait, deadline: out.deadline, waitedMs: out.waitedMs };
  return { ...decision, reasons: [...decision.reasons, { code: 'LABEL_WAIT_TIMED_OUT', message: `the run trained on fewer labels than it asked for: ${shortfall(out)}, and the policy says PROCEED`, evidence }] };
}
