/**
 * The loop's efficacy on a SEA-style concept switch (stream-sea.ts: θ 10 → 6
 * on DE only): detected on DE alone, recovered to ≥ 90 % of DE's pre-drift
 * accuracy, no protected slice worse than the gate's ε. Then a small
 * learning-curve run (curves.ts): MARGIN, HYBRID and RANDOM at two label
 * budgets, printed; each point trained and scored, and at the larger budget
 * every strategy's model beats the untrained v1 on the drifted slice. Whether
 * MARGIN / HYBRID beat RANDOM is measured by `npm run bench:loop`, not
 * asserted: that is the finding, not a property of the code.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DevPlatform } from '@tideline/testing';
import { publicApi } from './api.ts';
import { curveLines } from './curves-report.ts';
import { learningCurves } from './curves.ts';
import { expectDetectedOnDriftedSliceOnly, expectRecovered, startTestPlatform, story } from './efficacy-expect.ts';
import { seaStream } from './stream-sea.ts';

let platform: DevPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
}, 180_000);
afterAll(() => platform?.stop());

it('efficacy, SEA concept switch (DE θ 10 → 6): detected on DE alone, recovered, no slice past ε, breach → promotion per step', async () => {
  const { outcome } = await story(platform, seaStream());
  await expectDetectedOnDriftedSliceOnly(platform, outcome);
  expectRecovered(outcome, 0.2);
}, 600_000);

it('learning curves: MARGIN, HYBRID, RANDOM at two budgets on the SEA stream; at the larger one each beats v1 on DE', async () => {
  const strategies = ['MARGIN', 'HYBRID', 'RANDOM'];
  const budgets = [40, 150];
  const curves = await learningCurves({
    api: publicApi(platform.url, platform.key), url: platform.url, key: platform.key, stream: seaStream(), strategies, budgets, seeds: [1], weekly: 900, testRows: 600, concurrency: 3, say: console.log,
  });
  for (const line of curveLines('SEA', curves, 1)) console.log(line);
  expect(curves.points.map((p) => `${p.strategy}@${p.budget}`).sort()).toEqual(strategies.flatMap((s) => budgets.map((b) => `${s}@${b}`)).sort());
  for (const p of curves.points) expect(p.accuracy).toBeGreaterThan(0.5); // a trained model, not a coin
  for (const p of curves.points.filter((x) => x.budget === 150)) expect(p.drifted).toBeGreaterThan(curves.v1.drifted);
}, 600_000);
