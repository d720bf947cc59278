import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { CHUNK_FORMAT_HEADER, STREAMS, decodeChunk } from '@tideline/contracts';
import { createLogger, startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import { clientPrediction as prediction, gatewayHeaders, ndjson, signedFetch, signedGraphql, startNatsServer, type NatsServerHandle } from '@tideline/testing';
import { ingestModule } from '../src/index.ts';

const secret = 's'.repeat(32);
/** INGEST_MAX_BODY_BYTES's default: the app below runs with it. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
let nats: NatsServerHandle;
let app: RunningProcess;
let base: string;

const start = (natsUrl: string, extra: Record<string, string> = {}) =>
  startModules({
    catalog: [ingestModule],
    targets: ['ingest'],
    env: { PORT: '0', NATS_URL: natsUrl, TIDELINE_INTERNAL_SECRET: secret, ...extra },
    logger: createLogger({ LOG_LEVEL: 'silent' }),
  });

/** POSTs the lines signed as the gateway signs them (for `project`), unless given other headers. */
const post = (path: string, lines: unknown[], project = 'p_a', headers?: Record<string, string>) =>
  headers ? fetch(`${base}${path}`, { method: 'POST', headers, body: ndjson(lines) }) : signedFetch(secret, project, `${base}${path}`, { body: ndjson(lines) });

/**
 * POSTs with `headers` (signed for p_a, the body's digest aside: it is checked
 * only after the body is read) and keeps sending the body, a chunk at a time,
 * until the server answers: it must answer without waiting for the end.
 */
const postOnce = (path: string, headers: Record<string, string>, chunk: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = `${base}${path}`;
    const req = request(url, { method: 'POST', headers: { ...gatewayHeaders(secret, 'p_a', { method: 'POST', url }), ...headers } });
    let answered = false;
    req.once('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.once('end', () => resolve({ status: res.statusCode!, body }));
    });
    // Once it has answered, the server closes the connection: the writes still going fail, and that is expected.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const write = (): unknown => (req.destroyed || req.writableEnded ? undefined : req.write(chunk) ? setImmediate(write) : req.once('drain', write));
    write();
  });

/**
 * Writes `chunk` over and over until the server answers. TCP's own race: the
 * server closes right after its 413 while this client is still writing, and
 * the kernel may turn the unread bytes into a reset that reaches the client's
 * next write (EPIPE, ECONNRESET) before it has read the answer already on its
 * way. Such a send is tried again, at most 3 times: a server that never
 * answers still fails the test.
 */
async function postUntilAnswered(path: string, headers: Record<string, string>, chunk: string): Promise<{ status: number; body: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await postOnce(path, headers, chunk);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt === 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw err;
    }
  }
}

