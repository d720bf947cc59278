/**
 * Training datasets through the gateway: a frozen snapshot that is
 * reproducible byte for byte (same hash twice), unaffected by a later label
 * correction, registered in the registry with its lineage, announced on
 * NATS, and exported to Parquet that ClickHouse reads back to the same row
 * count and hash.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { query } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATION_STREAMS, datasetCreatedEvent } from '@tideline/contracts';
import { eventually, freePort, postAll, startDevPlatform, streamMessages, tempDir, type DevPlatform } from '@tideline/testing';
import { contentHashSql } from '../src/content-hash.ts';
import { DAY, T0, binaryFeedback, binaryPrediction, binaryTraffic, iso } from './fixtures.ts';

let platform: DevPlatform;
let natsUrl = '';
const files = tempDir('curation-export-');
const churn = binaryTraffic(2000, 3).map((r, i) => ({ ...r, ts: T0 + i * 86_400 })); // two days
const DAY1 = { from: iso(T0), to: iso(T0 + DAY) };
const DAY2 = { from: iso(T0 + DAY), to: iso(T0 + 2 * DAY) };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
const CURATE = `mutation($input: CurateDatasetInput!) { curateDataset(input: $input) { id contentHash rowCount
  curation { contentHash rowCount stratifyBy exportPath splits { split rowCount } classBalance { label split rowCount } sliceCounts { field value rowCount } } } }`;
const INPUT = { model: 'churn', windows: [DAY1, DAY2], splits: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 1, recencyHalfLife: '1d', upweight: [{ slice: { field: 'tags.country', op: 'EQ', value: 'DE' }, factor: 3 }] };
const curate = (input: Record<string, unknown>) => platform.gql<Any>(CURATE, { input });
const download = async (path: string) => fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${platform.key}` } });
/** The exported rows' content hash and count, computed by ClickHouse (chDB in this process) reading the file back. */
const readBack = (file: string, format: string) => JSON.parse(query(`${contentHashSql(`file('${file}', '${format}')`)} FORMAT JSONEachRow`, 'JSONEachRow'));

let first: Any;

beforeAll(async () => {
  const natsPort = await freePort();
  natsUrl = `nats://127.0.0.1:${natsPort}`;
  platform = await startDevPlatform({ TIDELINE_NATS_PORT: String(natsPort) });
  await postAll(platform.url, platform.key, '/v1/predictions', churn.map((r) => binaryPrediction('churn', r)));
  await postAll(platform.url, platform.key, '/v1/feedback', churn.map((r) => binaryFeedback('churn', r)));
  await eventually(async () => (await platform.gql<Any>('{ model(name: "churn") { labeledCount } }')).data?.model?.labeledCount === 2000, 90_000);
  // Splits follow the registry's protected slices unless told otherwise.
  const registered = await platform.gql<Any>('mutation { registerModel(input: { name: "churn", primaryMetric: ACCURACY, protectedSlices: ["tags.country"] }) { name } }');
  expect(registered.errors).toBeUndefined();
}, 240_000);

afterAll(async () => {
  await platform?.stop();
  files.remove();
});

