/**
 * Issue 13's acceptance: the platform killed with SIGKILL in the middle of a
 * loop run — during training, and again during promotion — and restarted on
 * the same home and NATS: each run finishes with the outcome it would have
 * had (the candidate promoted), exactly one champion, no duplicate versions,
 * one training run per loop run. And killed while the label step waits for
 * its labels: the restarted platform keeps waiting on the same request until
 * the same deadline, and asks for no second one.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOOP_RUN_SUBJECTS, loopRunEvent } from '@tideline/contracts';
import { createApiKey, createProject } from '@tideline/gateway';
import { eventually, keyGraphql, startNatsServer, startPlatformProcess, tempDir, type GraphqlRequest, type NatsServerHandle, type PlatformProcess, type TempDir } from '@tideline/testing';
import { POLICY, answerQueue, brokenSliceTraffic, loopRun, ok, policyInput, registry, servedByV1, startLoop, stepOf, unlabeledTraffic, untilStatus, type Any } from './loop-fixtures.ts';

let nats: NatsServerHandle;
let nc: NatsConnection;
let home: TempDir;
let platform: PlatformProcess;
let key = '';
let project = '';
let gql: GraphqlRequest;
let env: Record<string, string> = {};

const start = async () => {
  platform = await startPlatformProcess(env);
  gql = keyGraphql(`${platform.url}/graphql`, key);
  // The gateway answers once it has composed every subgraph.
  await eventually(async () => (await gql('{ loopRuns(model: "x") { id } }')).errors === undefined, 60_000, 200);
};
const restartAfterKill = async () => {
  await platform.kill();
  await start();
};
const trainingRuns = async (datasetId: string) =>
  (await ok(gql<Any>('{ trainingRuns(model: "churn", first: 500) { id datasetId status attempts } }'))).trainingRuns.filter((r: Any) => r.datasetId === datasetId);
const oneChampion = async () => {
  const state = await registry(gql, 'churn');
  const names = state.versions.map((v: Any) => v.version);
  expect(new Set(names).size).toBe(names.length);
  expect(state.versions.filter((v: Any) => v.stage === 'CHAMPION')).toHaveLength(1);
  return state;
};

beforeAll(async () => {
  nats = await startNatsServer();
  home = tempDir('tideline-loop-kill-');
  nc = await connect({ servers: nats.url });
  const created = await createProject(new Kvm(nc), 'loop-kill');
  project = created.id;
  key = (await createApiKey(new Kvm(nc), project, 'loop-kill')).key;
  env = {
    NATS_URL: nats.url,
    CLICKHOUSE_URL: `chdb://${join(home.path, 'clickhouse')}`,
    TIDELINE_HOME: home.path,
    TIDELINE_INTERNAL_SECRET: 'loop-kill-secret-'.padEnd(64, 'x'),
    STORE_BATCH_MAX_WAIT_MS: '50',
    TRAINER_ACK_WAIT_MS: '3000',
    LOOP_ACK_WAIT_MS: '3000',
    LOOP_POLL_MS: '300',
    LOOP_WATCH_CHECK_MS: '300',
  };
  await start();
  await servedByV1({ url: platform.url, key, gql }, 'churn', brokenSliceTraffic(1500, 13, 'k'));
}, 240_000);

afterAll(async () => {
  await platform?.stop().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
  home?.remove();
});

it('resumes a run killed during training: the same training run finishes, one candidate, promoted', async () => {
  // Enough epochs (no early stop) that the kill lands mid-training.
  await ok(gql(POLICY, { input: policyInput('churn', { watchPeriod: '1s', training: { family: 'MLP', params: { epochs: 120, patience: 120, hidden: [32, 16], batchSize: 64 }, seed: 4 } }) }));
  const run = await startLoop(gql, 'churn');
  const trainingId = await eventually(async () => {
    const id = stepOf(await loopRun(gql, run.id), 'train').output?.trainingRunId;
    if (!id) return null;
    const t = (await ok(gql<Any>('query($id: ID!) { trainingRun(id: $id) { status progress { epoch } } }', { id }))).trainingRun;
    return t.status === 'RUNNING' && (t.progress?.epoch ?? 0) >= 1 && id;
  }, 120_000, 200);
  await restartAfterKill();

  const done = await untilStatus(gql, run.id, ['SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'CANCELLED'], 240_000);
  expect(done.status).toBe('SUCCEEDED');
  expect(done.decision.action).toBe('PROMOTE');
  expect(stepOf(done, 'train').output).toMatchObject({ trainingRunId: trainingId, version: run.candidate });
  const runs = await trainingRuns(`ds-${run.id}`);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ id: trainingId, status: 'SUCCEEDED' });
  expect(runs[0].attempts).toBeGreaterThanOrEqual(2); // the trainer restarted it after the kill
  const state = await oneChampion();
  expect(state.champion.version).toBe(run.candidate);
}, 400_000);

it('resumes a run killed during promotion: promoted once, exactly one champion', async () => {
  await ok(gql(POLICY, { input: policyInput('churn', { watchPeriod: '1s' }) }));
  // Back to v1, so the next candidate clearly passes the gate (this test is about the kill, not the gate).
  await ok(gql('mutation { rollback(model: "churn", reason: "test: compare the next run with v1") { version } }'));
  const before = await registry(gql, 'churn');
  // Killed the moment the promote step starts (its STEP_STARTED event on NATS).
  const sub = nc.subscribe(LOOP_RUN_SUBJECTS.event('STEP_STARTED', project));
  const promoting = (async () => {
    for await (const m of sub) if (loopRunEvent.parse(m.json()).step === 'promote') return platform.kill();
  })();
  const run = await startLoop(gql, 'churn');
  await promoting;
  sub.unsubscribe();
  await start();

  const done = await untilStatus(gql, run.id, ['SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'CANCELLED'], 120_000);
  expect(done.status).toBe('SUCCEEDED');
  expect(done.decision.action).toBe('PROMOTE');
  expect(stepOf(done, 'promote').output).toMatchObject({ version: run.candidate, previousChampion: before.champion.version });
  const state = await oneChampion();
  expect(state.champion.version).toBe(run.candidate);
  // One promotion of the candidate in the history, whatever the moment of the kill.
  expect(state.stageHistory.filter((h: Any) => h.version === run.candidate && h.to === 'CHAMPION')).toHaveLength(1);
  expect(state.stageHistory.length).toBe(before.stageHistory.length + 1);
  expect(await trainingRuns(`ds-${run.id}`)).toHaveLength(1);
}, 300_000);

it('resumes a run killed while its label step waits: the same request and deadline, no second request', async () => {
  const api = () => ({ url: platform.url, key, gql });
  const unlabeled = brokenSliceTraffic(300, 14, 'ku');
  // Traffic of the champion (the previous tests' candidate) with no label yet: what the request picks from.
  await unlabeledTraffic(api(), 'churn', unlabeled, (await registry(gql, 'churn')).champion.version);
  await ok(gql(POLICY, { input: policyInput('churn', { watchPeriod: '1s', labeling: { strategy: 'RANDOM', budget: 40, waitFor: 1, maxWait: '10m' } }) }));
  const run = await startLoop(gql, 'churn');
  const before = await eventually(async () => {
    const step = stepOf(await loopRun(gql, run.id), 'label');
    return step.output?.requestId && step;
  }, 60_000, 200);
  expect(before).toMatchObject({ status: 'RUNNING', output: { picks: 40, labelsNeeded: 40, labeledCount: 0 } });
  await restartAfterKill();

  // The restarted platform polls the same request: half the picks answered show in the step.
  const { requestId } = before.output;
  await answerQueue(api(), 'churn', requestId, unlabeled, 20);
  await eventually(async () => stepOf(await loopRun(gql, run.id), 'label').output.labeledCount === 20, 60_000, 200);
  await answerQueue(api(), 'churn', requestId, unlabeled);
  const done = await untilStatus(gql, run.id, ['SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'CANCELLED'], 240_000);
  expect(done.status).toBe('SUCCEEDED');
  const label = stepOf(done, 'label');
  // The clock was not restarted: the same start, the same deadline.
  expect(label).toMatchObject({ status: 'SUCCEEDED', startedAt: before.startedAt, output: { requestId, deadline: before.output.deadline, labeledCount: 40, timedOut: false } });
  const { labelRequests } = await ok(gql<Any>('{ labelRequests(model: "churn") { id createdAt } }'));
  expect(labelRequests.filter((r: Any) => r.createdAt >= before.startedAt).map((r: Any) => r.id)).toEqual([requestId]);
  await oneChampion();
}, 400_000);
