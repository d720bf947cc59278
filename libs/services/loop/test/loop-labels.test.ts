/**
 * The label step waits for the labels it asked for (issue 13: "the labels it
 * requested serve this run"), on the whole platform through the gateway: a
 * labeler answers the labeling queue through POST /v1/feedback and the run's
 * dataset holds those labels; a wait that times out goes on (PROCEED, and the
 * decision says so) or fails the run (FAIL, the registry untouched);
 * cancelLoop stops a waiting run.
 */
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loopRunEvent } from '@tideline/contracts';
import { eventually, type DevPlatform } from '@tideline/testing';
import { brokenSliceTraffic, answerQueue, labelRequest, loopRun, ok, platformServedByV1, policyInput, registry, startLoop, stepOf, unlabeledTraffic, untilStatus, type Any } from './loop-fixtures.ts';

let platform: DevPlatform & { natsUrl: string };
const labeled = brokenSliceTraffic(1200, 21, 'l');
/** v1's traffic nobody labeled yet: what the runs' requests pick from (the same minutes as `labeled`, other ids). */
const unlabeled = brokenSliceTraffic(900, 22, 'u');
const BUDGET = 60;

const POLICY_WITH_LABELING = `mutation($input: RetrainingPolicyInput!) { setRetrainingPolicy(input: $input) { model labeling { strategy budget window waitFor maxWait onTimeout } } }`;
const setPolicy = (labeling: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  platform.gql<Any>(POLICY_WITH_LABELING, { input: policyInput('churn', { labeling: { strategy: 'RANDOM', budget: BUDGET, ...labeling }, maxRunsPerDay: 20, watchPeriod: '1s', ...extra }) });
/** The run once its label step made its request (the request's id in the step's output). */
const requested = (id: string) => eventually(async () => {
  const run = await loopRun(platform.gql, id);
  return stepOf(run, 'label').output?.requestId && run;
}, 60_000, 200);
const labeledCount = async () => (await ok(platform.gql<Any>('{ model(name: "churn") { labeledCount } }'))).model.labeledCount;

beforeAll(async () => {
  platform = await platformServedByV1('churn', labeled);
  await unlabeledTraffic(platform, 'churn', unlabeled);
}, 180_000);
afterAll(() => platform?.stop(), 60_000);

it('refuses a bad wait, naming the field; defaults to 90 % of the picks within 24 h, then PROCEED', async () => {
  const refused = async (labeling: Record<string, unknown>) => (await setPolicy(labeling)).errors?.[0]?.extensions;
  expect(await refused({ waitFor: 1.5 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.labeling.waitFor' });
  expect(await refused({ waitFor: -0.1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.labeling.waitFor' });
  expect(await refused({ maxWait: '2 days' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.labeling.maxWait' });
  expect((await setPolicy({ onTimeout: 'WAIT_MORE' })).errors?.[0]?.message).toMatch(/WAIT_MORE/);
  const policy = (await ok(setPolicy({}))).setRetrainingPolicy;
  expect(policy.labeling).toEqual({ strategy: 'RANDOM', budget: BUDGET, window: '7d', waitFor: 0.9, maxWait: '24h', onTimeout: 'PROCEED' });
});

it('waits until the labeler answers, then curates a dataset that holds those labels', async () => {
  await ok(setPolicy({ waitFor: 1, maxWait: '10m' }));
  const nc = await connect({ servers: platform.natsUrl });
  const waitingEvents = nc.subscribe('tideline.loop.waiting_labels.>');
  const before = await labeledCount();
  const run = await startLoop(platform.gql, 'churn');
  expect(run.steps.map((s: Any) => s.name)).toEqual(['label', 'curate', 'train', 'shadow', 'gate', 'promote', 'watch']);
  const waiting = await requested(run.id);
  const out = stepOf(waiting, 'label').output;
  expect(out).toMatchObject({ picks: BUDGET, labelsNeeded: BUDGET, waitFor: 1, maxWait: '10m', labeledCount: 0 });
  expect(Date.parse(out.deadline) - Date.parse(stepOf(waiting, 'label').startedAt)).toBe(600_000);
  // The run says it waits for people, not for compute: set before the request is recorded in the step.
  expect(waiting.status).toBe('WAITING_LABELS');
  // The event a labeling tool reacts to, on NATS.
  for await (const m of waitingEvents) {
    const event = loopRunEvent.parse(m.json());
    expect(event).toMatchObject({ type: 'WAITING_LABELS', status: 'WAITING_LABELS', run: { id: run.id }, step: 'label', model: { name: 'churn' } });
    expect(event.detail).toContain(out.requestId);
    break;
  }
  await nc.close();

  // Half the picks answered: the step sees them and keeps waiting; curate has not started.
  const first = await answerQueue(platform, 'churn', out.requestId, unlabeled, BUDGET / 2);
  expect(first).toHaveLength(BUDGET / 2);
  const halfway = await eventually(async () => {
    const r = await loopRun(platform.gql, run.id);
    return stepOf(r, 'label').output.labeledCount === BUDGET / 2 && r;
  }, 60_000, 200);
  expect(stepOf(halfway, 'label').status).toBe('RUNNING');
  expect(halfway.status).toBe('WAITING_LABELS');
  expect(stepOf(halfway, 'curate').status).toBe('PENDING');

  const rest = await answerQueue(platform, 'churn', out.requestId, unlabeled);
  expect(rest).toHaveLength(BUDGET / 2);
  const curated = await eventually(async () => {
    const r = await loopRun(platform.gql, run.id);
    return stepOf(r, 'curate').status === 'SUCCEEDED' && r;
  }, 120_000, 200);
  expect(stepOf(curated, 'label')).toMatchObject({ status: 'SUCCEEDED', output: { requestId: out.requestId, labeledCount: BUDGET, timedOut: false } });
  // Training now: the run is RUNNING again.
  expect(curated.status).toBe('RUNNING');
  expect(stepOf(curated, 'label').output.waitedMs).toBeGreaterThan(0);
  expect((await labelRequest(platform.gql, out.requestId)).labeledCount).toBe(BUDGET);
  // The dataset holds every label the store had when the run started, and the ones this run asked for.
  expect(stepOf(curated, 'curate').output.rowCount).toBe(before + BUDGET);
  // One request for the run, made after it started.
  const { labelRequests } = await ok(platform.gql<Any>('{ labelRequests(model: "churn") { id createdAt } }'));
  expect(labelRequests.filter((r: Any) => r.createdAt >= stepOf(curated, 'label').startedAt).map((r: Any) => r.id)).toEqual([out.requestId]);
  // The rest of the run (train, gate, promote) is loop-auto's business.
  expect((await ok(platform.gql<Any>(`mutation { cancelLoop(id: "${run.id}") { status } }`))).cancelLoop.status).toBe('CANCELLED');
}, 300_000);

it('cancelLoop stops a run waiting for labels', async () => {
  await ok(setPolicy({ waitFor: 0.5, maxWait: '1h' }));
  const run = await startLoop(platform.gql, 'churn');
  expect((await requested(run.id)).status).toBe('WAITING_LABELS');
  expect((await ok(platform.gql<Any>(`mutation { cancelLoop(id: "${run.id}") { status } }`))).cancelLoop.status).toBe('CANCELLED');
  const cancelled = await loopRun(platform.gql, run.id);
  expect(cancelled.status).toBe('CANCELLED');
  expect(stepOf(cancelled, 'label')).toMatchObject({ status: 'FAILED', error: 'cancelled by cancelLoop' });
  expect(stepOf(cancelled, 'curate').status).toBe('PENDING');
  // The model is free for the next run.
  expect((await ok(platform.gql<Any>('{ retrainingPolicy(model: "churn") { activeRun { id } } }'))).retrainingPolicy.activeRun).toBeNull();
}, 120_000);

it('times out with FAIL: the run fails with the reason, nothing trained, the registry untouched', async () => {
  await ok(setPolicy({ waitFor: 0.9, maxWait: '2s', onTimeout: 'FAIL' }));
  const before = await registry(platform.gql, 'churn');
  const run = await startLoop(platform.gql, 'churn');
  const done = await untilStatus(platform.gql, run.id, ['SUCCEEDED', 'FAILED', 'CANCELLED', 'ROLLED_BACK'], 60_000);
  expect(done.status).toBe('FAILED');
  const step = stepOf(done, 'label');
  expect(step).toMatchObject({ status: 'FAILED', output: { picks: BUDGET, labelsNeeded: 54, labeledCount: 0, timedOut: true } });
  expect(step.output.waitedMs).toBeGreaterThanOrEqual(2000);
  expect(step.error).toMatch(/0 of the 60 rows request .* were labeled within maxWait 2s; 54 were needed \(waitFor 0\.9\); onTimeout FAIL/);
  expect(done.steps.filter((s: Any) => s.name !== 'label').map((s: Any) => s.status)).toEqual(Array(6).fill('PENDING'));
  expect(await registry(platform.gql, 'churn')).toEqual(before);
}, 120_000);

it('times out with PROCEED: the run trains on the labels at hand and its decision says it had fewer than it asked for', async () => {
  await ok(setPolicy({ waitFor: 0.9, maxWait: '2s', onTimeout: 'PROCEED' }));
  const before = await labeledCount();
  const run = await startLoop(platform.gql, 'churn');
  const done = await untilStatus(platform.gql, run.id, ['SUCCEEDED', 'FAILED', 'CANCELLED', 'ROLLED_BACK'], 240_000);
  const step = stepOf(done, 'label');
  expect(step).toMatchObject({ status: 'SUCCEEDED', output: { picks: BUDGET, labelsNeeded: 54, labeledCount: 0, timedOut: true } });
  expect(step.output.waitedMs).toBeGreaterThanOrEqual(2000);
  expect(stepOf(done, 'curate').output.rowCount).toBe(before);
  expect(done.status).toBe('SUCCEEDED');
  expect(done.decision.action).toBe('PROMOTE');
  const shortfall = done.decision.reasons.find((r: Any) => r.code === 'LABEL_WAIT_TIMED_OUT');
  expect(shortfall.evidence).toMatchObject({ requestId: step.output.requestId, picks: BUDGET, labelsNeeded: 54, labeledCount: 0, maxWait: '2s', waitFor: 0.9 });
  expect(shortfall.message).toMatch(/fewer labels than it asked for/);
  expect(done.decision.reasons[0].code).toBe('GATE_PASSED');
}, 300_000);
