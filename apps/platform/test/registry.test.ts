/**
 * The model registry through the gateway, on the whole platform: artifacts
 * uploaded on /v1/artifacts, versions with lineage, a promotion gated on
 * production evidence (shadow traffic in the store, computed by the metrics
 * service), and one federated query across the store and the registry.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, keyGraphql, postAll, type GraphqlAnswer, type PlatformProcess } from '@tideline/testing';
import { startTestPlatform, type TestPlatform } from './platform-fixture.ts';

let test: TestPlatform;
let platform: PlatformProcess;
let key = '';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
type Body = any;
/** GraphQL through the gateway with the project's key. */
let gql: (query: string, variables?: Record<string, unknown>) => Promise<GraphqlAnswer<Body>>;
const sha = (b: Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/**
 * Shadow traffic on ids 0…399, half Brazil, half US, both versions on every
 * id. v1 is right on 75 % in each country; v2 on 95 % in the US but 60 % in
 * Brazil: 0.775 against 0.75 overall, 0.15 worse in Brazil.
 */
const T0 = Date.UTC(2026, 1, 1);
const WINDOW = { from: new Date(T0).toISOString(), to: new Date(T0 + 86_400_000).toISOString() };
const ids = Array.from({ length: 400 }, (_, i) => i);
const country = (i: number) => (i % 2 === 0 ? 'BR' : 'US');
const label = (i: number) => i % 4 < 2;
const v1Right = (i: number) => Math.floor(i / 2) % 4 !== 0;
const v2Right = (i: number) => (country(i) === 'US' ? Math.floor(i / 2) % 20 !== 0 : Math.floor(i / 2) % 5 < 3);
const score = (i: number, right: boolean) => (right === label(i) ? 0.8 : 0.2);
const prediction = (i: number, modelVersion: string, right: boolean) => ({
  id: `t${i}`,
  model: 'fraud',
  modelVersion,
  timestamp: new Date(T0 + i * 1000).toISOString(),
  features: { amount: i },
  tags: { country: country(i) },
  output: { score: score(i, right) },
});

const weights = Buffer.from(new Float32Array([0.5, -0.25, 0.125, 1]).buffer);
const modelJson = Buffer.from(
  JSON.stringify({
    format: 'layers-model',
    modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 1, input_shape: [3] } }] } },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'dense/kernel', shape: [3, 1], dtype: 'float32' }, { name: 'dense/bias', shape: [1], dtype: 'float32' }] }],
  }),
);
const DATASET_HASH = `sha256:${'d'.repeat(64)}`;

beforeAll(async () => {
  test = await startTestPlatform('registry');
  platform = test.platform;
  key = await test.newKey('registry-e2e');
  const api = keyGraphql(`${platform.url}/graphql`, key);
  gql = (query, variables) => api<Body>(query, variables);
  // The store knows a model once it holds its predictions: evalstore's model(name) is null before.
  await postAll(platform.url, key, '/v1/predictions', [...ids.map((i) => prediction(i, 'v1', v1Right(i))), ...ids.map((i) => prediction(i, 'v2', v2Right(i)))]);
  await postAll(platform.url, key, '/v1/feedback', ids.map((i) => ({ predictionId: `t${i}`, model: 'fraud', label: { positive: label(i) } })));
  await eventually(async () => {
    const { data } = await gql('{ model(name: "fraud") { predictionCount labeledCount } }');
    return data?.model?.labeledCount === 800;
  }, 60_000);
}, 120_000);

afterAll(() => test?.stop());

