import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMOTE, REGISTER_MODEL, REGISTER_VERSION, inlineArtifact, startHarness, type Harness } from './harness.ts';

/**
 * The promotion gate on offline evaluations: v2 beats champion v1 on the
 * whole evaluation set (0.85 vs 0.80, δ = 0.01) but loses 10 points on
 * Brazil (ε = 0.02), so it is refused; v3 regresses Brazil within ε and passes.
 */
let h: Harness;
const P = 'p_gates';

const RECORD = `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { id source values { slice metric value sampleCount } } }`;
const values = (overall: number, br: number, us: number) => [
  { metric: 'ACCURACY', value: overall, sampleCount: 1000 },
  { slice: 'tags.country=BR', metric: 'ACCURACY', value: br, sampleCount: 300 },
  { slice: 'tags.country=US', metric: 'ACCURACY', value: us, sampleCount: 700 },
];

type Change = { version: string; override: boolean; gate: { passed: boolean; failures: string[]; primary: { outcome: string; improvement: number }; slices: { slice: string; outcome: string; improvement: number }[] } | null };

beforeAll(async () => {
  h = await startHarness();
  const reg = await h.gql(P, REGISTER_MODEL, {
    input: { name: 'churn', primaryMetric: 'ACCURACY', protectedSlices: ['tags.country'], gate: { minImprovement: 0.01, maxSliceRegression: 0.02, minSamples: 100 }, owner: 'risk-team' },
  });
  expect(reg.errors).toBeUndefined();
  for (const v of ['v1', 'v2', 'v3']) expect((await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: v, artifact: inlineArtifact(v) } })).errors).toBeUndefined();
  await h.gql(P, PROMOTE, { model: 'churn', version: 'v1', stage: 'CHAMPION', reason: 'first model' });
  await h.gql(P, RECORD, { input: { model: 'churn', version: 'v1', values: values(0.8, 0.8, 0.8) } });
  await h.gql(P, RECORD, { input: { model: 'churn', version: 'v2', values: values(0.85, 0.7, 0.92) } });
  await h.gql(P, RECORD, { input: { model: 'churn', version: 'v3', values: values(0.83, 0.79, 0.85) } });
});
afterAll(async () => h?.stop());

describe('promotion gate', () => {
  it('fails on one protected slice while the global metric improves, with the evidence, and changes nothing', async () => {
    const res = await h.gql(P, PROMOTE, { model: 'churn', version: 'v2', stage: 'CHAMPION', reason: 'better AUC overall' });
    const error = res.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'GATE_FAILED', field: 'version' });
    expect(error?.message).toContain('ACCURACY on tags.country=BR: 0.7 vs champion 0.8, worse by 0.1, more than ε = 0.02');
    const evidence = error!.extensions!.evidence as NonNullable<Change['gate']>;
    expect(evidence.passed).toBe(false);
    expect(evidence.primary.outcome).toBe('PASSED');
    expect(evidence.primary.improvement).toBeCloseTo(0.05, 12);
    expect(evidence.slices.map((s) => [s.slice, s.outcome])).toEqual([
      ['tags.country=BR', 'FAILED'],
      ['tags.country=US', 'PASSED'],
    ]);
    const model = await h.gql<{ m: { champion: { version: string }; stageHistory: unknown[] }[] }>(
      P,
      `{ m: _entities(representations: [{ __typename: "Model", name: "churn" }]) { ... on Model { champion { version } stageHistory { version } } } }`,
    );
    expect(model.data!.m[0]).toEqual({ champion: { version: 'v1' }, stageHistory: [{ version: 'v1' }] });
  });

  it('lets an override through, marked in history with the failed evidence', async () => {
    const res = await h.gql<{ promote: Change }>(P, PROMOTE, { model: 'churn', version: 'v2', stage: 'CHAMPION', reason: 'BR traffic moves to v1 by routing', override: true });
    expect(res.errors).toBeUndefined();
    expect(res.data!.promote).toMatchObject({ version: 'v2', override: true, gate: { passed: false } });
    expect(res.data!.promote.gate!.failures).toHaveLength(1);
    const rolled = await h.gql(P, `mutation { rollback(model: "churn", reason: "BR complaints") { version } }`);
    expect(rolled.data).toEqual({ rollback: { version: 'v1' } });
  });

  it('passes a challenger that improves overall and stays within ε on every protected slice', async () => {
    const res = await h.gql<{ promote: Change }>(P, PROMOTE, { model: 'churn', version: 'v3', stage: 'CHAMPION', reason: 'retrained on March data' });
    expect(res.errors).toBeUndefined();
    const change = res.data!.promote;
    expect(change).toMatchObject({ version: 'v3', override: false, gate: { passed: true, failures: [] } });
    expect(change.gate!.slices.find((s) => s.slice === 'tags.country=BR')!.improvement).toBeCloseTo(-0.01, 12);
  });

  it('compares evaluations on the dataset asked for, and refuses an evaluation that names no registered dataset', async () => {
    const res = await h.gql(P, RECORD, { input: { model: 'churn', version: 'v2', datasetId: 'holdout-9', values: values(0.9, 0.9, 0.9) } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'DATASET_NOT_FOUND', field: 'input.datasetId' });
    const bad = await h.gql(P, RECORD, { input: { model: 'churn', version: 'v2', values: [{ slice: 'BR', metric: 'ACCURACY', value: 0.9, sampleCount: 10 }] } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.values[0].slice' });
    const none = await h.gql(P, PROMOTE, { model: 'churn', version: 'v2', stage: 'CHAMPION', reason: 'x', evidence: { source: 'OFFLINE', datasetId: 'holdout-1' } });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'GATE_FAILED' });
    expect(none.errors?.[0]?.message).toContain('not evaluated');
  });

  it('validates the gate configuration, naming the field', async () => {
    const res = await h.gql(P, REGISTER_MODEL, { input: { name: 'other', primaryMetric: 'LOG_LOSS', gate: { minSamples: 0 } } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gate.minSamples' });
    const slices = await h.gql(P, REGISTER_MODEL, { input: { name: 'other', primaryMetric: 'LOG_LOSS', protectedSlices: ['country'] } });
    expect(slices.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.protectedSlices' });
    const unregistered = await h.gql(P, REGISTER_VERSION, { input: { model: 'nobody', version: 'v1', artifact: inlineArtifact('x') } });
    expect(unregistered.errors?.[0]?.extensions).toMatchObject({ code: 'MODEL_NOT_FOUND', field: 'input.model' });
  });
});
