import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, predictionRecord, feedbackRecord } from '@tideline/testing';
import { startHarness, type Harness } from './harness.ts';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const MIN = 60_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

describe('metric', () => {
  it('rejects requests the gateway did not sign', async () => {
    expect((await h.gql(null, '{ __typename }')).status).toBe(401);
  });

  it('counts COUNT and LABELED_COUNT per bucket, empty buckets included, with slices', async () => {
    await h.publish(
      predictionRecord('p2', 'm', 'x1', T0 + 10_000, 0.3, { tags: { device: 'ios' } }),
      predictionRecord('p2', 'm', 'x2', T0 + 20_000, 0.7, { tags: { device: 'web' }, label: { positive: true } }),
      predictionRecord('p2', 'm', 'x3', T0 + 2 * MIN + 5_000, 0.9, { tags: { device: 'ios' } }),
      feedbackRecord('p2', 'm', 'x3', { positive: true }),
    );
    await h.stored('p2', 'm', 3);
    const q = `query($metric: MetricName!, $slice: SliceFilterInput) {
      metric(model: "m", metric: $metric, window: { from: "2026-01-01T00:00:00Z", to: "2026-01-01T00:04:00Z" }, granularity: MINUTE, slice: $slice) {
        points { from to value sampleCount labeledCount } } }`;
    type Series = { metric: { points: { from: string; to: string; value: number; sampleCount: number; labeledCount: number }[] } };
    const count = await h.gql<Series>('p2', q, { metric: 'COUNT' });
    expect(count.data!.metric.points).toEqual([
      { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T00:01:00.000Z', value: 2, sampleCount: 2, labeledCount: 1 },
      { from: '2026-01-01T00:01:00.000Z', to: '2026-01-01T00:02:00.000Z', value: null, sampleCount: 0, labeledCount: 0 },
      { from: '2026-01-01T00:02:00.000Z', to: '2026-01-01T00:03:00.000Z', value: 1, sampleCount: 1, labeledCount: 1 },
      { from: '2026-01-01T00:03:00.000Z', to: '2026-01-01T00:04:00.000Z', value: null, sampleCount: 0, labeledCount: 0 },
    ]);
    const labeled = await h.gql<Series>('p2', q, { metric: 'LABELED_COUNT', slice: { field: 'tags.device', op: 'EQ', value: 'ios' } });
    expect(labeled.data!.metric.points.map((p) => [p.value, p.sampleCount])).toEqual([[0, 1], [null, 0], [1, 1], [null, 0]]);
    const byLabel = await h.gql<Series>('p2', q, { metric: 'COUNT', slice: { field: 'label', op: 'EQ', value: true } });
    expect(byLabel.data!.metric.points.map((p) => p.value)).toEqual([1, null, 1, null]);
  });

  it('reports bad requests with a stable code naming the field', async () => {
    const ask = (args: string) => h.gql('p2', `{ metric(model: "m", ${args}) { points { value } } }`);
    const reversed = await ask('metric: COUNT, window: { from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }');
    expect(reversed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'window.from' } });
    const tooMany = await ask('metric: COUNT, granularity: MINUTE, window: { from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }');
    expect(tooMany.errors?.[0]?.message).toMatch(/buckets/);
    const unknownModel = await h.gql('p2', `{ metric(model: "nope", metric: COUNT, window: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }) { points { value } } }`);
    expect(unknownModel.errors?.[0]).toMatchObject({ extensions: { code: 'MODEL_NOT_FOUND', field: 'model' } });
    const badSlice = await ask('metric: COUNT, window: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }, slice: { field: "nope", op: EQ, value: 1 }');
    expect(badSlice.errors?.[0]?.extensions?.code).toBe('INVALID_SLICE');
    // A tag the model never carried is a mistake, not an empty slice; one it carries but not in this window is fine.
    const unknownTag = await ask('metric: COUNT, window: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }, slice: { and: [{ field: "tags.device", op: EQ, value: "ios" }, { not: { field: "tags.devise", op: EQ, value: "x" } }] }');
    expect(unknownTag.errors?.[0]).toMatchObject({ extensions: { code: 'FIELD_NOT_FOUND', field: 'slice' } });
    expect(unknownTag.errors?.[0]?.message).toContain("'tags.devise'");
    const knownTag = await ask('metric: COUNT, window: { from: "2030-01-01T00:00:00Z", to: "2030-01-02T00:00:00Z" }, slice: { field: "tags.device", op: EQ, value: "ios" }');
    expect(knownTag.data).toEqual({ metric: { points: [{ value: null }] } });
  });

  it('remembers only the fields a model carries: a field unknown at first is found once a record carries it', async () => {
    const ask = () => h.gql('p2', '{ metric(model: "m", metric: COUNT, window: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }, slice: { field: "tags.region", op: EQ, value: "eu" }) { points { value } } }');
    expect((await ask()).errors?.[0]).toMatchObject({ extensions: { code: 'FIELD_NOT_FOUND', field: 'slice' } });
    await h.publish(predictionRecord('p2', 'm', 'x-region', T0 + 30_000, 0.4, { tags: { region: 'eu' } }));
    await h.stored('p2', 'm', 4);
    // The store catalogues a record's field names just after the record itself.
    const found = await eventually(async () => (await ask()).data, 30_000);
    expect(found).toEqual({ metric: { points: [{ value: 1 }] } });
    // Known now, and still known on the next request (answered from the service's memory).
    expect((await ask()).data).toEqual({ metric: { points: [{ value: 1 }] } });
  });
});
