/**
 * `npm run bench:drift`: numeric drift (PSI, KS, WASSERSTEIN) at the sizes of
 * issue 14, through the gateway of a platform process, against the rows
 * pulled into Node and computed there (drift-baseline.ts), same run, same data.
 *  1. 20 numeric features, 1M reference versus 1M current rows (target ≤ 2 s).
 *  2. The wide table of issue 14: 1,000 numeric features, 100k versus 100k
 *     rows, all of them in one report (target ≤ 15 s, bounded memory: the
 *     platform's peak RSS is printed).
 *  The first again with `approximate: true` (binned statistics with error
 *  bounds), with the ratio to the exact report and the largest errorBound
 *  (a report of more than 100 numeric features is answered exactly).
 * Besides the wall time, the platform process's CPU time per report (user +
 * system, all its threads, from /proc): on a shared machine the wall time
 * depends on the other processes, the CPU time much less; CPU / wall shows
 * how many cores a report kept busy.
 * Data are generated inside ClickHouse (INSERT … SELECT FROM numbers()).
 * Sizes: BENCH_DRIFT_ROWS, BENCH_WIDE_FEATURES, BENCH_WIDE_ROWS,
 * BENCH_RUNS, BENCH_WIDE_RUNS (BENCH_TOY=1: toy sizes).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { evalstoreMigrations } from '@tideline/evalstore';
import { dataOf, keyGraphql, startNatsServer, tempDir } from '@tideline/testing';
import { driftInNode } from './drift-baseline.ts';
import { size } from './sizes.ts';
import { medianMs, prepareBenchData, startPlatformOnBenchData, timed } from './timing.ts';

const ROWS = size('BENCH_DRIFT_ROWS', 1_000_000, 5_000);
const WIDE_FEATURES = size('BENCH_WIDE_FEATURES', 1_000, 50);
const WIDE_ROWS = size('BENCH_WIDE_ROWS', 100_000, 2_000);
const RUNS = size('BENCH_RUNS', 3, 1);
const WIDE_RUNS = size('BENCH_WIDE_RUNS', RUNS, 1);
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const names = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);

/** `rows` per window of `features` numeric features, over two days; the second day shifts the even features by 0.5. */
async function generate(client: ClickHouseClient, project: string, model: string, features: number, rows: number) {
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, score, version)
      SELECT {project:String}, {model:String}, 'v1', toString(number), 'BINARY',
        fromUnixTimestamp64Milli(toInt64(${T0} + intDiv(number * ${2 * DAY}, ${2 * rows}))), now64(3),
        mapFromArrays(arrayMap(i -> concat('f', toString(i)), range(${features})),
          arrayMap(i -> (cityHash64(number, i) % 1000000) / 100000.0 + if(number >= ${rows} AND i % 2 = 0, 0.5, 0), range(${features}))),
        0.5, 1
      FROM numbers(${2 * rows})`,
    query_params: { project, model },
  });
}

/** CPU time (user + system, every thread) the process has used so far (Linux), in ms. */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks: USER_HZ is 100 on Linux
};

/** The platform's peak resident memory so far (Linux), in MB. */
const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

const dir = tempDir('tideline-bench-drift-');
const nats = await startNatsServer();
try {
  const { project, key, clickhouseUrl, direct } = await prepareBenchData(nats.url, dir.path);
  const [, generateMs] = await timed(async () => {
    await migrate(direct, 'evalstore', evalstoreMigrations);
    await generate(direct, project, 'drift', 20, ROWS);
    await generate(direct, project, 'wide', WIDE_FEATURES, WIDE_ROWS);
    await direct.command({
      query: `INSERT INTO evalstore_fields SELECT DISTINCT project, model, 'features', arrayJoin(mapKeys(features_num)) FROM evalstore_predictions WHERE project = {project:String}`,
      query_params: { project },
    });
    await direct.command({ query: 'OPTIMIZE TABLE evalstore_predictions FINAL' });
  });
  // One run: the baseline moves every row through Node.
  const [, nodeDrift] = await timed(() => driftInNode(direct, project, names(20), { from: T0, to: T0 + DAY }, { from: T0 + DAY, to: T0 + 2 * DAY }));
  await direct.close();
  const platform = await startPlatformOnBenchData(nats.url, clickhouseUrl, dir.path);
  try {
    const gql = keyGraphql(`${platform.url}/graphql`, key);
    const iso = (ms: number) => new Date(ms).toISOString();
    /** Largest errorBound seen, by method (exact reports answer 0, so these are the approximate report's). */
    const bounds: Record<string, number> = {};
    const report = (model: string, features: string[], approximate = false) => async () => {
      const { driftReport } = dataOf(
        await gql<{ driftReport: { method: string; errorBound: number }[] }>(
          `query($m: String!, $f: [String!]!, $r: TimeRangeInput!, $c: TimeRangeInput!, $a: Boolean) {
            driftReport(model: $m, features: $f, methods: [PSI, KS, WASSERSTEIN], reference: $r, current: $c, approximate: $a) { feature method statistic errorBound } }`,
          { m: model, f: features.map((f) => `features.${f}`), r: { from: iso(T0), to: iso(T0 + DAY) }, c: { from: iso(T0 + DAY), to: iso(T0 + 2 * DAY) }, a: approximate },
        ),
      );
      if (driftReport.length !== 3 * features.length) throw new Error(`driftReport returned ${driftReport.length} entries, not ${3 * features.length}`);
      for (const e of driftReport) bounds[e.method] = Math.max(bounds[e.method] ?? 0, e.errorBound);
    };
    // Median wall time, and the platform's CPU time per report (warm-up included).
    const measure = async (runs: number, fn: () => Promise<void>) => {
      const cpu = cpuMs(platform.pid);
      const wall = await medianMs(runs, fn);
      return { wall, cpu: (cpuMs(platform.pid) - cpu) / (runs + 1) };
    };
    // The machine may be shared: its load average beside the figures says how much the wall times mean.
    const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' / ');
    const loadBefore = load();
    const narrow = await measure(RUNS, report('drift', names(20)));
    const wide = await measure(WIDE_RUNS, report('wide', names(WIDE_FEATURES)));
    const narrowApprox = await measure(RUNS, report('drift', names(20), true));
    const largest = `largest errorBound KS ${bounds.KS?.toPrecision(2)}, WASSERSTEIN ${bounds.WASSERSTEIN?.toPrecision(2)}, PSI ${bounds.PSI?.toPrecision(2)}`;
    const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;
    const cpu = (m: { wall: number; cpu: number }) => `platform CPU ${fmt(m.cpu)} a report, ${(m.cpu / m.wall).toFixed(1)} cores busy`;
    const n = (x: number) => x.toLocaleString('en-US');
    console.log(`
