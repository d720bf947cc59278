/**
 * `npm run demo`'s story at a small size against the whole platform as
 * `npm start` runs it: the loop promotes a champion and the drifted slice
 * recovers at least 90 % of its pre-drift accuracy.
 */
import { afterAll, expect, it } from 'vitest';
import { startDevPlatform } from '@tideline/testing';
import { narrateOutcome } from './report.ts';
import { runDemo } from './story.ts';
import { DRIFTED } from './stream.ts';

it('detects the breach, labels, trains, shadow-scores, gates, promotes, and the drifted slice recovers', async () => {
  const platform = await startDevPlatform({ TIDELINE_MONITOR_MIN_INTERVAL: '1s', LOOP_WATCH_CHECK_MS: '300', LOOP_POLL_MS: '300' });
  afterAll(() => platform.stop());
  const lines: string[] = [];
  const outcome = await runDemo({ url: platform.url, key: platform.key, weekly: 1050, monitorInterval: '2s', watchPeriod: '20s', labelBudget: 150, say: (l) => console.log(lines.push(l) && l) });
  narrateOutcome(outcome, platform.url, (l) => console.log(lines.push(l) && l));

  expect(outcome.status).toBe('SUCCEEDED');
  expect(outcome.champion).toMatch(/^loop-/);
  expect(outcome.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual(
    ['label', 'curate', 'train', 'shadow', 'gate', 'promote', 'watch'].map((n) => [n, 'SUCCEEDED']),
  );
  expect(outcome.labelsAnswered).toBeGreaterThan(0);
  const { before, during, after } = outcome.accuracy;
  // The breach is real (v1 is wrong on most of DE in week 3), and the new champion brings DE back.
  expect(during[DRIFTED]!.accuracy!).toBeLessThan(0.5 * before[DRIFTED]!.accuracy!);
  expect(after[DRIFTED]!.accuracy!).toBeGreaterThanOrEqual(0.9 * before[DRIFTED]!.accuracy!);
  // No protected slice lost more than the gate's ε on the shadow-scored week (the after-day's ~100 rows a country are too few to judge 0.05 on).
  const gate = outcome.steps.find((s: { name: string }) => s.name === 'gate').output.gate;
  expect(gate).toMatchObject({ passed: true, source: 'PRODUCTION', champion: 'v1', challenger: outcome.champion });
  for (const slice of gate.slices) expect(slice.improvement).toBeGreaterThanOrEqual(-0.05);
  expect(gate.slices.map((s: { slice: string }) => s.slice).sort()).toEqual(['tags.country=BR', 'tags.country=DE', 'tags.country=US']);
  expect(lines.join('\n')).toContain(`loopRun(id: "${outcome.runId}")`);
}, 600_000);