/** Records on the ingest stream: every message is a chunk (the records' rows, one a line), read back as the store would. */
const streamRecords = async () => {
  const nc = await connect({ servers: nats.url });
  const js = jetstream(nc);
  const consumer = await js.consumers.get(STREAMS.ingest.name);
  const info = await consumer.info();
  const ids: string[] = [];
  for (let i = 0; i < info.num_pending; i++) {
    const msg = await consumer.next();
    const kind = msg!.subject.includes('.feedback.') ? 'feedback' : 'prediction';
    const records = decodeChunk(msg!.data, msg!.headers?.get(CHUNK_FORMAT_HEADER), kind) as { id?: string; predictionId?: string }[];
    ids.push(...records.map((r) => r.id ?? `feedback:${r.predictionId}`));
  }
  await nc.close();
  return ids;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
const json = (res: Response): Promise<any> => res.json();

beforeAll(async () => {
  nats = await startNatsServer();
  // A consumer keeps messages in the interest-retention stream, as the store's writer would.
  app = await start(nats.url);
  base = `${app.get<HttpServer>('server').url}/internal/ingest`;
  const nc = await connect({ servers: nats.url });
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(STREAMS.ingest.name, { durable_name: 'test-holder', ack_policy: 'explicit' as never });
  await nc.close();
});

afterAll(async () => {
  await app?.stop();
  await nats?.stop();
});

describe('ingest over HTTP NDJSON', () => {
  const mixedBatch = [prediction('a1'), { id: 'a2', model: 'churn', output: { score: 7 } }, prediction('a3'), '{"id": "a4", "model": ', prediction('a5')];

  it('accepts the valid records of a batch and names the index, field and reason of the others', async () => {
    const res = await post('/v1/predictions', mixedBatch);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.accepted).toBe(3);
    expect(body.rejected).toBe(2);
    expect(body.errors).toEqual([
      { index: 1, field: 'output.score', message: 'must be a probability between 0 and 1' },
      { index: 3, field: null, message: expect.stringContaining('not valid JSON') },
    ]);
    expect(await streamRecords()).toEqual(['a1', 'a3', 'a5']);
  });

  it('stores a batch resent as is once (Nats-Msg-Id of the chunk)', async () => {
    const res = await post('/v1/predictions', mixedBatch);
    expect((await json(res)).accepted).toBe(3);
    expect(await streamRecords()).toEqual(['a1', 'a3', 'a5']);
  });

  it('fixes the task with the first record and rejects feedback of another task', async () => {
    const res = await post('/v1/feedback', [
      { predictionId: 'a1', model: 'churn', label: { positive: true } },
      { predictionId: 'a3', model: 'churn', label: { value: 2.5 } },
    ]);
    const body = await json(res);
    expect(body.accepted).toBe(1);
    expect(body.errors).toEqual([{ index: 1, field: 'label', message: 'is a REGRESSION label but the model is BINARY' }]);
  });

  it('rejects bad model names record by record, never failing the batch nor naming internal subjects', async () => {
    const names = ['bad model', '*', '../etc', 'a..b', 'churn.', 'tideline.>'];
    const res = await post('/v1/predictions', [prediction('n1'), ...names.map((model, i) => ({ ...prediction(`bad-${i}`), model }))]);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/\$KV|tideline\.ingest|tideline-models/);
    const body = JSON.parse(text);
    expect(body.accepted).toBe(1);
    expect(body.errors).toEqual(names.map((_, i) => ({ index: i + 1, field: 'model', message: expect.stringContaining('letters, digits') })));
    const feedback = await post('/v1/feedback', [{ predictionId: 'n1', model: '../etc', label: { positive: true } }]);
    expect(feedback.status).toBe(400);
    expect((await json(feedback)).errors).toEqual([{ index: 0, field: 'model', message: expect.stringContaining('letters, digits') }]);
  });

  it('rejects a record larger than a JetStream message as that record alone (4xx, not 503)', async () => {
    const big = { ...prediction('huge'), features: { text: 'x'.repeat(1024 * 1024) } };
    const res = await post('/v1/predictions', [prediction('beside-huge'), big]);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.accepted).toBe(1);
    expect(body.errors).toEqual([{ index: 1, field: null, message: expect.stringContaining('larger than') }]);
    const alone = await post('/v1/predictions', [big]);
    expect(alone.status).toBe(400);
  });

  it('lets only a valid record fix the task of a new model', async () => {
    // Readable as binary, but invalid: it must not make 'fresh' a BINARY model.
    const rejected = await post('/v1/predictions', [{ id: 'f0', model: 'fresh', output: { score: 0.5 }, features: { x: [1] } }]);
    expect(rejected.status).toBe(400);
    expect((await json(rejected)).errors[0]).toMatchObject({ field: 'features.x' });
    const res = await post('/v1/predictions', [{ id: 'f1', model: 'fresh', output: { value: 3.5 } }, { id: 'f2', model: 'fresh', output: { score: 0.5 } }]);
    const body = await json(res);
    expect(body.accepted).toBe(1);
    expect(body.errors).toEqual([{ index: 1, field: 'output', message: expect.stringContaining("'fresh' is a REGRESSION model") }]);
  });

  it('answers 400 when every record is rejected', async () => {
    const res = await post('/v1/predictions', [{ id: 'x' }]);
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0]).toMatchObject({ index: 0, field: 'model' });
  });

  it('refuses unsigned or badly signed requests', async () => {
    expect((await post('/v1/predictions', [prediction('z')], 'p_a', {})).status).toBe(401);
    const signed = gatewayHeaders(secret, 'p_a', { method: 'POST', url: `${base}/v1/predictions`, body: ndjson([prediction('z')]) });
    expect((await post('/v1/predictions', [prediction('z')], 'p_a', { ...signed, 'x-tideline-project': 'p_b' })).status).toBe(401);
    // The signature covers the body and the path: captured, it carries no other records, nor to another endpoint.
    expect((await post('/v1/predictions', [prediction('other')], 'p_a', signed)).status).toBe(401);
    expect((await post('/v1/feedback', [prediction('z')], 'p_a', signed)).status).toBe(401);
  });

  it('answers 413 at once to a body whose declared length is past the limit', async () => {
    // Nothing of the body is sent: the answer must come from the headers alone.
    const answer = await postUntilAnswered('/v1/predictions', { 'content-length': String(MAX_BODY_BYTES + 1) }, '');
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: `request body of ${MAX_BODY_BYTES + 1} bytes exceeds the limit of ${MAX_BODY_BYTES} bytes` } });
  });

  it('answers 413 to a streamed body once it passes the limit, before it ends', async () => {
    const answer = await postUntilAnswered('/v1/predictions', { 'transfer-encoding': 'chunked' }, 'x'.repeat(64 * 1024));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: `request body exceeds the limit of ${MAX_BODY_BYTES} bytes` } });
  });

  it('logs predictions through the GraphQL subgraph', async () => {
    const body = await signedGraphql(`${base}/graphql`, secret)<{ logPredictions: unknown }>(
      'p_a',
      'mutation($r: [PredictionInput!]!) { logPredictions(records: $r) { accepted rejected errors { index field message } } }',
      { r: [prediction('g1'), { id: 'g2', model: 'churn', output: { value: 1 } }] },
    );
    expect(body.data?.logPredictions).toEqual({
      accepted: 1,
      rejected: 1,
      errors: [{ index: 1, field: 'output', message: "model 'churn' is a BINARY model (fixed by its first record); this is a REGRESSION output" }],
    });
  });
});

