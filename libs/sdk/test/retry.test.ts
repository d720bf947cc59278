import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, startDevPlatform, type DevPlatform } from '@tideline/testing';
import { Tideline, type RetryInfo } from '../src/index.ts';
import { countsQuery, predictions, type Counts } from './fixtures.ts';

// The platform's real limiter: an ingest backlog (JetStream stream) of 1 MiB,
// the smallest allowed. A 3 MB request is cut into ~900 KB chunks; past the
// first, JetStream refuses them ("maximum bytes exceeded") and ingest answers
// 429 INGEST_BACKPRESSURE with Retry-After: 5 until the store drains it.
let platform: DevPlatform;

beforeAll(async () => {
  platform = await startDevPlatform({ INGEST_STREAM_MAX_BYTES: String(1024 * 1024) });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

it("retries a batch the ingest backlog refused (429), waiting the server's Retry-After, until every record is stored", async () => {
  const retries: RetryInfo[] = [];
  // One batch of exactly 1,000: it goes when full, never cut short by the linger timer on a loaded machine.
  const tl = new Tideline({ url: platform.url, apiKey: platform.key, batchSize: 1000, maxBatchBytes: 8 * 1024 * 1024, lingerMs: 600_000, onRetry: (info) => retries.push(info) });
  try {
    for (const record of predictions('backlogged', 1000, { pad: 3000 })) await tl.logPrediction(record);
    await tl.flush();
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toMatchObject({ kind: 'predictions', records: 1000, attempt: 1, status: 429, retryAfter: true, delayMs: 5000, error: { code: 'INGEST_BACKPRESSURE' } });
    // The records the first answer took are sent again: the server counts each record once more, the store holds it once.
    expect(tl.stats).toMatchObject({ logged: 1000, failed: 0, rejected: 0, held: 0, retries: retries.length, requests: retries.length + 1 });
    expect(tl.stats.accepted).toBe(1000);
    await eventually(async () => (await tl.graphql<Counts>(countsQuery, { name: 'backlogged' })).model?.predictionCount === 1000, 30_000);
  } finally {
    await tl.close();
  }
});
