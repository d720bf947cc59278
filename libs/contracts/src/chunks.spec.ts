import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_MAX_BYTES, CHUNK_MAX_RECORDS, RECORD_COUNT_HEADER, chunkRecordCount, decodeChunk, encodeChunk, encodeChunks } from './chunks.ts';
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
    expect((decodeChunk(chunks[2]!.data)[0] as PredictionRecord).id).toBe(`r${CHUNK_MAX_RECORDS * 2}`);
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
    const records = [record('a'), { ...record('b'), tags: { country: 'BR' }, features: { x: 1.5, s: 'é😀', ok: true, n: null } }];
    const chunk = encodeChunk(records);
    expect(decodeChunk(chunk.data)).toEqual(JSON.parse(JSON.stringify(records)));
    expect(chunk.count).toBe(2);
    expect(chunkRecordCount({ get: (name) => (name === RECORD_COUNT_HEADER ? String(chunk.count) : '') })).toBe(2);
  });

  it('counts a message without the header as one record', () => {
    expect(chunkRecordCount(undefined)).toBe(1);
    expect(chunkRecordCount({ get: () => '' })).toBe(1);
  });

  it('takes as message id the sha256 of the subject and each record content without arrival time', () => {
    // As validation builds them: timestamp and receivedAt last; a timestamp equal to receivedAt defaulted to it.
    const { timestamp: _t1, receivedAt: _r1, ...contentA } = record('a');
    const { timestamp: _t2, receivedAt: _r2, ...contentB } = record('b');
    const stamped = { ...contentA, timestamp: 5, receivedAt: 9 };
    const defaulted = { ...contentB, timestamp: 9, receivedAt: 9 };
    const expected = createHash('sha256').update('tideline.ingest.predictions.p1').update('\n').update(JSON.stringify({ ...contentA, timestamp: 5 })).update('\n').update(JSON.stringify(contentB)).digest('base64url');
    expect(encodeChunk([stamped, defaulted]).messageId).toBe(expected);
    expect(encodeChunk([{ ...stamped, receivedAt: 10 }, { ...defaulted, timestamp: 10, receivedAt: 10 }]).messageId).toBe(expected);
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