describe('the model registry through the gateway', () => {
  it('uploads artifact files on /v1/artifacts and serves them back verified', async () => {
    for (const file of [modelJson, weights]) {
      const res = await fetch(`${platform.url}/v1/artifacts`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: file });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ digest: sha(file), size: file.length });
    }
    const back = await fetch(`${platform.url}/v1/artifacts/${sha(weights)}`, { headers: { authorization: `Bearer ${key}` } });
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(weights)).toBe(true);
    expect((await fetch(`${platform.url}/v1/artifacts/${sha(weights)}`)).status).toBe(401);
    expect((await fetch(`${platform.url}/v1/artifacts`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(405);
  });

  it('forwards only artifact digests: a `..` path never reaches the process\'s internal routes', async () => {
    // Sent as written (fetch would resolve the dots itself); resolved, these would be this process's /metrics and /internal/evalstore/graphql.
    for (const path of ['/v1/artifacts/../../../../metrics', '/v1/artifacts/%2e%2e/%2e%2e/%2e%2e/%2e%2e/metrics', '/v1/artifacts/../../evalstore/graphql']) {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const { hostname, port } = new URL(platform.url);
        request({ host: hostname, port, path, headers: { authorization: `Bearer ${key}` } }, (r) => {
          let body = '';
          r.setEncoding('utf8').on('data', (c: string) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode!, body }));
        })
          .on('error', reject)
          .end();
      });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body).not.toContain('# HELP');
    }
  });

  it('registers a model and two versions with their lineage', async () => {
    const model = await gql(`mutation { registerModel(input: {
        name: "fraud", primaryMetric: ACCURACY, owner: "payments-ml", protectedSlices: ["tags.country"],
        gate: { minImprovement: 0.01, maxSliceRegression: 0.02, minSamples: 100 } }) { name predictionCount registration { owner } } }`);
    expect(model).toEqual({ status: 200, data: { registerModel: { name: 'fraud', predictionCount: 800, registration: { owner: 'payments-ml' } } } });
    const files = [
      { path: 'model.json', digest: sha(modelJson) },
      { path: 'group1-shard1of1.bin', digest: sha(weights) },
    ];
    const register = (input: Record<string, unknown>) =>
      gql('mutation($input: RegisterModelVersionInput!) { registerModelVersion(input: $input) { version stage artifact { format } } }', { input });
    const v1 = await register({
      model: 'fraud',
      version: 'v1',
      artifact: { files },
      dataset: { id: 'fraud-jan', contentHash: DATASET_HASH, rowCount: 12000, source: { model: 'fraud', window: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } } },
      trainingRun: { params: { epochs: 5 }, seed: 1, codeVersion: 'git:abc123', backend: 'tfjs-node', durationMs: 4200 },
    });
    expect(v1).toEqual({ status: 200, data: { registerModelVersion: { version: 'v1', stage: 'CANDIDATE', artifact: { format: 'TFJS_LAYERS' } } } });
    const v2 = await register({ model: 'fraud', version: 'v2', artifact: { files }, datasetId: 'fraud-jan', parentVersion: 'v1', trainingRun: { seed: 2, backend: 'tfjs-node' } });
    expect(v2.errors).toBeUndefined();
  });

  it('refuses to promote a challenger that improves overall but regresses Brazil in production, with the evidence', async () => {
    // The actor is the API key's name as the gateway authenticated it (the fixture names keys after the test): the argument is ignored.
    const champion = await gql('mutation { promote(model: "fraud", version: "v1", stage: CHAMPION, reason: "first model", actor: "mallory") { to actor gate { passed } } }');
    expect(champion.data.promote).toEqual({ to: 'CHAMPION', actor: 'registry', gate: null });
    await gql('mutation { promote(model: "fraud", version: "v2", stage: CHALLENGER, reason: "shadow traffic") { to } }');
    const refused = await gql(
      `mutation($window: TimeRangeInput!) { promote(model: "fraud", version: "v2", stage: CHAMPION, reason: "better overall", evidence: { source: PRODUCTION, window: $window }) { to } }`,
      { window: WINDOW },
    );
    const error: Body = refused.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'GATE_FAILED', field: 'version' });
    expect(error.message).toContain('ACCURACY on tags.country=BR: 0.6 vs champion 0.75');
    const evidence = error.extensions.evidence;
    expect(evidence).toMatchObject({ passed: false, source: 'PRODUCTION', champion: 'v1', challenger: 'v2', primary: { outcome: 'PASSED', championSamples: 400, challengerSamples: 400 } });
    expect(evidence.primary.improvement).toBeCloseTo(0.025, 9);
    expect(evidence.slices.map((s: Body) => [s.slice, s.outcome, Number(s.improvement.toFixed(9))])).toEqual([
      ['tags.country=BR', 'FAILED', -0.15],
      ['tags.country=US', 'PASSED', 0.2],
    ]);
    // The production evaluations were attached to both versions.
    const evaluations = await gql('{ modelVersion(model: "fraud", version: "v2") { evaluations(source: PRODUCTION) { window { from } values { slice metric value sampleCount } } } }');
    expect(evaluations.data.modelVersion.evaluations[0].values).toEqual([
      { slice: null, metric: 'ACCURACY', value: 0.775, sampleCount: 400 },
      { slice: 'tags.country=BR', metric: 'ACCURACY', value: 0.6, sampleCount: 200 },
      { slice: 'tags.country=US', metric: 'ACCURACY', value: 0.95, sampleCount: 200 },
    ]);
  });

  it('answers the store\'s counts, the champion\'s lineage and every version\'s stage in one query', async () => {
    const body = await gql(`{ model(name: "fraud") {
        predictionCount labeledCount
        champion { version lineage { dataset { id contentHash } trainingRun { codeVersion seed } } }
        versions { version stage }
        stageHistory { version to override }
      } }`);
    expect(body).toEqual({
      status: 200,
      data: {
        model: {
          predictionCount: 800,
          labeledCount: 800,
          champion: { version: 'v1', lineage: { dataset: { id: 'fraud-jan', contentHash: DATASET_HASH }, trainingRun: { codeVersion: 'git:abc123', seed: 1 } } },
          versions: [
            { version: 'v2', stage: 'CHALLENGER' },
            { version: 'v1', stage: 'CHAMPION' },
          ],
          stageHistory: [
            { version: 'v1', to: 'CHAMPION', override: false },
            { version: 'v2', to: 'CHALLENGER', override: false },
          ],
        },
      },
    });
    const reverse = await gql('{ dataset(id: "fraud-jan") { versions { version lineage { parent { version } } } } }');
    expect(reverse.data.dataset.versions).toEqual([
      { version: 'v1', lineage: { parent: null } },
      { version: 'v2', lineage: { parent: { version: 'v1' } } },
    ]);
  });
});
