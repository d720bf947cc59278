/**
 * A worker killed mid-run: the job goes back to the work queue after
 * ack_wait and another worker, in another process, restarts the run and
 * finishes it. The platform here trains nothing itself
 * (TRAINER_CONCURRENCY=0); the workers are trainer-only processes that
 * reach the other services over HTTP, as replicas on other machines would.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, freePort, postAll, startDevPlatform, startPlatformProcess, type DevPlatform, type PlatformProcess } from '@tideline/testing';
import { T0, churnFeedback, churnPrediction, churnTraffic, iso } from './fixtures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
const SECRET = 'trainer-failover-secret-'.padEnd(64, 'x');
const shared = { TRAINER_ACK_WAIT_MS: '3000', TIDELINE_INTERNAL_SECRET: SECRET };
let platform: DevPlatform;
let natsUrl = '';
const workers: PlatformProcess[] = [];
const rows = churnTraffic(1500, 5);

const startWorker = async () => {
  const subgraphs = ['ingest', 'evalstore', 'metrics', 'registry', 'curation', 'trainer'].map((s) => `${s}=${platform.url}/internal/${s}/graphql`).join(',');
  const worker = await startPlatformProcess({ ...shared, TIDELINE_TARGET: 'trainer', NATS_URL: natsUrl, TIDELINE_SUBGRAPH_URLS: subgraphs, TRAINER_CONCURRENCY: '1' });
  workers.push(worker);
  return worker;
};
const runOf = async (id: string) => (await platform.gql<Any>('query($id: ID!) { trainingRun(id: $id) { status attempts progress { epoch } error modelVersion { version stage } } }', { id })).data.trainingRun;

beforeAll(async () => {
  const natsPort = await freePort();
  natsUrl = `nats://127.0.0.1:${natsPort}`;
  platform = await startDevPlatform({ ...shared, TRAINER_CONCURRENCY: '0', TIDELINE_NATS_PORT: String(natsPort) });
  await postAll(platform.url, platform.key, '/v1/predictions', rows.map((r) => churnPrediction('churn', 'v1', r)));
  await postAll(platform.url, platform.key, '/v1/feedback', rows.map((r) => churnFeedback('churn', r)));
  await eventually(async () => (await platform.gql<Any>('{ model(name: "churn") { labeledCount } }')).data?.model?.labeledCount === rows.length, 90_000);
  expect((await platform.gql<Any>('mutation { registerModel(input: { name: "churn", primaryMetric: ROC_AUC }) { name } }')).errors).toBeUndefined();
}, 240_000);

afterAll(async () => {
  for (const w of workers) await w.stop().catch(() => undefined);
  await platform?.stop();
});

it('finishes a run on another worker when its worker is killed mid-job', async () => {
  const curated = await platform.gql<Any>('mutation($input: CurateDatasetInput!) { curateDataset(input: $input) { id } }', {
    input: { model: 'churn', windows: [{ from: iso(T0), to: iso(T0 + rows.length * 60_000) }], seed: 1 },
  });
  expect(curated.errors).toBeUndefined();
  const first = await startWorker();
  // Enough epochs (no early stop) that the kill lands mid-run.
  const started = await platform.gql<Any>('mutation($input: StartTrainingInput!) { startTraining(input: $input) { id } }', {
    input: { model: 'churn', datasetId: curated.data.curateDataset.id, family: 'MLP', params: { epochs: 150, patience: 150, hidden: [32, 16], batchSize: 64 }, seed: 4 },
  });
  expect(started.errors).toBeUndefined();
  const id = started.data.startTraining.id;
  await eventually(async () => {
    const r = await runOf(id);
    return r.status === 'RUNNING' && (r.progress?.epoch ?? 0) >= 1;
  }, 120_000);
  await first.kill();
  expect((await runOf(id)).status).toBe('RUNNING');

  await startWorker();
  await eventually(async () => ['SUCCEEDED', 'FAILED'].includes((await runOf(id)).status), 180_000);
  const run = await runOf(id);
  expect(run).toMatchObject({ status: 'SUCCEEDED', attempts: 2, error: null, modelVersion: { version: id, stage: 'CANDIDATE' } });
  expect(run.progress.epoch).toBe(150);
}, 400_000);
