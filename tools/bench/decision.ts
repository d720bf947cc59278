/**
 * `npm run bench:decision`: retrainingDecision on a large model (issue 14:
 * "the loop's decisions wait on this read path"). BENCH_DECISION_ROWS
 * predictions (10M by default) of churn over the last 14 days, 70 % labeled,
 * registered with tags.country protected and v1 the champion trained 13 days
 * ago, v2 a challenger scoring the last week's ids in shadow: the decision
 * reads the window, the reference week, both weeks per country and the
 * labels since training, and compares v2 with v1 overall and per country.
 * Reports the median over BENCH_RUNS decisions after a warm-up, the two
 * metrics requests it makes (windowMetrics, compareVersionsBySlice), and the
 * same figures asked one metrics request each, as the loop asked them before
 * (each a read of the model's history).
 */
import { migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { evalstoreMigrations } from '@tideline/evalstore';
import { startNatsServer, tempDir } from '@tideline/testing';
import { fmt, median } from './traffic.ts';
import { size } from './sizes.ts';
import { medianMs, prepareBenchData, startPlatformOnBenchData, timed } from './timing.ts';

const ROWS = size('BENCH_DECISION_ROWS', 10_000_000, 5_000);
const RUNS = size('BENCH_RUNS', 3, 1);
const DAY = 86_400_000;
const NOW = Date.now();
const T0 = NOW - 14 * DAY;

/** churn, binary, v1: five countries in turn, a score per row, a label by feedback on 7 rows in 10 (drawn to agree with the score). */
async function generate(client: ClickHouseClient, project: string) {
  await migrate(client, 'evalstore', evalstoreMigrations);
  const p = (n: string) => `(cityHash64(${n}, 3) % 1000) / 1000.0`;
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, tags, score, version)
      SELECT {project:String}, 'churn', 'v1', concat('d', toString(number)), 'BINARY', fromUnixTimestamp64Milli(toInt64({t0:Int64} + intDiv(number * {span:Int64}, {rows:Int64}))),
        now64(3), map('country', ['BR', 'US', 'DE', 'IN', 'JP'][number % 5 + 1]), ${p('number')}, 1
      FROM numbers({rows:Int64})`,
    query_params: { project, t0: T0, span: 14 * DAY, rows: ROWS },
  });
  await client.command({
    query: `INSERT INTO evalstore_feedback (project, model, prediction_id, task, ts, received_at, label_positive, version)
      SELECT {project:String}, 'churn', concat('d', toString(number)), 'BINARY', now64(3), now64(3), (cityHash64(number, 4) % 1000) / 1000.0 < ${p('number')}, 1
      FROM numbers({rows:Int64}) WHERE number % 10 < 7`,
    query_params: { project, rows: ROWS },
  });
  // v2 in shadow: the last week's ids again, another score.
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, tags, score, version)
      SELECT project, model, 'v2', id, task, ts, received_at, tags, (cityHash64(id, 5) % 1000) / 1000.0, version FROM evalstore_predictions
      WHERE project = {project:String} AND ts >= fromUnixTimestamp64Milli({week:Int64})`,
    query_params: { project, week: NOW - 7 * DAY },
  });
  // Bulk inserts bypass the store's writer, which records the model's field names.
  await client.command({ query: `INSERT INTO evalstore_fields VALUES ({project:String}, 'churn', 'tags', 'country')`, query_params: { project } });
  await client.command({ query: 'OPTIMIZE TABLE evalstore_predictions FINAL' });
  await client.command({ query: 'OPTIMIZE TABLE evalstore_feedback FINAL' });
}

