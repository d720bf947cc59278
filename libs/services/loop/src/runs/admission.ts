import { randomBytes } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { LOOP_RUN_SUBJECTS } from '@tideline/contracts';
import { PublicError } from '@tideline/graphql';
import { token } from '../decision/ledger.ts';
import { modelTraffic, registryState, type RunClients } from './callees.ts';
import { durationMs } from './durations.ts';
import type { LoopEvents } from './events.ts';
import type { TriggerKind } from './policy.ts';
import { FINISHED, candidateOf, stepsFor, type LoopRunRecord } from './run-types.ts';
import type { LoopRunStore, PolicyRecord, PolicyStore, TriggerRecord } from './stores.ts';

export interface AdmissionDeps {
  runs: LoopRunStore;
  policies: PolicyStore;
  events: LoopEvents;
  clients: RunClients;
  js: JetStreamClient;
}

export interface Trigger {
  kind: TriggerKind;
  detail: Record<string, unknown> | null;
}

/** Time-ordered and unique without coordination, one KV key token: `lr_<ms base36><random>`. */
const newRunId = () => `lr_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
const DAY_MS = 86_400_000;

/** Why `trigger` may not start a run now, or null. Manual starts skip the cool-down and a disabled policy (a person asked). */
async function refusal(deps: AdmissionDeps, record: PolicyRecord, trigger: Trigger, at: number): Promise<string | null> {
  const { policy, state } = record;
  const manual = trigger.kind === 'MANUAL';
  if (!manual && !policy.enabled) return 'the policy is disabled';
  if (state.activeRun) {
    const active = await deps.runs.get(record.project, state.activeRun);
    if (active && !FINISHED.has(active.status)) return `run ${active.id} is ${active.status}; one run per model at a time`;
  }
  const today = state.starts.filter((s) => Math.floor(Date.parse(s) / DAY_MS) === Math.floor(at / DAY_MS)).length;
  if (today >= policy.maxRunsPerDay) return `the daily cap is reached: ${today} of ${policy.maxRunsPerDay} runs started today (UTC)`;
  const last = state.starts.at(-1);
  const coolDownMs = durationMs(policy.coolDown, 'coolDown');
  if (!manual && last && at - Date.parse(last) < coolDownMs) return `cool-down of ${policy.coolDown}: the last run started at ${last}; the next may start from ${new Date(Date.parse(last) + coolDownMs).toISOString()}`;
  return null;
}

const remember = (triggers: TriggerRecord[], t: TriggerRecord) => [t, ...triggers].slice(0, 20);

/**
 * Starts a run of the model's policy for `trigger`, or records why it did
 * not (`lastTriggers`, a SKIPPED event). The claim — the active run, the
 * start time — is a compare-and-set on the policy's entry, so two replicas
 * (or two triggers) never start two runs of one model. `quietSkip` (timer
 * triggers) records a skip only when the newest record is not already a
 * skip of the same kind, so a long run does not fill the history.
 */
export async function admit(deps: AdmissionDeps, project: string, model: string, trigger: Trigger, o: { quietSkip?: boolean } = {}): Promise<{ run: LoopRunRecord } | { skipped: string }> {
  const record = await deps.policies.get(project, model);
  if (!record) throw new PublicError('POLICY_NOT_FOUND', `model '${model}' has no retraining policy: setRetrainingPolicy first`, { field: 'model' });
  const at = Date.now();
  const reason = await refusal(deps, record, trigger, at);
  if (reason) {
    const newest = record.state.lastTriggers[0];
    if (!(o.quietSkip && newest?.kind === trigger.kind && newest.outcome === 'SKIPPED')) {
      const skip: TriggerRecord = { kind: trigger.kind, detail: trigger.detail, at: new Date(at).toISOString(), outcome: 'SKIPPED', reason, run: null };
      await deps.policies.update(project, model, (p) => ({ ...p, state: { ...p.state, lastTriggers: remember(p.state.lastTriggers, skip) } }));
      await deps.events.skipped(project, model, `${token(model)}.SKIPPED.${at}`, `${trigger.kind}: ${reason}`);
    }
    return { skipped: reason };
  }
  const traffic = await modelTraffic(deps.clients, project, model);
  if (!traffic?.lastPredictionAt) throw new PublicError('MODEL_NOT_FOUND', `the store holds no prediction of model '${model}'`, { field: 'model' });
  const { champion } = await registryState(deps.clients, project, model);
  const id = newRunId();
  const startedAt = new Date(at).toISOString();
  // The claim: lost to a concurrent start, this trigger is skipped like any other refused one.
  let lost: string | null = null;
  await deps.policies.update(project, model, (p) => {
    lost = p.state.activeRun && p.state.activeRun !== record.state.activeRun ? `run ${p.state.activeRun} started meanwhile` : null;
    if (lost) return null;
    const started: TriggerRecord = { kind: trigger.kind, detail: trigger.detail, at: startedAt, outcome: 'STARTED', reason: null, run: id };
    return { ...p, state: { activeRun: id, starts: [...p.state.starts, startedAt].slice(-100), labeledAtLastRun: traffic.labeledCount, lastTriggers: remember(p.state.lastTriggers, started) } };
  });
  if (lost) return { skipped: lost };
  const run: LoopRunRecord = {
    project,
    id,
    model,
    trigger,
    status: 'RUNNING',
    steps: stepsFor(record.policy),
    decision: null,
    candidate: candidateOf(id),
    policy: record.policy,
    anchorAt: traffic.lastPredictionAt,
    championAtStart: champion,
    createdAt: startedAt,
    updatedAt: startedAt,
    finishedAt: null,
  };
  await deps.runs.create(run);
  await deps.js.publish(LOOP_RUN_SUBJECTS.job(project), JSON.stringify({ project, id }), { msgID: id });
  await deps.events.run('STARTED', run, { detail: trigger.kind });
  return { run };
}
