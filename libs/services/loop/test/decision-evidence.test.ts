/**
 * The figures a decision rests on, checked against the metrics queries a
 * user would ask through the gateway: the loop reads the window, the
 * reference, the protected slices of both and the labels since training in
 * one windowMetrics request, and each figure must be what `metric` and
 * `sliceMetrics` answer for that window and the champion's version.
 *
 * "slices": v1, the champion trained ten days ago, was right on 90 % of
 * every country the week before the window; in the window on 90 % of US,
 * 60 % of DE and 40 % of BR. Unregistered v2 traffic on the window's ids is
 * right everywhere, so a figure that forgot the version would show it.
 * Protected: tags.country (every value) and tags.device=ios (one value).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, postAll, startDevPlatform, type DevPlatform } from '@tideline/testing';
import { DAY, iso } from './traffic.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
let platform: DevPlatform;
const now = Date.now();
const COUNTRIES = ['BR', 'US', 'DE'] as const;
/** v1's share of right predictions per country, in the reference week and in the window. */
const RIGHT = { reference: { BR: 0.9, US: 0.9, DE: 0.9 }, window: { BR: 0.4, US: 0.9, DE: 0.6 } };
const N = 1200;

/** N rows over the five days from `start`, countries in turn, devices ios / android every other row, a fifth unlabeled. */
function traffic(start: number, period: keyof typeof RIGHT, version: string) {
  return Array.from({ length: N }, (_, i) => {
    const country = COUNTRIES[i % 3]!;
    const label = Math.floor(i / 3) % 2 === 0;
    const right = version === 'v2' || (Math.floor(i / 6) % 10) / 10 < RIGHT[period][country];
    const id = `${period}-${i}`;
    const record = { id, model: 'slices', modelVersion: version, timestamp: iso(start + Math.floor((i * 5 * DAY) / N)), tags: { country, device: i % 2 ? 'ios' : 'android' }, output: { score: label === right ? 0.8 : 0.2 } };
    return { record, feedback: i % 5 === 4 ? null : { predictionId: id, model: 'slices', label: { positive: label } } };
  });
}

