import { query } from 'chdb';
import { describe, expect, it } from 'vitest';
import { exportRows } from './export-rows.ts';
import type { TrainingRow } from './types.ts';

/** 50 rows shaped as curation's export writes them (its columns and ClickHouse types, JSONEachRow), every fifth without a label. */
const NDJSON = query(
  `SELECT toString(number) AS id, 'v1' AS model_version, toDateTime64('2026-01-01 00:00:00', 3, 'UTC') AS timestamp,
     CAST(map('x1', number * 1.5, 'x2', -0.25), 'Map(String, Float64)') AS features_num,
     CAST(map('country', concat('c', toString(number % 3)), 'name', 'é✓ ünïcode'), 'Map(String, String)') AS features_str,
     CAST(map('member', number % 2 = 0), 'Map(String, Bool)') AS features_bool,
     CAST(map('region', 'eu'), 'Map(String, String)') AS tags,
     CAST(NULL, 'Nullable(Float64)') AS score, CAST(map(), 'Map(String, Float64)') AS probabilities,
     CAST(NULL, 'Nullable(String)') AS predicted_class, CAST(NULL, 'Nullable(Float64)') AS value,
     CAST(if(number % 5 = 4, NULL, number % 2 = 0), 'Nullable(Bool)') AS label_positive,
     CAST(if(number % 5 = 4, NULL, concat('k', toString(number % 3))), 'Nullable(String)') AS label_class,
     CAST(if(number % 5 = 4, NULL, number * 2.0), 'Nullable(Float64)') AS label_value,
     'train' AS split, toFloat64(1 + number / 10) AS weight
   FROM numbers(50) ORDER BY number`,
  'JSONEachRow',
);

/** The bytes in pieces of `size`, cutting lines and multi-byte characters anywhere. */
async function* pieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function collect(rows: AsyncIterable<TrainingRow[]>): Promise<TrainingRow[][]> {
  const batches: TrainingRow[][] = [];
  for await (const batch of rows) batches.push(batch);
  return batches;
}

describe('exportRows', () => {
  it('parses the export into batches whatever the chunk boundaries, with CRLF and empty lines, skipping and counting unlabeled rows', async () => {
    expect(NDJSON.split('\n').filter(Boolean)).toHaveLength(50);
    const crlf = `\r\n${NDJSON.split('\n').join('\r\n\r\n')}`;
    for (const [text, size] of [[NDJSON, 1], [NDJSON, 7], [crlf, 13], [crlf, 1 << 20]] as const) {
      const rows = exportRows(pieces(text, size), 'BINARY', 16);
      const batches = await collect(rows);
      expect(batches.map((b) => b.length)).toEqual([16, 16, 8]);
      expect(rows.skipped).toBe(10);
      expect(batches[0]![0]).toEqual({ features: { x1: 0, x2: -0.25, country: 'c0', name: 'é✓ ünïcode', member: true }, label: true, weight: 1, id: '0', tags: { region: 'eu' } });
      expect(batches[2]!.at(-1)).toEqual({ features: { x1: 72, x2: -0.25, country: 'c0', name: 'é✓ ünïcode', member: true }, label: true, weight: 5.8, id: '48', tags: { region: 'eu' } });
    }
  });

  it('takes the label of the task: label_class for MULTICLASS, label_value for REGRESSION', async () => {
    const multiclass = (await collect(exportRows(pieces(NDJSON, 100), 'MULTICLASS'))).flat();
    const regression = (await collect(exportRows(pieces(NDJSON, 100), 'REGRESSION'))).flat();
    expect(multiclass.slice(0, 4).map((r) => r.label)).toEqual(['k0', 'k1', 'k2', 'k0']);
    expect(regression.slice(0, 5).map((r) => r.label)).toEqual([0, 2, 4, 6, 10]);
  });

  it('fails on a line that is not JSON, naming the line', async () => {
    const broken = `${NDJSON.split('\n').slice(0, 3).join('\n')}\n{"features_num": {\n`;
    await expect(collect(exportRows(pieces(broken, 5), 'BINARY'))).rejects.toThrow(/^dataset export line 4 is not JSON/);
  });
});
