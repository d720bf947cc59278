import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { CHUNK_FORMAT_HEADER, GATEWAY_TOPICS, ROWS_FORMAT, SUBJECTS, encodeChunk, gatewaySubject, predictionLine, type IngestRecord, type PredictionRecord, type StoreProgressEvent } from '@tideline/contracts';
import { publishChunk } from '@tideline/nats';
import type { RunningProcess } from '@tideline/runtime';
import { eventually, feedbackRecord, predictionRecord, signedGraphql, type GraphqlAnswer, type SignedGraphql } from '@tideline/testing';
import { startStore, type StoreFixture } from './store-fixture.ts';

const SECRET = 'x'.repeat(32);
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const MIN = 60_000;

let proc: RunningProcess;
let nc: NatsConnection;
let js: JetStreamClient;
let url: string;
let published = 0;

const prediction = (project: string, model: string, id: string, ts: number, extra: Partial<PredictionRecord> = {}): PredictionRecord =>
  predictionRecord(project, model, id, ts, 0.8, { features: { age: 30, country: 'de', vip: true, missing: null }, tags: { device: 'ios' }, ...extra });
const feedback = (project: string, model: string, predictionId: string, positive: boolean) => feedbackRecord(project, model, predictionId, { positive });

/** Each record in a chunk of its own, under a fresh msgID each time: the stream does not dedupe, as after a redelivery. */
async function publish(...records: IngestRecord[]) {
  for (const r of records) await publishChunk(js, encodeChunk([r]), { msgID: `test-${++published}` });
}

/** One chunk as ingest publishes it, or as an old or buggy ingest might: records it would never have let through. */
const publishAsOneChunk = async (records: IngestRecord[]) => publishChunk(js, encodeChunk(records), { msgID: `test-${++published}` });
/** A message that is not a chunk at all. */
const publishText = async (subject: string, text: string) => js.publish(subject, text, { msgID: `test-${++published}` });
/** A chunk as ingest wrote them before rows: a JSON array of records, no format header. */
const publishRecordArray = async (subject: string, records: unknown[]) => publishText(subject, JSON.stringify(records));
/** A chunk of rows whose lines are given as they are. */
const publishLines = async (subject: string, lines: string[]) => {
  const h = headers();
  h.set(CHUNK_FORMAT_HEADER, ROWS_FORMAT);
  return js.publish(subject, lines.join('\n'), { msgID: `test-${++published}`, headers: h });
};

let gql: SignedGraphql;

type DeadLetter = { model: string; kind: string; recordId: string | null; code: string; reason: string; record: string; failedAt: string };
const ingestErrors = async (project: string, model: string | null = null) =>
  (await gql<{ ingestErrors: DeadLetter[] }>(project, `query($m: String) { ingestErrors(model: $m) { model kind recordId code reason record failedAt } }`, { m: model })).data!.ingestErrors;
const readyz = async () => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, text: await res.text() };
};

const modelQuery = `query($name: String!) { model(name: $name) { name task predictionCount labeledCount feedbackCount firstPredictionAt lastPredictionAt } }`;
const modelOf = async (project: string, name: string) =>
  (await gql<{ model: { predictionCount: number; labeledCount: number; feedbackCount: number; task: string } | null }>(project, modelQuery, { name })).data?.model;

let store: StoreFixture;

beforeAll(async () => {
  // Listings kept an hour unless a store progress event says otherwise: every count below that
  // changes after a first read shows the events refresh them (the tests' polls give up long before).
  store = await startStore('test', { TIDELINE_INTERNAL_SECRET: SECRET, STORE_BATCH_MAX_WAIT_MS: '50', STORE_WRITER_STALL_MS: '1000', STORE_MODEL_LISTING_MAX_AGE_MS: '3600000' });
  ({ proc, url, nc, js } = store);
  gql = signedGraphql(`${url}/internal/evalstore/graphql`, SECRET);
});

afterAll(() => store?.stop());

