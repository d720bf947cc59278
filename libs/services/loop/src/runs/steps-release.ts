import { LoopCheckGateDocument, LoopPromoteDocument, LoopRollbackDocument, type LoopGateEvidenceFragment } from '../__generated__/registry-operations.ts';
import { modelAlerts } from '../decision/evidence-sources.ts';
import { wholeSecond } from '../decision/decide.ts';
import { refusalCode, registryState, type RunClients } from './callees.ts';
import { durationMs } from './durations.ts';
import type { LoopDecision, LoopRunRecord } from './run-types.ts';
import { hold, type Step, type StepContext, type StepResult } from './step-types.ts';
import { waitStep } from './step-wait.ts';

const outputOf = (run: LoopRunRecord, name: string) => run.steps.find((st) => st.name === name)?.output ?? null;

/** The evidence the policy asks for: PRODUCTION on the shadow window (when there was one), else the offline evaluations. */
function evidenceOf(run: LoopRunRecord) {
  const window = outputOf(run, 'shadow')?.window as { from: string; to: string } | undefined;
  return run.policy.validation.evidence === 'PRODUCTION' && window ? { source: 'PRODUCTION' as const, window } : { source: 'OFFLINE' as const };
}

const gateRefused = (gate: LoopGateEvidenceFragment): StepResult => ({
  kind: 'end',
  status: 'SUCCEEDED',
  stepStatus: 'FAILED',
  output: { gate },
  error: `the gate refused ${gate.challenger} over ${gate.champion}: ${gate.failures.join('; ')}`,
  decision: hold('GATE_FAILED', `the registry's gate refused ${gate.challenger} over the champion ${gate.champion}: ${gate.failures.join('; ')}; nothing was promoted`, { gate }),
});

const checkGate = async (c: RunClients, project: string, run: LoopRunRecord) =>
  (await c.registry.request(project, LoopCheckGateDocument, { model: run.model, version: run.candidate, evidence: evidenceOf(run) })).checkGate;

/** The registry's gate, without promoting: a refusal ends the run with HOLD and the gate's evidence (a normal outcome). */
export const gate: Step = async (s) => {
  const evidence = await checkGate(s.c, s.project, s.run);
  if (!evidence) return { kind: 'done', output: { applicable: false, reason: 'the model has no champion to compare with' } };
  return evidence.passed ? { kind: 'done', output: { gate: evidence } } : gateRefused(evidence);
};

/** APPROVAL: the run waits until approveLoop (which marks this step SUCCEEDED) or rejectLoop. */
export const approval: Step = async (s) => (s.step.output?.approved ? { kind: 'done', output: s.step.output } : { kind: 'wait' });

/** The decision of a promoted run: the gate's evidence, or the absence of a champion to beat. */
function promoted(run: LoopRunRecord): LoopDecision {
  const g = outputOf(run, 'gate');
  return g?.gate
    ? { action: 'PROMOTE', reasons: [{ code: 'GATE_PASSED', message: `${run.candidate} passed the registry's gate over the champion and was promoted`, evidence: { gate: g.gate } }] }
    : { action: 'PROMOTE', reasons: [{ code: 'FIRST_CHAMPION', message: `${run.candidate} became the model's first champion (no gate applies)`, evidence: {} }] };
}

/**
 * Promotes to CHAMPION through the registry's gate. A resumed step first
 * asks the registry: when the candidate already is the champion, the stage
 * change it finds is the step's outcome (never a second promotion).
 */
export const promote: Step = async (s) => {
  const { run } = s;
  const already = async () => {
    const state = await registryState(s.c, s.project, run.model);
    if (state.champion !== run.candidate) return null;
    return [...state.stageHistory].reverse().find((h) => h.version === run.candidate && h.to === 'CHAMPION') ?? null;
  };
  let change = await already();
  if (!change) {
    try {
      const reason = `loop run ${run.id} (${run.trigger.kind}): ${run.candidate} passed the gate${run.policy.promotion === 'APPROVAL' ? ' and was approved' : ''}`;
      const answer = await s.c.registry.request(s.project, LoopPromoteDocument, { model: run.model, version: run.candidate, reason, evidence: evidenceOf(run) });
      change = { ...answer.promote, displaced: answer.promote.displaced, rollback: answer.promote.rollback };
    } catch (err) {
      const code = refusalCode(err);
      if (code === 'GATE_FAILED') {
        const evidence = await checkGate(s.c, s.project, run);
        if (evidence && !evidence.passed) return gateRefused(evidence);
      }
      if (code === 'ALREADY_IN_STAGE') change = await already();
      if (!change) {
        if (code) return { kind: 'end', status: 'FAILED', stepStatus: 'FAILED', error: `promote refused: ${code}: ${(err as Error).message}`, decision: null };
        throw err;
      }
    }
  }
  const previousChampion = change.displaced.find((d) => d.from === 'CHAMPION')?.version ?? null;
  return { kind: 'done', output: { version: run.candidate, promotedAt: change.at, previousChampion, sequence: 'sequence' in change ? change.sequence : null } };
};

