/**
 * The demo's story, step by step through the public API: three weeks of a
 * churn model's traffic where DE's concept changes in week 3 (a drift stream
 * of stream-*.ts); a per-country
 * accuracy monitor and a retraining policy; the loop detects the breach,
 * requests labels (answered here from the synthetic ground truth, as a
 * labeler would), trains, shadow-scores, passes the gate and promotes; the
 * next day's traffic, scored by the new champion, shows DE recovered.
 */
import { accuracyByCountry, publicApi, range, registerModel, until, type Any, type Api } from './api.ts';
import { answerLabels } from './labeler.ts';
import { COUNTRIES, feedback, prediction, rows, timeline, type DriftStream, type Row } from './stream.ts';

export interface DemoOptions {
  url: string;
  key: string;
  /** Rows per week; the day after gets a third of it (a busy day, so its accuracy per country is measured on enough rows). */
  weekly: number;
  /** The monitor's interval ("1m"; the platform's TIDELINE_MONITOR_MIN_INTERVAL bounds it). */
  monitorInterval: string;
  watchPeriod: string;
  labelBudget: number;
  /** The traffic, and how DE's concept changes in week 3. */
  stream: DriftStream;
  say: (line: string) => void;
}

export interface DemoOutcome {
  model: string;
  runId: string;
  champion: string;
  status: string;
  /** Accuracy per country: v1 before the drift, v1 during it, the new champion after. */
  accuracy: Record<'before' | 'during' | 'after', Record<string, { accuracy: number | null; labeled: number }>>;
  labelsAnswered: number;
  /** The run's steps with startedAt / finishedAt (ISO strings). */
  steps: Any[];
  /** Detection: when the monitor was enabled (the drifted week already in the store), its interval, and every alert it raised. */
  detection: { enabledAt: string; interval: string; alerts: { slice: string; value: number; threshold: number; firedAt: string }[] };
}

const RUN = `id status candidate trigger { kind detail } decision { action reasons { code message } } steps { name status startedAt finishedAt output error }`;

export async function runDemo(o: DemoOptions): Promise<DemoOutcome> {
  const api = publicApi(o.url, o.key);
  const model = `churn-${o.stream.name}-${Date.now().toString(36)}`;
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const t = timeline(now);
  const before = rows(o.stream, 2 * o.weekly, t.before, false, 1, 'b');
  const during = rows(o.stream, Math.round((6 * o.weekly) / 7), t.during, true, 2, 'd');
  const truth = new Map<string, Row>(during.map((r) => [r.id, r]));

  o.say(`① Replaying ${before.length + during.length} predictions of model "${model}" (countries ${COUNTRIES.join(', ')}): weeks 1–2 as usual, week 3 with ${o.stream.drift}.`);
  await api.post('/v1/predictions', [...before, ...during].map((r) => prediction(model, o.stream, r)));
  // Weeks 1–2 are fully labeled; in week 3 only every other label has arrived yet.
  const delivered = [...before, ...during.filter((_, i) => i % 2 === 0)];
  await api.post('/v1/feedback', delivered.map((r) => feedback(model, r)));
  await until(async () => (await api.gql(`{ model(name: "${model}") { labeledCount } }`)).model?.labeledCount === delivered.length, 120_000);
  await registerModel(api, model);
  await api.gql(`mutation { registerModelVersion(input: { model: "${model}", version: "v1", artifact: { files: [{ path: "rule.txt", contentBase64: "eDEgPiAw" }], format: OTHER } }) { version } }`);
  await api.gql(`mutation { promote(model: "${model}", version: "v1", stage: CHAMPION, reason: "the model in production") { version } }`);
  o.say(`   ${delivered.length} labels delivered; v1 registered as champion, country protected by the gate (ε 0.05).`);

  const monitor = await watchAccuracy(api, model, o);
  const { updateMonitor } = await api.gql(`mutation($m: ID!) { updateMonitor(id: $m, input: { enabled: true }) { updatedAt } }`, { m: monitor });
  o.say(`② Monitor "accuracy by country" (7d window, every ${o.monitorInterval}, < 0.8 is CRITICAL) and a retraining policy it triggers are set. Waiting for the breach…`);
  const alert = await until(async () => (await api.gql(`{ alerts(model: "${model}", state: FIRING) { monitorName slice { value } value threshold } }`)).alerts[0], 180_000);
  o.say(`   🔔 Breach: ${alert.monitorName} on country=${alert.slice.map((s: Any) => s.value).join(',')}: ${alert.value.toFixed(3)} < ${alert.threshold}`);

  const runId = await until(async () => (await api.gql(`{ retrainingPolicy(model: "${model}") { lastTriggers { run outcome } } }`)).retrainingPolicy.lastTriggers.find((x: Any) => x.run)?.run, 120_000);
  o.say(`③ The alert started loop run ${runId}.`);
  const labeler = answerLabels(api, model, truth);
  const follow = narrator(api, runId, o.say);
  const run = await follow();
  const labelsAnswered = await labeler.stop();
  if (run.status !== 'WATCHING' && run.status !== 'SUCCEEDED') throw new Error(`loop run ${runId} ended ${run.status}: ${JSON.stringify(run.decision ?? run.steps)}`);

  const afterRows = rows(o.stream, Math.round(o.weekly / 3), t.after, true, 3, 'a');
  o.say(`④ The day after: ${afterRows.length} new requests, scored by the new champion ${run.candidate} (scoreShadow), labels as they arrive.`);
  await api.post('/v1/predictions', afterRows.map((r) => prediction(model, o.stream, r)));
  await api.post('/v1/feedback', afterRows.map((r) => feedback(model, r)));
  const labeledIn = (version: string) => until(async () => {
    const a = await accuracyByCountry(api, model, version, t.after);
    return Object.values(a).reduce((n, s) => n + s.labeled, 0) === afterRows.length && a;
  }, 120_000);
  await labeledIn('v1'); // the store holds the day's traffic before the champion scores it
  await api.gql(`mutation($input: ScoreShadowInput!) { scoreShadow(input: $input) { scored } }`, { input: { model, version: run.candidate, sourceVersion: 'v1', window: range(t.after) } });
  const after = await labeledIn(run.candidate);
  o.say(`   Watching the new champion's monitors for ${o.watchPeriod}…`);
  const final = await follow(['SUCCEEDED', 'ROLLED_BACK', 'FAILED', 'CANCELLED']);
  const champion = (await api.gql(`{ model(name: "${model}") { champion { version } } }`)).model.champion.version;
  const { alerts } = await api.gql(`query($m: String!) { alerts(model: $m) { slice { value } value threshold firedAt } }`, { m: model });
  return {
    model,
    runId,
    champion,
    status: final.status,
    accuracy: { before: await accuracyByCountry(api, model, 'v1', t.before), during: await accuracyByCountry(api, model, 'v1', t.during), after },
    labelsAnswered,
    steps: final.steps,
    detection: { enabledAt: updateMonitor.updatedAt, interval: o.monitorInterval, alerts: alerts.map((a: Any) => ({ ...a, slice: a.slice.map((s: Any) => s.value).join(',') })) },
  };
}