describe('ingest when JetStream cannot take records', () => {
  it('answers 429 with Retry-After when the stream is full', async () => {
    const small = await startNatsServer();
    const holder = await connect({ servers: small.url });
    const tiny = await start(small.url, { INGEST_STREAM_MAX_BYTES: String(1024 * 1024) });
    const jsm = await jetstreamManager(holder);
    await jsm.consumers.add(STREAMS.ingest.name, { durable_name: 'test-holder', ack_policy: 'explicit' as never });
    const url = `${tiny.get<HttpServer>('server').url}/internal/ingest/v1/predictions`;
    const batch = ndjson(Array.from({ length: 4000 }, (_, i) => prediction(`big-${i}`, 0.5, { features: { pad: 'y'.repeat(400) } })));
    const res = await signedFetch(secret, 'p_a', url, { body: batch });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
    const body = await json(res);
    expect(body.accepted).toBeGreaterThan(0);
    expect(body.accepted).toBeLessThan(4000);
    expect(body.error.code).toBe('INGEST_BACKPRESSURE');
    await tiny.stop();
    await holder.close();
    await small.stop();
  });

  it('answers 503 with Retry-After when JetStream is unreachable', async () => {
    const doomed = await startNatsServer();
    const proc = await start(doomed.url, { INGEST_PUBLISH_TIMEOUT_MS: '500' });
    await doomed.kill();
    const url = `${proc.get<HttpServer>('server').url}/internal/ingest/v1/predictions`;
    const res = await signedFetch(secret, 'p_a', url, { body: ndjson([prediction('n1')]) });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect((await json(res)).accepted).toBe(0);
    await proc.stop();
  });
});
