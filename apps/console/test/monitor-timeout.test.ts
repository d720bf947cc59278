/**
 * A monitor whose evaluation times out, in a real browser: `npm start` with
 * the smallest time budget the alerts service accepts
 * (TIDELINE_MONITOR_TIME_BUDGET_MS=100) and the oracle's traffic, and a check
 * that cannot finish in it — churn's CBPE-estimated accuracy per country and
 * device, one estimate (calibrated on the reference) per each of the 15
 * pairs, asked one after another — because the metrics service is 150 ms
 * away: every request to its subgraph crosses a link in the test's process
 * (subgraphLink of @tideline/testing) that holds it 150 ms before passing it
 * on, as a metrics service in another zone would answer. The check needs at
 * least one such request, so it needs more than its budget on any machine
 * (the 15 estimates alone were assumed to take longer than 100 ms, which a
 * fast machine could beat). The createMonitor dry run has no budget, so the
 * monitor is accepted; its evaluations then time out and back off. The
 * monitors list shows the API's TIMED_OUT, its reason and the next try, in
 * the light and the dark scheme, with no serious axe violation. (That a
 * failed evaluation reaches an open page by push is console.test.ts's ERROR
 * case: a timed-out monitor backs off, so its next evaluation may be minutes away.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, subgraphLink, type SubgraphLink } from '@tideline/testing';
import { startConsoleFixture, type ConsoleFixture } from './console-fixture.ts';
import { expectMonitorOutcomeAsTheApi } from './monitor-outcome.ts';
import { expectCleanPage, openChecked } from './open-checked.ts';

const BUDGET_MS = 100;
/** How long the link holds each request to the metrics subgraph: past the budget, by half of it. */
const METRICS_AWAY_MS = 150;
let f: ConsoleFixture;
let metrics: SubgraphLink;

beforeAll(async () => {
  metrics = await subgraphLink('metrics', () => new Promise<void>((resolve) => setTimeout(resolve, METRICS_AWAY_MS)));
  f = await startConsoleFixture({ env: { TIDELINE_MONITOR_TIME_BUDGET_MS: String(BUDGET_MS), ...metrics.env } });
}, 240_000);
afterAll(async () => {
  await f?.stop();
  await metrics?.close();
});

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
    // The helper waits until the list shows TIMED_OUT as the API answers it (evaluations are pushed to the page), then the
    // page is checked again (axe, nothing offsite) as it shows the timeout.
    const opened = await openChecked(f, '/alerts', '[data-testid="monitors"] .monitor-status', { colorScheme });
    const shown = await expectMonitorOutcomeAsTheApi(f, opened.page, SLOW, 'TIMED_OUT');
    expect(shown.retryAt).not.toBeNull();
    await expectCleanPage(opened);
    await opened.context.close();
  }
}, 300_000);