describe('evalstore', () => {
  it('rejects requests the gateway did not sign', async () => {
    const res = await gql(null, '{ models { name } }');
    expect(res.status).toBe(401);
  });

  it('publishes a storeProgress event per model after a batch', async () => {
    const sub = nc.subscribe(gatewaySubject(GATEWAY_TOPICS.storeProgress('proj-ev')), { max: 1 });
    const got = (async () => {
      for await (const m of sub) return m.json<StoreProgressEvent>();
    })();
    // One chunk, as ingest publishes a request's records: one message, so one batch (two messages may be stored in two).
    await publishAsOneChunk([prediction('proj-ev', 'm', 'e1', T0), prediction('proj-ev', 'm', 'e2', T0)]);
    const event = await got;
    expect(event).toMatchObject({ project: 'proj-ev', model: { name: 'm' }, predictions: 2, feedback: 0 });
    expect(typeof event?.id).toBe('string');
  });

  it('joins feedback that arrives before or after its prediction, and counts a redelivered record once', async () => {
    await publish(feedback('p1', 'churn', 'early', true)); // before its prediction
    await publish(prediction('p1', 'churn', 'early', T0 + MIN), prediction('p1', 'churn', 'late', T0 + 2 * MIN), prediction('p1', 'churn', 'none', T0 + 3 * MIN));
    await publish(feedback('p1', 'churn', 'late', false)); // after
    // Redelivery: the same prediction stored again.
    const dup = prediction('p1', 'churn', 'dup', T0 + 4 * MIN);
    await publish(dup, dup);
    const model = await eventually(async () => {
      const m = await modelOf('p1', 'churn');
      return m && m.predictionCount === 4 && m.labeledCount === 2 ? m : undefined;
    });
    expect(model).toMatchObject({ task: 'BINARY', predictionCount: 4, labeledCount: 2, feedbackCount: 2 });

    const page = await gql<{ predictions: { nodes: { id: string; label: { positive: boolean } | null; labeledAt: string | null; features: unknown; tags: unknown; output: { score: number } }[] } }>(
      'p1',
      `{ predictions(model: "churn") { nodes { id label { positive } labeledAt features tags output { score } } } }`,
    );
    const nodes = page.data!.predictions.nodes;
    expect(nodes.map((n) => n.id)).toEqual(['early', 'late', 'none', 'dup']);
    expect(nodes[0]).toMatchObject({ label: { positive: true }, features: { age: 30, country: 'de', vip: true, missing: null }, tags: { device: 'ios' }, output: { score: 0.8 } });
    expect(nodes[1]!.label).toEqual({ positive: false });
    expect(nodes[2]!.label).toBeNull();
    expect(nodes[2]!.labeledAt).toBeNull();
  });

  it('keeps one copy of a prediction re-sent with another timestamp, and both versions of shadow traffic', async () => {
    await publish(prediction('p1', 'resend', 'r1', T0 + MIN), prediction('p1', 'resend', 'r1', T0 + 90 * 24 * 60 * MIN));
    await publish(prediction('p1', 'resend', 'r2', T0), prediction('p1', 'resend', 'r2', T0, { modelVersion: 'v2-shadow' }));
    await publish(feedback('p1', 'resend', 'r2', true));
    const model = await eventually(async () => {
      const m = await modelOf('p1', 'resend');
      return m?.predictionCount === 3 && m.labeledCount === 2 ? m : undefined;
    });
    expect(model).toMatchObject({ predictionCount: 3, labeledCount: 2 });
    const res = await gql<{ predictions: { nodes: { id: string; modelVersion: string; timestamp: string }[] } }>(
      'p1',
      `{ predictions(model: "resend") { nodes { id modelVersion timestamp } } }`,
    );
    expect(res.data!.predictions.nodes).toEqual([
      { id: 'r2', modelVersion: 'v1', timestamp: new Date(T0).toISOString() },
      { id: 'r2', modelVersion: 'v2-shadow', timestamp: new Date(T0).toISOString() },
      { id: 'r1', modelVersion: 'v1', timestamp: new Date(T0 + 90 * 24 * 60 * MIN).toISOString() },
    ]);
    // Paging one at a time walks both versions of r2, neither skipped nor repeated.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page: GraphqlAnswer<{ predictions: { nodes: { id: string; modelVersion: string }[]; pageInfo: { endCursor: string | null } } }> = await gql(
        'p1',
        `query($after: String) { predictions(model: "resend", first: 1, after: $after) { nodes { id modelVersion } pageInfo { endCursor } } }`,
        { after },
      );
      seen.push(...page.data!.predictions.nodes.map((n) => `${n.id}@${n.modelVersion}`));
      after = page.data!.predictions.pageInfo.endCursor;
    }
    expect(seen).toEqual(['r2@v1', 'r2@v2-shadow', 'r1@v1']);
  });

  it('a label correction replaces the earlier label', async () => {
    await publish(prediction('p1', 'corr', 'c1', T0), feedback('p1', 'corr', 'c1', false));
    await eventually(async () => (await modelOf('p1', 'corr'))?.labeledCount === 1);
    await publish(feedback('p1', 'corr', 'c1', true));
    await eventually(async () => {
      const res = await gql<{ predictions: { nodes: { label: { positive: boolean } }[] } }>('p1', `{ predictions(model: "corr") { nodes { label { positive } } } }`);
      return res.data?.predictions.nodes[0]?.label.positive === true;
    });
    expect((await modelOf('p1', 'corr'))?.feedbackCount).toBe(1);
  });

  it('keeps projects apart', async () => {
    await publish(prediction('pa', 'shared', 'a1', T0), prediction('pb', 'shared', 'b1', T0), prediction('pb', 'shared', 'b2', T0));
    await eventually(async () => (await modelOf('pb', 'shared'))?.predictionCount === 2);
    await eventually(async () => (await modelOf('pa', 'shared'))?.predictionCount === 1);
    const res = await gql<{ predictions: { nodes: { id: string }[] } }>('pa', `{ predictions(model: "shared") { nodes { id } } }`);
    expect(res.data!.predictions.nodes.map((n) => n.id)).toEqual(['a1']);
    const models = await gql<{ models: { name: string }[] }>('nobody', `{ models { name } }`);
    expect(models.data!.models).toEqual([]);
  });

  it('pages predictions in (timestamp, id) order with opaque cursors', async () => {
    const records = Array.from({ length: 7 }, (_, i) => prediction('p3', 'pager', `id-${i}`, T0 + Math.floor(i / 2) * 1000));
    await publish(...records);
    await eventually(async () => (await modelOf('p3', 'pager'))?.predictionCount === 7);
    type Page = { predictions: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: GraphqlAnswer<Page> = await gql<Page>('p3', `query($after: String) { predictions(model: "pager", first: 3, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
      const page: Page['predictions'] = res.data!.predictions;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(records.map((r) => r.id));
    const tooBig = await gql('p3', `{ predictions(model: "pager", first: 5000) { nodes { id } } }`);
    expect(tooBig.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('resolves Model entity references within the project', async () => {
    const res = await gql<{ _entities: { name: string; predictionCount: number }[] }>(
      'p3',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Model { name predictionCount } } }`,
      { r: [{ __typename: 'Model', name: 'pager' }, { __typename: 'Model', name: 'churn' }] },
    );
    expect(res.data!._entities).toEqual([{ name: 'pager', predictionCount: 7 }, { name: 'churn', predictionCount: 0 }]);
  });

  it("answers a model's tag and feature names from the field catalog, sorted, within the project", async () => {
    await publish(
      prediction('pn', 'named', 'n1', T0),
      prediction('pn', 'named', 'n2', T0, { features: { zeta: 1, age: 31 }, tags: { app: 'web', device: 'android' } }),
      prediction('po', 'named', 'o1', T0, { features: { other: 1 }, tags: { elsewhere: 'x' } }),
    );
    const names = `query($name: String!) { model(name: $name) { tagNames featureNames } }`;
    type Names = { model: { tagNames: string[]; featureNames: string[] } | null };
    const found = await eventually(async () => {
      const m = (await gql<Names>('pn', names, { name: 'named' })).data?.model;
      return m?.featureNames.includes('zeta') ? m : undefined;
    });
    expect(found).toEqual({ tagNames: ['app', 'device'], featureNames: ['age', 'country', 'missing', 'vip', 'zeta'] });
    await eventually(async () => (await gql<Names>('po', names, { name: 'named' })).data?.model?.tagNames.length === 1);
    expect((await gql<Names>('po', names, { name: 'named' })).data!.model).toEqual({ tagNames: ['elsewhere'], featureNames: ['other'] });
    // A list's items get theirs too (read once for all of them).
    const listed = await gql<{ models: { name: string; tagNames: string[]; featureNames: string[] }[] }>('pn', `{ models { name tagNames featureNames } }`);
    expect(listed.data!.models).toEqual([{ name: 'named', ...found }]);
    // A reference to a model the store has no record of (the registry's, say) has none.
    const ref = await gql<{ _entities: unknown[] }>('pn', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Model { tagNames featureNames } } }`, {
      r: [{ __typename: 'Model', name: 'unheard-of' }],
    });
    expect(ref.data!._entities).toEqual([{ tagNames: [], featureNames: [] }]);
  });

  it('resolves StoreProgress references from the event payload', async () => {
    const event = { __typename: 'StoreProgress', id: 'ev1', model: { name: 'pager' }, predictions: 3, feedback: 1, at: '2026-01-01T00:00:00.000Z' };
    const res = await gql<{ _entities: unknown[] }>(
      'p3',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on StoreProgress { id predictions feedback at model { name task predictionCount } } } }`,
      { r: [event] },
    );
    expect(res.data!._entities).toEqual([
      { id: 'ev1', predictions: 3, feedback: 1, at: '2026-01-01T00:00:00.000Z', model: { name: 'pager', task: 'BINARY', predictionCount: 7 } },
    ]);
  });

  it('dead-letters the rows ClickHouse refuses, with the reason, and stores the rest of their chunk', async () => {
    const bad = [
      // A lone surrogate: ClickHouse refuses the whole insert (CANNOT_PARSE_ESCAPE_SEQUENCE).
      prediction('px', 'poison', 'surrogate', T0, { tags: { country: 'B\ud800R' } }),
      // A value of the wrong type, as an old ingest might write: CANNOT_PARSE_NUMBER.
      prediction('px', 'poison', 'typed', T0, { output: { score: 'high' as unknown as number } }),
    ];
    const good = ['g1', 'g2', 'g3'].map((id, i) => prediction('px', 'poison', id, T0 + i));
    await publishAsOneChunk([good[0]!, bad[0]!, good[1]!, bad[1]!, good[2]!]);
    // Feedback without a label (in a chunk of the older format) cannot even become a row; nor a row of
    // another project published on this one's subject; a message that is not a chunk cannot be read.
    await publishRecordArray(SUBJECTS.feedback('px'), [{ ...feedback('px', 'poison', 'g1', true), label: undefined }, feedback('px', 'poison', 'g2', true)]);
    await publishLines(SUBJECTS.predictions('px'), [predictionLine(prediction('elsewhere', 'poison', 'foreign', T0))]);
    await publishText(SUBJECTS.predictions('px'), 'not json at all');

    const model = await eventually(async () => {
      const m = await modelOf('px', 'poison');
      return m?.predictionCount === 3 && m.labeledCount === 1 ? m : undefined;
    });
    expect(model).toMatchObject({ predictionCount: 3, labeledCount: 1 });
    const letters = await eventually(async () => {
      const found = await ingestErrors('px');
      return found.length === 5 ? found : undefined;
    });
    const byRecord = Object.fromEntries(letters.map((l) => [`${l.kind}:${l.recordId}`, l]));
    expect(byRecord['PREDICTION:surrogate']).toMatchObject({ model: 'poison', code: 'CANNOT_PARSE_ESCAPE_SEQUENCE', reason: expect.stringContaining('surrogate') });
    expect(JSON.parse(byRecord['PREDICTION:surrogate']!.record)).toMatchObject({ id: 'surrogate', tags: { country: 'B\ud800R' } });
    expect(byRecord['PREDICTION:typed']).toMatchObject({ code: 'CANNOT_PARSE_NUMBER', reason: expect.stringContaining('score') });
    expect(byRecord['FEEDBACK:g1']).toMatchObject({ code: 'MALFORMED_RECORD', reason: 'feedback without a label' });
    expect(byRecord['PREDICTION:foreign']).toMatchObject({ model: 'poison', code: 'MALFORMED_RECORD', reason: expect.stringContaining('another project') });
    expect(JSON.parse(byRecord['PREDICTION:foreign']!.record)).toMatchObject({ project: 'elsewhere', id: 'foreign' });
    expect(byRecord['MESSAGE:null']).toMatchObject({ model: '', code: 'UNREADABLE_MESSAGE', record: 'not json at all' });
    for (const l of letters) expect(l.reason).not.toContain('Row 1');
    expect((await ingestErrors('px', 'poison')).map((l) => l.recordId).sort()).toEqual(['foreign', 'g1', 'surrogate', 'typed']);
    // Scoped to the project.
    expect(await ingestErrors('someone-else')).toEqual([]);

    // Later records flow, and the writer counts what it dead-lettered.
    await publish(prediction('px', 'poison', 'g4', T0 + 10));
    await eventually(async () => (await modelOf('px', 'poison'))?.predictionCount === 4);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/tideline_store_dead_letters_total\{kind="prediction",code="CANNOT_PARSE_ESCAPE_SEQUENCE"\} 1/);
    expect((await readyz()).status).toBe(200);
  });

  it('retries a transient failure without dead-lettering, and /readyz reports the stalled writer', async () => {
    const clickhouse = proc.get<ClickHouseClient>('clickhouse');
    // A missing table is not bad data: the writer must wait for it, not give records up.
    await clickhouse.command({ query: 'DETACH TABLE evalstore_feedback' });
    try {
      await publish(prediction('pt', 'transient', 't1', T0), feedback('pt', 'transient', 't1', true));
      const notReady = await eventually(async () => {
        const r = await readyz();
        return r.status === 503 ? r : undefined;
      });
      expect(notReady.text).toContain('evalstore-writer');
    } finally {
      await clickhouse.command({ query: 'ATTACH TABLE evalstore_feedback' });
    }
    await eventually(async () => (await modelOf('pt', 'transient'))?.labeledCount === 1);
    await eventually(async () => (await readyz()).status === 200);
    expect(await ingestErrors('pt')).toEqual([]);
  });
});