beforeAll(async () => {
  platform = await startDevPlatform();
  const all = [traffic(now - 13 * DAY, 'reference', 'v1'), traffic(now - 5 * DAY, 'window', 'v1'), traffic(now - 5 * DAY, 'window', 'v2')].flat();
  await postAll(platform.url, platform.key, '/v1/predictions', all.map((r) => r.record));
  await postAll(platform.url, platform.key, '/v1/feedback', all.slice(0, 2 * N).flatMap((r) => (r.feedback ? [r.feedback] : [])));
  await eventually(async () => (await platform.gql<Any>('{ model(name: "slices") { labeledCount } }')).data?.model?.labeledCount === 3 * N * 0.8, 60_000);
  const mutate = async (query: string) => expect((await platform.gql(query)).errors).toBeUndefined();
  await mutate('mutation { registerModel(input: { name: "slices", primaryMetric: ACCURACY, protectedSlices: ["tags.country", "tags.device=ios"] }) { name } }');
  await mutate(`mutation { registerModelVersion(input: { model: "slices", version: "v1", artifact: { files: [{ path: "w.bin", contentBase64: "AAAA" }], format: OTHER },
    trainingRun: { id: "run-v1", finishedAt: "${iso(now - 10 * DAY)}" } }) { version } }`);
  await mutate('mutation { promote(model: "slices", version: "v1", stage: CHAMPION, reason: "first champion") { version } }');
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

const range = (w: { from: string; to: string }) => `{ from: "${w.from}", to: "${w.to}" }`;
const answer = async (query: string) => {
  const res = await platform.gql<Any>(query);
  expect(res.errors).toBeUndefined();
  return res.data;
};
const point = async (metric: string, w: { from: string; to: string }, version = ', modelVersion: "v1"') =>
  (await answer(`{ metric(model: "slices", metric: ${metric}, window: ${range(w)}${version}) { points { value labeledCount } } }`)).metric.points[0];
/** field=value → { value, labeledCount } of v1's ACCURACY, as sliceMetrics answers it. */
const slices = async (field: string, w: { from: string; to: string }) =>
  new Map<string, Any>(
    (await answer(`{ sliceMetrics(model: "slices", metrics: [ACCURACY], window: ${range(w)}, groupBy: ["${field}"], modelVersion: "v1") { key { value } labeledCount values { value } } }`)).sliceMetrics.map(
      (s: Any) => [`${field}=${s.key[0].value}`, { value: s.values[0].value, labeledCount: s.labeledCount }],
    ),
  );

it('RETRAIN on the drops, each figure as metric and sliceMetrics answer it for the champion', async () => {
  const d = (
    await answer(`{ retrainingDecision(model: "slices") { action reasons { code evidence } basedOn { window { from to } labeledCount } } }`)
  ).retrainingDecision;
  expect(d.action).toBe('RETRAIN');
  expect(d.reasons.map((r: Any) => r.code)).toEqual(['PERFORMANCE_DROP', 'SLICE_PERFORMANCE_DROP', 'NEW_LABELS']);
  const [overall, sliced, labels] = d.reasons.map((r: Any) => r.evidence);
  const window = d.basedOn.window;
  const reference = overall.referenceWindow;
  expect(overall).toMatchObject({ version: 'v1', referenceSource: 'PRECEDING' });

  const [inWindow, before, all] = await Promise.all([point('ACCURACY', window), point('ACCURACY', reference), point('ACCURACY', window, '')]);
  expect(overall.value).toBeCloseTo(inWindow.value, 12);
  expect(overall.labeledCount).toBe(inWindow.labeledCount);
  expect(d.basedOn.labeledCount).toBe(inWindow.labeledCount);
  expect(overall.referenceValue).toBeCloseTo(before.value, 12);
  expect(overall.referenceLabeledCount).toBe(before.labeledCount);
  // v2's traffic is in the window: a figure of every version would differ.
  expect(all.value).toBeGreaterThan(inWindow.value + 0.1);

  // Every protected value with labels enough in both windows whose accuracy fell by maxDrop, with both windows' figures.
  const [country, countryBefore, device, deviceBefore] = await Promise.all([slices('tags.country', window), slices('tags.country', reference), slices('tags.device', window), slices('tags.device', reference)]);
  const current = new Map([...country, ...[...device].filter(([k]) => k === 'tags.device=ios')]);
  const previous = new Map([...countryBefore, ...deviceBefore]);
  const expected = [...current]
    .filter(([k, f]) => f.labeledCount >= 100 && previous.get(k)!.labeledCount >= 100 && previous.get(k)!.value - f.value >= 0.05)
    .map(([k, f]) => ({ slice: k, current: f.value, labeledCount: f.labeledCount, referenceValue: previous.get(k)!.value, referenceLabeledCount: previous.get(k)!.labeledCount }));
  expect(expected.map((e) => e.slice).sort()).toEqual(['tags.country=BR', 'tags.country=DE', 'tags.device=ios']);
  const got = sliced.slices.map((s: Any) => ({ slice: `${s.field}=${s.value}`, current: s.current, labeledCount: s.labeledCount, referenceValue: s.referenceValue, referenceLabeledCount: s.referenceLabeledCount }));
  expect(got.sort((a: Any, b: Any) => a.slice.localeCompare(b.slice))).toEqual(expected.sort((a, b) => a.slice.localeCompare(b.slice)).map((e) => ({ ...e, current: expect.closeTo(e.current, 12), referenceValue: expect.closeTo(e.referenceValue, 12) })));

  // Labels since the champion's training run ended (ten days ago: part of the reference week and the whole window).
  const since = await point('LABELED_COUNT', { from: labels.since, to: window.to });
  expect(labels).toMatchObject({ sinceSource: 'TRAINING_RUN', since: iso(now - 10 * DAY), labeledSinceTraining: since.labeledCount });
  expect(since.labeledCount).toBeGreaterThan(inWindow.labeledCount);
  expect(since.labeledCount).toBeLessThan(inWindow.labeledCount + before.labeledCount);
});