describe('curateDataset', () => {
  it('freezes every labeled row of the windows, split by label and protected slice', async () => {
    const answer = await curate(INPUT);
    expect(answer.errors).toBeUndefined();
    first = answer.data.curateDataset;
    // contentHash and rowCount come from the registry, curation from this service: one federated entity.
    expect(first.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.curation.contentHash).toBe(first.contentHash);
    expect(first.rowCount).toBe(2000);
    expect(first.curation.stratifyBy).toEqual(['tags.country']);
    const splits = Object.fromEntries(first.curation.splits.map((s: Any) => [s.split, s.rowCount]));
    expect(splits.train + splits.validation + splits.test).toBe(2000);
    // Per stratum (label × country) the train share is exact to a row.
    const rows = (await (await download(`${first.curation.exportPath}?format=ndjson`)).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(2000);
    const strata = new Map<string, { n: number; train: number }>();
    for (const r of rows) {
      const key = `${r.label_positive}/${r.tags.country}`;
      const s = strata.get(key) ?? { n: 0, train: 0 };
      s.n++;
      if (r.split === 'train') s.train++;
      strata.set(key, s);
    }
    expect(strata.size).toBe(6);
    for (const s of strata.values()) expect(Math.abs(s.train - 0.7 * s.n)).toBeLessThanOrEqual(1);
    // Weights: recency (half-life one day from the end of the last window) times 3 in DE.
    const end = T0 + 2 * DAY;
    for (const r of rows.slice(0, 50)) {
      const expected = 0.5 ** ((end - Date.parse(`${r.timestamp.replace(' ', 'T')}Z`)) / DAY) * (r.tags.country === 'DE' ? 3 : 1);
      expect(r.weight).toBeCloseTo(expected, 9);
    }
    expect(first.curation.sliceCounts.map((s: Any) => s.field)).toEqual(['tags.country', 'tags.country', 'tags.country']);
    expect(first.curation.classBalance.reduce((sum: number, c: Any) => sum + c.rowCount, 0)).toBe(2000);
  });

  it('gives the same hash to the same request on the same data', async () => {
    const again = await curate(INPUT);
    expect(again.errors).toBeUndefined();
    expect(again.data.curateDataset.id).not.toBe(first.id);
    expect(again.data.curateDataset.contentHash).toBe(first.contentHash);
    const otherSeed = await curate({ ...INPUT, seed: 2 });
    expect(otherSeed.data.curateDataset.contentHash).not.toBe(first.contentHash);
  });

  it('is registered in the registry with its source, lineage points at it, and it is announced on NATS', async () => {
    const found = await platform.gql<Any>(`{ dataset(id: "${first.id}") { contentHash rowCount source { model strategy window { from to } query } curation { rowCount } } }`);
    expect(found.data.dataset).toMatchObject({ contentHash: first.contentHash, rowCount: 2000, source: { model: 'churn', strategy: 'ALL', window: { from: new Date(DAY1.from).toISOString(), to: new Date(DAY2.to).toISOString() } } });
    expect(JSON.parse(found.data.dataset.source.query)).toMatchObject({ recencyHalfLife: '1d', splits: { train: 0.7 }, stratifyBy: ['tags.country'] });
    const version = await platform.gql<Any>(`mutation { registerModelVersion(input: { model: "churn", version: "v1", artifact: { files: [{ path: "w.bin", contentBase64: "AAAA" }], format: OTHER }, datasetId: "${first.id}" }) { version } }`);
    expect(version.errors).toBeUndefined();
    const lineage = await platform.gql<Any>('{ lineage(model: "churn", version: "v1") { dataset { id contentHash curation { splits { split rowCount } } } } }');
    expect(lineage.data.lineage.dataset).toMatchObject({ id: first.id, contentHash: first.contentHash });
    expect(lineage.data.lineage.dataset.curation.splits).toEqual(first.curation.splits);
    const listed = await platform.gql<Any>('{ datasets(model: "churn") { id } }');
    expect(listed.data.datasets.map((d: Any) => d.id)).toContain(first.id);

    const events = (await streamMessages(natsUrl, CURATION_STREAMS.events.name)).map((m) => datasetCreatedEvent.parse(m));
    const event = events.find((e) => e.datasetId === first.id);
    expect(event).toMatchObject({ contentHash: first.contentHash, rowCount: 2000, model: { name: 'churn' } });
    expect(event!.splits.train + event!.splits.validation + event!.splits.test).toBe(2000);
  });

  it('exports Parquet that ClickHouse reads back to the same row count and hash, and other formats and splits', async () => {
    const res = await download(`/v1/datasets/${first.id}?format=parquet`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    const file = join(files.path, 'all.parquet');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(readBack(file, 'Parquet')).toEqual({ content_hash: first.contentHash, row_count: 2000 });
    const arrow = join(files.path, 'all.arrow');
    writeFileSync(arrow, Buffer.from(await (await download(`/v1/datasets/${first.id}?format=arrow`)).arrayBuffer()));
    expect(readBack(arrow, 'Arrow')).toEqual({ content_hash: first.contentHash, row_count: 2000 });
    const train = (await (await download(`/v1/datasets/${first.id}?format=csv&split=train`)).text()).trim().split('\n');
    expect(train[0]).toContain('"id","model_version","timestamp","features_num"');
    expect(train.length - 1).toBe(first.curation.splits.find((s: Any) => s.split === 'train').rowCount);
    expect((await fetch(`${platform.url}/v1/datasets/${first.id}?format=parquet`)).status).toBe(401);
    expect((await download(`/v1/datasets/${first.id}?format=xlsx`)).status).toBe(400);
    expect((await download(`/v1/datasets/${first.id}?split=holdout`)).status).toBe(400);
    expect((await download('/v1/datasets/nope')).status).toBe(404);
  });

  it('is unaffected by a later label correction', async () => {
    const corrected = churn.slice(0, 100).map((r) => ({ predictionId: r.id, model: 'churn', label: { positive: !r.label } }));
    await postAll(platform.url, platform.key, '/v1/feedback', corrected);
    await eventually(async () => {
      const p = await platform.gql<Any>(`{ predictions(model: "churn", first: 1) { nodes { id label { positive } } } }`);
      return p.data?.predictions?.nodes?.[0]?.label?.positive === !churn[0]!.label;
    }, 60_000);
    const file = join(files.path, 'after.parquet');
    writeFileSync(file, Buffer.from(await (await download(`/v1/datasets/${first.id}?format=parquet`)).arrayBuffer()));
    expect(readBack(file, 'Parquet')).toEqual({ content_hash: first.contentHash, row_count: 2000 });
    const fresh = await curate(INPUT);
    expect(fresh.data.curateDataset.contentHash).not.toBe(first.contentHash);
  });

  it('gives small strata to every split in proportion, rather than all rounding the same way', async () => {
    // About 10 rows in six strata (label × country) of one to three rows: every split still gets some.
    const small = await curate({ ...INPUT, windows: [{ from: iso(T0), to: iso(T0 + 15 * 60_000) }], splits: { train: 0.6, validation: 0.2, test: 0.2 } });
    expect(small.errors).toBeUndefined();
    const splits = Object.fromEntries(small.data.curateDataset.curation.splits.map((s: Any) => [s.split, s.rowCount]));
    expect(splits.validation).toBeGreaterThan(0);
    expect(splits.test).toBeGreaterThan(0);
  });

  it('refuses bad input, naming the field', async () => {
    const error = async (input: Record<string, unknown>) => (await curate(input)).errors?.[0]?.extensions;
    expect(await error({ ...INPUT, model: 'nope' })).toMatchObject({ code: 'MODEL_NOT_FOUND', field: 'input.model' });
    expect(await error({ ...INPUT, splits: { train: 0.5, validation: 0.1, test: 0.1 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.splits' });
    expect(await error({ ...INPUT, maxRows: 10 })).toMatchObject({ code: 'TOO_MANY_ROWS', field: 'input.maxRows' });
    expect(await error({ ...INPUT, maxRows: 100_000_000 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.maxRows' });
    expect(await error({ ...INPUT, recencyHalfLife: 'soon' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recencyHalfLife' });
    expect(await error({ ...INPUT, windows: [{ from: iso(T0 + 9 * DAY), to: iso(T0 + 10 * DAY) }] })).toMatchObject({ code: 'TOO_FEW_LABELED_ROWS', field: 'input.windows' });
    const few = { ...INPUT, windows: [{ from: iso(T0), to: iso(T0 + 86_400 * 2) }], stratifyBy: [] };
    expect(await error(few)).toMatchObject({ code: 'TOO_FEW_LABELED_ROWS', field: 'input.splits' });
    expect(await error({ ...INPUT, id: first.id })).toMatchObject({ code: 'DATASET_EXISTS', field: 'input.id' });
    // A refused dataset leaves nothing behind: neither rows nor a registration.
    expect((await platform.gql<Any>('{ datasets(model: "churn") { id } }')).data.datasets).toHaveLength(5);
  });
});
