/**
 * `npm run bench:console`: the web console's model pages on a large model, as
 * the browser measures them (performance timings, not a guess): Debian's
 * chromium loads the models page and churn's performance page of a platform
 * holding BENCH_CONSOLE_ROWS predictions (1M by default; 10M with
 * BENCH_CONSOLE_ROWS=10000000), 70 % labeled, over 14 days, and reports
 * per page the median, over BENCH_RUNS loads after a warm-up, of
 * DOMContentLoaded, the first figures on screen, when the page is usable
 * (its first figure drawn and its main thread free: PAGES says exactly), all
 * of its figures (every card's decision on the models page; the whole
 * series, the slice table, its trends and the two-field heatmap on the
 * performance page) and the last query's answer, with each GraphQL
 * operation in the order sent, when it left and was answered (User Timing
 * measures the console records), and the JavaScript the browser downloaded
 * (gzipped bytes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { evalstoreMigrations } from '@tideline/evalstore';
import { chromiumPath, startNatsServer, tempDir } from '@tideline/testing';
import { median } from './traffic.ts';
import { size, TOY } from './sizes.ts';
import { prepareBenchData, startPlatformOnBenchData, timed } from './timing.ts';

const ROWS = size('BENCH_CONSOLE_ROWS', 1_000_000, 5_000);
const RUNS = size('BENCH_RUNS', 5, 1);
const T0 = Date.UTC(2026, 0, 1);
const SPAN_MS = 14 * 86_400_000;

/** The store's tables filled as ingest would: churn, binary, tags country and device, features x1 and x2, 70 % labeled by feedback. */
async function fill(client: ClickHouseClient, project: string) {
  await migrate(client, 'evalstore', evalstoreMigrations);
  const score = '(cityHash64(number) % 1000000) / 1000000.0';
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, tags, features_num, score, version)
      SELECT {project:String}, 'churn', 'v1', concat('p', toString(number)), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + intDiv(number * ${SPAN_MS}, ${ROWS}))),
        now64(3), map('country', ['BR', 'US', 'DE', 'IN', 'JP'][number % 5 + 1], 'device', ['ios', 'android', 'web'][number % 3 + 1]),
        map('x1', (cityHash64(number, 1) % 1000) / 250.0 - 2, 'x2', (cityHash64(number, 2) % 1000) / 250.0 - 2), ${score}, 1
      FROM numbers(${ROWS})`,
    query_params: { project },
  });
  await client.command({
    query: `INSERT INTO evalstore_feedback (project, model, prediction_id, task, ts, received_at, label_positive, version)
      SELECT {project:String}, 'churn', concat('p', toString(number)), 'BINARY', now64(3), now64(3), (cityHash64(number, 9) % 1000000) / 1000000.0 < ${score}, 1
      FROM numbers(${ROWS}) WHERE number % 10 < 7`,
    query_params: { project },
  });
  // Bulk inserts bypass the store's writer, which records each model's field names.
  await client.command({
    query: `INSERT INTO evalstore_fields SELECT DISTINCT project, model, field.1, field.2 FROM evalstore_predictions
      ARRAY JOIN arrayConcat(arrayMap(k -> ('tags', k), mapKeys(tags)), arrayMap(k -> ('features', k), mapKeys(features_num))) AS field
      WHERE project = {project:String}`,
    query_params: { project },
  });
  await client.command({ query: 'OPTIMIZE TABLE evalstore_predictions FINAL' });
  await client.command({ query: 'OPTIMIZE TABLE evalstore_feedback FINAL' });
}

// Per page, when its first figures appear, when it is usable and when all of its figures have (each selector present: the slowest query's answer on screen).
// Usable: the first figure is drawn and the main thread is free to answer input, i.e. the later of the first figure and the end of the
// last long task (Long Tasks API, > 50 ms) that began before it; the page's filters are drawn before its first figure.
const PAGES = [
  // A figure whose query failed counts as shown (it shows the API's error code); the run then reports it.
  { name: 'models', path: '/', first: '[data-model="churn"] [data-fact="Predictions"] dd', all: ['[data-model="churn"] [data-fact="Decision"] :is(.badge, [data-error])'] },
  // The first figure is the metric's series (its chart and table: the latest buckets, which the page asks for first; apps/console
  // recent-first-series.ts); then the whole series, the slice table, each slice's trend and the country × device heatmap.
  {
    name: 'model performance',
    path: '/models/churn',
    first: '[data-testid="metric-points"] tbody tr',
    all: ['[data-series="complete"] [data-testid="metric-points"] tbody tr', '[data-testid="slices"] tbody tr', '[data-testid="slices"] svg.spark', '[data-testid="heatmap"] td.heat-cell'],
  },
];

interface Load {
  dcl: number;
  first: number;
  usable: number;
  all: number;
  answered: number;
  js: number;
  /** Each GraphQL operation: its name, when it was sent and when answered (ms from the navigation's start). */
  operations: [string, number, number][];
}

/** Runs in the page before its scripts: keeps every long task (> 50 ms of main-thread work), which delays any input. */
function recordLongTasks() {
  const tasks: [number, number][] = [];
  (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push([e.startTime, e.startTime + e.duration]))).observe({ type: 'longtask', buffered: true });
}

/** Runs in the page once every query is answered: its timings, and when it became usable (see PAGES). */
function readTimings(firstAt: number): Omit<Load, 'first' | 'all'> {
  // The console measures each GraphQL operation (libs/console-ui api.ts).
  const measures = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('graphql '));
  const tasks = (window as unknown as { longTasks: [number, number][] }).longTasks;
  return {
    usable: Math.max(firstAt, ...tasks.filter(([start]) => start < firstAt).map(([, end]) => end)),
    answered: Math.max(0, ...measures.map((m) => m.startTime + m.duration)),
    dcl: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    js: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).reduce((sum, r) => sum + (r as PerformanceResourceTiming).encodedBodySize, 0),
    // An operation sent more than once (the series' recent then earlier buckets) is told apart by its rank: Series, Series 2.
    operations: measures.map((m, i) => {
      const rank = measures.slice(0, i).filter((earlier) => earlier.name === m.name).length + 1;
      return [`${m.name.slice(8)}${rank > 1 ? ` ${rank}` : ''}`, m.startTime, m.startTime + m.duration];
    }),
  };
}

/** A page's medians, and its GraphQL operations in the order they were sent: when each left and was answered, and its time. */
function report(name: string, loads: Load[]): string[] {
  const ms = (values: number[]) => `${Math.round(median(values)).toLocaleString('en-US')} ms`;
  const names = [...new Set(loads.flatMap((l) => l.operations.map(([op]) => op)))];
  const operations = names
    .map((op) => {
      const runs = loads.flatMap((l) => l.operations.filter(([o]) => o === op));
      return { op, sent: median(runs.map(([, s]) => s)), answered: median(runs.map(([, , e]) => e)), took: median(runs.map(([, s, e]) => e - s)) };
    })
    .sort((a, b) => a.sent - b.sent);
  return [
    `  ${name.padEnd(18)} DOMContentLoaded ${ms(loads.map((l) => l.dcl))}, first figures ${ms(loads.map((l) => l.first))}, usable ${ms(loads.map((l) => l.usable))}, all figures ${ms(loads.map((l) => l.all))}, every query answered ${ms(loads.map((l) => l.answered))}; JS downloaded ${(loads[0]!.js / 1024).toFixed(1)} kB gzipped`,
    `  ${''.padEnd(18)} GraphQL operations, in the order sent (median ms from navigation: sent → answered, took): ${operations.map((o) => `${o.op} ${Math.round(o.sent)} → ${Math.round(o.answered)} (${Math.round(o.took)})`).join(', ')}`,
  ];
}

// The console as npm start serves it: built by its own script when missing or stale.
if (spawnSync('npx', ['tsx', 'apps/console/build.ts'], { stdio: 'inherit' }).status !== 0) throw new Error('building the console failed');
const executablePath = chromiumPath();
if (!existsSync(executablePath)) throw new Error(`chromium not found at ${executablePath}: apt-get install chromium, or set CHROMIUM_BIN`);
const dir = tempDir('tideline-bench-console-');
const nats = await startNatsServer();
try {
  const { project, key, clickhouseUrl, direct } = await prepareBenchData(nats.url, dir.path);
  const [, fillMs] = await timed(() => fill(direct, project));
  await direct.close();
  const platform = await startPlatformOnBenchData(nats.url, clickhouseUrl, dir.path);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  try {
    const results: string[] = [];
    for (const { name, path, first, all } of PAGES) {
      const loads: Load[] = [];
      for (let run = 0; run <= RUNS; run++) {
        // A new context each time: a first visit, nothing cached.
        const context = await browser.newContext();
        await context.addInitScript((k) => sessionStorage.setItem('tideline:console-key', k), key);
        await context.addInitScript(recordLongTasks);
        const page = await context.newPage();
        await page.goto(`${platform.url}${path}`);
        // performance.now() counts from the navigation's start: the moment the content appeared.
        const appeared = (selector: string) => page.waitForFunction((sel) => document.querySelector(sel) && performance.now(), selector, { polling: 'raf', timeout: 600_000 }).then((h) => h.jsonValue() as Promise<number>);
        const [firstAt, ...allAt] = await Promise.all([appeared(first), ...all.map(appeared)]);
        // Every query answered (the estimate too, which has no figure of its own): no request for half a second.
        await page.waitForLoadState('networkidle', { timeout: 600_000 });
        const timings = await page.evaluate(readTimings, firstAt!);
        const failed = await page.locator('[data-error], [role="alert"]').allInnerTexts();
        if (failed.length) console.log(`  ${name}: shown as failed: ${failed.join(' | ')}`);
        if (run > 0) loads.push({ ...timings, first: firstAt!, all: Math.max(...allAt) }); // the first load warms the server's caches
        await context.close();
      }
      results.push(...report(name, loads));
    }
    console.log(`\nbench:console — ${ROWS.toLocaleString('en-US')} predictions (70 % labeled, 14 days), median of ${RUNS} first-visit loads after a warm-up${TOY ? ' (toy size)' : ''}; data generated in ${(fillMs / 1000).toFixed(1)} s`);
    console.log(results.join('\n'));
  } finally {
    await browser.close();
    await platform.stop();
  }
} finally {
  await nats.stop();
  dir.remove();
}
