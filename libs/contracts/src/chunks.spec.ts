import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_MAX_BYTES, CHUNK_MAX_RECORDS, RECORD_COUNT_HEADER, ROWS_FORMAT, chunkLines, chunkRecordCount, decodeChunk, encodeChunk, encodeChunks } from './chunks.ts';
import { FEEDBACK_COLUMNS, PREDICTION_COLUMNS, lineModel, predictionLine } from './rows.ts';
import type { FeedbackRecord, PredictionRecord } from './records.ts';

const record = (id: string, project = 'p1', pad = 0): PredictionRecord => ({
  kind: 'prediction',
  project,
  model: 'm',
  modelVersion: 'v',
  id,
  task: 'BINARY',
  timestamp: 0,
  receivedAt: 0,
  features: pad ? { pad: 'x'.repeat(pad) } : {},
  tags: {},
  output: { score: 0.5 },
});

describe('encodeChunks', () => {
  it('splits by record count and keeps every position once, in order', () => {
    const records = Array.from({ length: CHUNK_MAX_RECORDS * 2 + 5 }, (_, i) => record(`r${i}`));
    const { chunks } = encodeChunks(records);
    expect(chunks.map((c) => c.count)).toEqual([CHUNK_MAX_RECORDS, CHUNK_MAX_RECORDS, 5]);
    expect(chunks.flatMap((c) => c.positions)).toEqual(records.map((_, i) => i));
    expect((decodeChunk(chunks[2]!.data, ROWS_FORMAT)[0] as PredictionRecord).id).toBe(`r${CHUNK_MAX_RECORDS * 2}`);
  });

  it('keeps a chunk under the byte limit, counting bytes of UTF-8', () => {
    const records = Array.from({ length: 40 }, (_, i) => record(`r${i}`, 'p1', 100_000));
    const { chunks } = encodeChunks(records);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.data.byteLength).toBeLessThanOrEqual(CHUNK_MAX_BYTES);
    // 3 bytes a character: 160k characters are 480 kB, two such records do not share a chunk.
    const wide = encodeChunks([0, 1, 2].map((i) => ({ ...record(`w${i}`), features: { text: '語'.repeat(160_000) } }))).chunks;
    expect(wide.map((c) => c.positions)).toEqual([[0], [1], [2]]);
    for (const chunk of wide) expect(chunk.data.byteLength).toBeLessThanOrEqual(CHUNK_MAX_BYTES);
  });

  it('leaves out a record too large for any message, and reports it', () => {
    const { chunks, tooLarge } = encodeChunks([record('a'), { ...record('big'), features: { text: 'é'.repeat(500_000) } }, record('c')]);
    expect(tooLarge).toEqual([1]);
    expect(chunks.flatMap((c) => c.positions)).toEqual([0, 2]);
  });

  it('never mixes subjects (projects or kinds) in a chunk', () => {
    const feedback: FeedbackRecord = { kind: 'feedback', project: 'p1', model: 'm', predictionId: 'a', task: 'BINARY', timestamp: 0, receivedAt: 0, label: { positive: true } };
    const { chunks } = encodeChunks([record('a', 'p1'), record('b', 'p2'), feedback, record('c', 'p1')]);
    expect(chunks.map((c) => [c.subject, c.positions])).toEqual([
      ['tideline.ingest.predictions.p1', [0, 3]],
      ['tideline.ingest.predictions.p2', [1]],
      ['tideline.ingest.feedback.p1', [2]],
    ]);
  });
});

