/** The demo's closing: accuracy per country before / during / after, and the GraphQL that shows the whole story. */
import { DRIFTED } from './stream.ts';
import type { DemoOutcome } from './story.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '   –  ' : `${(100 * v).toFixed(1).padStart(5)}%`);

export function narrateOutcome(o: DemoOutcome, url: string, print: (line: string) => void): void {
  print(`\n⑤ Loop run ${o.runId}: ${o.status}; champion now ${o.champion}; ${o.labelsAnswered} labels answered from the queue.`);
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