/** Rolls back once: a resumed step that finds the candidate already displaced by a rollback takes that as done. */
async function rollBack(s: StepContext, reason: string): Promise<void> {
  const state = await registryState(s.c, s.project, s.run.model);
  const rolled = [...state.stageHistory].reverse().find((h) => h.rollback && h.displaced.some((d) => d.version === s.run.candidate));
  if (rolled || state.champion !== s.run.candidate) return;
  await s.c.registry.request(s.project, LoopRollbackDocument, { model: s.run.model, reason: reason.slice(0, 2000) });
}

/**
 * Watches the champion's monitors for the watch period: an alert of the
 * model (not a data-quality one) fired from the promotion's second on rolls
 * back to the previous champion, with the alert as evidence in the stage
 * history; a quiet period ends the run SUCCEEDED.
 */
export const watch: Step = async (s) => {
  const p = outputOf(s.run, 'promote')!;
  const promotedAt = p.promotedAt as string;
  const ends = Date.parse(promotedAt) + durationMs(s.run.policy.watchPeriod, 'watchPeriod');
  const since = new Date(wholeSecond(promotedAt)).toISOString();
  return waitStep(s, {
    everyMs: s.watchCheckMs,
    check: async () => {
      const fired = (await modelAlerts(s.c, s.project, s.run.model, { from: since })).filter((a) => a.kind !== 'DATA_QUALITY' && a.firedAt >= since);
      return fired.length ? rollBackFor(s, fired, { promotedAt, previousChampion: p.previousChampion as string | null, watchPeriodEnds: new Date(ends).toISOString() }) : null;
    },
    deadline: { atMs: ends, answer: () => ({ kind: 'end', status: 'SUCCEEDED', stepStatus: 'SUCCEEDED', output: { quiet: true, watchPeriodEnds: new Date(ends).toISOString() }, decision: promoted(s.run) }) },
  });
};

type ModelAlert = Awaited<ReturnType<typeof modelAlerts>>[number];

/** An alert fired within the watch period: roll back to the previous champion, with the alert as evidence (or fail when there is none). */
async function rollBackFor(s: StepContext, fired: ModelAlert[], w: { promotedAt: string; previousChampion: string | null; watchPeriodEnds: string }): Promise<StepResult> {
  const { promotedAt, previousChampion, watchPeriodEnds } = w;
  const a = fired.at(-1)!;
  const slice = a.slice.map((k) => `${k.field}=${k.value}`).join(', ') || 'all traffic';
  const evidence = { promotedVersion: s.run.candidate, promotedAt, previousChampion, watchPeriodEnds, alerts: fired };
  const message = `monitor '${a.monitorName}' fired within the watch period after ${s.run.candidate} was promoted: ${a.metric} ${a.value} against ${a.threshold} on ${slice} (alert ${a.id})`;
  if (!previousChampion) return { kind: 'end', status: 'FAILED', stepStatus: 'FAILED', output: evidence, error: `${message}; there is no previous champion to roll back to`, decision: null };
  await rollBack(s, `loop run ${s.run.id}: ${message}. Evidence: ${JSON.stringify({ alert: a, promotedAt, watchPeriodEnds })}`);
  return { kind: 'end', status: 'ROLLED_BACK', stepStatus: 'SUCCEEDED', output: evidence, decision: { action: 'ROLLBACK', reasons: [{ code: 'WATCH_PERIOD_ALERT', message: `${message}; rolled back to ${previousChampion}`, evidence }] } };
}

export { promoted };