describe('one chunk, round trip', () => {
  it('decodes to the records it encoded, with their count for the header', () => {
    const records: PredictionRecord[] = [
      record('a'),
      { ...record('b'), tags: { country: 'BR' }, features: { x: 1.5, s: 'é😀', ok: true, n: null }, label: { positive: true } },
      { ...record('c'), task: 'MULTICLASS', output: { probabilities: { a: 0.25, b: 0.75 }, predictedClass: 'b' }, label: { class: 'a' } },
    ];
    const chunk = encodeChunk(records);
    expect(decodeChunk(chunk.data, ROWS_FORMAT)).toEqual(JSON.parse(JSON.stringify(records)));
    expect(chunk.count).toBe(3);
    expect(chunkRecordCount({ get: (name) => (name === RECORD_COUNT_HEADER ? String(chunk.count) : '') })).toBe(3);
  });

  it("holds one line a record, the store's row in its column order", () => {
    const feedback: FeedbackRecord = { kind: 'feedback', project: 'p1', model: 'm', predictionId: 'a', task: 'BINARY', timestamp: 5, receivedAt: 6, label: { positive: true } };
    const [f] = chunkLines(encodeChunk([feedback]).data).map((l) => JSON.parse(l) as unknown[]);
    expect(Object.fromEntries(FEEDBACK_COLUMNS.map((c, i) => [c, f![i]]))).toEqual({
      project: 'p1', model: 'm', prediction_id: 'a', task: 'BINARY', label_positive: true, label_class: null, label_value: null, ts: 5, received_at: 6, version: 6,
    });
    const lines = chunkLines(encodeChunk([{ ...record('x'), timestamp: 1, receivedAt: 2, features: { n: 1, s: 's', b: false, z: null } }]).data);
    expect(lines).toHaveLength(1);
    const row = Object.fromEntries(PREDICTION_COLUMNS.map((c, i) => [c, (JSON.parse(lines[0]!) as unknown[])[i]]));
    expect(row).toMatchObject({ id: 'x', features_num: { n: 1 }, features_str: { s: 's' }, features_bool: { b: false }, features_null: ['z'], score: 0.5, ts: 1, received_at: 2, version: 2 });
    expect(lineModel(lines[0]!, 'p1')).toBe('m');
    expect(lineModel(lines[0]!, 'p2')).toBeNull();
  });

  it('reads a chunk of the older format (a JSON array of records) as it was', () => {
    const records = [record('a')];
    expect(decodeChunk(new TextEncoder().encode(JSON.stringify(records)))).toEqual(records);
    expect(() => decodeChunk(new TextEncoder().encode('{}'))).toThrow('expected a JSON array of records');
  });

  it('counts a message without the header as one record', () => {
    expect(chunkRecordCount(undefined)).toBe(1);
    expect(chunkRecordCount({ get: () => '' })).toBe(1);
  });

  it('takes as message id the sha256 of the subject and each line without the arrival time (and a timestamp defaulted to it)', () => {
    const stamped = { ...record('a'), timestamp: 5, receivedAt: 9 };
    const defaulted = { ...record('b'), timestamp: 9, receivedAt: 9 };
    const content = (line: string, cut: number) => line.split(',').slice(0, -cut).join(',');
    const expected = createHash('sha256')
      .update('tideline.ingest.predictions.p1')
      .update('\n').update(content(predictionLine(stamped), 2))
      .update('\n').update(content(predictionLine(defaulted), 3))
      .digest('base64url');
    expect(content(predictionLine(stamped), 2).endsWith(',5')).toBe(true);
    expect(encodeChunk([stamped, defaulted]).messageId).toBe(expected);
    expect(encodeChunk([{ ...stamped, receivedAt: 10 }, { ...defaulted, timestamp: 10, receivedAt: 10 }]).messageId).toBe(expected);
    expect(encodeChunk([{ ...stamped, timestamp: 6 }, defaulted]).messageId).not.toBe(expected);
  });

  it('refuses records that do not make exactly one chunk', () => {
    expect(() => encodeChunk([record('a', 'p1'), record('b', 'p2')])).toThrow(/make 2 chunks/);
    expect(() => encodeChunk([])).toThrow(/make 0 chunks/);
  });

  it('refuses a body that is not a JSON array of records', () => {
    expect(() => decodeChunk(new TextEncoder().encode('{"id":"a"}'))).toThrow('expected a JSON array of records');
    expect(() => decodeChunk(new TextEncoder().encode('not json at all'))).toThrow(SyntaxError);
  });
});
