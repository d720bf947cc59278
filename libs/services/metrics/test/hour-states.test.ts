/**
 * sliceMetrics from the hour states (src/hour-states.ts, slice-states.ts)
 * against the same question over the rows, on a model whose records arrive
 * in every order the store accepts: feedback before its prediction, after
 * it and long after (hours already folded), a label correction, a
 * prediction re-sent into another hour, and a challenger's shadow
 * predictions beside the champion's. After each arrival the states answer
 * exactly what the rows answer (1e-9 relative), and so do the folded rows
 * for a question the states cannot answer (part hours, a slice filter); the
 * platform's subgraph is shown to read them.
 */
import type { PredictionRecord } from '@tideline/contracts';
import { bucketsFor, type Granularity } from '@tideline/store';
import { eventually, feedbackRecord } from '@tideline/testing';
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricName } from '../src/__generated__/resolvers-types.ts';
import { lastFold } from '../src/hour-states.ts';
import { realizedDefinition } from '../src/inputs.ts';
import { rowStatistic } from '../src/significance.ts';
import { metricByBucket } from '../src/metric-series.ts';
import { metricValues } from '../src/metric-states.ts';
import { sliceMetrics } from '../src/slice-metrics.ts';
import { HourStates, statesCanAnswer } from '../src/slice-states.ts';
import type { Harness } from './harness.ts';
import { differences, HOUR, mixedRecord, T0 } from './mixed-traffic.ts';

const P = 'states';
const M = 'live';
const ROWS = 240;
const METRICS: MetricName[] = ['ACCURACY', 'ROC_AUC', 'LOG_LOSS', 'COUNT', 'LABELED_COUNT'];
/** METRICS as sliceMetrics takes them, each with its significance test. */
const REQUESTED = METRICS.map((name) => ({ name, definition: realizedDefinition(name, 'BINARY'), statistic: rowStatistic(name, 'BINARY') }));
let h: Harness;
let states: HourStates;
const foldErrors: unknown[] = [];
let receivedAt = Date.now();

const prediction = (i: number, version = 'v1', extra: Partial<PredictionRecord> = {}): PredictionRecord => ({
  ...mixedRecord(P, M, 'BINARY', i, version),
  id: `p${i}`,
  receivedAt: ++receivedAt,
  ...extra,
});

const count = async (query: string) => Number(((await (await h.clickhouse.query({ query, format: 'JSONEachRow' })).json()) as { n: string }[])[0]!.n);

/** Sends a label and waits until the store holds it (merges keep the latest copy of an id: this one). */
async function label(id: string, positive: boolean) {
  const at = ++receivedAt;
  await h.publish({ ...feedbackRecord(P, M, id, { positive }), receivedAt: at });
  await eventually(async () => {
    const r = await h.clickhouse.query({
      query: `SELECT count() AS n FROM evalstore_feedback WHERE project = {p:String} AND prediction_id = {id:String} AND toUnixTimestamp64Milli(received_at) = {at:Int64}`,
      query_params: { p: P, id, at },
      format: 'JSONEachRow',
    });
    return Number(((await r.json()) as { n: string }[])[0]!.n) > 0;
  }, 30_000);
}

type Answer = Awaited<ReturnType<typeof sliceMetrics>>;
/** The question both ways: from the rows, and through the hour states. */
async function bothWays(opts: { from?: number; to?: number; granularity?: Granularity | null; modelVersion?: string } = {}): Promise<{ rows: Answer; states: Answer }> {
  const window = { fromMs: opts.from ?? T0, toMs: opts.to ?? T0 + 3 * HOUR };
  const scope = {
    project: P,
    model: M,
    window,
    buckets: bucketsFor(window, opts.granularity === undefined ? 'HOUR' : opts.granularity),
    granularity: opts.granularity !== null,
    modelVersion: opts.modelVersion,
    task: 'BINARY' as const,
    average: 'MACRO' as const,
    minSamples: 1,
    // A slice's whole-window value of the first metric only (it orders the slices), as when an answer selects buckets: ROC AUC's is not additive.
    wholeValues: false,
  };
  const metrics = opts.granularity === 'DAY' || opts.granularity === null ? REQUESTED.filter((m) => m.name !== 'ROC_AUC') : REQUESTED;
  expect(statesCanAnswer(scope, metrics, ['tags.country'])).toBe(true);
  return { rows: await sliceMetrics(h.clickhouse, scope, metrics, ['tags.country']), states: await sliceMetrics(h.clickhouse, scope, metrics, ['tags.country'], states) };
}

