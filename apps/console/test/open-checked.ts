import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { loggedLines, seriousAxeViolations, type ConsoleFixture } from './console-fixture.ts';

type Opened = Awaited<ReturnType<ConsoleFixture['open']>>;

/** Opens a page, waits for `ready`, and checks what every page must hold (`expectCleanPage`). */
export async function openChecked(f: ConsoleFixture, path: string, ready: string, options: { colorScheme?: 'light' | 'dark' } = {}) {
  const opened = await f.open(path, options);
  await waitShowing(f, opened.page, ready);
  await expectCleanPage(opened);
  return opened;
}

/** Nothing offsite, no CSP violation, no serious axe violation, in what the page shows now. */
export async function expectCleanPage(opened: Opened) {
  expect(await seriousAxeViolations(opened.page)).toEqual([]);
  expect(opened.offsite).toEqual([]);
  expect(opened.cspViolations).toEqual([]);
}

/**
 * Waits for `ready`; a page that never shows it fails with what it shows
 * instead (an error box, another state), not a bare timeout, and with the
 * errors the platform logged (an INTERNAL_SERVER_ERROR's cause is logged under
 * its request id, never answered).
 */
async function waitShowing(f: ConsoleFixture, page: Page, ready: string) {
  try {
    await page.waitForSelector(ready, { timeout: 60_000 });
  } catch (error) {
    const shown = await page.locator('main').innerText({ timeout: 5_000 }).catch(() => '(no main element)');
    const logged = loggedLines(f.platform, /"level":(50|60)|error/i).slice(-20).join('\n');
    throw new Error(`${(error as Error).message}\nThe page shows instead:\n${shown.slice(0, 2_000)}\nThe platform logged:\n${logged.slice(-6_000) || '(no error)'}`, { cause: error });
  }
}
