import type { ClickHouseClient } from '@tideline/clickhouse';
import { rows, type Params } from '@tideline/store';
import { statsFromSorted, type NumericStats } from './drift-ecdf.ts';
import { windowRows, type DriftScope, type FeatureRef } from './drift-sql.ts';

/**
 * Numeric drift at scale. ClickHouse reads the two windows once per batch of
 * features and returns each feature's reference and current values sorted
 * (`arraySort`, a radix sort of Float64: the one step that is not linear);
 * TypeScript computes KS, Wasserstein and PSI in one merge pass over the two
 * arrays (drift-ecdf.ts). The sorted values travel as RowBinary, raw
 * little-endian doubles, so moving them costs a copy, not a parse.
 *
 * Batches bound the memory a request holds (about 8 bytes × BATCH_VALUES on
 * each side of the connection). They run one after the other (the embedded
 * engine runs one query at a time), TypeScript's pass over a batch while
 * ClickHouse sorts the next. Within a query the aggregation is two-level, so
 * its groups (features) are finished, and sorted, on every thread.
 */
/** Values (rows × features) one batch holds at most, unless a single feature has more. */
export const BATCH_VALUES = 50_000_000;
/**
 * Two-level aggregation from the first row: its buckets are converted (here:
 * the arrays sorted) on all threads, where a one-level result is one block
 * on one thread.
 */
const PARALLEL_GROUPS = 'SETTINGS group_by_two_level_threshold = 1, group_by_two_level_threshold_bytes = 1';
/** The index of a map key that is not a feature of the batch. */
const NOT_IN_BATCH = 65535;

/** A batch's (feature index, value) pairs from the row's numeric map: a hash lookup (`transform`) of each of its keys. */
const lookedUp = (nk: string, ni: string) =>
  `arrayFilter(p -> p.1 != ${NOT_IN_BATCH}, arrayMap((k, v) -> (transform(k, {${nk}:Array(String)}, {${ni}:Array(UInt16)}, toUInt16(${NOT_IN_BATCH})), v),
    mapKeys(features_num), mapValues(features_num)))`;

/**
 * Explodes each row into (feature index, value) pairs of a batch's features.
 * A `features.<name>` feature is read from the row's numeric map without
 * `map[key]`, a linear search of the row's keys, which would cost a wide
 * report features × keys per row. Rows whose keys are `typical` (those of a
 * row of the windows: a model usually sends the same features in the same
 * order) hold each feature at a known position, read directly; other rows
 * look each of their keys up once (`lookedUp`). Other fields
 * (output.score, output.value) are read from their columns.
 */
function explodeNumeric(batch: readonly FeatureRef[], typical: readonly string[], params: Params): string {
  const mapped = batch.flatMap((f, i) => (f.mapKey === undefined ? [] : [{ key: f.mapKey, index: i }]));
  const columns = batch.flatMap((f, i) => (f.mapKey === undefined ? [{ f, index: i }] : []));
  const parts: string[] = [];
  if (mapped.length > 0) {
    Object.assign(params, { nk: mapped.map((m) => m.key), ni: mapped.map((m) => m.index), typical });
    const positions = mapped.flatMap(({ key, index }) => (typical.includes(key) ? [`(toUInt16(${index}), mapValues(features_num)[${typical.indexOf(key) + 1}])`] : []));
    const direct = positions.length > 0 ? `[${positions.join(', ')}]` : "CAST([], 'Array(Tuple(UInt16, Float64))')";
    parts.push(`if(mapKeys(features_num) = {typical:Array(String)}, ${direct}, ${lookedUp('nk', 'ni')})`);
  }
  if (columns.length > 0) {
    Object.assign(params, ...columns.map(({ f }) => f.params));
    const tuples = columns.map(({ f, index }) => `(toUInt16(${index}), toFloat64(if(${f.present}, ${f.value}, 0)), ${f.present})`);
    parts.push(`arrayMap(t -> (t.1, t.2), arrayFilter(t -> t.3, [${tuples.join(', ')}]))`);
  }
  return `arrayJoin(${parts.length === 1 ? parts[0] : `arrayConcat(${parts.join(', ')})`}) AS t`;
}

