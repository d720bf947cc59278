/**
 * Tideline as a user runs it: the platform process (all modules, chDB, a real
 * nats-server), driven only through the gateway's public HTTP and GraphQL API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { clientPrediction, eventually, ndjson, postGraphql, type PlatformProcess } from '@tideline/testing';
import { startTestPlatform, type TestPlatform } from './platform-fixture.ts';

let test: TestPlatform;
let platform: PlatformProcess;
const keys: Record<'a' | 'b', string> = { a: '', b: '' };

beforeAll(async () => {
  test = await startTestPlatform('e2e');
  platform = test.platform;
  for (const name of ['a', 'b'] as const) keys[name] = await test.newKey(`project-${name}`);
});

afterAll(() => test?.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
type Body = any;
const post = async (path: string, records: unknown[], key = keys.a) => {
  const res = await fetch(`${platform.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: ndjson(records) });
  return { status: res.status, body: (await res.json()) as Body };
};
/** GraphQL through the gateway with project A's key, another, or none. */
const gql = (query: string, variables: Record<string, unknown> = {}, key: string | null = keys.a) =>
  postGraphql<Body>(`${platform.url}/graphql`, query, variables, (): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {}));

const T0 = Date.UTC(2026, 0, 1, 10);
const prediction = (id: string, score: number, country: string, minutes = 0) =>
  clientPrediction(id, score, { timestamp: new Date(T0 + minutes * 60_000).toISOString(), features: { x1: score * 2, plan: 'pro' }, tags: { country } });