const dir = tempDir('tideline-bench-decision-');
const nats = await startNatsServer();
try {
  const { project, key, clickhouseUrl, direct } = await prepareBenchData(nats.url, dir.path);
  const [, generateMs] = await timed(() => generate(direct, project));
  await direct.close();
  const platform = await startPlatformOnBenchData(nats.url, clickhouseUrl, dir.path);
  try {
    const gql = async (query: string) => {
      const res = await fetch(`${platform.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
      return body.data!;
    };
    await gql('mutation { registerModel(input: { name: "churn", primaryMetric: ACCURACY, protectedSlices: ["tags.country"] }) { name } }');
    await gql(`mutation { registerModelVersion(input: { model: "churn", version: "v1", artifact: { files: [{ path: "w.bin", contentBase64: "AAAA" }], format: OTHER },
      trainingRun: { id: "run-v1", finishedAt: "${new Date(T0 + DAY).toISOString()}" } }) { version } }`);
    await gql('mutation { promote(model: "churn", version: "v1", stage: CHAMPION, reason: "bench") { version } }');
    await gql(`mutation { registerModelVersion(input: { model: "churn", version: "v2", artifact: { files: [{ path: "w.bin", contentBase64: "AAAA" }], format: OTHER } }) { version } }`);
    await gql('mutation { promote(model: "churn", version: "v2", stage: CHALLENGER, reason: "bench") { version } }');
    const decisions: number[] = [];
    let action = '';
    for (let i = 0; i <= RUNS; i++) {
      const [d, ms] = await timed(() => gql('{ retrainingDecision(model: "churn") { action reasons { code } } }'));
      const answer = d.retrainingDecision as { action: string; reasons: { code: string }[] };
      action = `${answer.action}: ${answer.reasons.map((r) => r.code).join(', ')}`;
      if (i > 0) decisions.push(ms);
    }
    const range = (from: number, to: number) => `{ from: "${new Date(from).toISOString()}", to: "${new Date(to).toISOString()}" }`;
    const [win, ref, since] = [range(NOW - 7 * DAY, NOW), range(NOW - 14 * DAY, NOW - 7 * DAY), range(T0 + DAY, NOW)];
    const one = await medianMs(RUNS, () =>
      gql(`{ windowMetrics(model: "churn", metrics: [ACCURACY], windows: [${win}, ${ref}, ${since}], slicedBy: ["tags.country"], modelVersion: "v1") { sampleCount slices { value } } }`),
    );
    const metric = (m: string, w: string) => `{ metric(model: "churn", metric: ${m}, window: ${w}, modelVersion: "v1") { points { value } } }`;
    const slices = (w: string) => `{ sliceMetrics(model: "churn", metrics: [ACCURACY], window: ${w}, groupBy: ["tags.country"], modelVersion: "v1") { labeledCount values { value } } }`;
    const compare = (slice: string) => `{ compareVersions(model: "churn", metric: ACCURACY, window: ${win}, baseline: "v1", candidate: "v2", slice: ${slice}) { pValue } }`;
    const COUNTRIES = ['BR', 'US', 'DE', 'IN', 'JP'];
    const byCountry = COUNTRIES.map((c) => `{ field: "tags.country", op: EQ, value: "${c}" }`);
    const paired = await medianMs(RUNS, () =>
      gql(`{ compareVersionsBySlice(model: "churn", metric: ACCURACY, window: ${win}, baseline: "v1", candidate: "v2", slices: [null, ${byCountry.join(', ')}]) { pValue } }`),
    );
    const separate = [metric('COUNT', win), metric('ACCURACY', win), metric('ACCURACY', ref), slices(win), slices(ref), metric('LABELED_COUNT', since), compare('null'), ...byCountry.map(compare)];
    const each = await medianMs(RUNS, async () => {
      for (const q of separate) await gql(q);
    });
    console.log(`
bench:decision  (${ROWS.toLocaleString('en-US')} predictions over 14 days, 70 % labeled, generated in ${fmt(generateMs)} ms; medians of ${RUNS} after a warm-up)
  retrainingDecision through the gateway:                   ${fmt(median(decisions))} ms  (${action})
  its windowMetrics request (3 windows, tags.country):      ${fmt(one)} ms
  its compareVersionsBySlice request (v2 vs v1, 1 + 5):     ${fmt(paired)} ms
  the same figures one request each (12 reads, as before):  ${fmt(each)} ms`);
  } finally {
    await platform.stop();
  }
} finally {
  await nats.stop();
  dir.remove();
}
