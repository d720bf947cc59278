/**
 * `npm run demo`'s story at a small size against the whole platform as
 * `npm start` runs it, and the loop's efficacy on the rotating hyperplane
 * with DE's hyperplane turned by 120° instead of flipped (issue 13, part 5):
 * detected on DE alone, the loop promotes a champion, the drifted slice
 * recovers at least 90 % of its pre-drift accuracy, and no protected slice
 * loses more than the gate's ε on the shadow-scored week. The SEA stream is
 * efficacy-sea.test.ts (a second file, so that vitest runs both at once).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DevPlatform } from '@tideline/testing';
import { expectDetectedOnDriftedSliceOnly, expectRecovered, startTestPlatform, story } from './efficacy-expect.ts';
import { hyperplaneStream } from './stream-hyperplane.ts';

let platform: DevPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
}, 180_000);
afterAll(() => platform?.stop());

it('demo: detects the breach, labels, trains, shadow-scores, gates, promotes, and the drifted slice recovers', async () => {
  const { outcome, lines } = await story(platform, hyperplaneStream(Math.PI));
  expectRecovered(outcome, 0.5);
  expect(lines.join('\n')).toContain(`loopRun(id: "${outcome.runId}")`);
}, 600_000);

it('efficacy, rotating hyperplane (DE turns 120°): detected on DE alone, recovered, no slice past ε, breach → promotion per step', async () => {
  const { outcome } = await story(platform, hyperplaneStream((2 * Math.PI) / 3));
  await expectDetectedOnDriftedSliceOnly(platform, outcome);
  expectRecovered(outcome, 0.3);
}, 600_000);
