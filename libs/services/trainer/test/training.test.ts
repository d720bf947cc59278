/**
 * The trainer through the gateway, as a user drives it: a curated dataset,
 * a run watched over `trainingEvents` to completion, the CANDIDATE it
 * registers with its test evaluation per protected slice, its naive baseline
 * and its whole lineage; the artifact scored through the predict route; and
 * shadow scoring that gives compareVersions and the registry's production
 * gate the same ids for champion and challenger.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_STREAMS, trainingEvent } from '@tideline/contracts';
import { eventually, freePort, postAll, sseSubscription, startDevPlatform, streamMessages, type DevPlatform } from '@tideline/testing';
import { T0, churnFeedback, churnPrediction, churnTraffic, encodeBySpec, iso } from './fixtures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
let platform: DevPlatform;
let natsUrl = '';
const rows = churnTraffic(3000, 11);
const WINDOW = { from: iso(T0), to: iso(T0 + 3000 * 60_000) };
const RUN_FIELDS = `id status attempts backend seed params datasetId family parentVersion error
  progress { epoch epochs loss valLoss rowsPerSecond }
  metrics { beatsBaseline primaryMetric evaluationId bestEpoch stoppedEarly rowsPerSecond dataWaitShare trainRows validationRows testRows weightsDigest warmStarted warmStartNote
            test { slice metric value baseline sampleCount } }
  modelVersion { version stage
    evaluations { id datasetId values { slice metric value sampleCount } }
    lineage { dataset { id contentHash } parent { version } trainingRun { id seed backend codeVersion params durationMs startedAt finishedAt }
              artifact { digest files { path digest downloadPath } } } }`;
let datasetId = '';
let run: Any;

async function train(input: Record<string, unknown>): Promise<Any> {
  const started = await platform.gql<Any>(`mutation($input: StartTrainingInput!) { startTraining(input: $input) { id status } }`, { input });
  expect(started.errors).toBeUndefined();
  expect(started.data.startTraining.status).toBe('QUEUED');
  return started.data.startTraining.id;
}

beforeAll(async () => {
  const natsPort = await freePort();
  natsUrl = `nats://127.0.0.1:${natsPort}`;
  platform = await startDevPlatform({ TIDELINE_NATS_PORT: String(natsPort) });
  await postAll(platform.url, platform.key, '/v1/predictions', rows.map((r) => churnPrediction('churn', 'v1', r)));
  await postAll(platform.url, platform.key, '/v1/feedback', rows.map((r) => churnFeedback('churn', r)));
  // A model the store knows but the registry does not: training it has nowhere to register the version.
  await postAll(platform.url, platform.key, '/v1/predictions', rows.slice(0, 10).map((r) => churnPrediction('unregistered', 'v1', r)));
  await eventually(async () => (await platform.gql<Any>('{ model(name: "churn") { labeledCount } }')).data?.model?.labeledCount === rows.length, 90_000);
  const registered = await platform.gql<Any>('mutation { registerModel(input: { name: "churn", primaryMetric: ROC_AUC, protectedSlices: ["tags.country"] }) { name } }');
  expect(registered.errors).toBeUndefined();
  const curated = await platform.gql<Any>('mutation($input: CurateDatasetInput!) { curateDataset(input: $input) { id } }', {
    input: { model: 'churn', windows: [WINDOW], splits: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 3 },
  });
  expect(curated.errors).toBeUndefined();
  datasetId = curated.data.curateDataset.id;
}, 240_000);

afterAll(async () => {
  await platform?.stop();
});

describe('a training run through the gateway', () => {
  it('is watched over trainingEvents from QUEUED to a registered CANDIDATE', async () => {
    const sub = sseSubscription<Any>(platform.url, platform.key, 'subscription { trainingEvents(model: "churn") { id type run { id status progress { epoch } } model { name } } }');
    await sub.opened;
    try {
      const id = await train({ model: 'churn', datasetId, family: 'MLP', params: { epochs: 8, hidden: [16], batchSize: 128 }, seed: 7 });
      const types = () => sub.payloads.map((e) => e.data?.trainingEvents).filter((e) => e?.run?.id === id).map((e) => e.type);
      await eventually(async () => types().includes('COMPLETED') || types().includes('FAILED'), 180_000);
      expect(types()[0]).toBe('REQUESTED');
      expect(types()).toContain('STARTED');
      expect(types()).toContain('PROGRESS');
      expect(types().at(-1)).toBe('COMPLETED');
      const answer = await platform.gql<Any>(`query($id: ID!) { trainingRun(id: $id) { ${RUN_FIELDS} } }`, { id });
      expect(answer.errors).toBeUndefined();
      run = answer.data.trainingRun;
    } finally {
      sub.close();
    }
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempts: 1, seed: 7, family: 'MLP', datasetId, error: null });
    expect(run.backend).toMatch(/^(wasm|tensorflow|cpu)$/);
    expect(run.params).toMatchObject({ epochs: 8, hidden: [16], batchSize: 128 });
    expect(run.progress.epochs).toBe(8);
    // Services follow runs on NATS: requested, started, completed, each once.
    const events = (await streamMessages(natsUrl, TRAINING_STREAMS.events.name)).map((m) => trainingEvent.parse(m)).filter((e) => e.run.id === run.id);
    expect(events.map((e) => e.type)).toEqual(['REQUESTED', 'STARTED', 'COMPLETED']);
    expect(events.at(-1)).toMatchObject({ model: { name: 'churn' }, status: 'SUCCEEDED', modelVersion: run.id, error: null });
  }, 240_000);

  it('evaluates the test split overall and per protected slice, beside the naive baseline', () => {
    const m = run.metrics;
    expect(m.primaryMetric).toBe('ROC_AUC');
    expect(m.beatsBaseline).toBe(true);
    expect(m.trainRows + m.validationRows + m.testRows).toBe(rows.length);
    expect(m.weightsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(m.dataWaitShare).toBeGreaterThanOrEqual(0);
    expect(m.dataWaitShare).toBeLessThan(1);
    const auc = m.test.find((t: Any) => t.slice === null && t.metric === 'ROC_AUC');
    // The baseline predicts the prior for every row: ties everywhere, an AUC of exactly one half.
    expect(auc.baseline).toBe(0.5);
    expect(auc.value).toBeGreaterThan(0.8);
    expect(auc.sampleCount).toBe(m.testRows);
    const slices = new Set(m.test.filter((t: Any) => t.slice).map((t: Any) => t.slice));
    expect(slices).toEqual(new Set(['tags.country=BR', 'tags.country=US', 'tags.country=DE']));
    const perSlice = m.test.filter((t: Any) => t.metric === 'ROC_AUC' && t.slice).reduce((n: number, t: Any) => n + t.sampleCount, 0);
    expect(perSlice).toBe(m.testRows);
  });

  it('registers a CANDIDATE with its evaluation and a lineage with no gap', () => {
    const v = run.modelVersion;
    expect(v.version).toBe(run.id);
    expect(v.stage).toBe('CANDIDATE');
    expect(v.evaluations).toHaveLength(1);
    expect(v.evaluations[0]).toMatchObject({ id: run.metrics.evaluationId, datasetId });
    expect(v.evaluations[0].values.length).toBe(run.metrics.test.length);
    const lineage = v.lineage;
    expect(lineage.dataset.id).toBe(datasetId);
    expect(lineage.dataset.contentHash).toMatch(/^sha256:/);
    expect(lineage.trainingRun).toMatchObject({ id: run.id, seed: 7, backend: run.backend });
    expect(lineage.trainingRun.codeVersion).toMatch(/^tideline@\d+\.\d+\.\d+/);
    expect(lineage.trainingRun.params).toEqual(run.params);
    expect(lineage.trainingRun.durationMs).toBeGreaterThan(0);
    expect(lineage.parent).toBeNull();
    expect(lineage.artifact.files.map((f: Any) => f.path).sort()).toEqual(expect.arrayContaining(['model.json', 'preprocessing.json']));
  });
});

describe('more runs on the same dataset', () => {
  const finished = async (id: string) => {
    await eventually(async () => ['SUCCEEDED', 'FAILED'].includes((await platform.gql<Any>('query($id: ID!) { trainingRun(id: $id) { status } }', { id })).data.trainingRun.status), 120_000);
    return (await platform.gql<Any>(`query($id: ID!) { trainingRun(id: $id) { ${RUN_FIELDS} } }`, { id })).data.trainingRun;
  };

  it('gives the same weights for the same seed, backend and data', async () => {
    const again = await finished(await train({ model: 'churn', datasetId, family: 'MLP', params: { epochs: 8, hidden: [16], batchSize: 128 }, seed: 7 }));
    expect(again.status).toBe('SUCCEEDED');
    expect(again.backend).toBe(run.backend);
    expect(again.metrics.weightsDigest).toBe(run.metrics.weightsDigest);
    const other = await finished(await train({ model: 'churn', datasetId, family: 'MLP', params: { epochs: 8, hidden: [16], batchSize: 128 }, seed: 8 }));
    expect(other.metrics.weightsDigest).not.toBe(run.metrics.weightsDigest);
  }, 240_000);

  it('fine-tunes from a parent version, and the lineage says so', async () => {
    const child = await finished(await train({ model: 'churn', datasetId, family: 'MLP', params: { epochs: 2, hidden: [16] }, parentVersion: run.id, seed: 7, version: 'ft-1' }));
    expect(child).toMatchObject({ status: 'SUCCEEDED', parentVersion: run.id, metrics: { warmStarted: true } });
    expect(child.modelVersion.version).toBe('ft-1');
    expect(child.modelVersion.lineage.parent.version).toBe(run.id);
    // A different architecture cannot start from the parent's weights: trained from scratch, and said why.
    const fresh = await finished(await train({ model: 'churn', datasetId, family: 'MLP', params: { epochs: 2, hidden: [8, 8] }, parentVersion: run.id, seed: 7 }));
    expect(fresh.status).toBe('SUCCEEDED');
    expect(fresh.metrics.warmStarted).toBe(false);
    expect(fresh.metrics.warmStartNote).toMatch(/\S/);
  }, 240_000);
});

describe('the trained version at work', () => {
  const predict = (version: string, body: string) =>
    fetch(`${platform.url}/v1/models/churn/versions/${version}/predict`, { method: 'POST', headers: { authorization: `Bearer ${platform.key}` }, body });

  it('predicts NDJSON rows through the gateway, handling unknown categories, missing and mistyped features', async () => {
    const lines = [
      { id: 'a', features: { x1: 1.5, x2: -1, plan: 'pro' } },
      { id: 'b', features: { x1: -1.5, x2: 1, plan: 'free' } },
      { id: 'c', features: { x1: 0.2, plan: 'enterprise' } },
      { id: 'd', features: { x1: 'high', x2: null } },
    ];
    const res = await predict(run.id, `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`);
    expect(res.status).toBe(200);
    const out = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id ?? o.line)).toEqual(['a', 'b', 'c', 'd', 4]);
    for (const o of out.slice(0, 4)) {
      expect(o.output.score).toBeGreaterThanOrEqual(0);
      expect(o.output.score).toBeLessThanOrEqual(1);
    }
    // The model learnt the direction of x1 and x2.
    expect(out[0].output.score).toBeGreaterThan(0.65);
    expect(out[1].output.score).toBeLessThan(0.35);
    expect(out[4].error.field).toBe('line');
  });

  it('has an artifact that plain tf.loadLayersModel and the preprocessing spec score exactly as predict does', async () => {
    const files = Object.fromEntries(
      await Promise.all(
        run.modelVersion.lineage.artifact.files.map(async (f: Any) => {
          const res = await fetch(`${platform.url}${f.downloadPath}`, { headers: { authorization: `Bearer ${platform.key}` } });
          expect(res.status).toBe(200);
          return [f.path, new Uint8Array(await res.arrayBuffer())];
        }),
      ),
    );
    const manifest = JSON.parse(Buffer.from(files['model.json']).toString('utf8'));
    const spec = JSON.parse(Buffer.from(files['preprocessing.json']).toString('utf8'));
    expect(spec).toMatchObject({ format: 'tideline-preprocessing', version: 1, task: 'BINARY' });
    const weights = manifest.weightsManifest.flatMap((group: Any) => group.weights);
    const data = Buffer.concat(manifest.weightsManifest.flatMap((group: Any) => group.paths.map((p: string) => files[p])));
    const model = await tf.loadLayersModel(tf.io.fromMemory(manifest.modelTopology, weights, data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
    const sample = rows.slice(0, 50).map((r) => ({ id: r.id, features: { x1: r.x1, x2: r.x2, plan: r.plan } }));
    const byHand = (model.predict(tf.tensor2d(sample.map((s) => encodeBySpec(spec, s.features)))) as tf.Tensor).dataSync();
    const res = await predict(run.id, sample.map((s) => JSON.stringify(s)).join('\n'));
    const served = (await res.text()).trim().split('\n').map((l) => JSON.parse(l).output.score);
    served.forEach((score: number, i: number) => expect(score).toBeCloseTo(byHand[i]!, 6));
  });

  it('refuses a version that does not exist, with the field named', async () => {
    const res = await predict('nope', JSON.stringify({ features: { x1: 1 } }));
    expect(res.status).toBe(404);
    expect(((await res.json()) as Any).error).toMatchObject({ code: 'VERSION_NOT_FOUND', field: 'version' });
  });

  it('shadow-scores the champion traffic so that compareVersions and the production gate pair the same ids', async () => {
    const champion = await platform.gql<Any>(
      'mutation { registerModelVersion(input: { model: "churn", version: "v1", artifact: { files: [{ path: "weights.txt", contentBase64: "djE=" }] } }) { version } promote(model: "churn", version: "v1", stage: CHAMPION, reason: "serving") { to } }',
    );
    expect(champion.errors).toBeUndefined();
    const SHADOW = `mutation($input: ScoreShadowInput!) { scoreShadow(input: $input) { sourceVersion scored accepted rejected truncated } }`;
    const input = { model: 'churn', version: run.id, window: WINDOW };
    const first = await platform.gql<Any>(SHADOW, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data.scoreShadow).toEqual({ sourceVersion: 'v1', scored: rows.length, accepted: rows.length, rejected: 0, truncated: false });
    const COMPARE = `query($v: String!, $w: TimeRangeInput!) { compareVersions(model: "churn", metric: ACCURACY, window: $w, baseline: "v1", candidate: $v) { pairedCount labeledPairedCount baselineOnlyCount candidateOnlyCount baselineValue candidateValue } }`;
    await eventually(async () => (await platform.gql<Any>(COMPARE, { v: run.id, w: WINDOW })).data?.compareVersions?.pairedCount === rows.length, 60_000);
    // Again: the same predictions, stored once.
    const again = await platform.gql<Any>(SHADOW, { input });
    expect(again.data.scoreShadow.scored).toBe(rows.length);
    const compared = (await platform.gql<Any>(COMPARE, { v: run.id, w: WINDOW })).data.compareVersions;
    expect(compared).toMatchObject({ pairedCount: rows.length, labeledPairedCount: rows.length, baselineOnlyCount: 0, candidateOnlyCount: 0 });
    expect(compared.candidateValue).toBeGreaterThan(compared.baselineValue);

    const promoted = await platform.gql<Any>(
      `mutation($v: String!, $w: TimeRangeInput!) { promote(model: "churn", version: $v, stage: CHAMPION, reason: "beats v1 in shadow", evidence: { source: PRODUCTION, window: $w }) {
        to gate { passed source primary { metric championValue challengerValue championSamples challengerSamples } } } }`,
      { v: run.id, w: WINDOW },
    );
    expect(promoted.errors).toBeUndefined();
    expect(promoted.data.promote.gate).toMatchObject({ passed: true, source: 'PRODUCTION', primary: { metric: 'ROC_AUC', championSamples: rows.length, challengerSamples: rows.length } });
    expect(promoted.data.promote.gate.primary.challengerValue).toBeGreaterThan(promoted.data.promote.gate.primary.championValue);
  }, 120_000);
});

describe('bad requests', () => {
  const start = (input: Record<string, unknown>) => platform.gql<Any>('mutation($input: StartTrainingInput!) { startTraining(input: $input) { id } }', { input: { model: 'churn', datasetId, family: 'MLP', ...input } });

  it.each([
    [{ family: 'LINEAR' }, 'FAMILY_NOT_APPLICABLE', 'input.family'],
    [{ datasetId: 'ds_missing' }, 'DATASET_NOT_FOUND', 'input.datasetId'],
    [{ model: 'nobody' }, 'MODEL_NOT_FOUND', 'input.model'],
    [{ model: 'unregistered' }, 'MODEL_NOT_FOUND', 'input.model'],
    [{ params: { hidden: [16, -2] } }, 'BAD_USER_INPUT', 'input.params.hidden[1]'],
    [{ params: { epochs: 0 } }, 'BAD_USER_INPUT', 'input.params.epochs'],
    [{ parentVersion: 'v404' }, 'VERSION_NOT_FOUND', 'input.parentVersion'],
    [{ version: 'v1' }, 'VERSION_EXISTS', 'input.version'],
    [{ seed: -1 }, 'BAD_USER_INPUT', 'input.seed'],
  ])('startTraining(%j) → %s on %s', async (input, code, field) => {
    const answer = await start(input);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code, field });
  });

  it('cancels a queued or running run, and says so for an unknown one', async () => {
    const id = await train({ model: 'churn', datasetId, family: 'MLP', params: { epochs: 200, patience: 200 }, seed: 1 });
    const cancelled = await platform.gql<Any>('mutation($id: ID!) { cancelTraining(id: $id) { id status finishedAt } }', { id });
    expect(cancelled.data.cancelTraining).toMatchObject({ id, status: 'CANCELLED' });
    // The worker hears of it and never registers a version.
    await eventually(async () => {
      const r = (await platform.gql<Any>('query($id: ID!) { trainingRun(id: $id) { status modelVersion { version } } }', { id })).data.trainingRun;
      return r.status === 'CANCELLED' && r.modelVersion === null;
    }, 30_000);
    const unknown = await platform.gql<Any>('mutation { cancelTraining(id: "tr_nothere") { id } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'RUN_NOT_FOUND', field: 'id' });
  });

  it('lists the model\'s runs, newest first', async () => {
    const runs = (await platform.gql<Any>('{ trainingRuns(model: "churn") { id status requestedAt } }')).data.trainingRuns;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.map((r: Any) => r.requestedAt)).toEqual([...runs.map((r: Any) => r.requestedAt)].sort().reverse());
    expect(runs.map((r: Any) => r.id)).toContain(run.id);
  });
});
