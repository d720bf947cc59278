/**
 * Regenerates the README's screenshots (docs/screenshots/*.png) from the same
 * platform, traffic and pages as the browser tests (test/console-fixture.ts):
 *
 *   npm run screenshots:console
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PAGES } from './test/pages.ts';
import { startConsoleFixture } from './test/console-fixture.ts';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });
const fixture = await startConsoleFixture();
try {
  for (const { name, path, ready } of PAGES) {
    // Dark mode for one page only: the README shows both schemes without doubling its images.
    for (const colorScheme of name === 'performance' ? (['light', 'dark'] as const) : (['light'] as const)) {
      const { page, context } = await fixture.open(path, { colorScheme });
      await page.waitForSelector(ready, { timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      const file = `${out}console-${name}${colorScheme === 'dark' ? '-dark' : ''}.png`;
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await context.close();
    }
  }
} finally {
  await fixture.stop();
}
