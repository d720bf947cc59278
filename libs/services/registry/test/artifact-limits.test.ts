import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '@nats-io/transport-node';
import { REGISTRY_BUCKETS } from '@tideline/contracts';
import { REGISTER_MODEL, REGISTER_VERSION, startHarness, type Harness } from './harness.ts';

/**
 * What one registerModelVersion may cost the registry: referenced files are
 * streamed through sha256 (memory is a chunk, not the file), a file named by
 * many paths is read once, and requests past the file or byte caps, or naming
 * a path twice, are refused before any byte is read. The registry runs in
 * this test's process, so its memory is this process's memory.
 */
let h: Harness;
const P = 'p_limits';
const MiB = 1024 * 1024;
const FILE = 8 * MiB;
/** The object store writes 128 KiB chunks; reading a file once is one message get per chunk. */
const CHUNKS_PER_READ = FILE / (128 * 1024);
const sha = (b: Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const weights = Buffer.alloc(FILE);
for (let i = 0; i < FILE; i += 4) weights.writeUInt32LE((i * 2654435761) >>> 0, i);
const digest = sha(weights);
const files = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `shards/part-${String(i).padStart(3, '0')}.bin`, digest }));

/** Chunk reads of the artifact bucket's stream, as the NATS server sees them (not the metadata look-ups). */
let chunkGets: Subscription;
let seenGets = 0;
const isChunkGet = (request: string) => String((JSON.parse(request) as { next_by_subj?: string }).next_by_subj).startsWith(`$O.${REGISTRY_BUCKETS.artifacts}.C.`);
async function chunkGetsDuring(action: () => Promise<void>): Promise<number> {
  await h.nats.flush();
  const before = seenGets;
  await action();
  // The registry's gets were answered before its reply; one round trip on ours delivers their copies.
  await h.nats.flush();
  return seenGets - before;
}

/** Peak growth of JS heap plus ArrayBuffers while `action` runs, sampled on a timer. */
async function peakGrowth(action: () => Promise<void>): Promise<number> {
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const baseline = used();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 2);
  try {
    await action();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, used()) - baseline;
}

beforeAll(async () => {
  h = await startHarness({ REGISTRY_MAX_VERSION_BYTES: String(600 * MiB), REGISTRY_MAX_VERSION_FILES: '100' });
  chunkGets = h.nats.subscribe(`$JS.API.STREAM.MSG.GET.OBJ_${REGISTRY_BUCKETS.artifacts}`, {
    callback: (_err, msg) => {
      if (isChunkGet(msg.string())) seenGets++;
    },
  });
  await h.gql(P, REGISTER_MODEL, { input: { name: 'big', primaryMetric: 'ROC_AUC' } });
  expect((await h.upload(P, weights)).body).toEqual({ digest, size: FILE });
});
afterAll(async () => {
  chunkGets?.unsubscribe();
  await h?.stop();
});

describe('artifact limits', () => {
  it('registers an 8 MiB file named by 60 paths reading it once, in bounded memory', async () => {
    type Registered = { registerModelVersion: { artifact: { size: number; files: { path: string; size: number }[] } } };
    let res: Awaited<ReturnType<typeof h.gql<Registered>>> | undefined;
    let growth = 0;
    const gets = await chunkGetsDuring(async () => {
      growth = await peakGrowth(async () => {
        res = await h.gql<Registered>(P, REGISTER_VERSION, { input: { model: 'big', version: 'v1', artifact: { files: files(60) } } });
      });
    });
    expect(res!.errors).toBeUndefined();
    const artifact = res!.data!.registerModelVersion.artifact;
    expect(artifact.size).toBe(60 * FILE);
    expect(artifact.files).toHaveLength(60);
    expect(artifact.files.every((f) => f.size === FILE)).toBe(true);
    // Reading the file whole 60 times held 480 MiB at once (measured: +458 MiB); streamed, a few chunks (+12 to +27 MiB, garbage included).
    expect(growth).toBeLessThan(64 * MiB);
    // One streamed read of 64 chunks, not 60: the digest is verified once per request.
    expect(gets).toBe(CHUNKS_PER_READ);
  });

  it('refuses a path given twice, naming the second', async () => {
    const twice = files(5);
    twice[3] = { ...twice[3]!, path: twice[1]!.path };
    const res = await h.gql(P, REGISTER_VERSION, { input: { model: 'big', version: 'v2', artifact: { files: twice } } });
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`'shards/part-001.bin' is already the path of files[1]`),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.artifact.files[3].path' },
    });
  });

  it('refuses more bytes than REGISTRY_MAX_VERSION_BYTES before reading any, naming the file past the cap', async () => {
    let res: Awaited<ReturnType<typeof h.gql>> | undefined;
    // 76 × 8 MiB = 608 MiB is the first total past 600 MiB.
    const gets = await chunkGetsDuring(async () => {
      res = await h.gql(P, REGISTER_VERSION, { input: { model: 'big', version: 'v3', artifact: { files: files(80) } } });
    });
    expect(res!.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`reference ${76 * FILE} bytes up to input.artifact.files[75], more than ${600 * MiB} (REGISTRY_MAX_VERSION_BYTES)`),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.artifact.files[75].digest' },
    });
    expect(gets).toBe(0);
  });

  it('refuses more files than REGISTRY_MAX_VERSION_FILES', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ path: `f${i}`, contentBase64: 'AA==' }));
    const res = await h.gql(P, REGISTER_VERSION, { input: { model: 'big', version: 'v4', artifact: { files: many } } });
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringContaining('at most 100 files (REGISTRY_MAX_VERSION_FILES); this one has 101'),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.artifact.files' },
    });
  });

  it('parses a model.json of at most 16 MiB, refusing a larger one unread unless the format is OTHER', async () => {
    const large = Buffer.alloc(16 * MiB + 1, 0x20);
    const up = (await h.upload(P, large)).body;
    let res: Awaited<ReturnType<typeof h.gql>> | undefined;
    const gets = await chunkGetsDuring(async () => {
      res = await h.gql(P, REGISTER_VERSION, { input: { model: 'big', version: 'v5', artifact: { files: [{ path: 'tfjs/model.json', digest: up.digest }] } } });
    });
    expect(res!.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`tfjs/model.json is larger than ${16 * MiB} bytes`),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.artifact.files[0].digest' },
    });
    expect(gets).toBe(0);
    const other = await h.gql(P, REGISTER_VERSION, { input: { model: 'big', version: 'v5', artifact: { format: 'OTHER', files: [{ path: 'tfjs/model.json', digest: up.digest }] } } });
    expect(other.errors).toBeUndefined();
  });

  it('streams a download in two verified passes', async () => {
    let got: Awaited<ReturnType<Harness['download']>> | undefined;
    const gets = await chunkGetsDuring(async () => {
      got = await h.download(P, digest);
    });
    expect(got!.status).toBe(200);
    expect(got!.bytes.equals(weights)).toBe(true);
    // One pass proves the file intact before the status line, the second sends it.
    expect(gets).toBe(2 * CHUNKS_PER_READ);
  });
});
