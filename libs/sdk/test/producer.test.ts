import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startDevPlatform, type DevPlatform } from '@tideline/testing';
import { Tideline, TidelineError, type FeedbackRecord, type PredictionRecord } from '../src/index.ts';
import { countsQuery, feedbackFor, predictions, type Counts } from './fixtures.ts';
import { runSnippet } from './run-snippet.ts';

let platform: DevPlatform;
const clients: Tideline[] = [];
const client = (options: Partial<ConstructorParameters<typeof Tideline>[0]> = {}) => {
  const tl = new Tideline({ url: platform.url, apiKey: platform.key, ...options });
  clients.push(tl);
  return tl;
};
const stored = (tl: Tideline, model: string, expected: { predictionCount: number; labeledCount?: number }) =>
  eventually(async () => {
    const counts = (await tl.graphql<Counts>(countsQuery, { name: model })).model;
    return counts && counts.predictionCount === expected.predictionCount && (expected.labeledCount === undefined || counts.labeledCount === expected.labeledCount) && counts;
  }, 30_000);

beforeAll(async () => {
  platform = await startDevPlatform();
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((tl) => tl.close()));
  await platform?.stop();
});

describe('the producer', () => {
  it('sends N records in a few batches, and they reach the store', async () => {
    const tl = client({ batchSize: 1000, lingerMs: 50 });
    const records = predictions('batched', 2_500);
    for (const record of records) await tl.logPrediction(record);
    await tl.flush();
    expect(tl.stats).toMatchObject({ logged: 2_500, accepted: 2_500, rejected: 0, failed: 0, held: 0, retries: 0 });
    // 1000 + 1000 + 500: the size threshold sends two, the flush the rest.
    expect(tl.stats.requests).toBe(3);
    await tl.logFeedback(feedbackFor(records)[0]!);
    await tl.flush();
    expect(tl.stats.requests).toBe(4);
    await stored(tl, 'batched', { predictionCount: 2_500, labeledCount: 1 });
  });

  it('sends a partial batch once its oldest record has waited lingerMs, without a flush', async () => {
    const tl = client({ lingerMs: 100 });
    for (const record of predictions('lingering', 3)) await tl.logPrediction(record);
    expect(tl.stats.requests).toBe(0);
    await eventually(async () => tl.stats.accepted === 3);
    expect(tl.stats.requests).toBe(1);
  });

  it('reports each refused record to onRejected, naming the field, and stores the others', async () => {
    const rejected: { record: PredictionRecord | FeedbackRecord; error: TidelineError }[] = [];
    const tl = client({ onRejected: (record, error) => rejected.push({ record, error }) });
    const [good, other] = predictions('refusals', 2);
    await tl.logPrediction(good!);
    await tl.logPrediction({ id: 'bad-score', model: 'refusals', output: { score: 1.7 } });
    await tl.logPrediction(other!);
    await tl.logPrediction({ id: 'bad-model', model: '..nope', output: { score: 0.5 } });
    await tl.flush();
    expect(tl.stats).toMatchObject({ accepted: 2, rejected: 2, failed: 0 });
    expect(rejected.map(({ record, error }) => [(record as PredictionRecord).id, error.code, error.field])).toEqual([
      ['bad-score', 'BAD_USER_INPUT', 'output.score'],
      ['bad-model', 'BAD_USER_INPUT', 'model'],
    ]);
    expect(rejected[0]!.error).toBeInstanceOf(TidelineError);
    expect(rejected[0]!.error.message).toMatch(/probability/);
    await stored(tl, 'refusals', { predictionCount: 2 });
  });

  it('bounds memory: logging waits while maxQueuedRecords are held, and nothing is dropped', async () => {
    const tl = client({ batchSize: 50, maxQueuedRecords: 100, maxInFlight: 1, lingerMs: 10 });
    // Every call at once: without backpressure all 3000 would be held.
    await Promise.all(predictions('bounded', 3_000).map((record) => tl.logPrediction(record)));
    expect(tl.stats.peakHeld).toBeLessThanOrEqual(100);
    expect(tl.stats.waits).toBeGreaterThan(0);
    await tl.flush();
    expect(tl.stats).toMatchObject({ logged: 3_000, accepted: 3_000, failed: 0, held: 0 });
    await stored(tl, 'bounded', { predictionCount: 3_000 });
  });

  it('flushes on close, and refuses records after it', async () => {
    const tl = client({ lingerMs: 3_600_000 });
    for (const record of predictions('closing', 10)) await tl.logPrediction(record);
    expect(tl.stats).toMatchObject({ held: 10, requests: 0 });
    await tl.close();
    expect(tl.stats).toMatchObject({ held: 0, accepted: 10, requests: 1 });
    const after = await tl.logPrediction(predictions('closing', 1)[0]!).catch((err: unknown) => err);
    expect(after).toMatchObject({ code: 'PRODUCER_CLOSED' });
    await stored(tl, 'closing', { predictionCount: 10 });
  });

  it('flushes when the process is about to exit: a script that logs and ends still sends its records', async () => {
    // A linger of an hour: only the beforeExit hook can send these.
    const script = `import { Tideline } from '@tideline/sdk';
const tl = new Tideline({ url: process.env.TIDELINE_URL!, apiKey: process.env.TIDELINE_KEY!, lingerMs: 3_600_000 });
for (let i = 0; i < 7; i++) await tl.logPrediction({ id: 'exit-' + i, model: 'exiting', output: { score: 0.5 } });
console.log(JSON.stringify(tl.stats));
process.on('exit', () => console.log(JSON.stringify(tl.stats)));`;
    const { stdout } = await runSnippet(script, { TIDELINE_URL: platform.url, TIDELINE_KEY: platform.key });
    const [before, atExit] = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, number>);
    expect(before).toMatchObject({ held: 7, requests: 0 });
    expect(atExit).toMatchObject({ held: 0, accepted: 7, requests: 1 });
    await stored(client(), 'exiting', { predictionCount: 7 });
  });

  it('gives a batch up at once on an unknown key, to onError and the failed counter', async () => {
    const failures: { code: string; records: number }[] = [];
    const tl = client({ apiKey: 'tl_unknown', onError: (error, records) => failures.push({ code: error.code, records: records.length }) });
    for (const record of predictions('unknown-key', 4)) await tl.logPrediction(record);
    await tl.flush();
    expect(failures).toEqual([{ code: 'UNAUTHENTICATED', records: 4 }]);
    expect(tl.stats).toMatchObject({ failed: 4, accepted: 0, retries: 0, requests: 1 });
  });

  it('checks its options, naming each one at fault', () => {
    expect(() => new Tideline({ url: 'localhost:4000', apiKey: '', batchSize: 0 })).toThrow(/'url' must be an http\(s\) URL.*'apiKey'.*'batchSize'/);
  });
});
