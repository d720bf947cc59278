/**
 * A loop run that ends while its training runs owes the trainer a cancel,
 * and asks until the trainer answers: here the trainer subgraph is reached
 * through a link (./trainer-proxy.ts) that answers 503 to cancelTraining
 * while the test says so, the trainer itself and everything else real.
 * cancelLoop while the trainer refuses: the run is CANCELLED at once, the
 * training keeps running and finishes (its candidate registered), and once
 * the trainer answers, the candidate is ARCHIVED and the champion unchanged.
 * A training deadline while the trainer refuses two cancels: the run is
 * FAILED, the third try cancels the training, and nothing is registered.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, type DevPlatform } from '@tideline/testing';
import { brokenSliceTraffic, ok, platformServedByV1, policyInput, registry, startLoop, stepOf, untilStatus, loopRun, type Any } from './loop-fixtures.ts';
import { trainerLink, type TrainerLink } from './trainer-proxy.ts';

let platform: DevPlatform;
let link: TrainerLink;

const SET_POLICY = 'mutation($input: RetrainingPolicyInput!) { setRetrainingPolicy(input: $input) { model training { maxWait } } }';
const trainingRun = async (id: string) => (await ok(platform.gql<Any>('query($id: ID!) { trainingRun(id: $id) { id status modelVersion { version } } }', { id }))).trainingRun;
/** The train step once it has started its training run. */
const training = (id: string) =>
  eventually(async () => {
    const train = stepOf(await loopRun(platform.gql, id), 'train');
    return train.status === 'RUNNING' && train.output?.trainingRunId && train;
  }, 180_000, 250);
/** The train step once the trainer answered the loop's cancel. */
const answered = (id: string) =>
  eventually(async () => {
    const train = stepOf(await loopRun(platform.gql, id), 'train');
    return train.output?.cancelled && train;
  }, 240_000, 250);

beforeAll(async () => {
  link = await trainerLink();
  platform = await platformServedByV1('churn', brokenSliceTraffic(900, 47, 'c'), link.env);
}, 180_000);
afterAll(() => platform?.stop(), 60_000);
afterAll(() => link?.close());

it('cancelLoop while the trainer refuses cancels: the run ends at once, and the candidate the training registered meanwhile is archived', async () => {
  // Enough epochs (no early stop) that the test sees the training start before it ends.
  const params = { epochs: 60, patience: 60, hidden: [16], batchSize: 16, learningRate: 0.01 };
  await ok(platform.gql(SET_POLICY, { input: policyInput('churn', { maxRunsPerDay: 20, training: { ...policyInput('churn').training, params } }) }));
  const before = await registry(platform.gql, 'churn');
  const run = await startLoop(platform.gql, 'churn');
  const { output } = await training(run.id);
  link.refusing = Infinity;
  const cancelled = (await ok(platform.gql<Any>('mutation($id: ID!) { cancelLoop(id: $id) { status steps { name status error output } } }', { id: run.id }))).cancelLoop;
  expect(cancelled.status).toBe('CANCELLED');
  const train = stepOf(cancelled, 'train');
  expect(train).toMatchObject({ status: 'FAILED', error: 'cancelled by cancelLoop' });
  expect(train.output.cancelPending).toMatchObject({ trainingRunId: output.trainingRunId, attempts: 1, lastError: expect.stringMatching(/answered 503/) });
  expect(link.refused).toBeGreaterThanOrEqual(1);
  // Nothing reached the trainer: its run goes on to the end and registers the candidate of a run that was cancelled.
  const finished = await eventually(async () => {
    const t = await trainingRun(output.trainingRunId);
    return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(t.status) && t;
  }, 240_000, 500);
  expect(finished).toMatchObject({ status: 'SUCCEEDED', modelVersion: { version: run.candidate } });
  expect((await loopRun(platform.gql, run.id)).status).toBe('CANCELLED');
  const refusedWhileTraining = link.refused;
  link.refusing = 0;

  const after = await answered(run.id);
  expect(after.output).toMatchObject({ cancelled: 'SUCCEEDED', cancelledRun: output.trainingRunId, candidateStage: 'ARCHIVED' });
  expect(after.output.cancelPending).toBeUndefined();
  expect(after.output.cancelAttempts).toBeGreaterThanOrEqual(2);
  expect(link.refused).toBe(refusedWhileTraining);
  const state = await registry(platform.gql, 'churn');
  expect(state.champion).toEqual(before.champion);
  expect(state.versions.find((v: Any) => v.version === run.candidate)).toEqual({ version: run.candidate, stage: 'ARCHIVED' });
  expect(state.stageHistory.at(-1)).toMatchObject({ version: run.candidate, to: 'ARCHIVED', reason: `loop run ${run.id} ended CANCELLED before its training run did` });
}, 600_000);

it('a training deadline while the trainer refuses two cancels: the run fails, the third try cancels the training, nothing is registered', async () => {
  // Small batches and many epochs: the training runs for minutes, far past the deadline and the retries.
  const params = { epochs: 1000, patience: 1000, hidden: [16], batchSize: 8, learningRate: 0.01 };
  await ok(platform.gql(SET_POLICY, { input: policyInput('churn', { maxRunsPerDay: 20, training: { ...policyInput('churn').training, params, maxWait: '3s' } }) }));
  const before = await registry(platform.gql, 'churn');
  const [refusedBefore, passedBefore] = [link.refused, link.passed];
  link.refusing = 2;
  const run = await startLoop(platform.gql, 'churn');
  const ended = await untilStatus(platform.gql, run.id, ['FAILED', 'SUCCEEDED', 'CANCELLED', 'ROLLED_BACK'], 180_000);
  expect(ended.status).toBe('FAILED');
  const id = stepOf(ended, 'train').output.trainingRunId;
  expect(stepOf(ended, 'train').error).toMatch(new RegExp(`^training run ${id} did not finish within 3s \\(it was (QUEUED|RUNNING)\\); the loop cancels it$`));

  const after = await answered(run.id);
  expect(after.output).toMatchObject({ cancelled: 'CANCELLED', cancelledRun: id, cancelAttempts: 3, candidateStage: null });
  expect([link.refused - refusedBefore, link.passed - passedBefore]).toEqual([2, 1]);
  expect((await trainingRun(id)).status).toBe('CANCELLED');
  expect(await registry(platform.gql, 'churn')).toEqual(before);
  const policy = (await ok(platform.gql<Any>('{ retrainingPolicy(model: "churn") { activeRun { id } } }'))).retrainingPolicy;
  expect(policy.activeRun).toBeNull();
}, 400_000);
