/**
 * The console as a user meets it: `npm start` (startDevPlatform) serving the
 * built app, Debian's chromium driven by playwright-core, and the metric
 * oracle's traffic with a registry state the pages can show — churn's v1
 * champion and a worse v2 the gate must refuse. Shared by the browser tests,
 * the README's screenshots and the page-load benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, eventually, loadOracle, oracleRecords, postAll, startDevPlatform, type DevPlatform, type Oracle } from '@tideline/testing';
import { ensureConsoleBuilt } from '../build.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
export type Any = any;

export const KEY_STORAGE = 'tideline:console-key';
const iso = (ms: number) => new Date(ms).toISOString();

export interface ConsoleFixture {
  platform: DevPlatform;
  browser: Browser;
  oracle: Oracle;
  /** A browser tab with the API key already entered (as after the key form), allowed to reach 127.0.0.1 only. */
  open(path: string, options?: { key?: string | null; colorScheme?: 'light' | 'dark' }): Promise<{ page: Page; context: BrowserContext; offsite: string[]; cspViolations: string[] }>;
  /** A GraphQL answer's data; throws with the errors if there were any. */
  data<T = Any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/** The lines of the platform's log (one JSON entry a line) that match `pattern`: what a test shows when something went wrong. */
export const loggedLines = (platform: DevPlatform, pattern: RegExp) => platform.output().split('\n').filter((line) => pattern.test(line));

/** `traffic: false` starts with an empty store; `env` adds to the platform's environment (the loop's timers, say). */
export async function startConsoleFixture(options: { traffic?: boolean; env?: Record<string, string> } = {}): Promise<ConsoleFixture> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(`chromium not found at ${executablePath}: npm test installs it (apt-get install chromium), or set CHROMIUM_BIN`);
  // A fresh clone has no dist: the tests build it, as npm start does.
  await ensureConsoleBuilt();
  const platform = await startDevPlatform({ STORE_BATCH_MAX_WAIT_MS: '50', ...options.env });
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const data = async <T = Any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const answer = await platform.gql<T>(query, variables);
    if (answer.errors) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(answer.errors)}`);
    return answer.data!;
  };
  const oracle = loadOracle();
  if (options.traffic !== false) await loadOracleTraffic(platform, oracle, data);
  return {
    platform,
    browser,
    oracle,
    data,
    async open(path, { key = platform.key, colorScheme = 'light' } = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      const offsite: string[] = [];
      await context.route('**/*', (route) => {
        if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
        offsite.push(route.request().url());
        return route.abort('internetdisconnected');
      });
      if (key) await context.addInitScript(([name, value]) => sessionStorage.setItem(name, value), [KEY_STORAGE, key] as const);
      const page = await context.newPage();
      const cspViolations: string[] = [];
      page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));
      await page.goto(`${platform.url}${path}`);
      return { page, context, offsite, cspViolations };
    },
    async stop() {
      // A page retries a read that met INTERNAL_SERVER_ERROR, so a test can pass over one: its cause is printed here.
      const unexpected = loggedLines(platform, /"msg":"unexpected (resolver|gateway) error"/);
      if (unexpected.length) process.stderr.write(`the platform answered ${unexpected.length} INTERNAL_SERVER_ERROR(s), logged as:\n${unexpected.join('\n').slice(-8_000)}\n`);
      await browser.close();
      await platform.stop();
    },
  };
}

/**
 * The oracle's traffic (churn and ltv), churn's reference window stored as
 * the oracle's day 0 (so the pages' "current" window is its day 1), and
 * churn registered: v1 champion with an offline accuracy of 0.90, v2 a
 * candidate at 0.85 (a promotion of v2 must fail the gate).
 */
async function loadOracleTraffic(platform: DevPlatform, oracle: Oracle, data: ConsoleFixture['data']) {
  const { predictions, feedback } = oracleRecords(oracle);
  await postAll(platform.url, platform.key, '/v1/predictions', predictions);
  await postAll(platform.url, platform.key, '/v1/feedback', feedback);
  await eventually(async () => {
    const { models } = await data<{ models: { labeledCount: number }[] }>('{ models { labeledCount } }');
    return models.length === 2 && models.every((m) => m.labeledCount === oracle.feedback.length);
  }, 90_000);
  await data(`mutation($w: TimeRangeInput!) { setReferenceWindow(model: "churn", window: $w) { from } }`, { w: { from: iso(oracle.t0), to: iso(oracle.t0 + oracle.dayMs) } });
  await data(`mutation { registerModel(input: { name: "churn", primaryMetric: ACCURACY, protectedSlices: ["tags.country"], gate: { minImprovement: 0, maxSliceRegression: 0.01, minSamples: 100 } }) { name } }`);
  for (const [version, accuracy] of [['v1', 0.9], ['v2', 0.85]] as const) {
    await data(`mutation($v: String!) { registerModelVersion(input: { model: "churn", version: $v, artifact: { files: [{ path: "weights.bin", contentBase64: "AAAA" }], format: OTHER } }) { version } }`, { v: version });
    await data(`mutation($v: String!, $a: Float!) { recordEvaluation(input: { model: "churn", version: $v, values: [{ metric: ACCURACY, value: $a, sampleCount: 1000 }] }) { id } }`, { v: version, a: accuracy });
  }
  await data(`mutation { promote(model: "churn", version: "v1", stage: CHAMPION, reason: "first champion") { sequence } }`);
}

/** axe-core's serious and critical violations on the page as it is now (axe's source injected over CDP, which the CSP does not govern). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as Any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as Any[]).map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n: Any) => n.target.join(' ')).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

