/**
 * The console's two-field slice heatmap, lineage graph and artifact downloads
 * in a real browser against `npm start` with the oracle's traffic: the
 * heatmap's cells equal the API's metric for the same two-field slice, the
 * lineage graph of a version registered with a dataset, a training run and a
 * parent shows those nodes and edges, and an artifact file downloaded through
 * the page has the registry's sha256 digest. The registry subgraph is
 * reached through a link in the test's process (subgraphLink) that can answer
 * 500 to the registry page's reads: a read that fails once is asked again
 * before the page shows an error; one that keeps failing shows the error with
 * the request id the platform logged it under.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '@tideline/console-ui/format';
import { QUERY_RETRY_DELAYS_MS } from '@tideline/console-ui/retry';
import { subgraphLink, type SubgraphLink } from '@tideline/testing';
import { startConsoleFixture, type Any, type ConsoleFixture } from './console-fixture.ts';
import { LINEAGE_DATASET, registerVersionWithLineage } from './flows.ts';
import { openChecked } from './open-checked.ts';

let f: ConsoleFixture;
let registry: SubgraphLink;
/** How many of the registry page's next reads the link answers 500 (the gateway's INTERNAL_SERVER_ERROR). */
let failing = 0;
const REGISTRY_PAGE_READ = 'stageHistory'; // a field only the page's query asks the registry for
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 60_000, interval: 100 });
const iso = (ms: number) => new Date(ms).toISOString();
// v3 of churn: trained on a dataset by a run, retrained from v1, with a file of random bytes.
const WEIGHTS = randomBytes(4096);
const DATASET = LINEAGE_DATASET;

beforeAll(async () => {
  registry = await subgraphLink('registry', (body) => {
    if (failing === 0 || !body.includes(REGISTRY_PAGE_READ)) return;
    failing -= 1;
    return 500;
  });
  f = await startConsoleFixture({ env: registry.env });
  await registerVersionWithLineage(f.data, 'v3', 'v1', { 'model/weights.bin': WEIGHTS, 'model.json': Buffer.from('{}') });
}, 240_000);
afterAll(async () => {
  await f?.stop();
  await registry?.close();
});