bench:drift  (medians of ${RUNS} runs (wide: ${WIDE_RUNS}) after one warm-up; data generated in ClickHouse in ${fmt(generateMs)})
  driftReport PSI, KS, WASSERSTEIN · 20 numeric features · ${n(ROWS)} vs ${n(ROWS)} rows
    through the gateway:                   ${fmt(narrow.wall)}   (target ≤ 2,000 ms; ${cpu(narrow)})
    rows pulled into Node, computed there:  ${fmt(nodeDrift)}   (one run; ${(nodeDrift / narrow.wall).toFixed(1)}× the gateway)
    approximate: true:                     ${fmt(narrowApprox.wall)}   (${(narrow.wall / narrowApprox.wall).toFixed(1)}× faster than exact; ${cpu(narrowApprox)}; ${largest})
  wide table · ${n(WIDE_FEATURES)} numeric features · ${n(WIDE_ROWS)} vs ${n(WIDE_ROWS)} rows, all in one report
    through the gateway:                   ${fmt(wide.wall)}   (target ≤ 15,000 ms; ${cpu(wide)})
  platform process peak RSS (chDB included): ${Math.round(peakRssMb(platform.pid))} MB
  load average (1 / 5 / 15 min) before the reports: ${loadBefore}, after: ${load()}`);
  } finally {
    await platform.stop();
  }
} finally {
  await nats.stop();
  dir.remove();
}
