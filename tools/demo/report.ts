/** The demo's closing: detection, breach → promotion per step, accuracy per country before / during / after, and the GraphQL that shows the whole story. */
import { parseDuration } from '@tideline/runtime';
import { breachToPromotion, timingLines } from './breach-timing.ts';
import { DRIFTED } from './stream.ts';
import type { DemoOutcome } from './story.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '   –  ' : `${(100 * v).toFixed(1).padStart(5)}%`);
/** Milliseconds of a monitor duration the demo writes ("2s", "1m", "7d"); one it did not write is a bug here, so it throws. */
export function durationMs(d: string): number {
  const ms = parseDuration(d);
  if (ms === undefined) throw new Error(`the demo wrote '${d}', which is not a duration`);
  return ms;
}

/** The breach: the earliest alert (every alert the monitor raised is listed, so a false one on another slice shows). */
export function firstAlert(o: DemoOutcome) {
  const alerts = [...o.detection.alerts].sort((a, b) => a.firedAt.localeCompare(b.firedAt));
  if (!alerts.length) throw new Error(`no alert on ${o.model}`);
  return alerts[0]!;
}

/** Detection of replayed traffic: the drifted week is in the store before the monitor is enabled, so every evaluation's window holds it; `tick` counts evaluations from the enabling. */
export function detectionLine(o: DemoOutcome): string {
  const alert = firstAlert(o);
  const delay = new Date(alert.firedAt).getTime() - new Date(o.detection.enabledAt).getTime();
  const tick = Math.max(1, Math.ceil(delay / durationMs(o.detection.interval)));
  const slices = [...new Set(o.detection.alerts.map((a) => a.slice))].join(', ');
  return `detection: alerts on ${slices}; the first (${alert.slice}, ${alert.value.toFixed(3)} < ${alert.threshold}) at evaluation ${tick} after enabling (its tick ${(delay / 1000).toFixed(1)} s from the enabling: ticks fall on the interval's boundaries; interval ${o.detection.interval})`;
}

export function narrateOutcome(o: DemoOutcome, url: string, print: (line: string) => void): void {
  print(`\n⑤ Loop run ${o.runId}: ${o.status}; champion now ${o.champion}; ${o.labelsAnswered} labels answered from the queue.`);
  print(`   ${detectionLine(o)}`);
  if (o.steps.some((s) => s.name === 'promote' && s.finishedAt)) for (const line of timingLines(breachToPromotion(firstAlert(o).firedAt, o.steps))) print(`   ${line}`);
  print('\n   accuracy    before (v1)   during (v1)   after (' + o.champion + ')');
  for (const country of Object.keys(o.accuracy.before).sort()) {
    const row = (['before', 'during', 'after'] as const).map((p) => pct(o.accuracy[p][country]?.accuracy).padStart(12)).join('  ');
    print(`   ${country.padEnd(9)}${row}${country === DRIFTED ? '   ← drifted in week 3' : ''}`);
  }
  print(`
⑥ See it all through the GraphQL API (${url}/graphql, Authorization: Bearer <key>):

  { loopRun(id: "${o.runId}") { status trigger { kind detail } decision { action reasons { code message evidence } }
      steps { name status startedAt finishedAt output error } } }
  { alerts(model: "${o.model}") { monitorName slice { field value } value threshold firedAt state } }
  { model(name: "${o.model}") { champion { version } stageHistory { version to reason gate { passed } } } }
  { retrainingDecision(model: "${o.model}") { action confidence reasons { code message } } }
  { sliceMetrics(model: "${o.model}", metrics: [ACCURACY], groupBy: ["tags.country", "modelVersion"],
      window: { from: "<3 weeks ago>", to: "<now>" }) { key { field value } labeledCount values { value } } }
`);
}
