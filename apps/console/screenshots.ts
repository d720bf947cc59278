/**
 * Regenerates the README's screenshots (docs/screenshots/*.png) from the same
 * platform, traffic, pages and user flows as the browser tests
 * (test/console-fixture.ts, test/flows.ts): the alerts page after a monitor
 * was created through the form and its alert arrived live, the registry after
 * the gate refused a promotion, and the slice heatmap and the lineage graph
 * scrolled into view.
 *
 *   npm run screenshots:console
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startConsoleFixture } from './test/console-fixture.ts';
import { createMonitorThroughForm, FIRING_MONITOR, promoteThroughForm, registerVersionWithLineage } from './test/flows.ts';
import { PAGES } from './test/pages.ts';

const ACTIONS: Partial<Record<(typeof PAGES)[number]['name'], (page: Page) => Promise<void>>> = {
  async alerts(page) {
    await createMonitorThroughForm(page, FIRING_MONITOR);
    await page.locator('[data-testid="live-feed"] li[data-alert]').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="alert-history"] tbody tr').first().waitFor();
  },
  async registry(page) {
    await promoteThroughForm(page, 'v2', 'CHAMPION', 'v2 looks better offline');
    await page.locator('[data-testid="gate-refusal"]').waitFor();
    await page.locator('[data-testid="gate-refusal"]').scrollIntoViewIfNeeded();
  },
};

/** Views further down a page, scrolled to: the slice heatmap and the lineage graph. */
const DETAILS = [
  { name: 'performance-heatmap', path: '/models/churn?groupBy=tags.country&heatBy=tags.device', ready: '[data-testid="heatmap"] td.heat-cell', show: '[data-testid="heatmap"]' },
  { name: 'registry-lineage', path: '/models/churn/registry', ready: '[data-testid="lineage"]', show: '.lineage' },
];

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });
const fixture = await startConsoleFixture();
try {
  // A version with lineage (a dataset, a training run, v1 its parent) for the graph, as the browser test registers it.
  await registerVersionWithLineage(fixture.data, 'v3', 'v1', { 'model.bin': Buffer.from('weights') });
  for (const { name, path, ready } of PAGES) {
    // Dark for one page only: the README shows both schemes without doubling its images.
    for (const colorScheme of name === 'performance' ? (['light', 'dark'] as const) : (['light'] as const)) {
      const { page, context } = await fixture.open(path, { colorScheme });
      await page.waitForSelector(ready, { timeout: 60_000 });
      if (colorScheme === 'light') await ACTIONS[name]?.(page);
      await page.waitForLoadState('networkidle');
      const file = `${out}console-${name}${colorScheme === 'dark' ? '-dark' : ''}.png`;
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await context.close();
    }
  }
  for (const { name, path, ready, show } of DETAILS) {
    const { page, context } = await fixture.open(path);
    await page.waitForSelector(ready, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.locator(show).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${out}console-${name}.png` });
    console.log(`wrote ${out}console-${name}.png`);
    await context.close();
  }
} finally {
  await fixture.stop();
}
