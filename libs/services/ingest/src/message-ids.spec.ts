/** Chunk message ids (@tideline/contracts' chunks.ts) of records as ingest's validation builds them. */
import { describe, expect, it } from 'vitest';
import { encodeChunks, lineContent, recordLine, type PredictionRecord } from '@tideline/contracts';
import { validateFeedback, validatePrediction } from './validate.ts';

describe('message ids', () => {
  const messageId = (records: PredictionRecord[]) => encodeChunks(records).chunks.map((c) => c.messageId);
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

  it('take the content apart from the arrival time (and from a timestamp defaulted to it)', () => {
    const explicit = sent('p1', 1000, { label: { positive: false } });
    const defaulted = sent('p1', 1000, { timestamp: undefined });
    const feedback = validateFeedback({ predictionId: 'x', model: 'churn', label: { positive: true } }, { project: 'p1', receivedAt: 77 });
    for (const record of [explicit, defaulted, feedback]) {
      const content = lineContent(record, recordLine(record));
      expect(content).not.toContain(String(record.receivedAt));
      expect(recordLine(record).startsWith(content)).toBe(true);
    }
    expect(lineContent(explicit, recordLine(explicit))).toContain(String(Date.UTC(2026, 0, 1)));
    expect(lineContent(explicit, recordLine(explicit))).toContain('{"receivedAt":5}');
  });
});
