/**
 * The CLI's commands other than ingest, each as its own process against the
 * whole platform as `npm start` runs it: projects and keys over the API with
 * an admin key (and bootstrap over NATS), demo-data, metrics, decision,
 * export dataset and watch. The project and key calls print their wall time
 * (process start to exit, what a user waits): measured, not asserted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { query } from 'chdb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataOf, eventually, freePort, postAll, startDevPlatform, startTcpProxy, tempDir, type DevPlatform, type TempDir } from '@tideline/testing';
import { COUNTRIES } from '../demo/stream.ts';
import { cliOk, runCli, startCli, type CliResult } from './cli-process.ts';

let platform: DevPlatform;
let natsPort: number;
let dir: TempDir;
let env: Record<string, string>;
beforeAll(async () => {
  natsPort = await freePort();
  platform = await startDevPlatform({ TIDELINE_NATS_PORT: String(natsPort), TIDELINE_MONITOR_MIN_INTERVAL: '1s' });
  dir = tempDir('tideline-cli-');
  env = { TIDELINE_URL: platform.url, TIDELINE_KEY: platform.key };
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  dir?.remove();
});

it('manages projects and keys over the API with an admin key, scoped to what the key created', async () => {
  const timings: [string, number][] = [];
  const timed = async (args: string[], extra: Record<string, string> = {}): Promise<CliResult> => {
    const result = await runCli(args, { ...env, ...extra });
    timings.push([args.join(' '), Math.round(result.ms)]);
    return result;
  };
  const created = await timed(['project', 'create', 'acme']);
  expect(created.code, created.stderr).toBe(0);
  const [acmeId, acmeKey] = created.stdout.trim().split('\t') as [string, string];
  expect(acmeId).toMatch(/^p_[0-9a-f]{16}$/);
  expect((await timed(['project', 'list'])).stdout).toMatch(new RegExp(`development[^\\n]*\\n${acmeId}\\tacme\\t`));
  // The new project's key sees its own project only, and is admin there.
  expect((await timed(['project', 'list'], { TIDELINE_KEY: acmeKey })).stdout.trim().split('\n').map((l) => l.split('\t')[1])).toEqual(['acme']);
  const ciKey = (await timed(['key', 'create', '--name', 'ci'], { TIDELINE_KEY: acmeKey })).stdout.trim();
  const listed = (await timed(['key', 'list'], { TIDELINE_KEY: acmeKey })).stdout.trim().split('\n').map((l) => l.split('\t'));
  expect(listed.map(([, name, role]) => [name, role])).toEqual([['owner', 'admin'], ['ci', 'member']]);
  const forbidden = await timed(['key', 'list'], { TIDELINE_KEY: ciKey });
  expect(forbidden.code).toBe(1);
  expect(forbidden.stderr).toContain('[FORBIDDEN]');
  expect((await timed(['key', 'revoke', listed[1]![0]!], { TIDELINE_KEY: acmeKey })).stderr).toContain("revoked key 'ci'");
  const refused = await runCli(['project', 'list', '--key', ciKey], env);
  expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('invalid API key [UNAUTHENTICATED]')]);
  // No answer at all: the SDK transport's NETWORK_ERROR, with the reason and what to do.
  const unreachable = await runCli(['project', 'list', '--url', `http://127.0.0.1:${await freePort()}`], env);
  expect([unreachable.code, unreachable.stderr]).toEqual([1, expect.stringMatching(/no answer from http:\/\/127\.0\.0\.1:\d+\/graphql: connect ECONNREFUSED .*npm start.*\[NETWORK_ERROR\]/)]);
  // Bootstrap needs no key: NATS directly.
  const boot = await timed(['bootstrap', 'beta'], { NATS_URL: `nats://127.0.0.1:${natsPort}`, TIDELINE_KEY: '' });
  expect(boot.code, boot.stderr).toBe(0);
  const betaKey = boot.stdout.trim().split('\t')[1]!;
  expect(await cliOk(['project', 'list', '--key', betaKey], env)).toMatch(/^p_[0-9a-f]{16}\tbeta\t/);
  console.log(`tideline call wall times (process start to exit):\n${timings.map(([c, ms]) => `  ${String(ms).padStart(5)} ms  ${c}`).join('\n')}`);
}, 240_000);

it('loads demo data, then prints metrics as the API computes them, the decision, a dataset export and live alerts', async () => {
  expect(await cliOk(['demo-data', '--rows', '1400'], env)).toContain('churn: 1400 predictions stored (1120 labeled), 2026-01-01T00:00:00.000Z → 2026-01-08T00:00:00.000Z');

  const table = (await cliOk(['metrics', 'churn', '--window', '2d', '--by', 'tags.country'], env)).split('\n').slice(2).map((l) => l.trim().split(/\s+/));
  // The CLI's window: 2 days up to the latest prediction.
  const { model } = dataOf(await platform.gql<{ model: { lastPredictionAt: string } }>('{ model(name: "churn") { lastPredictionAt } }'));
  const to = Date.parse(model.lastPredictionAt) + 1;
  const { sliceMetrics } = dataOf(
    await platform.gql<{ sliceMetrics: { key: { value: string }[]; sampleCount: number; values: { value: number }[] }[] }>(
      `query($window: TimeRangeInput!) { sliceMetrics(model: "churn", metrics: [ACCURACY, ROC_AUC, LOG_LOSS], groupBy: ["tags.country"], window: $window) {
        key { value } sampleCount values { value } } }`,
      { window: { from: new Date(to - 2 * 86_400_000).toISOString(), to: new Date(to).toISOString() } },
    ),
  );
  // The table's rows are the API's slices, worst first: DE (its rule flipped) under BR and US.
  expect(table.map((r) => r[0])).toEqual(sliceMetrics.map((s) => s.key[0]!.value));
  expect(table[0]![0]).toBe('DE');
  for (const [i, s] of sliceMetrics.entries()) expect(table[i]!.slice(3).map(Number)).toEqual(s.values.map((v) => Number(v.value.toFixed(4))));
  expect(Number(table[0]![3])).toBeLessThan(0.3);
  expect(Number(table[2]![3])).toBeGreaterThan(0.85);

  const { retrainingDecision } = dataOf(await platform.gql<{ retrainingDecision: { action: string } }>('{ retrainingDecision(model: "churn") { action } }'));
  expect(await cliOk(['decision', 'churn'], env)).toMatch(new RegExp(`^${retrainingDecision.action} .*\\(confidence [0-9.]+\\)\\n  [A-Z_]+: .+\\nbased on \\d+ labeled predictions`));

  const { curateDataset } = dataOf(
    await platform.gql<{ curateDataset: { rowCount: number } }>(
      `mutation { curateDataset(input: { id: "churn-week", model: "churn", windows: [{ from: "2026-01-01T00:00:00Z", to: "2026-01-08T00:00:00Z" }],
        splits: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 1 }) { rowCount } }`,
    ),
  );
  expect(curateDataset.rowCount).toBe(1120);
  const parquet = join(dir.path, 'week.parquet');
  expect((await runCli(['export', 'dataset', 'churn-week', '--format', 'parquet', '-o', parquet], env)).stderr).toContain(`written to ${parquet}`);
  expect(query(`SELECT count() FROM file('${parquet}', Parquet)`, 'TSV').trim()).toBe('1120');
  const csv = join(dir.path, 'train.csv');
  await cliOk(['export', 'dataset', 'churn-week', '--format', 'csv', '--split', 'train', '-o', csv], env);
  expect(readFileSync(csv, 'utf8').trim().split('\n').length - 1).toBeGreaterThan(700);
  expect((await cliOk(['export', 'dataset', 'churn-week', '--format', 'ndjson'], env)).split('\n').length).toBe(1120);

  // watch: connected first, then a monitor whose first evaluation fires on DE; Ctrl-C ends it with 0.
  const watch = startCli(['watch', 'churn'], env);
  await eventually(async () => watch.stderr().includes('watching churn'), 30_000, 50);
  dataOf(
    await platform.gql(`mutation { createMonitor(input: { name: "accuracy by country", model: "churn", check: { metric: ACCURACY }, groupBy: ["tags.country"],
      window: "1d", interval: "1s", anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.5 }, minSamples: 1, severity: CRITICAL }) { id } }`),
  );
  const fired = await eventually(async () => watch.stdout().split('\n').find((l) => l.includes('alert FIRED')), 60_000, 100);
  expect(fired).toMatch(/alert FIRED +CRITICAL ACCURACY on tags\.country=DE: 0\.\d+ \(threshold 0\.5\)/);
  // A monitor that allows the demo's countries, then traffic from one more: its evaluations fail (no alert event), and
  // watch says so once, with the API's reason.
  const capped = 'accuracy, at most the demo countries';
  dataOf(
    await platform.gql(`mutation { createMonitor(input: { name: "${capped}", model: "churn", check: { metric: ACCURACY }, groupBy: ["tags.country"],
      maxSeries: ${COUNTRIES.length}, window: "1d", interval: "1s", anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.1 } }) { id } }`),
  );
  const fr = { id: 'fr-1', model: 'churn', modelVersion: 'v1', timestamp: new Date(to).toISOString(), features: { x1: 0, x2: 0, country: 'FR' }, tags: { country: 'FR' }, output: { score: 0.5 } };
  await postAll(platform.url, platform.key, '/v1/predictions', [fr]);
  const failing = () => watch.stdout().split('\n').filter((l) => l.includes(`monitor ERROR     ${capped}`));
  await eventually(async () => failing().length > 0, 60_000, 100);
  expect(failing()[0]).toMatch(new RegExp(`: groupBy tags\\.country has ${COUNTRIES.length + 1} values in the window, past maxSeries \\(${COUNTRIES.length}\\)$`));
  // Evaluated every second, still failing: not a line per evaluation.
  const evaluations = async () => dataOf(await platform.gql<{ monitors: { name: string; status: { evaluatedAt: string } | null }[] }>('{ monitors(model: "churn") { name status { evaluatedAt } } }')).monitors.find((m) => m.name === capped)!.status!.evaluatedAt;
  const since = Date.parse(await evaluations());
  await eventually(async () => Date.parse(await evaluations()) >= since + 3_000, 30_000, 200);
  expect(failing()).toHaveLength(1);
  watch.child.kill('SIGINT');
  expect((await watch.done).code).toBe(0);
  expect(watch.stdout()).not.toMatch(/tags\.country=(BR|US)/);
}, 240_000);

it('watch follows through a dropped stream, printing once what changed while it was down', async () => {
  // The test above leaves churn with a firing alert (DE, threshold 0.5) and a monitor failing past maxSeries.
  const capped = 'accuracy, at most the demo countries';
  const monitors = async () =>
    dataOf(await platform.gql<{ monitors: { id: string; name: string; status: { outcome: string; evaluatedAt: string } | null }[] }>('{ monitors(model: "churn") { id name status { outcome evaluatedAt } } }'))
      .monitors;
  const alertsOf = async (monitorName: string, state?: string) =>
    dataOf(await platform.gql<{ alerts: { id: string; monitorName: string }[] }>(`{ alerts(model: "churn"${state ? `, state: ${state}` : ''}) { id monitorName } }`)).alerts.filter(
      (a) => a.monitorName === monitorName,
    );
  // A platform that never answered is a mistake to report, not a stream to wait for.
  const unreachable = await runCli(['watch', 'churn', '--url', `http://127.0.0.1:${await freePort()}`], env);
  expect([unreachable.code, unreachable.stderr]).toEqual([1, expect.stringMatching(/ECONNREFUSED.*\[NETWORK_ERROR\]/)]);
  const proxy = await startTcpProxy(platform.url);
  const watch = startCli(['watch', 'churn'], { ...env, TIDELINE_URL: proxy.url });
  try {
    await eventually(async () => watch.stderr().includes('watching churn'), 30_000, 50);
    const cappedLines = (outcome: string) => watch.stdout().split('\n').filter((l) => l.includes(`monitor ${outcome.padEnd(9)} ${capped}`));
    await eventually(async () => cappedLines('ERROR').length === 1, 30_000, 100);

    // Down: every stream cut and the gateway unreachable, while a new monitor fires and the failing one is mended.
    proxy.refusing = true;
    expect(proxy.cut()).toBeGreaterThanOrEqual(3);
    const below = 'accuracy below 0.99';
    dataOf(
      await platform.gql(`mutation { createMonitor(input: { name: "${below}", model: "churn", check: { metric: ACCURACY }, groupBy: ["tags.country"],
        window: "1d", interval: "1s", anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.99 }, minSamples: 1 }) { id } }`),
    );
    const cappedId = (await monitors()).find((m) => m.name === capped)!.id;
    dataOf(await platform.gql('mutation($id: ID!) { updateMonitor(id: $id, input: { maxSeries: 20 }) { id } }', { id: cappedId }));
    await eventually(async () => (await alertsOf(below, 'FIRING')).length > 0 && (await monitors()).find((m) => m.id === cappedId)!.status?.outcome === 'OK', 60_000, 200);
    expect(watch.stdout()).not.toContain('(threshold 0.99)'); // nothing reached it while down

    // Up again: each stream is opened again, and what it missed is printed.
    proxy.refusing = false;
    await eventually(async () => watch.stderr().split('\n').filter((l) => l.includes('stream is open again')).length === 3, 60_000, 100);
    const belowLines = () => watch.stdout().split('\n').filter((l) => l.includes('(threshold 0.99)'));
    await eventually(async () => belowLines().length > 0 && cappedLines('OK').length > 0, 30_000, 100);
    // A few more evaluations, each pushed live: still one line per alert, and one for the mended monitor.
    const evaluatedAt = async () => Date.parse((await monitors()).find((m) => m.name === below)!.status!.evaluatedAt);
    const since = await evaluatedAt();
    await eventually(async () => (await evaluatedAt()) >= since + 3_000, 30_000, 500);
    const fired = await alertsOf(below);
    expect(belowLines()).toHaveLength(fired.length);
    expect(belowLines().every((l) => / alert FIRED +WARNING ACCURACY on tags\.country=\w+: [\d.]+ \(threshold 0\.99\)$/.test(l))).toBe(true);
    expect(cappedLines('OK')).toHaveLength(1);
    // What was already firing when watch started is not news, then or after the reconnection.
    expect(watch.stdout()).not.toContain('(threshold 0.5)');
    expect(watch.stderr()).toContain('loop events sent while disconnected are not shown');
  } finally {
    watch.child.kill('SIGINT');
    await proxy.close();
  }
  expect((await watch.done).code).toBe(0);
}, 240_000);