/** The numeric map's keys of one row of the windows: the key order rows of a model usually share. */
async function typicalKeys(client: ClickHouseClient, s: DriftScope): Promise<string[]> {
  const source = windowRows(s, 'mapKeys(features_num) AS keys');
  const [row] = await rows<{ keys: string[] }>(client, `${source.sql} LIMIT 1`, source.params);
  return row?.keys ?? [];
}

/** Reads RowBinary rows (UInt16, Array(Float64), Array(Float64)): a feature's index and its sorted windows. */
function* sortedWindows(body: Buffer): Generator<{ index: number; ref: Float64Array; cur: Float64Array }> {
  let at = 0;
  const varUInt = () => {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const byte = body[at++]!;
      value += (byte & 127) * shift;
      if (byte < 128) return value;
    }
  };
  const doubles = () => {
    const values = new Float64Array(varUInt());
    // A copy, since the buffer's offset need not be a multiple of 8.
    new Uint8Array(values.buffer).set(body.subarray(at, at + values.byteLength));
    at += values.byteLength;
    return values;
  };
  while (at < body.length) {
    const index = body.readUInt16LE(at);
    at += 2;
    yield { index, ref: doubles(), cur: doubles() };
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** A batch's sorted windows, as RowBinary. */
async function sortedBatch(client: ClickHouseClient, s: DriftScope, batch: readonly FeatureRef[], typical: readonly string[]): Promise<Buffer> {
  const params: Params = {};
  const source = windowRows(s, explodeNumeric(batch, typical, params));
  const query = `SELECT t.1 AS fi, arraySort(groupArrayIf(t.2, in_ref)) AS ref, arraySort(groupArrayIf(t.2, in_cur)) AS cur
    FROM (${source.sql}) GROUP BY fi ${PARALLEL_GROUPS} FORMAT RowBinary`;
  const { stream } = await client.exec({ query, query_params: { ...source.params, ...params } });
  return readAll(stream);
}

/** A batch's statistics, by position in the batch (empty windows where a feature had no values). */
function batchStats(batch: readonly FeatureRef[], body: Buffer): NumericStats[] {
  const out: NumericStats[] = batch.map(() => ({ n1: 0, n2: 0, ks: null, wasserstein: null, psi: null, refStd: null }));
  for (const { index, ref, cur } of sortedWindows(body)) out[index] = statsFromSorted(ref, cur);
  return out;
}

/** Splits features into consecutive batches of about equal numbers of values (each feature's count in the windows), none above `budget` unless one feature is. */
export function batchesOf<T extends { values: number }>(features: readonly T[], budget = BATCH_VALUES): T[][] {
  const total = features.reduce((sum, f) => sum + f.values, 0);
  const count = Math.min(features.length, Math.max(1, Math.ceil(total / budget)));
  const target = total / count;
  const batches: T[][] = [[]];
  let filled = 0;
  for (const f of features) {
    if (batches.at(-1)!.length > 0 && filled + f.values / 2 > target * batches.length && batches.length < count) batches.push([]);
    batches.at(-1)!.push(f);
    filled += f.values;
  }
  return batches.filter((b) => b.length > 0);
}

/** KS, Wasserstein, PSI and the reference's standard deviation of each numeric feature, in the order given. */
export async function numericStats(client: ClickHouseClient, s: DriftScope, features: readonly FeatureRef[], budget = BATCH_VALUES): Promise<NumericStats[]> {
  if (features.length === 0) return [];
  const batches = batchesOf(features, budget);
  const results = new Map<FeatureRef, NumericStats>();
  const typical = features.some((f) => f.mapKey !== undefined) ? await typicalKeys(client, s) : [];
  let pending = sortedBatch(client, s, batches[0]!, typical);
  for (let i = 0; i < batches.length; i++) {
    const body = await pending;
    // The next batch is sorted by ClickHouse while this one is merged here.
    if (i + 1 < batches.length) pending = sortedBatch(client, s, batches[i + 1]!, typical);
    batchStats(batches[i]!, body).forEach((stats, j) => results.set(batches[i]![j]!, stats));
  }
  return features.map((f) => results.get(f)!);
}
