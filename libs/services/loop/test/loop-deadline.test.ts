/**
 * A loop run never waits for ever on its training run: on a platform whose
 * trainer trains nothing (TRAINER_CONCURRENCY=0: it serves the API, no worker
 * takes a run), the training run stays QUEUED, and at the policy's
 * `training.maxWait` the loop run ends FAILED with the reason, the training
 * run is cancelled and the registry is untouched.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { brokenSliceTraffic, loopRun, ok, platformServedByV1, policyInput, registry, startLoop, stepOf, untilStatus, type Any } from './loop-fixtures.ts';
import { eventually, type DevPlatform } from '@tideline/testing';

let platform: DevPlatform;

const SET_POLICY = `mutation($input: RetrainingPolicyInput!) { setRetrainingPolicy(input: $input) {
  model training { family maxWait } validation { shadowWindow shadowMaxWait } } }`;
const setPolicy = (extra: Record<string, unknown>) => platform.gql<Any>(SET_POLICY, { input: policyInput('churn', { maxRunsPerDay: 20, ...extra }) });
const trainingRun = async (id: string) => (await ok(platform.gql<Any>('query($id: ID!) { trainingRun(id: $id) { id status } }', { id }))).trainingRun;

beforeAll(async () => {
  platform = await platformServedByV1('churn', brokenSliceTraffic(900, 31, 'd'), { TRAINER_CONCURRENCY: '0' });
}, 180_000);
afterAll(() => platform?.stop(), 60_000);

it('refuses a bad training or shadow wait, naming the field; defaults to 6h and 1h', async () => {
  const refused = async (extra: Record<string, unknown>) => (await setPolicy(extra)).errors?.[0]?.extensions;
  const training = policyInput('churn').training;
  expect(await refused({ training: { ...training, maxWait: '2 days' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.training.maxWait' });
  expect(await refused({ validation: { shadowMaxWait: 'soon' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.validation.shadowMaxWait' });
  const policy = (await ok(setPolicy({}))).setRetrainingPolicy;
  expect(policy.training.maxWait).toBe('6h');
  expect(policy.validation.shadowMaxWait).toBe('1h');
});

it('fails a run whose training run does not finish within training.maxWait, and cancels that training run', async () => {
  const set = (await ok(setPolicy({ training: { ...policyInput('churn').training, maxWait: '2s' } }))).setRetrainingPolicy;
  expect(set.training.maxWait).toBe('2s');
  const before = await registry(platform.gql, 'churn');
  const run = await startLoop(platform.gql, 'churn');
  const ended = await untilStatus(platform.gql, run.id, ['FAILED', 'SUCCEEDED', 'CANCELLED', 'ROLLED_BACK'], 180_000);
  expect(ended.status).toBe('FAILED');
  const train = stepOf(ended, 'train');
  expect(train.status).toBe('FAILED');
  const id = train.output.trainingRunId;
  expect(id).toEqual(expect.any(String));
  expect(train.error).toBe(`training run ${id} did not finish within 2s (it was QUEUED); the loop cancels it`);
  // The deadline is the step's stored start plus maxWait, recorded for a console.
  expect(Date.parse(train.output.deadline) - Date.parse(train.startedAt)).toBe(2000);
  expect(Date.parse(train.finishedAt)).toBeGreaterThanOrEqual(Date.parse(train.output.deadline));
  // The run ends owing the training a cancel; its job asks the trainer next, and records the answer in the step.
  const answered = await eventually(async () => stepOf(await loopRun(platform.gql, run.id), 'train').output.cancelled, 60_000, 250);
  expect(answered).toBe('CANCELLED');
  expect(stepOf(await loopRun(platform.gql, run.id), 'train').output).toMatchObject({ cancelledRun: id, cancelAttempts: 1, candidateStage: null });
  expect((await trainingRun(id)).status).toBe('CANCELLED');
  // Nothing after the train step ran, nothing was promoted, and the model may run again.
  expect(['shadow', 'gate', 'promote', 'watch'].map((name) => stepOf(ended, name).status)).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING']);
  expect(ended.decision).toBeNull();
  expect(await registry(platform.gql, 'churn')).toEqual(before);
  const policy = (await ok(platform.gql<Any>('{ retrainingPolicy(model: "churn") { activeRun { id } } }'))).retrainingPolicy;
  expect(policy.activeRun).toBeNull();
});
