/**
 * One poison record among 10,000 good ones from two projects. Ingest now
 * refuses a lone UTF-16 surrogate at the door, so the batch is published as
 * chunks straight on JetStream, as an old or buggy ingest would: the store's
 * writer must defend itself whatever reaches it. Before, ClickHouse refused
 * every insert carrying the poison, the writer retried it forever, and every
 * later record of every project was acknowledged but never stored.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { CHUNK_MAX_RECORDS, encodeChunk, type PredictionRecord } from '@tideline/contracts';
import { publishChunk } from '@tideline/nats';
import { dataOf, eventually, keyGraphql, ndjson, predictionRecord, type PlatformProcess } from '@tideline/testing';
import { startTestPlatform, type TestPlatform } from './platform-fixture.ts';

const PER_PROJECT = 5_000;
const T0 = Date.UTC(2026, 0, 1);
const POISON_ID = 'r-2500';
const SECRET_FEATURE = 'never-in-a-log-line';

let test: TestPlatform;
let nc: NatsConnection;
let platform: PlatformProcess;
const projects: { id: string; key: string }[] = [];

beforeAll(async () => {
  test = await startTestPlatform('poison');
  platform = test.platform;
  nc = await connect({ servers: test.nats.url });
  for (const name of ['a', 'b']) projects.push(await test.newProject(`poison-${name}`));
});

afterAll(async () => {
  await nc?.close();
  await test?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
type Body = any;
const gql = async (key: string, query: string): Promise<Body> => dataOf(await keyGraphql(`${platform.url}/graphql`, key)<Body>(query));
const count = async (key: string) => ((await gql(key, '{ model(name: "churn") { predictionCount } }')).model?.predictionCount as number | undefined) ?? 0;
const ingestErrors = async (key: string) => (await gql(key, '{ ingestErrors(model: "churn") { kind recordId code reason record } }')).ingestErrors as Body[];
const post = (key: string, records: unknown[]) =>
  fetch(`${platform.url}/v1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: ndjson(records) });

const record = (project: string, n: number): PredictionRecord =>
  predictionRecord(project, 'churn', `r-${n}`, T0 + n * 1000, (n % 100) / 100, { features: { x: n % 97 }, tags: { country: ['BR', 'US', 'DE'][n % 3]! } });

it('stores 9,999 of 10,000 records, dead-letters the poison with its reason, and later traffic flows', async () => {
  // At the door: validation refuses the poison, naming the field.
  const door = await post(projects[0]!.key, [{ id: 'door', model: 'churn', tags: { country: 'B\ud800R' }, output: { score: 0.5 } }]);
  expect(door.status).toBe(400);
  expect(((await door.json()) as Body).errors).toEqual([{ index: 0, field: 'tags.country', message: expect.stringContaining('well-formed Unicode') }]);

  // Behind the door: 5 chunks of 1,000 records a project; the poison sits mid-chunk in project a.
  const js = jetstream(nc);
  for (const project of projects) {
    for (let start = 0; start < PER_PROJECT; start += CHUNK_MAX_RECORDS) {
      const chunk = Array.from({ length: CHUNK_MAX_RECORDS }, (_, i) => record(project.id, start + i));
      const poison = chunk.find((r) => r.id === POISON_ID && project === projects[0]);
      if (poison) Object.assign(poison, { tags: { country: 'B\ud800R' }, features: { secret: SECRET_FEATURE } });
      await publishChunk(js, encodeChunk(chunk));
    }
  }

  const [a, b] = projects as [{ id: string; key: string }, { id: string; key: string }];
  await eventually(async () => (await count(a.key)) === PER_PROJECT - 1 && (await count(b.key)) === PER_PROJECT, 120_000, 250);
  const letters = await ingestErrors(a.key);
  expect(letters).toEqual([{ kind: 'PREDICTION', recordId: POISON_ID, code: 'CANNOT_PARSE_ESCAPE_SEQUENCE', reason: expect.stringContaining('surrogate'), record: expect.any(String) }]);
  expect(JSON.parse(letters[0].record)).toMatchObject({ id: POISON_ID, tags: { country: 'B\ud800R' } });
  expect(await ingestErrors(b.key)).toEqual([]);

  // Later traffic of both projects flows; the process stayed ready.
  for (const project of projects) {
    const res = await post(project.key, [{ id: `later-${project.id}`, model: 'churn', timestamp: new Date(T0).toISOString(), output: { score: 0.5 } }]);
    expect(res.status).toBe(200);
  }
  await eventually(async () => (await count(a.key)) === PER_PROJECT && (await count(b.key)) === PER_PROJECT + 1, 30_000, 100);
  expect((await fetch(`${platform.url}/readyz`)).status).toBe(200);

  // Counted, and logged by identity and reason, never the row.
  const metrics = await (await fetch(`${platform.url}/metrics`)).text();
  expect(metrics).toMatch(/tideline_store_dead_letters_total\{kind="prediction",code="CANNOT_PARSE_ESCAPE_SEQUENCE"\} 1/);
  const logLine = platform
    .output()
    .split('\n')
    .find((line) => line.includes('record dead-lettered'));
  expect(logLine).toContain(POISON_ID);
  expect(logLine).not.toContain(SECRET_FEATURE);
  expect(platform.output()).not.toContain(SECRET_FEATURE);
}, 240_000);
