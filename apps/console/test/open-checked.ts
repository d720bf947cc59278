import { expect } from 'vitest';
import { seriousAxeViolations, type ConsoleFixture } from './console-fixture.ts';

/** Opens a page, waits for `ready`, and checks what every page must hold: nothing offsite, no CSP violation, no serious axe violation. */
export async function openChecked(f: ConsoleFixture, path: string, ready: string, options: { colorScheme?: 'light' | 'dark' } = {}) {
  const opened = await f.open(path, options);
  await opened.page.waitForSelector(ready, { timeout: 60_000 });
  expect(await seriousAxeViolations(opened.page)).toEqual([]);
  expect(opened.offsite).toEqual([]);
  expect(opened.cspViolations).toEqual([]);
  return opened;
}