/** A per-country accuracy monitor of v1 (created disabled), and the retraining policy it triggers; answers the monitor's id. */
async function watchAccuracy(api: Api, model: string, o: DemoOptions): Promise<string> {
  const { createMonitor } = await api.gql(`mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }`, {
    input: { name: 'accuracy by country', model, check: { metric: 'ACCURACY' }, groupBy: ['tags.country'], slice: { field: 'modelVersion', op: 'EQ', value: 'v1' },
      window: '7d', interval: o.monitorInterval, condition: { op: 'LT', threshold: 0.8 }, minSamples: 30, severity: 'CRITICAL', enabled: false },
  });
  // The policy exists before the monitor may fire, so its first alert starts the run.
  await api.gql(`mutation($input: RetrainingPolicyInput!) { setRetrainingPolicy(input: $input) { model } }`, {
    input: {
      model,
      triggers: { alerts: { monitors: [createMonitor.id] } },
      labeling: { strategy: 'HYBRID', budget: o.labelBudget, window: '7d' },
      dataset: { windows: ['7d'] },
      training: { ...o.stream.training, seed: 7 },
      validation: { shadowWindow: '7d', evidence: 'PRODUCTION' },
      promotion: 'AUTO',
      watchPeriod: o.watchPeriod,
    },
  });
  return createMonitor.id;
}

/** Follows a run: each call narrates its steps as they change (each change once), until its status is one of `statuses` (default: promoted, or ended). */
function narrator(api: Api, id: string, say: (line: string) => void) {
  const seen = new Map<string, string>();
  return (statuses = ['WATCHING', 'SUCCEEDED', 'ROLLED_BACK', 'FAILED', 'CANCELLED']): Promise<Any> => until(async () => {
    const { loopRun } = await api.gql(`query($id: ID!) { loopRun(id: $id) { ${RUN} } }`, { id });
    for (const s of loopRun.steps) {
      if (s.status === 'PENDING' || seen.get(s.name) === s.status) continue;
      seen.set(s.name, s.status);
      say(`   ${s.status === 'RUNNING' ? '…' : s.status === 'SUCCEEDED' ? '✓' : '•'} ${s.name.padEnd(8)} ${s.status}${s.status === 'RUNNING' ? '' : ' ' + summary(s)}`);
    }
    return statuses.includes(loopRun.status) && loopRun;
  }, 600_000);
}

function summary(step: Any): string {
  if (step.error) return `— ${step.error}`;
  const out = step.output ?? {};
  if (step.name === 'curate') return `— ${out.rowCount} labeled rows of the last ${out.windows}`;
  if (step.name === 'train') return `— ${out.version}: ${JSON.stringify(out.metrics).slice(0, 140)}`;
  if (step.name === 'gate' && out.gate) return `— passed: ${out.gate.passed}; ` + out.gate.slices.map((s: Any) => `${s.slice} ${s.improvement >= 0 ? '+' : ''}${Number(s.improvement).toFixed(3)}`).join(', ');
  return `— ${JSON.stringify(out).slice(0, 160)}`;
}
