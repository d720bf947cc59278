/**
 * A monitor whose evaluation times out, in a real browser: `npm start` with
 * the smallest time budget the alerts service accepts
 * (TIDELINE_MONITOR_TIME_BUDGET_MS=100) and the oracle's traffic, and a check
 * that cannot finish in it — churn's CBPE-estimated accuracy per country and
 * device, one estimate (calibrated on the reference) per each of the 15
 * pairs, asked one after another. The createMonitor dry run has no budget,
 * so the monitor is accepted; its evaluations then time out and back off.
 * The monitors list shows the API's TIMED_OUT, its reason and the next try,
 * in the light and the dark scheme, with no serious axe violation.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@tideline/testing';
import { startConsoleFixture, type ConsoleFixture } from './console-fixture.ts';
import { expectMonitorOutcomeAsTheApi } from './monitor-outcome.ts';
import { openChecked } from './open-checked.ts';

const BUDGET_MS = 100;
let f: ConsoleFixture;

beforeAll(async () => {
  f = await startConsoleFixture({ env: { TIDELINE_MONITOR_TIME_BUDGET_MS: String(BUDGET_MS) } });
}, 240_000);
afterAll(async () => f?.stop());

const SLOW = { name: 'estimated accuracy per country and device', model: 'churn' };

it("a monitor whose evaluation runs past the time budget shows TIMED OUT with the API's reason and next try, light and dark", async () => {
  await f.data(`mutation($name: String!) { createMonitor(input: {
    name: $name, model: "churn", check: { metric: ESTIMATED_ACCURACY }, groupBy: ["tags.country", "tags.device"],
    window: "1d", interval: "10s", condition: { op: LT, threshold: 0 }, anchor: LATEST_PREDICTION }) { id } }`, { name: SLOW.name });
  const status = async () => (await f.data(`{ monitors(model: "churn") { status { outcome error retryAt } } }`)).monitors[0].status;
  const timedOut = await eventually(async () => {
    const s = await status();
    return s?.outcome === 'TIMED_OUT' && s;
  }, 90_000, 500);
  expect(timedOut.error).toMatch(new RegExp(`^the check did not finish within its time budget of ${BUDGET_MS} ms \\(\\d+ in a row; next attempt at the tick of .+\\)$`));
  expect(timedOut.retryAt).not.toBeNull();

  for (const colorScheme of ['light', 'dark'] as const) {
    // Checked (axe, nothing offsite) as it shows the timeout: the API answered TIMED_OUT before the page was opened.
    const { page, context } = await openChecked(f, '/alerts', '[data-testid="monitors"] .monitor-status[data-outcome="TIMED_OUT"]', { colorScheme });
    const shown = await expectMonitorOutcomeAsTheApi(f, page, SLOW, 'TIMED_OUT');
    expect(shown.retryAt).not.toBeNull();
    await context.close();
  }
}, 300_000);
