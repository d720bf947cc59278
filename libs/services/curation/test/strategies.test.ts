/**
 * The strategies that look past one row's uncertainty, through the gateway:
 * on a stream with a known hard region MARGIN and HYBRID put at least twice
 * the random share of their picks there; DIVERSITY spreads its picks;
 * SLICE_WEIGHTED follows the slices' measured error and firing alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, postAll, startDevPlatform, type DevPlatform } from '@tideline/testing';
import { DAY, T0, hardRegionTraffic, iso } from './fixtures.ts';

let platform: DevPlatform;
const WINDOW = { from: iso(T0), to: iso(T0 + DAY) };
const region = hardRegionTraffic(3000, 21);
const byId = new Map(region.map((r) => [r.id, r]));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
const STRATEGIES = ['RANDOM', 'MARGIN', 'HYBRID', 'DIVERSITY'];
const requestRows = async (input: Record<string, unknown>) => {
  const answer = await platform.gql<Any>(
    `mutation($input: RequestLabelsInput!) { requestLabels(input: $input) { id activeCount controlCount allocation { value candidates weight picked } } }`,
    { input: { window: WINDOW, ...input } },
  );
  expect(answer.errors).toBeUndefined();
  const request = answer.data.requestLabels;
  const items: Any[] = [];
  let after: string | null = null;
  do {
    const page: Any = await platform.gql(`query($m: String!, $a: String) { labelingQueue(model: $m, first: 1000, after: $a) { nodes { predictionId requestId arm score reason tags features output } pageInfo { hasNextPage endCursor } } }`, { m: input.model, a: after });
    items.push(...page.data.labelingQueue.nodes.filter((n: Any) => n.requestId === request.id));
    after = page.data.labelingQueue.pageInfo.hasNextPage ? page.data.labelingQueue.pageInfo.endCursor : null;
  } while (after);
  return { request, active: items.filter((i) => i.arm === 'ACTIVE'), control: items.filter((i) => i.arm === 'CONTROL') };
};
const hardShare = (items: Any[]) => items.filter((i) => byId.get(i.predictionId)!.hard).length / items.length;

// "sliced": 900 labeled predictions (wrong on 40 % in BR, 10 % in US, 20 % in DE) and 1500 unlabeled ones.
const ERROR = { BR: 0.4, US: 0.1, DE: 0.2 } as Record<string, number>;
const countries = ['BR', 'US', 'DE'];
const sliced = [
  ...Array.from({ length: 900 }, (_, i) => {
    const country = countries[i % 3]!;
    const wrong = Math.floor(i / 3) < 300 * ERROR[country]!;
    return { id: `l${i}`, model: 'sliced', timestamp: iso(T0 + i * 1000), features: { x1: i % 7 }, tags: { country }, output: { score: 0.9 }, label: { positive: !wrong } };
  }),
  ...Array.from({ length: 1500 }, (_, i) => ({ id: `u${i}`, model: 'sliced', timestamp: iso(T0 + i * 1000), features: { x1: i % 11 }, tags: { country: countries[i % 3] }, output: { score: 0.55 + (i % 40) / 100 } })),
];

beforeAll(async () => {
  platform = await startDevPlatform();
  const hard = STRATEGIES.flatMap((s) => region.map((r) => ({ id: r.id, model: `hard-${s.toLowerCase()}`, timestamp: iso(r.ts), features: { x1: r.x1, x2: r.x2 }, output: { score: r.score } })));
  await postAll(platform.url, platform.key, '/v1/predictions', [...hard, ...sliced]);
  await eventually(async () => {
    const answer = await platform.gql<Any>('{ models { name predictionCount labeledCount } }');
    const count = (name: string) => answer.data?.models?.find((m: Any) => m.name === name);
    return STRATEGIES.every((s) => count(`hard-${s.toLowerCase()}`)?.predictionCount === 3000) && count('sliced')?.labeledCount === 900 && count('sliced')?.predictionCount === 2400;
  }, 90_000);
}, 240_000);

afterAll(() => platform?.stop());

describe('a stream with a known hard region (0 ≤ x1 < 2: a fifth of the rows)', () => {
  // The same traffic under one model per strategy, so that no request's picks (and anchors) affect another's.
  const batches: Record<string, { active: Any[] }> = {};
  beforeAll(async () => {
    for (const strategy of STRATEGIES) batches[strategy] = await requestRows({ model: `hard-${strategy.toLowerCase()}`, strategy, budget: 100, controlShare: 0.1, seed: 2 });
  });

  it('every strategy picks 90 active and 10 control rows', () => {
    for (const strategy of STRATEGIES) expect([strategy, batches[strategy]!.active.length]).toEqual([strategy, 90]);
  });

  it('MARGIN and HYBRID put at least twice the random share of their picks into it', () => {
    const shares = Object.fromEntries(STRATEGIES.map((s) => [s, hardShare(batches[s]!.active)]));
    console.log('share of active picks in the hard region', shares);
    expect(shares.RANDOM).toBeGreaterThan(0.1);
    expect(shares.RANDOM).toBeLessThan(0.3);
    expect(shares.MARGIN).toBeGreaterThanOrEqual(2 * shares.RANDOM!);
    expect(shares.HYBRID).toBeGreaterThanOrEqual(2 * shares.RANDOM!);
  });

  it('HYBRID does not take near-copies: its picks are further apart than MARGIN\'s', () => {
    expect(meanNearest(batches.HYBRID!.active)).toBeGreaterThan(meanNearest(batches.MARGIN!.active));
    expect(batches.HYBRID!.active[0].reason).toMatch(/margin uncertainty 0\.\d+, D² sampling over 2 standardized features among the \d+ most uncertain candidates/);
  });

  it('DIVERSITY covers the space: its picks are further apart than random ones, and a second batch keeps away from the first', async () => {
    expect(meanNearest(batches.DIVERSITY!.active)).toBeGreaterThan(1.5 * meanNearest(batches.RANDOM!.active));
    expect(batches.DIVERSITY!.active[0].reason).toMatch(/k-center greedy over 2 standardized features among a random pool/);
    const second = await requestRows({ model: 'hard-diversity', strategy: 'DIVERSITY', budget: 50, controlShare: 0, seed: 3 });
    const first = batches.DIVERSITY!.active;
    const randomSecond = batches.RANDOM!.active.slice(0, 50);
    expect(meanDistanceTo(second.active, first)).toBeGreaterThan(1.5 * meanDistanceTo(randomSecond, first));
  });
});

describe('SLICE_WEIGHTED', () => {
  it('splits the budget by each slice\'s measured error', async () => {
    const { request, active } = await requestRows({ model: 'sliced', strategy: 'SLICE_WEIGHTED', stratifyBy: 'tags.country', budget: 70, controlShare: 0, seed: 1 });
    const weight = Object.fromEntries(request.allocation.map((a: Any) => [a.value, a.weight]));
    for (const c of countries) expect(weight[c]).toBeCloseTo(ERROR[c]!, 9);
    const picked = Object.fromEntries(countries.map((c) => [c, active.filter((i) => i.tags.country === c).length]));
    expect(picked).toEqual({ BR: 40, US: 10, DE: 20 });
    expect(active.find((i) => i.tags.country === 'BR').reason).toMatch(/tags.country = BR \(error 0.400 measured on 300 labels\)/);
    // Within a slice, MARGIN: BR's 40 picks are its unlabeled rows nearest 0.5 (all scores here are above it).
    const brScores = sliced.filter((r) => r.id.startsWith('u') && r.tags.country === 'BR').map((r) => r.output.score).sort((a, b) => a - b);
    const pickedBr = active.filter((i) => i.tags.country === 'BR').map((i) => i.output.score);
    expect(Math.max(...pickedBr)).toBeLessThanOrEqual(brScores[39]!);
  });

  it('follows the slices of firing alerts when given them', async () => {
    const monitor = await platform.gql<Any>(`mutation { createMonitor(input: { name: "accuracy by country", model: "sliced", check: { metric: ACCURACY },
      groupBy: ["tags.country"], window: "1d", interval: "10s", anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.7 }, minSamples: 30, severity: CRITICAL }) { id } }`);
    expect(monitor.errors).toBeUndefined();
    let alerts: Any[] = [];
    await eventually(async () => {
      alerts = (await platform.gql<Any>('{ alerts(model: "sliced", state: FIRING) { id slice { field value } } }')).data?.alerts ?? [];
      return alerts.length > 0;
    }, 60_000);
    expect(alerts.map((a) => a.slice[0].value)).toEqual(['BR']);
    const { active } = await requestRows({ model: 'sliced', strategy: 'SLICE_WEIGHTED', alerts: [alerts[0].id], budget: 20, controlShare: 0 });
    expect(active).toHaveLength(20);
    expect(active.every((i) => i.tags.country === 'BR')).toBe(true);
    const unknown = await platform.gql<Any>('mutation { requestLabels(input: { model: "sliced", strategy: SLICE_WEIGHTED, alerts: ["nope"], budget: 5, window: { from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" } }) { id } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'ALERT_NOT_FOUND', field: 'input.alerts[0]' });
  }, 90_000);
});

const point = (i: Any) => [i.features.x1 / 10, i.features.x2 / 10];
const nearestDistances = (items: Any[]) =>
  items.map((a, i) => Math.min(...items.filter((_, j) => j !== i).map((b) => Math.hypot(point(a)[0]! - point(b)[0]!, point(a)[1]! - point(b)[1]!))));
const meanNearest = (items: Any[]) => nearestDistances(items).reduce((s, d) => s + d, 0) / items.length;
const meanDistanceTo = (items: Any[], others: Any[]) =>
  items.map((a) => Math.min(...others.map((b) => Math.hypot(point(a)[0]! - point(b)[0]!, point(a)[1]! - point(b)[1]!)))).reduce((s, d) => s + d, 0) / items.length;