const reads = async (query: string, source: string) =>
  (await register.getSingleMetric('tideline_metrics_reads_total')!.get()).values.find((v) => v.labels.query === query && v.labels.source === source)?.value ?? 0;

/**
 * A question the states cannot answer (part hours, a slice filter): from
 * the store's rows and from the folded rows, which must answer it.
 */
async function agreeFolded(modelVersion?: string) {
  const window = { fromMs: T0 + HOUR / 2, toMs: T0 + 2 * HOUR + HOUR / 4 };
  const scope = {
    project: P,
    model: M,
    window,
    buckets: bucketsFor(window, 'HOUR'),
    granularity: true,
    modelVersion,
    slice: { or: [{ field: 'tags.country', op: 'NE' as const, value: 'BR' }, { field: 'tags.country', op: 'IS_NULL' as const }] },
    task: 'BINARY' as const,
    average: 'MACRO' as const,
    minSamples: 1,
    wholeValues: true,
  };
  const metrics = REQUESTED;
  expect(statesCanAnswer(scope, metrics, ['tags.country'])).toBe(false);
  const fromRows = await sliceMetrics(h.clickhouse, scope, metrics, ['tags.country']);
  const before = await reads('sliceMetrics', 'folded');
  const fromFolded = await sliceMetrics(h.clickhouse, scope, metrics, ['tags.country'], states);
  expect(await reads('sliceMetrics', 'folded'), 'read from the folded rows').toBe(before + 1);
  expect(fromRows.length).toBeGreaterThanOrEqual(2);
  expect(differences(fromFolded, fromRows)).toEqual([]);
}

/** sliceMetrics' request over the first three hours, by hour, of REQUESTED: as the fold-check tests ask it. */
function hourlyRequest(model: string) {
  const window = { fromMs: T0, toMs: T0 + 3 * HOUR };
  return { scope: { project: P, model, window, buckets: bucketsFor(window, 'HOUR'), granularity: true, task: 'BINARY' as const, average: 'MACRO' as const, minSamples: 1, wholeValues: false }, metrics: REQUESTED };
}

/** Asserts the two ways agree and that the states answered (a fold exact for the store as it is); and the folded rows, a question the states cannot answer. */
async function agree(opts: Parameters<typeof bothWays>[0] = {}): Promise<Answer> {
  const { rows, states: fromStates } = await bothWays(opts);
  expect(rows.length).toBeGreaterThanOrEqual(3);
  expect(differences(fromStates, rows)).toEqual([]);
  await agreeFolded(opts.modelVersion);
  const count = await h.clickhouse.query({ query: `SELECT count() AS n FROM metrics_hour_states WHERE project = '${P}'`, format: 'JSONEachRow' });
  expect(Number(((await count.json()) as { n: string }[])[0]!.n)).toBeGreaterThan(0);
  expect(foldErrors).toEqual([]);
  return rows;
}

/** `metric` both ways, per bucket: from the rows and from the whole hours' states (which must answer). */
async function agreeMetric(name: MetricName, granularity: Granularity | null, modelVersion?: string) {
  const window = { fromMs: T0, toMs: T0 + (granularity === 'HOUR' ? 3 : 24) * HOUR };
  const scope = { project: P, model: M, window, buckets: bucketsFor(window, granularity), modelVersion };
  const definition = realizedDefinition(name, 'BINARY');
  const ctx = { task: 'BINARY' as const, average: 'MACRO' as const };
  const fromRows = await metricByBucket(h.clickhouse, scope, definition, ctx);
  const before = await reads('metric', 'states');
  const fromStates = await metricValues(h.clickhouse, states, scope, { name, definition }, ctx);
  expect(await reads('metric', 'states'), `${name} ${granularity} from the states`).toBe(before + 1);
  const byBucket = (values: typeof fromRows) => [...values].sort((a, b) => a.bucket - b.bucket);
  expect(fromRows.length).toBeGreaterThan(0);
  expect(differences(byBucket(fromStates), byBucket(fromRows)), `${name} ${granularity} ${modelVersion ?? ''}`).toEqual([]);
  // With a slice filter the states cannot answer: the folded rows do (the fold is current), as the rows.
  const sliced = { ...scope, slice: { field: 'tags.country', op: 'IN' as const, value: ['US', 'FR'] } };
  const foldedBefore = await reads('metric', 'folded');
  const fromFolded = await metricValues(h.clickhouse, states, sliced, { name, definition }, ctx);
  expect(await reads('metric', 'folded'), `${name} ${granularity} sliced, from the folded rows`).toBe(foldedBefore + 1);
  expect(differences(byBucket(fromFolded), byBucket(await metricByBucket(h.clickhouse, sliced, definition, ctx)))).toEqual([]);
}

