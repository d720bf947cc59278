/**
 * Records sent again: per project and per content. An exact resend is
 * dropped by JetStream (same message id); anything else (another project's
 * records with the same model and ids, a corrected label or prediction) is
 * stored, and the later arrival wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { STREAMS } from '@tideline/contracts';
import { clientPrediction, dataOf, eventually, keyGraphql, ndjson } from '@tideline/testing';
import { startTestPlatform, type TestPlatform } from './platform-fixture.ts';

let test: TestPlatform;
const keys = { a: '', b: '' };

beforeAll(async () => {
  test = await startTestPlatform('resend');
  keys.a = await test.newKey('resend-a');
  keys.b = await test.newKey('resend-b');
});

afterAll(() => test?.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
type Body = any;
const post = async (key: string, path: '/v1/predictions' | '/v1/feedback', records: unknown[]) => {
  const res = await fetch(`${test.platform.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: ndjson(records) });
  const body = (await res.json()) as Body;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};
const gql = async (key: string, query: string, variables: Record<string, unknown> = {}): Promise<Body> => dataOf(await keyGraphql(`${test.platform.url}/graphql`, key)<Body>(query, variables));
const nodes = async (key: string, model: string, window?: { from: string; to: string }) =>
  (await gql(key, 'query($m: String!, $w: TimeRangeInput) { predictions(model: $m, window: $w) { nodes { id timestamp output { score } label { positive } } } }', { m: model, w: window })).predictions
    .nodes as { id: string; timestamp: string; output: { score: number }; label: { positive: boolean } | null }[];
const lastSequence = async () => {
  const nc = await connect({ servers: test.nats.url });
  const info = await (await jetstreamManager(nc)).streams.info(STREAMS.ingest.name);
  await nc.close();
  return info.state.last_seq;
};

const T0 = '2026-01-01T10:00:00.000Z';
const prediction = (id: string, score: number, timestamp = T0) => clientPrediction(id, score, { model: 'shared', timestamp, features: { x: score } });

describe('deduplication, per project and per content', () => {
  it('stores the same model name and ids in two projects, each its own', async () => {
    // Byte for byte the same request in both projects.
    const batch = [prediction('s1', 0.1), prediction('s2', 0.2)];
    expect((await post(keys.a, '/v1/predictions', batch)).accepted).toBe(2);
    expect((await post(keys.b, '/v1/predictions', batch)).accepted).toBe(2);
    for (const key of [keys.a, keys.b]) {
      const found = await eventually(async () => {
        const n = await nodes(key, 'shared');
        return n.length === 2 ? n : undefined;
      });
      expect(found.map((n) => [n.id, n.output.score])).toEqual([
        ['s1', 0.1],
        ['s2', 0.2],
      ]);
    }
  });

  it('reads a label corrected within a minute back corrected', async () => {
    await post(keys.a, '/v1/predictions', [{ ...prediction('c1', 0.7), model: 'corrected' }]);
    await post(keys.a, '/v1/feedback', [{ predictionId: 'c1', model: 'corrected', timestamp: T0, label: { positive: false } }]);
    await eventually(async () => (await nodes(keys.a, 'corrected'))[0]?.label?.positive === false);
    // The same feedback but for its label, seconds later.
    await post(keys.a, '/v1/feedback', [{ predictionId: 'c1', model: 'corrected', timestamp: T0, label: { positive: true } }]);
    await eventually(async () => (await nodes(keys.a, 'corrected'))[0]?.label?.positive === true, 20_000);
    expect((await gql(keys.a, '{ model(name: "corrected") { labeledCount feedbackCount } }')).model).toEqual({ labeledCount: 1, feedbackCount: 1 });
  });

  it('drops an exact resend on JetStream, whatever its arrival time', async () => {
    const batch = [{ ...prediction('e1', 0.3), model: 'exact' }];
    await post(keys.a, '/v1/predictions', batch);
    const after = await lastSequence();
    await post(keys.a, '/v1/predictions', batch);
    expect(await lastSequence()).toBe(after);
    await post(keys.a, '/v1/predictions', [{ ...batch[0], output: { score: 0.4 } }]);
    expect(await lastSequence()).toBe(after + 1);
    await eventually(async () => (await nodes(keys.a, 'exact'))[0]?.output.score === 0.4);
  });
});

describe('a re-sent prediction: the later arrival wins, whatever its timestamp', () => {
  const JAN = '2026-01-15T10:00:00.000Z';
  const APR = '2026-04-15T10:00:00.000Z';
  const DEC = '2025-12-15T10:00:00.000Z';
  const window = (from: string, to: string) => ({ from, to });
  const count = async () => (await gql(keys.a, '{ model(name: "moving") { predictionCount } }')).model?.predictionCount;

  it('replaces the earlier copy across months, counted once, in the window of its new timestamp only', async () => {
    const copy = (timestamp: string, score: number) => ({ ...prediction('m1', score, timestamp), model: 'moving' });
    await post(keys.a, '/v1/predictions', [copy(JAN, 0.1)]);
    await eventually(async () => (await nodes(keys.a, 'moving'))[0]?.output.score === 0.1);
    // Re-sent three months later in its own time: April wins.
    await post(keys.a, '/v1/predictions', [copy(APR, 0.2)]);
    await eventually(async () => (await nodes(keys.a, 'moving'))[0]?.output.score === 0.2);
    expect(await nodes(keys.a, 'moving')).toEqual([{ id: 'm1', timestamp: APR, output: { score: 0.2 }, label: null }]);
    expect(await count()).toBe(1);
    expect(await nodes(keys.a, 'moving', window('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'))).toEqual([]);
    expect((await nodes(keys.a, 'moving', window('2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z'))).map((n) => n.output.score)).toEqual([0.2]);
    // Re-sent again with an earlier timestamp: still the later arrival wins.
    await post(keys.a, '/v1/predictions', [copy(DEC, 0.3)]);
    await eventually(async () => (await nodes(keys.a, 'moving'))[0]?.output.score === 0.3);
    expect(await nodes(keys.a, 'moving')).toEqual([{ id: 'm1', timestamp: DEC, output: { score: 0.3 }, label: null }]);
    expect(await count()).toBe(1);
    expect(await nodes(keys.a, 'moving', window('2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z'))).toEqual([]);
    const series = await gql(
      keys.a,
      `{ metric(model: "moving", metric: COUNT, granularity: DAY, window: { from: "2025-12-01T00:00:00Z", to: "2026-05-01T00:00:00Z" }) { points { from value } } }`,
    );
    const nonZero = (series.metric.points as { from: string; value: number | null }[]).filter((p) => (p.value ?? 0) > 0);
    expect(nonZero).toEqual([{ from: '2025-12-15T00:00:00.000Z', value: 1 }]);
  });
});

