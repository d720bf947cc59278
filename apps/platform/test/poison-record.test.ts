/**
 * One poison record among 10,000 good ones from two projects. Ingest now
 * refuses a lone UTF-16 surrogate at the door, so the batch is published as
 * chunks straight on JetStream, as an old or buggy ingest would: the store's
 * writer must defend itself whatever reaches it. Before, ClickHouse refused
 * every insert carrying the poison, the writer retried it forever, and every
 * later record of every project was acknowledged but never stored.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { CHUNK_MAX_RECORDS, encodeChunk, type PredictionRecord } from '@tideline/contracts';
import { createApiKey, createProject } from '@tideline/gateway';
import { publishChunk } from '@tideline/nats';
import { eventually, startNatsServer, startPlatformProcess, tempDir, type NatsServerHandle, type PlatformProcess, type TempDir } from '@tideline/testing';

const PER_PROJECT = 5_000;
const T0 = Date.UTC(2026, 0, 1);
const POISON_ID = 'r-2500';
const SECRET_FEATURE = 'never-in-a-log-line';

let nats: NatsServerHandle;
let dir: TempDir;
let nc: NatsConnection;
let platform: PlatformProcess;
const projects: { id: string; key: string }[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
  dir = tempDir('tideline-poison-');
  platform = await startPlatformProcess({
    NATS_URL: nats.url,
    CLICKHOUSE_URL: `chdb://${join(dir.path, 'clickhouse')}`,
    TIDELINE_HOME: dir.path,
    TIDELINE_INTERNAL_SECRET: 'p'.repeat(64),
    STORE_BATCH_MAX_WAIT_MS: '50',
  });
  nc = await connect({ servers: nats.url });
  for (const name of ['a', 'b']) {
    const project = await createProject(new Kvm(nc), `poison-${name}`);
    projects.push({ id: project.id, key: (await createApiKey(new Kvm(nc), project.id, 'test')).key });
  }
});

afterAll(async () => {
  await nc?.close();
  await platform?.stop();
  await nats?.stop();
  dir?.remove();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
type Body = any;
const gql = async (key: string, query: string): Promise<Body> => {
  const res = await fetch(`${platform.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return res.json();
};
const count = async (key: string) => ((await gql(key, '{ model(name: "churn") { predictionCount } }')).data?.model?.predictionCount as number | undefined) ?? 0;
const ingestErrors = async (key: string) => (await gql(key, '{ ingestErrors(model: "churn") { kind recordId code reason record } }')).data.ingestErrors as Body[];
const post = (key: string, records: unknown[]) =>
  fetch(`${platform.url}/v1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: records.map((r) => JSON.stringify(r)).join('\n') });

const record = (project: string, n: number): PredictionRecord => ({
  kind: 'prediction',
  project,
  model: 'churn',
  modelVersion: 'v1',
  id: `r-${n}`,
  task: 'BINARY',
  timestamp: T0 + n * 1000,
  receivedAt: Date.now(),
  features: { x: n % 97 },
  tags: { country: ['BR', 'US', 'DE'][n % 3]! },
  output: { score: (n % 100) / 100 },
});

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
