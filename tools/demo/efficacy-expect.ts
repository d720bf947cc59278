/**
 * What the efficacy tests (demo.test.ts, efficacy-sea.test.ts) check of one
 * loop story, and the platform they run it on (as `npm start` runs it, with
 * monitors and the loop's polling fast enough for a test).
 */
import { expect } from 'vitest';
import { startDevPlatform, type DevPlatform } from '@tideline/testing';
import type { Any } from './api.ts';
import { breachToPromotion } from './breach-timing.ts';
import { firstAlert, narrateOutcome } from './report.ts';
import { runDemo, type DemoOutcome } from './story.ts';
import { DRIFTED, type DriftStream } from './stream.ts';

export const startTestPlatform = () => startDevPlatform({ TIDELINE_MONITOR_MIN_INTERVAL: '1s', LOOP_WATCH_CHECK_MS: '300', LOOP_POLL_MS: '300' });

export async function story(platform: DevPlatform, stream: DriftStream): Promise<{ outcome: DemoOutcome; lines: string[] }> {
  const lines: string[] = [];
  const say = (l: string) => console.log(lines.push(l) && l);
  const outcome = await runDemo({ url: platform.url, key: platform.key, weekly: 1050, monitorInterval: '2s', watchPeriod: '20s', labelBudget: 150, stream, say });
  narrateOutcome(outcome, platform.url, say);
  return { outcome, lines };
}

/** Promoted, every step done, the breach real, the drifted slice back to ≥ 90 % of its pre-drift accuracy, no protected slice worse than ε. */
export function expectRecovered(outcome: DemoOutcome, drop: number) {
  expect(outcome.status).toBe('SUCCEEDED');
  expect(outcome.champion).toMatch(/^loop-/);
  expect(outcome.steps.map((s: Any) => [s.name, s.status])).toEqual(['label', 'curate', 'train', 'shadow', 'gate', 'promote', 'watch'].map((n) => [n, 'SUCCEEDED']));
  expect(outcome.labelsAnswered).toBeGreaterThan(0);
  const { before, during, after } = outcome.accuracy;
  expect(during[DRIFTED]!.accuracy!).toBeLessThan(before[DRIFTED]!.accuracy! - drop);
  expect(after[DRIFTED]!.accuracy!).toBeGreaterThanOrEqual(0.9 * before[DRIFTED]!.accuracy!);
  // The gate's ε on the shadow-scored week (the after-day's ~100 rows a country are too few to judge 0.05 on).
  const gate = outcome.steps.find((s: Any) => s.name === 'gate').output.gate;
  expect(gate).toMatchObject({ passed: true, source: 'PRODUCTION', champion: 'v1', challenger: outcome.champion });
  expect(gate.slices.map((s: Any) => s.slice).sort()).toEqual(['tags.country=BR', 'tags.country=DE', 'tags.country=US']);
  for (const slice of gate.slices) expect(slice.improvement).toBeGreaterThanOrEqual(-0.05);
}

/**
 * Detection, on replayed traffic: the drifted week is in the store before the
 * monitor is enabled, so every evaluation's window (7 days back from the tick)
 * holds it. The monitor's alerts are DE's and no other's, DE's value is below
 * the threshold, the run was started by an alert, and the breach precedes
 * every step of the run (breach → promotion is measured from it).
 */
export async function expectDetectedOnDriftedSliceOnly(platform: DevPlatform, outcome: DemoOutcome) {
  expect(outcome.detection.alerts.map((a) => a.slice)).toEqual([DRIFTED]);
  const alert = firstAlert(outcome);
  expect(alert.value).toBeLessThan(alert.threshold);
  const { loopRun } = (await platform.gql<Any>(`{ loopRun(id: "${outcome.runId}") { trigger { kind } } }`)).data!;
  expect(loopRun.trigger.kind).toBe('ALERT');
  const timing = breachToPromotion(alert.firedAt, outcome.steps);
  expect(timing.parts.map((p) => p.name)).toEqual(['alert → run', 'label', 'curate', 'train', 'shadow', 'gate', 'promote', 'between steps']);
  expect(timing.parts[0]!.ms).toBeGreaterThanOrEqual(0);
  expect(timing.totalMs).toBeGreaterThan(timing.parts.find((p) => p.name === 'train')!.ms);
}
