import { describe, expect, it } from 'vitest';
import { CHUNK_MAX_BYTES, CHUNK_MAX_RECORDS, type PredictionRecord } from '@tideline/contracts';
import { chunkRecords, contentOf } from './publisher.ts';
import { validateFeedback, validatePrediction } from './validate.ts';

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

describe('chunkRecords', () => {
  it('splits by record count and keeps every position once, in order', () => {
    const records = Array.from({ length: CHUNK_MAX_RECORDS * 2 + 5 }, (_, i) => record(`r${i}`));
    const { chunks } = chunkRecords(records);
    expect(chunks.map((c) => c.parts.length)).toEqual([CHUNK_MAX_RECORDS, CHUNK_MAX_RECORDS, 5]);
    expect(chunks.flatMap((c) => c.positions)).toEqual(records.map((_, i) => i));
    expect(JSON.parse(`[${chunks[2]!.parts.join(',')}]`)[0].id).toBe(`r${CHUNK_MAX_RECORDS * 2}`);
  });

  it('keeps a chunk under the byte limit, counting bytes of UTF-8', () => {
    const records = Array.from({ length: 40 }, (_, i) => record(`r${i}`, 'p1', 100_000));
    const { chunks } = chunkRecords(records);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.bytes).toBeLessThanOrEqual(CHUNK_MAX_BYTES);
    // 3 bytes a character: 160k characters are 480 kB, two such records do not share a chunk.
    const wide = chunkRecords([0, 1, 2].map((i) => ({ ...record(`w${i}`), features: { text: '語'.repeat(160_000) } }))).chunks;
    expect(wide.map((c) => c.positions)).toEqual([[0], [1], [2]]);
    for (const chunk of wide) expect(Buffer.byteLength(`[${chunk.parts.join(',')}]`)).toBeLessThanOrEqual(CHUNK_MAX_BYTES);
  });

  it('leaves out a record too large for any message, and reports it', () => {
    const { chunks, tooLarge } = chunkRecords([record('a'), { ...record('big'), features: { text: 'é'.repeat(500_000) } }, record('c')]);
    expect(tooLarge).toEqual([1]);
    expect(chunks.flatMap((c) => c.positions)).toEqual([0, 2]);
  });

  it('never mixes subjects (projects or kinds) in a chunk', () => {
    const { chunks } = chunkRecords([record('a', 'p1'), record('b', 'p2'), record('c', 'p1')]);
    expect(chunks.map((c) => [c.subject, c.positions])).toEqual([
      ['tideline.ingest.predictions.p1', [0, 2]],
      ['tideline.ingest.predictions.p2', [1]],
    ]);
  });
});

describe('message ids', () => {
  const messageId = (records: PredictionRecord[]) => chunkRecords(records).chunks.map((c) => c.digest.digest('base64url'));
  const sent = (project: string, receivedAt: number, extra: Record<string, unknown> = {}) =>
    validatePrediction({ id: 'x', model: 'churn', timestamp: '2026-01-01T00:00:00Z', output: { score: 0.5 }, features: { receivedAt: 5 }, ...extra }, { project, receivedAt });

  it('are equal for an exact resend, whatever its arrival time (and a timestamp defaulted to it)', () => {
    expect(messageId([sent('p1', 1000)])).toEqual(messageId([sent('p1', 2000)]));
    expect(messageId([sent('p1', 1000, { timestamp: undefined })])).toEqual(messageId([sent('p1', 2000, { timestamp: undefined })]));
  });

  it('differ for another project, or any change of content', () => {
    const first = messageId([sent('p1', 1000)])[0];
    expect(messageId([sent('p2', 1000)])[0]).not.toBe(first);
    expect(messageId([sent('p1', 1000, { output: { score: 0.6 } })])[0]).not.toBe(first);
    expect(messageId([sent('p1', 1000, { label: { positive: true } })])[0]).not.toBe(first);
    expect(messageId([sent('p1', 1000, { timestamp: '2026-02-01T00:00:00Z' })])[0]).not.toBe(first);
    expect(messageId([sent('p1', 1000, { timestamp: undefined })])[0]).not.toBe(first);
  });

  it('take the content apart from the arrival time the same way, fast or not', () => {
    const explicit = sent('p1', 1000, { label: { positive: false } });
    const defaulted = sent('p1', 1000, { timestamp: undefined });
    const feedback = validateFeedback({ predictionId: 'x', model: 'churn', label: { positive: true } }, { project: 'p1', receivedAt: 77 });
    for (const record of [explicit, defaulted, feedback]) {
      const fast = contentOf(record, JSON.stringify(record));
      // receivedAt first (a record built elsewhere): the slow path gives the same content.
      const { receivedAt, ...rest } = record;
      expect(contentOf(record, JSON.stringify({ receivedAt, ...rest }))).toBe(fast);
      expect(fast).not.toContain(String(receivedAt));
    }
    expect(JSON.parse(contentOf(explicit, JSON.stringify(explicit)))).toMatchObject({ features: { receivedAt: 5 }, label: { positive: false }, timestamp: Date.UTC(2026, 0, 1) });
    expect(JSON.parse(contentOf(defaulted, JSON.stringify(defaulted))).timestamp).toBeUndefined();
  });
});