describe('Tideline end to end through the gateway', () => {
  it('refuses requests without a valid API key', async () => {
    expect((await gql('{ models { name } }', {}, null)).status).toBe(401);
    expect((await gql('{ models { name } }', {}, 'tl_not-a-key')).status).toBe(401);
    const res = await fetch(`${platform.url}/v1/predictions`, { method: 'POST', body: ndjson([prediction('x', 0.5, 'BR')]) });
    expect(res.status).toBe(401);
  });

  it('accepts 3 of 5 records, rejecting 2 with index, field and reason', async () => {
    const { status, body } = await post('/v1/predictions', [
      prediction('p1', 0.9, 'BR', 1),
      { ...prediction('p2', 0.5, 'BR', 2), output: { score: 'high' } },
      prediction('p3', 0.2, 'US', 3),
      { ...prediction('p4', 0.5, 'US', 4), tags: ['US'] },
      prediction('p5', 0.7, 'BR', 70),
    ]);
    expect(status).toBe(200);
    expect(body).toEqual({
      accepted: 3,
      rejected: 2,
      errors: [
        { index: 1, field: 'output.score', message: 'must be a probability between 0 and 1' },
        { index: 3, field: 'tags', message: 'must be an object of name → string' },
      ],
    });
  });

  it('joins feedback sent before and after its prediction, and returns it through GraphQL', async () => {
    // Feedback for p6 arrives before p6 itself.
    expect((await post('/v1/feedback', [{ predictionId: 'p6', model: 'churn', label: { positive: false } }])).body.accepted).toBe(1);
    const logged = await gql(
      'mutation($r: [PredictionInput!]!) { logPredictions(records: $r) { accepted rejected } }',
      { r: [prediction('p6', 0.4, 'DE', 5)] },
    );
    expect(logged.data.logPredictions).toEqual({ accepted: 1, rejected: 0 });
    const feedback = await gql('mutation($r: [FeedbackInput!]!) { logFeedback(records: $r) { accepted } }', {
      r: [
        { predictionId: 'p1', model: 'churn', label: { positive: true } },
        { predictionId: 'p3', model: 'churn', label: { positive: false } },
      ],
    });
    expect(feedback.data.logFeedback.accepted).toBe(2);

    const model = await eventually(async () => {
      const body = await gql('{ model(name: "churn") { name task predictionCount labeledCount } }');
      return body.data?.model?.predictionCount === 4 && body.data.model.labeledCount === 3 ? body.data.model : undefined;
    });
    expect(model).toEqual({ name: 'churn', task: 'BINARY', predictionCount: 4, labeledCount: 3 });

    const body = await gql(`{ predictions(model: "churn", first: 10) { nodes { id tags output { score } label { positive } } pageInfo { hasNextPage } } }`);
    expect(body.data.predictions.nodes).toEqual([
      { id: 'p1', tags: { country: 'BR' }, output: { score: 0.9 }, label: { positive: true } },
      { id: 'p3', tags: { country: 'US' }, output: { score: 0.2 }, label: { positive: false } },
      { id: 'p6', tags: { country: 'DE' }, output: { score: 0.4 }, label: { positive: false } },
      { id: 'p5', tags: { country: 'BR' }, output: { score: 0.7 }, label: null },
    ]);
    expect(body.data.predictions.pageInfo.hasNextPage).toBe(false);
  });

  it('counts by slice and hour through the metric query', async () => {
    const window = { from: new Date(T0).toISOString(), to: new Date(T0 + 2 * 3_600_000).toISOString() };
    const body = await gql(
      `query($w: TimeRangeInput!) { metric(model: "churn", metric: COUNT, window: $w, granularity: HOUR, slice: { field: "tags.country", op: EQ, value: "BR" }) { points { from value sampleCount labeledCount } } }`,
      { w: window },
    );
    expect(body.data.metric.points).toEqual([
      { from: window.from, value: 1, sampleCount: 1, labeledCount: 1 },
      { from: new Date(T0 + 3_600_000).toISOString(), value: 1, sampleCount: 1, labeledCount: 0 },
    ]);
  });

  it('shows project B nothing of project A', async () => {
    const body = await gql('{ models { name predictionCount } model(name: "churn") { name } predictions(model: "churn") { nodes { id } } }', {}, keys.b);
    expect(body.data).toEqual({ models: [], model: null, predictions: { nodes: [] } });
  });

  it('exposes health, readiness and Prometheus metrics of the process', async () => {
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${platform.url}/readyz`)).text()).toBe('ready\n');
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    const value = (line: string) => Number(metrics.split('\n').find((l) => l.startsWith(line))?.split(' ').pop());
    expect(value('tideline_ingest_records_total{kind="prediction",outcome="rejected"}')).toBe(2);
    expect(value('tideline_ingest_records_total{kind="prediction",outcome="accepted"}')).toBeGreaterThanOrEqual(4);
    expect(value('tideline_store_records_total{kind="prediction"}')).toBeGreaterThanOrEqual(4);
  });

  it('pushes store progress live over graphql-ws, scoped to the project', async () => {
    const subscribe = (key: string) => {
      const client = createClient({ url: `${platform.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` } });
      const events: Body[] = [];
      const done = new Promise<void>((resolve, reject) =>
        client.subscribe(
          { query: 'subscription { storeProgress(model: "churn") { predictions model { name task predictionCount } } }' },
          { next: (e) => void events.push(e), error: reject, complete: resolve },
        ),
      );
      return { client, events, done };
    };
    const a = subscribe(keys.a);
    const b = subscribe(keys.b);
    // A subscription reaches NATS asynchronously: each project sends until its own subscriber has heard of it.
    // B's batches hold two predictions and A's one, so an event of A's would show among B's.
    let sent = 0;
    const sendUntilHeard = (subscriber: typeof a, key: string, size: number, events: number) =>
      eventually(async () => {
        if (subscriber.events.length >= events) return true;
        const batch = Array.from({ length: size }, () => prediction(`live-${++sent}`, 0.3, 'BR', 6));
        expect((await post('/v1/predictions', batch, key)).body.accepted).toBe(size);
        return false;
      }, 30_000, 300);
    await sendUntilHeard(b, keys.b, 2, 1);
    await sendUntilHeard(a, keys.a, 1, 1);
    const event = a.events.find((e) => e.data?.storeProgress)!;
    expect(event.data.storeProgress).toMatchObject({ predictions: 1, model: { name: 'churn', task: 'BINARY' } });
    expect(event.data.storeProgress.model.predictionCount).toBeGreaterThanOrEqual(5);
    // A later batch of B's own: by the time B hears of it, it would have heard of A's.
    await sendUntilHeard(b, keys.b, 2, b.events.length + 1);
    expect(b.events.map((e) => e.data?.storeProgress.predictions)).toEqual(b.events.map(() => 2));
    await a.client.dispose();
    await b.client.dispose();
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const code = await platform.stop();
    expect(code).toBe(0);
  });
});
