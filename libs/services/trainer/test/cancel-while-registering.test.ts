/**
 * A cancel that lands while a training run registers its candidate: the run
 * passed its last check before the cancel, so the worker registers the
 * version anyway, then finds its run CANCELLED and archives the version. The
 * moment is made certain, not hoped for: the registry subgraph is reached
 * through a link (subgraphLink of @tideline/testing) that holds the
 * trainer's RegisterTrainedVersion request until the test has cancelled the
 * run; the trainer, the registry and everything else are real.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, postAll, startDevPlatform, subgraphLink, type DevPlatform, type SubgraphLink } from '@tideline/testing';
import { T0, churnFeedback, churnPrediction, churnTraffic, iso } from './fixtures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
const rows = churnTraffic(600, 9);
let platform: DevPlatform;
let registry: SubgraphLink;
/** Set while a registration is held: the test calls it to let the registration through. */
let release: (() => void) | null = null;
let held = 0;

const data = async (query: string, variables: Record<string, unknown> = {}) => {
  const answer = await platform.gql<Any>(query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data;
};

beforeAll(async () => {
  registry = await subgraphLink('registry', (body) => {
    if (!body.includes('RegisterTrainedVersion')) return;
    held++;
    return new Promise<void>((resolve) => (release = resolve));
  });
  platform = await startDevPlatform({ ...registry.env, TRAINER_CONCURRENCY: '1' });
  await postAll(platform.url, platform.key, '/v1/predictions', rows.map((r) => churnPrediction('churn', 'v1', r)));
  await postAll(platform.url, platform.key, '/v1/feedback', rows.map((r) => churnFeedback('churn', r)));
  await eventually(async () => (await platform.gql<Any>('{ model(name: "churn") { labeledCount } }')).data?.model?.labeledCount === rows.length, 90_000);
  await data('mutation { registerModel(input: { name: "churn", primaryMetric: ROC_AUC }) { name } }');
}, 240_000);

afterAll(async () => {
  release?.();
  await platform?.stop();
  await registry?.close();
});

it('archives the candidate of a run cancelled while it was being registered', async () => {
  const { curateDataset } = await data('mutation($input: CurateDatasetInput!) { curateDataset(input: $input) { id } }', {
    input: { model: 'churn', windows: [{ from: iso(T0), to: iso(T0 + rows.length * 60_000) }], seed: 1 },
  });
  const { startTraining } = await data('mutation($input: StartTrainingInput!) { startTraining(input: $input) { id } }', {
    input: { model: 'churn', datasetId: curateDataset.id, family: 'LOGISTIC', params: { epochs: 3 }, seed: 2 },
  });
  const id = startTraining.id;
  // The worker trained and evaluated, passed its last check, and now waits on the registry.
  await eventually(async () => release !== null, 180_000, 100);
  expect((await data('mutation($id: ID!) { cancelTraining(id: $id) { status } }', { id })).cancelTraining.status).toBe('CANCELLED');
  release!();

  const version = await eventually(async () => {
    const model = (await platform.gql<Any>('{ model(name: "churn") { versions { version stage } stageHistory { version to reason } } }')).data?.model;
    const found = model?.versions.find((v: Any) => v.version === id);
    return found?.stage === 'ARCHIVED' && model;
  }, 60_000, 250);
  expect(version.stageHistory.at(-1)).toEqual({ version: id, to: 'ARCHIVED', reason: `training run ${id} was cancelled while its candidate was being registered` });
  expect(held).toBe(1);
  const run = (await data('query($id: ID!) { trainingRun(id: $id) { status modelVersion { version } } }', { id })).trainingRun;
  expect(run.status).toBe('CANCELLED');
}, 300_000);
