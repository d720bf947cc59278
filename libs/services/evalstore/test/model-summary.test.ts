/**
 * Migration 006: model statistics from a summary ClickHouse keeps itself.
 * A store created before it, holding data, is upgraded in place and answers
 * what the queries of that time answered (`modelStatsBefore006`, their SQL kept
 * in @tideline/testing as the reference); rows stored after the upgrade reach the summary
 * through its views, re-sent predictions, feedback before or after its
 * prediction and label corrections included, each in a part of its own so
 * that nothing is collapsed by a merge before it is read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { countModels, listModels, rows } from '@tideline/store';
import { modelStatsBefore006 } from '@tideline/testing';
import { evalstoreMigrations } from '../src/module.ts';
import { FinalizedCounts, ModelListings, ModelsRequest } from '../src/model-stats.ts';
import { storeBefore } from './store-before.ts';

const MIGRATION = '006_model_summary.sql';
const T0 = Date.UTC(2026, 0, 10);
const HOUR = 3_600_000;

const store = storeBefore(MIGRATION);
let client: ClickHouseClient;
beforeAll(() => void (client = store.client));
let arrival = 1;

type Prediction = { model: string; id: string; ts: number; version?: string; inline?: boolean };

/** Each call one insert (one part), stamped with the next arrival version. */
const predict = (...ps: Prediction[]) =>
  client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, score, inline_label_positive, version) FORMAT JSONCompactEachRow
${ps.map((p) => JSON.stringify(['proj', p.model, p.version ?? 'v1', p.id, 'BINARY', p.ts, arrival, 0.7, p.inline ?? null, arrival++])).join('\n')}`,
    // A token of its own each time: chDB keeps a setting for the session once set.
    clickhouse_settings: { insert_deduplication_token: `t-${arrival}` },
  });

const label = (model: string, id: string, positive: boolean) =>
  client.command({
    query: `INSERT INTO evalstore_feedback (project, model, prediction_id, task, ts, received_at, label_positive, version) FORMAT JSONCompactEachRow