describe('the console, slices and registry', () => {
  it("heatmap: country against device, each cell's metric and count equal to the API's for that two-field slice, cells reached by Tab", async () => {
    const path = '/models/churn?groupBy=tags.country&heatBy=tags.device';
    const { page, context } = await openChecked(f, path, '[data-testid="heatmap"] td.heat-cell');
    const cells = page.locator('[data-testid="heatmap"] td.heat-cell');
    const all = { from: iso(f.oracle.t0), to: iso(Math.max(...f.oracle.predictions.map((p) => p.ts)) + 1) };
    const countries = new Set(f.oracle.predictions.map((p) => p.country));
    const devices = new Set(f.oracle.predictions.map((p) => p.device));
    expect(await cells.count()).toBe(countries.size * devices.size); // the oracle has every combination
    for (const [country, device] of [['BR', 'web'], ['US', 'ios'], [[...countries].at(-1)!, [...devices].at(-1)!]]) {
      const slice = { and: [{ field: 'tags.country', op: 'EQ', value: country }, { field: 'tags.device', op: 'EQ', value: device }] };
      const api = await f.data(`query($w: TimeRangeInput!, $s: SliceFilterInput) { metric(model: "churn", metric: ACCURACY, window: $w, slice: $s) { points { value sampleCount } } }`, { w: all, s: slice });
      const [{ value, sampleCount }] = api.metric.points;
      expect(sampleCount).toBe(f.oracle.predictions.filter((p) => p.country === country && p.device === device).length);
      const cell = page.locator(`[data-testid="heatmap"] td[data-row="${country}"][data-col="${device}"]`);
      expect(await cell.getAttribute('aria-label')).toBe(`tags.country=${country}, tags.device=${device}: ACCURACY ${formatNumber(value)}, ${formatNumber(sampleCount)} predictions`);
      expect((await cell.innerText()).split(/\s+/)).toEqual([formatNumber(value), `n=${formatNumber(sampleCount)}`]);
    }
    // The worst and the best cell differ in colour; keyboard: from the field's select, Tab reaches the grid, then its first cell.
    const labels = await cells.evaluateAll((tds) => tds.map((td) => getComputedStyle(td).backgroundColor));
    expect(new Set(labels).size).toBeGreaterThan(1);
    await page.locator('#heat-by').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const first = await cells.first().getAttribute('aria-label');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(first);
    await context.close();
    // The dark scheme: the same cells, no contrast violation.
    const dark = await openChecked(f, path, '[data-testid="heatmap"] td.heat-cell', { colorScheme: 'dark' });
    expect(await dark.page.locator('[data-testid="heatmap"] td.heat-cell').count()).toBe(countries.size * devices.size);
    await dark.context.close();
  });

  it('lineage: v3 registered with a dataset, a training run and parent v1 shows those nodes and edges, its node leads to its row', async () => {
    const { page, context } = await openChecked(f, '/models/churn/registry', '[data-testid="lineage"]');
    const { lineage } = await f.data(`{ lineage(model: "churn", version: "v3") { dataset { id } trainingRun { id } parent { version } } }`);
    expect(lineage).toEqual({ dataset: { id: DATASET.id }, trainingRun: { id: 'run-7' }, parent: { version: 'v1' } });
    const graph = page.locator('[data-testid="lineage"]');
    const ids = await graph.locator('[data-node]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node')));
    expect(ids.sort()).toEqual([`dataset:${lineage.dataset.id}`, `run:${lineage.trainingRun.id}`, 'version:v1', 'version:v2', 'version:v3']);
    const edges = await graph.locator('[data-edge]').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-edge')));
    expect(edges.sort()).toEqual([`dataset:${DATASET.id}→run:run-7`, 'run:run-7→version:v3', `version:${lineage.parent.version}→version:v3`].sort());
    expect(await graph.locator('[data-node="run:run-7"]').getAttribute('aria-label')).toBe('training run run-7');
    // Every edge points right: the dataset, the run, the parent and v3 in that order across.
    const at = (id: string, axis: 'x' | 'y') => graph.locator(`[data-node="${id}"] rect`).getAttribute(axis).then(Number);
    expect([await at(`dataset:${DATASET.id}`, 'x'), await at('run:run-7', 'x'), await at('version:v1', 'x'), await at('version:v3', 'x')]).toEqual([0, 1, 2, 3].map((layer) => 8 + layer * 224));
    // v3's dataset and run on its line, none on v1's or v2's: the run → v3 edge passes behind no other version.
    const v3Line = await at('version:v3', 'y');
    expect([await at(`dataset:${DATASET.id}`, 'y'), await at('run:run-7', 'y')]).toEqual([v3Line, v3Line]);
    expect([await at('version:v1', 'y'), await at('version:v2', 'y')]).not.toContain(v3Line);
    await graph.locator('[data-node="version:v3"]').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => location.hash)).toBe('#version-v3');
    await context.close();
  });

  it("artifact downloads: a file saved through the page has the registry's sha256 digest", async () => {
    const { page, context } = await openChecked(f, '/models/churn/registry', '[data-testid="versions"] tbody tr');
    const { model } = await f.data(`{ model(name: "churn") { version(version: "v3") { artifact { files { path digest size } } } } }`);
    const file = model.version.artifact.files.find((x: Any) => x.path === 'model/weights.bin');
    expect(file.digest).toBe(`sha256:${createHash('sha256').update(WEIGHTS).digest('hex')}`);
    const link = page.getByRole('link', { name: `Download model/weights.bin of v3 (${formatNumber(file.size)} bytes)` });
    expect(await link.getAttribute('href')).not.toContain(f.platform.key);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
    expect(download.suggestedFilename()).toBe('weights.bin');
    const bytes = readFileSync((await download.path())!);
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(file.digest);
    await context.close();
  });

  it('a read the platform fails once is asked again and the page shows; one that keeps failing shows the error and the request id it was logged under', async () => {
    failing = 1;
    const once = await openChecked(f, '/models/churn/registry', '[data-testid="versions"] tbody tr');
    expect(failing).toBe(0); // the page's first read was refused
    expect(await once.page.locator('[role="alert"]').count()).toBe(0);
    await once.context.close();

    failing = 1 + QUERY_RETRY_DELAYS_MS.length; // the first read and every retry
    const always = await f.open('/models/churn/registry');
    const error = always.page.locator('[role="alert"]');
    await error.waitFor({ timeout: 60_000 });
    expect(failing).toBe(0);
    expect(await error.locator('code.code').innerText()).toBe('INTERNAL_SERVER_ERROR');
    const requestId = await error.locator('p', { hasText: 'request id' }).locator('code').innerText();
    expect(f.platform.output()).toContain(requestId);
    await always.context.close();
  }, 150_000);
});
