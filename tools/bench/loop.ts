/**
 * `npm run bench:loop`: the continual-learning loop's efficacy (issue 13,
 * part 5) on two drift streams, each with its drift confined to DE — the
 * rotating hyperplane (DE's plane turned by 120°) and a SEA concept switch
 * (DE's θ 10 → 6) — on one platform process of its own, through the public
 * API only (tools/demo). Printed, per stream:
 *  1. detection on live traffic: the delay from the concept switch to the
 *     monitor's alert, against the monitor's window (live-detection.ts);
 *  2. the loop on replayed weeks (story.ts): detection of the drifted week,
 *     accuracy per country before / during / after, the gate's per-slice
 *     change against ε, and breach → promoted champion with each step's share;
 *  3. learning curves: MARGIN, HYBRID and RANDOM at equal label budgets,
 *     medians over seeds, and the share of the full budget at which each
 *     reaches RANDOM's accuracy at the full budget (curves.ts).
 * Sizes: BENCH_LOOP_WEEKLY, BENCH_LOOP_BUDGET, BENCH_CURVE_POOL,
 * BENCH_CURVE_BUDGET, BENCH_CURVE_STEPS, BENCH_CURVE_SEEDS,
 * BENCH_LIVE_WINDOW_S, BENCH_LIVE_RATE.
 */
import { publicApi, type Any } from '../demo/api.ts';
import { timingLines, breachToPromotion } from '../demo/breach-timing.ts';
import { curveLines } from '../demo/curves-report.ts';
import { learningCurves } from '../demo/curves.ts';
import { liveDetection, liveLine } from '../demo/live-detection.ts';
import { detectionLine, firstAlert } from '../demo/report.ts';
import { runDemo, type DemoOutcome } from '../demo/story.ts';
import { hyperplaneStream } from '../demo/stream-hyperplane.ts';
import { seaStream } from '../demo/stream-sea.ts';
import { COUNTRIES, DRIFTED } from '../demo/stream.ts';
import { startBenchPlatform } from './platform.ts';
import { size, TOY } from './sizes.ts';

const WEEKLY = size('BENCH_LOOP_WEEKLY', 3000, 700);
const LOOP_BUDGET = size('BENCH_LOOP_BUDGET', 300, 100);
const CURVE_POOL = size('BENCH_CURVE_POOL', 1500, 450);
const CURVE_BUDGET = size('BENCH_CURVE_BUDGET', 250, 120);
const CURVE_STEPS = size('BENCH_CURVE_STEPS', 5, 2);
const SEEDS = size('BENCH_CURVE_SEEDS', 3, 1);
const LIVE_WINDOW_S = size('BENCH_LIVE_WINDOW_S', 60, 12);
const LIVE_RATE = 3 * Math.round(size('BENCH_LIVE_RATE', 15, 15) / 3);

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
/** Full size: one stream after the other, so that each one's timings are its own; toy size (figures not judged): both at once. */
const forStreams = async <S, T>(streams: S[], fn: (s: S) => Promise<T>): Promise<T[]> => {
  if (TOY) return Promise.all(streams.map(fn));
  const out: T[] = [];
  for (const s of streams) out.push(await fn(s));
  return out;
};
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '  –  ' : `${(100 * v).toFixed(1)} %`);

/** Accuracy per country before / during / after, DE's recovery, and the gate's change per slice against ε. */
function recoveryLines(o: DemoOutcome): string[] {
  const gate = o.steps.find((s: Any) => s.name === 'gate')?.output?.gate;
  const change = (c: string) => gate?.slices.find((s: Any) => s.slice === `tags.country=${c}`)?.improvement as number | undefined;
  const { before, during, after } = o.accuracy;
  return [
    `loop run ${o.runId}: ${o.status}, champion ${o.champion}, ${o.labelsAnswered} labels answered; gate ${gate?.passed ? 'passed' : 'refused'} (ε 0.05, shadow-scored week); "after" is the retrained version on the next day, promoted or not`,
    ...COUNTRIES.map((c) => `   ${c}  v1 before ${pct(before[c]?.accuracy)}  v1 during ${pct(during[c]?.accuracy)}  retrained after ${pct(after[c]?.accuracy)}` +
      `  (${(100 * (after[c]?.accuracy ?? NaN) / (before[c]?.accuracy ?? NaN)).toFixed(1)} % of before)  gate ${change(c) === undefined ? '–' : `${change(c)! >= 0 ? '+' : ''}${change(c)!.toFixed(3)}`}${c === DRIFTED ? '  ← drifted' : ''}`),
  ];
}

const platform = await startBenchPlatform('bench-loop', { TIDELINE_MONITOR_MIN_INTERVAL: '1s', LOOP_WATCH_CHECK_MS: '300', LOOP_POLL_MS: '300', TRAINER_CONCURRENCY: '2' });
try {
  const url = platform.platform.url;
  const api = publicApi(url, platform.key);
  const streams = [hyperplaneStream((2 * Math.PI) / 3), seaStream()];
  log(`platform up; live detection, both streams at once (window ${LIVE_WINDOW_S} s, ${LIVE_RATE} requests/s each, labels at once)`);
  const live = await Promise.all(streams.map((s) => liveDetection(api, s, { window: `${LIVE_WINDOW_S}s`, interval: '2s', rate: LIVE_RATE })));

  const stories = await forStreams(streams, (stream) => {
    log(`the loop on ${stream.name}: ${WEEKLY} rows a week, label budget ${LOOP_BUDGET}`);
    return runDemo({ url, key: platform.key, weekly: WEEKLY, monitorInterval: '2s', watchPeriod: TOY ? '5s' : '20s', labelBudget: LOOP_BUDGET, stream, say: () => undefined });
  });

  const budgets = Array.from({ length: CURVE_STEPS }, (_, i) => Math.round((CURVE_BUDGET * (i + 1)) / CURVE_STEPS));
  const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);
  const curves = await forStreams(streams, (stream) => {
    log(`learning curves on ${stream.name}: budgets ${budgets.join(', ')} of a ${CURVE_POOL}-row drifted week, seeds ${seeds.join(', ')}`);
    return learningCurves({ api, url, key: platform.key, stream, strategies: ['RANDOM', 'MARGIN', 'HYBRID'], budgets, seeds, weekly: CURVE_POOL, testRows: 900, concurrency: 4 });
  });

  console.log(`\nbench:loop  (${((Date.now() - started) / 1000).toFixed(0)} s in all; one platform process, 2 trainer workers)`);
  streams.forEach((stream, i) => {
    const o = stories[i]!;
    console.log(`\n── ${stream.name}: ${stream.drift}; ${stream.training.family} retraining ──`);
    console.log(`1. live: ${liveLine(live[i]!)}`);
    console.log(`2. replayed weeks: ${detectionLine(o)}`);
    for (const line of recoveryLines(o)) console.log(`   ${line}`);
    if (o.steps.some((s: Any) => s.name === 'promote' && s.finishedAt)) for (const line of timingLines(breachToPromotion(firstAlert(o).firedAt, o.steps))) console.log(`   ${line}`);
    curveLines(stream.name, curves[i]!, seeds.length).forEach((line, n) => console.log(n === 0 ? `3. ${line}` : line));
  });
} finally {
  await platform.stop();
}