${JSON.stringify(['proj', model, id, 'BINARY', T0, arrival, positive, arrival++])}`,
    clickhouse_settings: { insert_deduplication_token: `t-${arrival}` },
  });

const statsAsBefore006 = () => modelStatsBefore006(client, 'proj');

/** The real client, recording the SQL of every query it is given. */
function recordingClient() {
  const sent: string[] = [];
  const recording = new Proxy(client, {
    get: (target, prop, receiver) =>
      prop === 'query' ? (args: { query: string }) => (sent.push(args.query), target.query(args as never)) : Reflect.get(target, prop, receiver),
  });
  return { sent, recording };
}

/** The same, from the summary: each count on its own (`alone`), or the three from one read. */
async function statsFromSummary(finalized = new FinalizedCounts(client), alone = false) {
  const listed = await listModels(client, 'proj');
  const kinds = ['predictions', 'labeled', 'feedback'] as const;
  const counts = alone
    ? new Map(await Promise.all(kinds.map(async (kind) => [kind, (await finalized.counts('proj', [kind], listed)).get(kind)!] as const)))
    : await finalized.counts('proj', kinds, listed);
  const [predictions, labeled, feedback] = kinds.map((kind) => counts.get(kind));
  return listed
    .map((m) => ({
      name: m.name,
      task: m.task,
      predictions: predictions!.get(m.name),
      labeled: labeled!.get(m.name),
      feedback: feedback!.get(m.name),
      first: m.firstPredictionAt?.getTime() ?? null,
      last: m.lastPredictionAt?.getTime() ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('migration 006: model statistics from a summary', () => {
  it('upgrades a store holding data in place, answering as before', async () => {
    await label('churn', 'early', true); // feedback before its prediction
    await predict({ model: 'churn', id: 'early', ts: T0 }, { model: 'churn', id: 'a', ts: T0 + HOUR }, { model: 'churn', id: 'b', ts: T0 + 2 * HOUR, inline: false });
    await predict({ model: 'churn', id: 'a', ts: T0 + 5 * HOUR }); // re-sent, later timestamp
    await predict({ model: 'churn', id: 'a', ts: T0 + HOUR, version: 'v2-shadow' });
    await label('churn', 'a', false); // after its predictions: labels both versions of 'a'
    await label('churn', 'a', true); // a correction
    await label('churn', 'ghost', true); // its prediction never came
    await label('only-feedback', 'x', true);
    await predict(...Array.from({ length: 30 }, (_, i) => ({ model: 'fraud', id: `f${i}`, ts: T0 + i * HOUR, inline: i % 3 === 0 ? true : undefined })));
    const before = await statsAsBefore006();
    expect(before).toEqual([
      { name: 'churn', task: 'BINARY', predictions: 4, labeled: 4, feedback: 3, first: T0, last: T0 + 5 * HOUR },
      { name: 'fraud', task: 'BINARY', predictions: 30, labeled: 10, feedback: 0, first: T0, last: T0 + 29 * HOUR },
      { name: 'only-feedback', task: 'BINARY', predictions: 0, labeled: 0, feedback: 1, first: null, last: null },
    ]);

    expect(await migrate(client, 'evalstore', evalstoreMigrations)).toEqual(store.upgradeApplies);
    expect(await statsFromSummary()).toEqual(before);
    expect(await statsFromSummary(new FinalizedCounts(client), true)).toEqual(before);
  });

  it('keeps the summary exact as rows arrive: re-sent predictions, late feedback, corrections, shadow versions', async () => {
    const finalized = new FinalizedCounts(client); // one cache across reads, as the service keeps it
    expect(await statsFromSummary(finalized)).toEqual(await statsAsBefore006());
    // Every copy stays where it landed until the reads below: nothing is collapsed by a merge first.
    for (const table of ['evalstore_predictions', 'evalstore_feedback', 'evalstore_model_summary']) await client.command({ query: `SYSTEM STOP MERGES ${table}` });

    await predict({ model: 'churn', id: 'ghost', ts: T0 + 6 * HOUR }); // the prediction its feedback waited for
    await predict({ model: 'churn', id: 'b', ts: T0 + 6 * HOUR }, { model: 'churn', id: 'b', ts: T0 + 6 * HOUR }); // re-sent twice: one in a batch, one apart
    await predict({ model: 'churn', id: 'b', ts: T0 + 6 * HOUR });
    await label('churn', 'b', true);
    await label('churn', 'b', false); // corrected
    await predict({ model: 'fraud', id: 'f1', ts: T0 + HOUR, version: 'v2' }, { model: 'fraud', id: 'f0', ts: T0, version: 'v2' });
    await label('fraud', 'f1', true); // labels f1 of both versions
    await predict({ model: 'new', id: 'n1', ts: T0 - HOUR, inline: true });

    const after = await statsAsBefore006();
    expect(after).toEqual([
      { name: 'churn', task: 'BINARY', predictions: 5, labeled: 5, feedback: 4, first: T0, last: T0 + 6 * HOUR },
      { name: 'fraud', task: 'BINARY', predictions: 32, labeled: 12, feedback: 1, first: T0, last: T0 + 29 * HOUR },
      { name: 'new', task: 'BINARY', predictions: 1, labeled: 1, feedback: 0, first: T0 - HOUR, last: T0 - HOUR },
      { name: 'only-feedback', task: 'BINARY', predictions: 0, labeled: 0, feedback: 1, first: null, last: null },
    ]);
    // Three copies of 'b' are stored (the two of one insert were one row from the start): counting rows would count it thrice.
    const [copies] = await rows<{ n: string }>(client, "SELECT count() AS n FROM evalstore_predictions WHERE project = 'proj' AND model = 'churn' AND id = 'b'", {});
    expect(Number(copies!.n)).toBe(3);
    expect(await statsFromSummary(finalized)).toEqual(after);
    expect(await statsFromSummary(new FinalizedCounts(client), true)).toEqual(after);
    // And again after merges, from the same cache: nothing changed, nothing is finalized anew.
    for (const table of ['evalstore_predictions', 'evalstore_feedback', 'evalstore_model_summary']) {
      await client.command({ query: `SYSTEM START MERGES ${table}` });
      await client.command({ query: `OPTIMIZE TABLE ${table} FINAL` });
    }
    expect(await statsFromSummary(finalized)).toEqual(after);
  });

  it('finalizes only the models that changed since their counts were last finalized', async () => {
    const finalized = new FinalizedCounts(client);
    const first = await listModels(client, 'proj');
    const counted = (await finalized.counts('proj', ['predictions'], first)).get('predictions')!;
    // A count stored under a stale fingerprint would be served again; a changed model's fingerprint moves on.
    await predict({ model: 'fraud', id: 'f-extra', ts: T0 });
    const second = await listModels(client, 'proj');
    const fingerprint = (list: typeof first, name: string) => list.find((m) => m.name === name)!.fingerprint;
    expect(fingerprint(second, 'fraud')).toBeGreaterThan(fingerprint(first, 'fraud'));
    expect(fingerprint(second, 'churn')).toBe(fingerprint(first, 'churn'));
    const recounted = (await finalized.counts('proj', ['predictions'], second)).get('predictions')!;
    expect(recounted.get('fraud')).toBe(counted.get('fraud')! + 1);
    expect(recounted.get('churn')).toBe(counted.get('churn'));
    expect((await countModels(client, 'proj', ['predictions'], ['fraud'])).get('predictions')!.get('fraud')!.n).toBe(recounted.get('fraud'));
  });

  it('reads only what a request asks for, each once: the listing alone reads no id', async () => {
    const { sent, recording } = recordingClient();
    const request = new ModelsRequest(new ModelListings(recording), new FinalizedCounts(recording), 'proj', 'churn');
    expect((await request.find('churn'))?.lastPredictionAt).toEqual(new Date(T0 + 6 * HOUR));
    expect(await request.find('churn')).toMatchObject({ name: 'churn', task: 'BINARY' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/uniqExact/);
    expect(await Promise.all([request.count('predictions', 'churn'), request.count('predictions', 'churn')])).toEqual([5, 5]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/uniqExactMerge\(predictions\)/);
    expect(sent[1]).not.toMatch(/inline_labeled|feedback/);
    // The fields of one answer, asked in the same tick, are finalized by one read; the predictions count is reused.
    const all = new ModelsRequest(new ModelListings(recording), new FinalizedCounts(recording), 'proj', 'churn');
    expect(await Promise.all([all.count('predictions', 'churn'), all.count('labeled', 'churn'), all.count('feedback', 'churn')])).toEqual([5, 5, 4]);
    expect(sent).toHaveLength(4);
    expect(sent[3]).toMatch(/inline_labeled/);
  });

  it('finalizes a changed model once for requests that ask at the same time', async () => {
    const { sent, recording } = recordingClient();
    const finalized = new FinalizedCounts(recording);
    const listed = await listModels(client, 'proj', ['churn']);
    const asked = await Promise.all([1, 2, 3].map(() => finalized.counts('proj', ['predictions', 'labeled'], listed)));
    expect(sent).toHaveLength(1);
    expect(asked[1]).toEqual(asked[0]);
    expect(asked[2]!.get('predictions')!.get('churn')).toBe((await countModels(client, 'proj', ['predictions'], ['churn'])).get('predictions')!.get('churn')!.n);
    // Once answered, the same fingerprint is served from memory; a new one is finalized again.
    await finalized.counts('proj', ['predictions'], listed);
    expect(sent).toHaveLength(1);
    await finalized.counts('proj', ['predictions'], listed.map((m) => ({ ...m, fingerprint: m.fingerprint + 1 })));
    expect(sent).toHaveLength(2);
  });

  it('keeps a listing until the model gets new records (invalidate) or it is older than its bound', async () => {
    const fingerprintOf = async (listings: ModelListings, model?: string) => (await listings.get('proj', model)).find((m) => m.name === 'fraud')!.fingerprint;
    const kept = new ModelListings(client, 3_600_000);
    const [all, one] = [await fingerprintOf(kept), await fingerprintOf(kept, 'fraud')];
    await predict({ model: 'fraud', id: 'f-listed', ts: T0 });
    // Not announced yet: served from memory, both the project's listing and the model's.
    expect([await fingerprintOf(kept), await fingerprintOf(kept, 'fraud')]).toEqual([all, one]);
    // Another model's news leaves this model's own listing alone (the project's is read again).
    kept.invalidate('proj', 'churn');
    expect(await fingerprintOf(kept)).toBeGreaterThan(all);
    expect(await fingerprintOf(kept, 'fraud')).toBe(one);
    kept.invalidate('proj', 'fraud');
    expect(await fingerprintOf(kept, 'fraud')).toBeGreaterThan(one);
    // Without any event, a listing older than its bound is read again.
    const unkept = new ModelListings(client, 0);
    const before = await fingerprintOf(unkept, 'fraud');
    await predict({ model: 'fraud', id: 'f-listed-2', ts: T0 });
    expect(await fingerprintOf(unkept, 'fraud')).toBeGreaterThan(before);
  });
});
