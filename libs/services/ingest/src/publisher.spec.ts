import { describe, expect, it } from 'vitest';
import { CHUNK_MAX_BYTES, CHUNK_MAX_RECORDS, type PredictionRecord } from '@tideline/contracts';
import { chunkRecords } from './publisher.ts';

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
    const chunks = chunkRecords(records);
    expect(chunks.map((c) => c.parts.length)).toEqual([CHUNK_MAX_RECORDS, CHUNK_MAX_RECORDS, 5]);
    expect(chunks.flatMap((c) => c.positions)).toEqual(records.map((_, i) => i));
    expect(JSON.parse(`[${chunks[2]!.parts.join(',')}]`)[0].id).toBe(`r${CHUNK_MAX_RECORDS * 2}`);
  });

  it('keeps a chunk under the byte limit', () => {
    const records = Array.from({ length: 40 }, (_, i) => record(`r${i}`, 'p1', 100_000));
    const chunks = chunkRecords(records);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.bytes).toBeLessThanOrEqual(CHUNK_MAX_BYTES);
  });

  it('never mixes subjects (projects or kinds) in a chunk', () => {
    const chunks = chunkRecords([record('a', 'p1'), record('b', 'p2'), record('c', 'p1')]);
    expect(chunks.map((c) => [c.subject, c.positions])).toEqual([
      ['tideline.ingest.predictions.p1', [0, 2]],
      ['tideline.ingest.predictions.p2', [1]],
    ]);
  });
});
