import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { formatNumber, formatTime } from '@tideline/console-ui/format';
import { eventually } from '@tideline/testing';
import type { ConsoleFixture } from './console-fixture.ts';

const STATUS = `query($model: String!) { monitors(model: $model) { name status { evaluatedAt outcome error skippedTicks retryAt } } }`;

/** Past this long behind the API, a page not held to `live` is reloaded: an evaluation pushed while it was still subscribing is not sent again. */
const PUSH_GRACE_MS = 15_000;

/**
 * The monitors list shows the monitor's last evaluation as the API answers
 * it: the outcome (TIMED_OUT written TIMED OUT), the API's error word for
 * word, the skipped ticks and the next try, or none of them when the API has
 * none. Each evaluation is pushed to the page (`monitorEvaluated`), failed
 * ones included, so the page is read until it shows the evaluation the API
 * answers right after (the monitor may be evaluated in between). With
 * `live`, the page is never reloaded: what it shows came by push. Otherwise
 * a page still behind after PUSH_GRACE_MS is reloaded (it may have opened
 * just as an evaluation was pushed, and the next may be minutes away when
 * the monitor backs off).
 */
export async function expectMonitorOutcomeAsTheApi(f: ConsoleFixture, page: Page, monitor: { name: string; model: string }, expected: 'OK' | 'ERROR' | 'TIMED_OUT', { live = false } = {}) {
  const shown = page.locator(`[data-testid="monitors"] tbody tr:has(td:text-is("${monitor.name}")) .monitor-status`);
  // What the page and the API last showed, for the failure message: a bare timeout would not say which side never got there.
  let last = { page: null as string | null, api: null as unknown };
  let behindSince = Date.now();
  const behind = async () => {
    if (!live && Date.now() - behindSince > PUSH_GRACE_MS) {
      await page.reload();
      behindSince = Date.now();
    }
    return null;
  };
  const line = (name: string) => shown.locator(`[data-status="${name}"]`);
  const lineText = async (name: string) => ((await line(name).count()) ? line(name).innerText() : null);
  // Everything the page shows of the evaluation, its time read last: an evaluation pushed while the lines were read changes it.
  const snapshot = async () => ({
    text: await shown.innerText(),
    error: await lineText('error'),
    skippedTicks: await lineText('skipped-ticks'),
    retryAt: (await line('retry-at').count()) ? await line('retry-at').locator('time').getAttribute('datetime') : null,
    evaluatedAt: await shown.locator('time').first().getAttribute('datetime'),
  });
  const { api, seen } = await eventually(async () => {
    last = { page: await shown.getAttribute('data-outcome', { timeout: 1_000 }).catch(() => null), api: last.api };
    if (last.page !== expected) return behind();
    const shownAt = await shown.locator('time').first().getAttribute('datetime');
    const status = (await f.data(STATUS, { model: monitor.model })).monitors.find((m: { name: string }) => m.name === monitor.name).status;
    last.api = status;
    if (status.evaluatedAt !== shownAt) return behind();
    const seen = await snapshot();
    // The monitor was evaluated again while the page was read (a timed-out one every few seconds): read both again.
    return seen.evaluatedAt === status.evaluatedAt ? { api: status, seen } : null;
  }, 90_000, 500).catch((error: Error) => {
    throw new Error(`${error.message}; the page last showed outcome ${last.page}, the API last answered ${JSON.stringify(last.api)}`, { cause: error });
  });
  expect(api.outcome).toBe(expected);
  expect(seen.text).toMatch(new RegExp(`^${expected.replace('_', ' ')} ${formatTime(api.evaluatedAt, 'second')}`));
  expect(seen.error).toBe(api.error ?? null);
  expect(seen.skippedTicks).toBe(api.skippedTicks > 0 ? `${formatNumber(api.skippedTicks)} tick${api.skippedTicks === 1 ? '' : 's'} skipped` : null);
  expect(seen.retryAt).toBe(api.retryAt ?? null);
  return api as { evaluatedAt: string; outcome: string; error: string | null; skippedTicks: number; retryAt: string | null };
}
