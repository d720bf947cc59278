import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadOfflineRows } from './offline-load.ts';
import type { OfflineRow } from './offline-rows.ts';

/** The body cut into chunks of `size` bytes: lines split anywhere, even inside a UTF-8 character. */
async function* chunks(body: Buffer, size: number): AsyncIterable<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

async function load(text: string | Buffer, size: number, maxRows = 1_000_000) {
  const body = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const batches: OfflineRow[][] = [];
  const loaded = await loadOfflineRows(chunks(body, size), 'MULTICLASS', maxRows, async (b) => void batches.push(b));
  return { loaded, rows: batches.flat(), digest: createHash('sha256').update(body).digest('hex') };
}

const line = (cls: string, slices?: Record<string, string>) => JSON.stringify({ output: { predictedClass: cls }, label: { class: cls }, ...(slices ? { slices } : {}) });

describe('loadOfflineRows', () => {
  it('reads the same rows whatever the chunking, and hashes every byte', async () => {
    // Slice fields are ASCII, as the registry's slices; classes and slice values any text.
    const text = `${line('é', { 'tags.country': 'ñ' })}\n\r\n${line('b', { 'tags.país': 'x' })}\n${line('c')}`;
    for (const size of [1, 2, 3, 7, 64, 4096]) {
      const { loaded, rows, digest } = await load(text, size);
      expect({ size, rows: loaded.rows, rejected: loaded.rejected }).toEqual({ size, rows: 2, rejected: [{ line: 3, field: 'slices', reason: expect.stringMatching(/must start with a letter/) }] });
      expect(rows.map((r) => [r.label_class, r.predicted_class, r.slices])).toEqual([
        ['é', 'é', { 'tags.country': 'ñ' }],
        ['c', 'c', {}],
      ]);
      expect(loaded.bodySha256).toBe(digest);
    }
  });

  it('stores rows in batches of 10,000, and numbers lines from 1 with blank ones counted', async () => {
    const text = `\n${Array.from({ length: 25_000 }, (_, i) => line(`k${i % 3}`)).join('\n')}\nnot json\n`;
    const batches: number[] = [];
    const loaded = await loadOfflineRows(chunks(Buffer.from(text), 65_536), 'MULTICLASS', 1_000_000, async (b) => void batches.push(b.length));
    expect(batches).toEqual([10_000, 10_000, 5_000]);
    expect(loaded.rejected).toEqual([{ line: 25_002, field: 'line', reason: expect.stringMatching(/^not valid JSON/) }]);
    expect(loaded.variants).toEqual(['model']);
  });

  it('rejects a line past 1 MiB unread and goes on with the next', async () => {
    const long = JSON.stringify({ output: { predictedClass: 'x'.repeat(1024 * 1024) }, label: { class: 'x' } });
    const { loaded } = await load(`${long}\n${line('a')}`, 60_000);
    expect(loaded.rows).toBe(1);
    expect(loaded.rejected).toEqual([{ line: 1, field: 'line', reason: 'is longer than 1048576 bytes' }]);
  });

  it('past maxRows, refuses and stores nothing more but still hashes the rest', async () => {
    const body = Buffer.from(Array.from({ length: 5 }, () => line('a')).join('\n'));
    const { loaded, rows, digest } = await load(body, 10, 3);
    expect(loaded.refusal?.code).toBe('EVALUATION_TOO_LARGE');
    expect(rows).toHaveLength(0); // the one partial batch is never stored
    expect(loaded.bodySha256).toBe(digest);
  });
});
