import { describe, expect, it } from 'vitest';
import type { Logger } from '@tideline/runtime';
import { bulkPreparer } from './bulk-workers.ts';
import { prepareBulk, type BulkInput } from './prepare.ts';

const logger = (error: (o: unknown) => void = () => undefined) => ({ error, warn() {}, info() {}, debug() {} }) as unknown as Logger;
const body = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));
const input = (lines: string[], maxRecords = 100): BulkInput => ({ body: body(lines), kind: 'prediction', project: 'p1', receivedAt: Date.UTC(2026, 0, 2), maxRecords });

const lines = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    i % 7 === 3
      ? '{"id": "bad", "model": "churn"}' // no output: a validation error
      : i % 11 === 5
        ? '{not json'
        : JSON.stringify({ id: `r${i}`, model: i % 2 ? 'churn' : 'fraud', timestamp: Date.UTC(2026, 0, 1) + i, features: { x: i, s: `v${i}` }, output: { score: (i % 10) / 10 } }),
  );

describe('bulk bodies on worker threads', () => {
  it('are prepared exactly as on the main thread: digest, errors by index, lines, contents', async () => {
    const preparer = bulkPreparer(2, logger());
    try {
      const inputs = [input(lines(50)), input(lines(1)), input([]), input(lines(30), 10), input(lines(200), 1000)];
      // All at once: bodies spread over both threads and come back to the right callers.
      const answers = await Promise.all(inputs.map((i) => preparer.prepare(i)));
      answers.forEach((answer, k) => expect(answer).toEqual(prepareBulk(inputs[k]!)));
      expect(answers[3]).toMatchObject({ refused: { code: 'TOO_MANY_RECORDS' } });
      const first = answers[0] as Extract<(typeof answers)[0], { batch: unknown }>;
      expect(first.batch.errors.map((e) => e.index)).toEqual(lines(50).flatMap((l, i) => (l.startsWith('{"id": "bad"') || l === '{not json' ? [i] : [])));
      expect(first.batch.line.length + first.batch.errors.length).toBe(50);
    } finally {
      await preparer.close();
    }
  });

  it("leaves the caller's body intact (a copy travels) and prepares inline with no threads", async () => {
    const i = input(lines(5));
    const copy = new Uint8Array(i.body);
    const threaded = bulkPreparer(1, logger());
    try {
      await threaded.prepare(i);
    } finally {
      await threaded.close();
    }
    expect(i.body).toEqual(copy);
    expect(await bulkPreparer(0, logger()).prepare(i)).toEqual(prepareBulk(i));
  });
});

describe('a worker thread that dies', () => {
  it('fails the bodies it held, and another thread takes the next ones', async () => {
    const errors: unknown[] = [];
    const preparer = bulkPreparer(1, logger((o) => errors.push(o)), new URL('../test/dying-bulk-worker.ts', import.meta.url));
    try {
      await expect(preparer.prepare(input([]))).rejects.toThrow('ingest worker thread exited with code 3');
      const next = input(lines(3));
      expect(await preparer.prepare(next)).toEqual(prepareBulk(next));
      expect(errors).toHaveLength(1);
    } finally {
      await preparer.close();
    }
  });
});
