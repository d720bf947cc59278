/**
 * Labeling requests through the gateway, on the whole platform as `npm
 * start` runs it: predictions in over /v1/predictions, requests with each
 * strategy, the control arm, no row queued twice, labels back over
 * /v1/feedback emptying the queue, the lift, the budget and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, postAll, startDevPlatform, type DevPlatform } from '@tideline/testing';
import { DAY, T0, binaryFeedback, binaryPrediction, binaryTraffic, iso, prng } from './fixtures.ts';

let platform: DevPlatform;
const churn = binaryTraffic(3000, 7);
const WINDOW = { from: iso(T0), to: iso(T0 + DAY) };
const classes = ['a', 'b', 'c'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
const REQUEST = `mutation($input: RequestLabelsInput!) { requestLabels(input: $input) {
  id strategy budget activeCount controlCount candidates allocation { value candidates picked } } }`;
const request = async (input: Record<string, unknown>) => platform.gql<Any>(REQUEST, { input: { window: WINDOW, ...input } });
const ok = async (input: Record<string, unknown>) => {
  const answer = await request(input);
  expect(answer.errors).toBeUndefined();
  return answer.data.requestLabels;
};
const queue = async (model: string) => {
  const items: Any[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: Any = await platform.gql(
      `query($model: String!, $after: String) { labelingQueue(model: $model, first: 1000, after: $after) {
        nodes { predictionId requestId arm strategy score reason features tags output } pageInfo { hasNextPage endCursor } } }`,
      { model, after },
    );
    expect(answer.errors).toBeUndefined();
    items.push(...answer.data.labelingQueue.nodes);
    if (!answer.data.labelingQueue.pageInfo.hasNextPage) return items;
    after = answer.data.labelingQueue.pageInfo.endCursor;
  }
};

beforeAll(async () => {
  platform = await startDevPlatform({ CURATION_LABEL_BUDGET: '5000' });
  const random = prng(11);
  const topic = Array.from({ length: 500 }, (_, i) => {
    const raw = classes.map(() => random() ** 3);
    const sum = raw.reduce((a, b) => a + b, 0);
    const probabilities = Object.fromEntries(classes.map((c, k) => [c, raw[k]! / sum]));
    const predictedClass = classes[raw.indexOf(Math.max(...raw))]!;
    return { id: `m${i}`, model: 'topic', timestamp: iso(T0 + i * 1000), features: { x1: random() }, tags: { lang: i % 2 ? 'en' : 'pt' }, output: { probabilities, predictedClass } };
  });
  const ltv = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, model: 'ltv', timestamp: iso(T0 + i * 1000), features: { x1: i }, output: { value: i * 2 } }));
  await postAll(platform.url, platform.key, '/v1/predictions', [...churn.map((r) => binaryPrediction('churn', r)), ...topic, ...ltv]);
  await eventually(async () => {
    const answer = await platform.gql<Any>('{ churn: model(name: "churn") { predictionCount } topic: model(name: "topic") { predictionCount } ltv: model(name: "ltv") { predictionCount } }');
    return answer.data?.churn?.predictionCount === 3000 && answer.data?.topic?.predictionCount === 500 && answer.data?.ltv?.predictionCount === 100;
  }, 90_000);
}, 240_000);

afterAll(() => platform?.stop());

describe('requestLabels', () => {
  const picked = new Set<string>();

  it('picks exactly the budget with every strategy, the control share as asked, and never a row twice', async () => {
    const cases = [
      { model: 'churn', strategy: 'RANDOM', budget: 50, controlShare: 0.2 },
      { model: 'churn', strategy: 'LEAST_CONFIDENCE', budget: 40 },
      { model: 'churn', strategy: 'MARGIN', budget: 40, controlShare: 0.25 },
      { model: 'churn', strategy: 'ENTROPY', budget: 30, controlShare: 0 },
      { model: 'churn', strategy: 'STRATIFIED', budget: 60, controlShare: 0.1, stratifyBy: 'tags.country' },
      { model: 'topic', strategy: 'MARGIN', budget: 20 },
      { model: 'topic', strategy: 'ENTROPY', budget: 20 },
      { model: 'topic', strategy: 'LEAST_CONFIDENCE', budget: 20 },
      { model: 'ltv', strategy: 'RANDOM', budget: 10, controlShare: 0.5 },
    ];
    for (const input of cases) {
      const r = await ok(input);
      const control = Math.round(input.budget * (input.controlShare ?? 0.1));
      expect({ strategy: input.strategy, active: r.activeCount, control: r.controlCount }).toEqual({ strategy: input.strategy, active: input.budget - control, control });
    }
    const items = [...(await queue('churn')), ...(await queue('topic')), ...(await queue('ltv'))];
    expect(items).toHaveLength(cases.reduce((sum, c) => sum + c.budget, 0));
    for (const item of items) picked.add(item.predictionId);
    expect(picked.size).toBe(items.length); // no row in two requests
    const stratified = items.filter((i) => i.strategy === 'STRATIFIED' && i.arm === 'ACTIVE');
    // 54 active rows over three countries, evenly, although BR has six times DE's rows.
    const perCountry = Object.fromEntries(['BR', 'US', 'DE'].map((c) => [c, stratified.filter((i) => i.tags.country === c).length]));
    expect(perCountry).toEqual({ BR: 18, US: 18, DE: 18 });
    const random = items.find((i) => i.strategy === 'RANDOM' && i.arm === 'CONTROL');
    expect(random).toMatchObject({ score: null, reason: expect.stringMatching(/control arm: uniform random/) });
    expect(typeof items.find((i) => i.strategy === 'RANDOM')!.output.score).toBe('number');
    expect(items.find((i) => i.predictionId.startsWith('m'))!.output).toHaveProperty('probabilities');
  });

  it('ranks by uncertainty in ClickHouse: MARGIN\'s active picks are the rows nearest 0.5', async () => {
    const r = await ok({ model: 'churn', strategy: 'MARGIN', budget: 25, controlShare: 0, seed: 3 });
    const mine = (await queue('churn')).filter((i) => i.requestId === r.id);
    const margin = (s: number) => Math.abs(2 * s - 1);
    const worstPicked = Math.max(...mine.map((i) => margin(i.output.score)));
    // Every row left unpicked and unqueued is at least as confident as the least uncertain pick.
    const queued = new Set((await queue('churn')).map((i) => i.predictionId));
    const left = churn.filter((row) => !queued.has(row.id));
    expect(Math.min(...left.map((row) => margin(row.score)))).toBeGreaterThanOrEqual(worstPicked);
    expect(mine[0].reason).toMatch(/margin uncertainty 0\.\d{4}/);
    expect(mine.every((i) => Math.abs(i.score - (1 - margin(i.output.score))) < 1e-9)).toBe(true);
  });

  it('empties the queue as labels come back, and reports the lift of the active arm over the control arm', async () => {
    const r = await ok({ model: 'churn', strategy: 'MARGIN', budget: 300, controlShare: 0.5, seed: 9 });
    const mine = (await queue('churn')).filter((i) => i.requestId === r.id);
    expect(mine).toHaveLength(300);
    const byId = new Map(churn.map((row) => [row.id, row]));
    await postAll(platform.url, platform.key, '/v1/feedback', mine.map((i) => binaryFeedback('churn', byId.get(i.predictionId)!)));
    await eventually(async () => (await queue('churn')).every((i) => i.requestId !== r.id), 60_000);
    const answer = await platform.gql<Any>(`{ labelRequest(id: "${r.id}") { labeledCount lift { activeLabeled activeErrors activeErrorRate controlLabeled controlErrors controlErrorRate difference low high significant } } }`);
    const lift = answer.data.labelRequest.lift;
    expect(answer.data.labelRequest.labeledCount).toBe(300);
    const errors = (arm: string) => mine.filter((i) => i.arm === arm && byId.get(i.predictionId)!.label !== i.output.score >= 0.5).length;
    expect(lift).toMatchObject({ activeLabeled: 150, controlLabeled: 150, activeErrors: errors('ACTIVE'), controlErrors: errors('CONTROL') });
    expect(lift.difference).toBeCloseTo(lift.activeErrorRate - lift.controlErrorRate, 12);
    expect(lift.low).toBeLessThan(lift.difference);
    expect(lift.high).toBeGreaterThan(lift.difference);
    // Calibrated scores: rows near 0.5 are wrong about half the time, random rows about a quarter.
    expect(lift.activeErrorRate).toBeGreaterThan(0.4);
    expect(lift.significant).toBe(true);
  });
});

describe('label budget', () => {
  it('charges every pick to the model\'s period and refuses a request over what is left, naming the field', async () => {
    const before = (await platform.gql<Any>('{ labelBudget(model: "ltv") { granted spent remaining periodStart periodEnd } }')).data.labelBudget;
    expect(before).toMatchObject({ granted: 5000, spent: 10, remaining: 4990 });
    expect(new Date(before.periodEnd).getTime() - new Date(before.periodStart).getTime()).toBe(30 * DAY);
    const set = await platform.gql<Any>('mutation { setLabelBudget(model: "ltv", labelsPerPeriod: 15) { granted spent remaining } }');
    expect(set.data.setLabelBudget).toEqual({ granted: 15, spent: 10, remaining: 5 });
    const refused = await request({ model: 'ltv', strategy: 'RANDOM', budget: 6 });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BUDGET_EXCEEDED', field: 'input.budget' });
    expect(refused.errors?.[0]?.message).toMatch(/5 of 15 labels/);
    expect((await ok({ model: 'ltv', strategy: 'RANDOM', budget: 5 })).activeCount + 0).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  it('names the field and the reason', async () => {
    const expectError = async (input: Record<string, unknown>, code: string, field: string) => {
      const answer = await request(input);
      expect({ input, error: answer.errors?.[0]?.extensions }).toMatchObject({ input, error: { code, field } });
    };
    await expectError({ model: 'nope', strategy: 'RANDOM', budget: 5 }, 'MODEL_NOT_FOUND', 'input.model');
    await expectError({ model: 'ltv', strategy: 'MARGIN', budget: 5 }, 'STRATEGY_NOT_APPLICABLE', 'input.strategy');
    await expectError({ model: 'churn', strategy: 'RANDOM', budget: 0 }, 'BAD_USER_INPUT', 'input.budget');
    await expectError({ model: 'churn', strategy: 'RANDOM', budget: 10_001 }, 'BAD_USER_INPUT', 'input.budget');
    await expectError({ model: 'churn', strategy: 'RANDOM', budget: 5, controlShare: 0.9 }, 'BAD_USER_INPUT', 'input.controlShare');
    await expectError({ model: 'churn', strategy: 'STRATIFIED', budget: 5 }, 'BAD_USER_INPUT', 'input.stratifyBy');
    await expectError({ model: 'churn', strategy: 'STRATIFIED', budget: 5, stratifyBy: 'tags.planet' }, 'FIELD_NOT_FOUND', 'input.stratifyBy');
    await expectError({ model: 'churn', strategy: 'RANDOM', budget: 5, slice: { field: 'tags.country', op: 'LT' } }, 'INVALID_SLICE', 'input.slice.value');
    await expectError({ model: 'churn', strategy: 'RANDOM', budget: 5, window: { from: iso(T0 + 10 * DAY), to: iso(T0 + 11 * DAY) } }, 'NO_CANDIDATES', 'input.window');
    await expectError({ model: 'churn', strategy: 'RANDOM', budget: 5, window: { from: iso(T0 + DAY), to: iso(T0) } }, 'BAD_USER_INPUT', 'input.window.from');
  });
});
