import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_MODEL, REGISTER_VERSION, inlineArtifact, startHarness, type Harness } from './harness.ts';

/** "How was this made?" in one query, and the reverse: which versions a dataset trained. */
let h: Harness;
const P = 'p_lineage';
const hash = (c: string) => `sha256:${c.repeat(64)}`;

const DATASET = {
  id: 'churn-2026-03',
  contentHash: hash('a'),
  rowCount: 50_000,
  description: 'uncertain March predictions, labeled',
  source: { model: 'churn', modelVersion: 'v1', window: { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, slice: { field: 'tags.country', op: 'EQ', value: 'BR' }, strategy: 'UNCERTAINTY' },
};
const RUN = { id: 'run-42', params: { epochs: 20, learningRate: 0.001 }, seed: 7, codeVersion: 'git:3f2a9c1', backend: 'tfjs-node', durationMs: 93_500 };

beforeAll(async () => {
  h = await startHarness();
  await h.gql(P, REGISTER_MODEL, { input: { name: 'churn', primaryMetric: 'ROC_AUC' } });
  await h.gql(P, REGISTER_MODEL, { input: { name: 'churn.eu', primaryMetric: 'ROC_AUC' } });
  const ds = await h.gql(P, `mutation($input: DatasetInput!) { registerDataset(input: $input) { id } }`, { input: DATASET });
  expect(ds.errors).toBeUndefined();
  for (const input of [
    { model: 'churn', version: 'v1', artifact: inlineArtifact('v1') },
    { model: 'churn', version: 'v2', artifact: inlineArtifact('v2'), datasetId: DATASET.id, trainingRun: RUN, parentVersion: 'v1' },
    { model: 'churn', version: 'v3', artifact: inlineArtifact('v3'), parentVersion: 'v2', dataset: { id: 'churn-2026-04', contentHash: hash('b'), source: { model: 'churn', modelVersion: 'v2' } } },
    // A model name with a dot: its log subject and index keys encode it.
    { model: 'churn.eu', version: 'v1', artifact: inlineArtifact('eu'), datasetId: DATASET.id },
  ]) {
    const res = await h.gql(P, REGISTER_VERSION, { input });
    expect(res.errors).toBeUndefined();
  }
});
afterAll(async () => h?.stop());

describe('lineage', () => {
  it('answers dataset, training run, parent and ancestors of a version in one query', async () => {
    const res = await h.gql(
      P,
      `{ lineage(model: "churn", version: "v3") {
          model version
          dataset { id contentHash source { model modelVersion } }
          parent { version lineage { dataset { id contentHash rowCount source { model modelVersion window { from to } slice strategy } } trainingRun { id params seed codeVersion backend durationMs } } }
          ancestors { version }
          artifact { digest format }
        } }`,
    );
    expect(res.errors).toBeUndefined();
    const lineage = (res.data as { lineage: Record<string, unknown> }).lineage;
    expect(lineage).toMatchObject({
      model: 'churn',
      version: 'v3',
      dataset: { id: 'churn-2026-04', contentHash: hash('b'), source: { model: 'churn', modelVersion: 'v2' } },
      parent: {
        version: 'v2',
        lineage: {
          dataset: { id: DATASET.id, contentHash: DATASET.contentHash, rowCount: DATASET.rowCount, source: { ...DATASET.source, window: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' } } },
          trainingRun: RUN,
        },
      },
      ancestors: [{ version: 'v2' }, { version: 'v1' }],
      artifact: { format: 'OTHER' },
    });
  });

  it('lists the versions trained on a dataset, across models', async () => {
    const res = await h.gql(P, `{ dataset(id: "${DATASET.id}") { id rowCount versions { model version stage } } }`);
    expect(res.data).toEqual({
      dataset: {
        id: DATASET.id,
        rowCount: 50_000,
        versions: [
          { model: 'churn', version: 'v2', stage: 'CANDIDATE' },
          { model: 'churn.eu', version: 'v1', stage: 'CANDIDATE' },
        ],
      },
    });
  });

  it('keeps datasets immutable and references checked', async () => {
    const same = await h.gql(P, `mutation($input: DatasetInput!) { registerDataset(input: $input) { id } }`, { input: DATASET });
    expect(same.errors).toBeUndefined();
    const changed = await h.gql(P, `mutation($input: DatasetInput!) { registerDataset(input: $input) { id } }`, { input: { ...DATASET, contentHash: hash('c') } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'DATASET_EXISTS', field: 'input.id' });
    const badHash = await h.gql(P, `mutation($input: DatasetInput!) { registerDataset(input: $input) { id } }`, { input: { id: 'x', contentHash: 'md5:abc' } });
    expect(badHash.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contentHash' });
    const noDataset = await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: 'v4', artifact: inlineArtifact('v4'), datasetId: 'nope' } });
    expect(noDataset.errors?.[0]?.extensions).toMatchObject({ code: 'DATASET_NOT_FOUND', field: 'input.datasetId' });
    const noParent = await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: 'v4', artifact: inlineArtifact('v4'), parentVersion: 'v0' } });
    expect(noParent.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_NOT_FOUND', field: 'input.parentVersion' });
    const exists = await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: 'v1', artifact: inlineArtifact('other bytes') } });
    expect(exists.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_EXISTS', field: 'input.version' });
    // Another project sees none of it.
    expect((await h.gql('p_else', `{ dataset(id: "${DATASET.id}") { id } lineage(model: "churn", version: "v2") { version } }`)).data).toEqual({ dataset: null, lineage: null });
  });

  it('resolves Model, ModelVersion and Dataset entities for the gateway', async () => {
    const res = await h.gql(
      P,
      `{ _entities(representations: [
          { __typename: "Model", name: "churn.eu" },
          { __typename: "Model", name: "never-registered" },
          { __typename: "ModelVersion", model: "churn", version: "v2" },
          { __typename: "Dataset", id: "churn-2026-04" }
        ]) {
          ... on Model { name registration { primaryMetric } versions { version } champion { version } }
          ... on ModelVersion { model version lineage { parent { version } } }
          ... on Dataset { id versions { version } }
        } }`,
    );
    expect(res.errors).toBeUndefined();
    expect((res.data as { _entities: unknown[] })._entities).toEqual([
      { name: 'churn.eu', registration: { primaryMetric: 'ROC_AUC' }, versions: [{ version: 'v1' }], champion: null },
      { name: 'never-registered', registration: null, versions: [], champion: null },
      { model: 'churn', version: 'v2', lineage: { parent: { version: 'v1' } } },
      { id: 'churn-2026-04', versions: [{ version: 'v3' }] },
    ]);
    const listed = await h.gql(P, `{ registeredModels { name } }`);
    expect(listed.data).toEqual({ registeredModels: [{ name: 'churn' }, { name: 'churn.eu' }] });
  });

  it('reads one registered model by name: null when unknown or in another project, a bad name refused', async () => {
    const ONE = `query($name: String!) { registeredModel(name: $name) { name registration { primaryMetric } champion { version } versions { version } } }`;
    const found = await h.gql(P, ONE, { name: 'churn.eu' });
    expect(found.data).toEqual({ registeredModel: { name: 'churn.eu', registration: { primaryMetric: 'ROC_AUC' }, champion: null, versions: [{ version: 'v1' }] } });
    expect((await h.gql(P, ONE, { name: 'never-registered' })).data).toEqual({ registeredModel: null });
    expect((await h.gql('p_lineage_other', ONE, { name: 'churn' })).data).toEqual({ registeredModel: null });
    const bad = await h.gql(P, ONE, { name: 'no spaces' });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
  });
});