/** The folded rows of older folds, deleted in the background: eventually none is left beside each hour's latest recorded fold. */
const latest = `(SELECT hour, max(fold_version) FROM metrics_hour_folds WHERE project = '${P}' AND model = '${M}' GROUP BY hour)`;
const olderFoldedRowsDeleted = () => eventually(async () => (await count(`SELECT count() AS n FROM metrics_folded_rows WHERE project = '${P}' AND model = '${M}' AND (hour, fold_version) NOT IN ${latest}`)) === 0, 30_000);

const slice = (answer: Answer, country: string) => answer.find((s) => s.key[0]!.value === country)!;

beforeAll(async () => {
  const { startHarness } = await import('./harness.ts');
  h = await startHarness();
  // No lag: inserts are sequential, each fold must find exactly the hours that changed. Folds read by ids (narrowShare 1), the platform's by the span.
  states = new HourStates(h.clickhouse, (err) => foldErrors.push(err), { storeLagMs: 0, narrowShare: 1 });
  // Feedback first: its prediction is not stored yet.
  await label('p0', true);
  await h.publish(...Array.from({ length: ROWS }, (_, i) => prediction(i)));
  // The challenger's shadow predictions of the same ids, hour 1 only.
  await h.publish(...Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 3 === 1).map((i) => prediction(i, 'v2', { output: { score: (i % 10) / 10 } })));
  await h.stored(P, M, ROWS + ROWS / 3);
}, 120_000);
afterAll(async () => h?.stop());

describe('sliceMetrics from the hour states', () => {
  it('answers what the rows answer, through every order of arrival', async () => {
    const first = await agree();
    const fold = await lastFold(h.clickhouse, P, M);
    expect(fold?.fields).toEqual(['tags.country']);
    await agree({ modelVersion: 'v2' });
    await agree({ modelVersion: 'v1', from: T0 + HOUR, to: T0 + 3 * HOUR });
    await agree({ granularity: 'DAY', from: T0, to: T0 + 24 * HOUR });

    // Feedback after its prediction: unlabeled rows (i % 5 == 0) of hour 0 (i % 3 == 0: FR, BR, US), in folded hours.
    for (const i of [30, 45, 60]) await label(`p${i}`, i !== 30);
    const labeled = await agree();
    expect(labeled.reduce((n, s) => n + s.labeledCount, 0)).toBe(first.reduce((n, s) => n + s.labeledCount, 0) + 3);

    // A correction: p60's label flips; its slice's accuracy moves.
    const before = slice(labeled, 'US');
    await label('p60', false);
    const corrected = await agree();
    expect(slice(corrected, 'US').values).not.toEqual(before.values);

    // Long after: a label for a prediction of hour 1, folded several times over (and the last row stored before the re-send below).
    await label('p1', false);
    await agree();

    // A prediction re-sent into another hour (the later arrival wins): hour 0 loses it, hour 2 gains it,
    // though a merge drops its first copy before the next fold.
    const moved = prediction(12, 'v1', { timestamp: T0 + 2 * HOUR + 999, tags: { country: 'FR' } });
    await h.publish(moved);
    await eventually(async () => (await count(`SELECT count() AS n FROM evalstore_predictions WHERE id = 'p12' AND toUnixTimestamp64Milli(received_at) = ${moved.receivedAt}`)) === 1, 30_000);
    await h.clickhouse.command({ query: 'OPTIMIZE TABLE evalstore_predictions FINAL' });
    expect(await count(`SELECT count() AS n FROM evalstore_predictions WHERE project = '${P}' AND id = 'p12'`)).toBe(1); // the first copy is gone
    const resent = await agree();
    expect(resent.reduce((n, s) => n + s.buckets[2]!.sampleCount, 0)).toBe(first.reduce((n, s) => n + s.buckets[2]!.sampleCount, 0) + 1);
    expect(resent.reduce((n, s) => n + s.buckets[0]!.sampleCount, 0)).toBe(first.reduce((n, s) => n + s.buckets[0]!.sampleCount, 0) - 1);
    await olderFoldedRowsDeleted();

    await agree();
    await agree({ modelVersion: 'v2' });
    await agree({ granularity: 'DAY', from: T0, to: T0 + 24 * HOUR });
    await agree({ granularity: null });
    await agree({ granularity: null, modelVersion: 'v1', from: T0 + HOUR, to: T0 + 3 * HOUR });

    // `metric` from the whole hours: any metric by the hour, additive ones by the day or over the window.
    for (const name of ['ACCURACY', 'ROC_AUC', 'LOG_LOSS', 'LABELED_COUNT'] as const) {
      await agreeMetric(name, 'HOUR');
      await agreeMetric(name, 'HOUR', 'v2');
      if (name !== 'ROC_AUC') for (const granularity of ['DAY', null] as const) await agreeMetric(name, granularity);
    }
  });

  it('answers from the rows, without waiting, while a fold larger than a read waits for runs', async () => {
    const model = 'bulk';
    await h.publish(...Array.from({ length: 30 }, (_, i) => ({ ...mixedRecord(P, model, 'BINARY', i), id: `b${i}` })));
    await h.stored(P, model, 30);
    const impatient = new HourStates(h.clickhouse, (err) => foldErrors.push(err), { storeLagMs: 0, waitRows: 29 });
    const ask = () => impatient.canAnswer({ project: P, model, task: 'BINARY', field: 'tags.country', fromMs: T0, toMs: T0 + 3 * HOUR });
    // 30 rows to fold, more than it waits for: the rows answer, and the fold goes on.
    expect(await ask()).toBe(false);
    await eventually(ask, 30_000);
    // Patient (the default bound), reads wait for the folds of what changed, two models' folds one after the other.
    await h.publish({ ...mixedRecord(P, model, 'BINARY', 30), id: 'b30' }, prediction(ROWS));
    await h.stored(P, model, 31);
    await h.stored(P, M, ROWS + ROWS / 3 + 1);
    const patient = new HourStates(h.clickhouse, (err) => foldErrors.push(err), { storeLagMs: 0 });
    const both = await Promise.all([model, M].map((m) => patient.canAnswer({ project: P, model: m, task: 'BINARY', field: 'tags.country', fromMs: T0, toMs: T0 + 3 * HOUR })));
    expect(both).toEqual([true, true]);
    expect(foldErrors).toEqual([]);
  });

  it('a tag past the fields the states hold: read from the folded rows, not from the states read beside the check', async () => {
    // Nine tag keys: the states hold the first eight by name (MAX_STATE_FIELDS), not t8.
    const model = 'many-tags';
    const tags = (i: number) => ({ ...Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`t${k}`, `v${(i + k) % 2}`])), t8: `x${i % 3}` });
    await h.publish(...Array.from({ length: 60 }, (_, i) => ({ ...mixedRecord(P, model, 'BINARY', i), id: `t${i}`, tags: tags(i) })));
    await h.stored(P, model, 60);
    expect(await states.canAnswer({ project: P, model, task: 'BINARY', field: 'tags.t0', fromMs: T0, toMs: T0 + 3 * HOUR })).toBe(true);
    expect((await lastFold(h.clickhouse, P, model))?.fields).toEqual(Array.from({ length: 8 }, (_, k) => `tags.t${k}`));
    const { scope, metrics } = hourlyRequest(model);
    expect(statesCanAnswer(scope, metrics, ['tags.t8'])).toBe(true);
    const [fromStates, fromFolded] = [await reads('sliceMetrics', 'states'), await reads('sliceMetrics', 'folded')];
    const answer = await sliceMetrics(h.clickhouse, scope, metrics, ['tags.t8'], states);
    expect([await reads('sliceMetrics', 'states'), await reads('sliceMetrics', 'folded')]).toEqual([fromStates, fromFolded + 1]);
    expect(answer.map((s) => s.key[0]!.value).sort()).toEqual(['x0', 'x1', 'x2']);
    expect(differences(answer, await sliceMetrics(h.clickhouse, scope, metrics, ['tags.t8']))).toEqual([]);
  });

  it('looks at a stale model\'s fold once before folding it, not once more after the states read beside the look, nor again while the store is unchanged', async () => {
    const model = 'checked-once';
    await h.publish(...Array.from({ length: 20 }, (_, i) => ({ ...mixedRecord(P, model, 'BINARY', i), id: `c${i}` })));
    await h.stored(P, model, 20);
    // The same engine, its fold checks counted (HourStates.check reads the model's last fold joined to the store's fingerprint).
    let checks = 0;
    const query: typeof h.clickhouse.query = (args) => {
      if (args.query.includes('AS fold ON true')) checks++;
      return h.clickhouse.query(args);
    };
    const counting = Object.create(h.clickhouse, { query: { value: query } }) as typeof h.clickhouse;
    const counted = new HourStates(counting, (err) => foldErrors.push(err), { storeLagMs: 0 });
    const { scope, metrics } = hourlyRequest(model);
    const fromStates = await reads('sliceMetrics', 'states');
    const answer = await sliceMetrics(counting, scope, metrics, ['tags.country'], counted);
    // Stale: one look (beside the states read it drops), the fold, one look after it, then the states read again.
    expect(checks).toBe(2);
    expect(await reads('sliceMetrics', 'states')).toBe(fromStates + 1);
    expect(differences(answer, await sliceMetrics(h.clickhouse, scope, metrics, ['tags.country']))).toEqual([]);
    // Current: one look, beside the answer; then, read at the fingerprint that look found current, none.
    await sliceMetrics(counting, scope, metrics, ['tags.country'], counted);
    expect(checks).toBe(3);
    await sliceMetrics(counting, scope, metrics, ['tags.country'], counted);
    expect(checks).toBe(3);
    // A new record: the read carries another fingerprint, so the model is looked at again, folded, and read anew.
    await h.publish({ ...mixedRecord(P, model, 'BINARY', 20), id: 'c20' });
    await h.stored(P, model, 21);
    const after = await sliceMetrics(counting, scope, metrics, ['tags.country'], counted);
    expect(checks).toBe(5);
    expect(differences(after, await sliceMetrics(h.clickhouse, scope, metrics, ['tags.country']))).toEqual([]);
    expect(foldErrors).toEqual([]);
  });

  it('is what the platform reads: states altered by hand show in its answer until the store changes', async () => {
    const query = `{ sliceMetrics(model: "${M}", metrics: [COUNT], groupBy: ["tags.country"], granularity: HOUR, window: { from: "${new Date(T0).toISOString()}", to: "${new Date(T0 + 3 * HOUR).toISOString()}" }) { key { value } sampleCount } }`;
    const read = async () => {
      const res = await h.gql<{ sliceMetrics: { key: { value: string | null }[]; sampleCount: number }[] }>(P, query);
      expect(res.errors).toBeUndefined();
      return Object.fromEntries(res.data!.sliceMetrics.map((s) => [String(s.key[0]!.value), s.sampleCount]));
    };
    const honest = await read();
    const hour2 = (T0 + 2 * HOUR) / 1000;
    await h.clickhouse.command({ query: `ALTER TABLE metrics_hour_states UPDATE samples = samples + 1000 WHERE project = '${P}' AND toUnixTimestamp(hour) = ${hour2} SETTINGS mutations_sync = 2` });
    const altered = await read();
    expect(altered.US).toBe(honest.US! + 1000);
    // New data in hour 2 (p2 is FR's): the next read folds that hour again, and the states are the rows' again.
    await label('p2', true);
    expect(await read()).toEqual(honest);
    await agree();
  });
});
