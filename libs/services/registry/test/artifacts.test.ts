import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import { REGISTRY_BUCKETS } from '@tideline/contracts';
import { REGISTER_MODEL, REGISTER_VERSION, startHarness, type Harness } from './harness.ts';

/**
 * Artifacts round trip through the registry's upload API and the JetStream
 * object store, verified against their sha256 on every read; bytes changed
 * behind the registry's back are refused with ARTIFACT_CORRUPT.
 */
let h: Harness;
const P = 'p_artifacts';
const sha = (b: Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A TensorFlow.js layers model as tfjs writes it: one dense layer, a 3×2 float32 kernel and 2 biases in one shard. */
const weights = Buffer.from(new Float32Array([0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.01, -0.01]).buffer);
const modelJson = Buffer.from(
  JSON.stringify({
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    modelTopology: { class_name: 'Sequential', config: { name: 'churn', layers: [{ class_name: 'Dense', config: { units: 2, input_shape: [3] } }] } },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'dense/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'dense/bias', shape: [2], dtype: 'float32' }] }],
  }),
);

type Registered = { registerModelVersion: { stage: string; artifact: { digest: string; format: string; size: number; files: { path: string; digest: string; size: number; downloadPath: string }[] } } };

beforeAll(async () => {
  h = await startHarness();
  await h.gql(P, REGISTER_MODEL, { input: { name: 'churn', primaryMetric: 'ROC_AUC' } });
});
afterAll(async () => h?.stop());

describe('artifacts', () => {
  it('round-trips a TensorFlow.js model: uploaded files named by their sha256, registered, downloaded intact', async () => {
    const up = await Promise.all([h.upload(P, modelJson), h.upload(P, weights)]);
    expect(up.map((u) => u.status)).toEqual([200, 200]);
    expect(up.map((u) => u.body)).toEqual([
      { digest: sha(modelJson), size: modelJson.length },
      { digest: sha(weights), size: 32 },
    ]);
    // The same bytes again: the same name, nothing new stored.
    expect((await h.upload(P, weights)).body.digest).toBe(sha(weights));

    const res = await h.gql<Registered>(P, REGISTER_VERSION, {
      input: {
        model: 'churn',
        version: 'v1',
        metadata: { inputs: ['x1', 'x2', 'x3'] },
        artifact: { files: [{ path: 'model.json', digest: sha(modelJson) }, { path: 'group1-shard1of1.bin', digest: sha(weights) }] },
      },
    });
    expect(res.errors).toBeUndefined();
    const artifact = res.data!.registerModelVersion.artifact;
    expect(artifact).toMatchObject({ format: 'TFJS_LAYERS', size: modelJson.length + 32 });
    expect(artifact.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(artifact.files).toEqual([
      { path: 'group1-shard1of1.bin', digest: sha(weights), size: 32, downloadPath: `/v1/artifacts/${sha(weights)}` },
      { path: 'model.json', digest: sha(modelJson), size: modelJson.length, downloadPath: `/v1/artifacts/${sha(modelJson)}` },
    ]);
    for (const [file, bytes] of [[modelJson, modelJson], [weights, weights]] as const) {
      const got = await h.download(P, sha(file));
      expect(got.status).toBe(200);
      expect(sha(got.bytes)).toBe(sha(bytes));
      expect(got.bytes.equals(bytes)).toBe(true);
    }
    // Registering the same version with the same artifact again is a retry, not a conflict.
    const again = await h.gql<Registered>(P, REGISTER_VERSION, {
      input: { model: 'churn', version: 'v1', artifact: { files: [{ path: 'group1-shard1of1.bin', digest: sha(weights) }, { path: 'model.json', digest: sha(modelJson) }] } },
    });
    expect(again.data!.registerModelVersion.artifact.digest).toBe(artifact.digest);
  });

  it('keeps projects apart and says what is missing', async () => {
    expect((await h.download('p_other', sha(weights))).status).toBe(404);
    const res = await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: 'v2', artifact: { files: [{ path: 'w.bin', digest: `sha256:${'0'.repeat(64)}` }] } } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'ARTIFACT_NOT_FOUND', field: 'input.artifact.files[0].digest' });
    const noShard = await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: 'v2', artifact: { files: [{ path: 'model.json', digest: sha(modelJson) }] } } });
    expect(noShard.errors?.[0]).toMatchObject({
      message: expect.stringContaining("names weight file 'group1-shard1of1.bin', which is not among the artifact's files"),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.artifact.files' },
    });
    const both = await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: 'v2', artifact: { files: [{ path: 'a', digest: sha(weights), contentBase64: 'AA==' }] } } });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.artifact.files[0]' });
    const escape = await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: 'v2', artifact: { files: [{ path: '../etc/passwd', contentBase64: 'AA==' }] } } });
    expect(escape.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.artifact.files[0].path' });
  });

  it('accepts any artifact inline, up to REGISTRY_MAX_INLINE_BYTES', async () => {
    const onnx = Buffer.from('ONNX model bytes, trained elsewhere');
    const res = await h.gql<Registered>(P, REGISTER_VERSION, {
      input: { model: 'churn', version: 'v3', metadata: { framework: 'onnx' }, artifact: { files: [{ path: 'model.onnx', contentBase64: onnx.toString('base64') }] } },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerModelVersion).toMatchObject({ stage: 'CANDIDATE', artifact: { format: 'OTHER', files: [{ path: 'model.onnx', digest: sha(onnx), size: onnx.length }] } });
    expect((await h.download(P, sha(onnx))).bytes.equals(onnx)).toBe(true);
  });

  it('refuses an artifact whose stored bytes were replaced, on download and on registration', async () => {
    const original = Buffer.from('weights that will be replaced');
    const digest = (await h.upload(P, original)).body.digest!;
    const store = await new Objm(h.nats).open(REGISTRY_BUCKETS.artifacts);
    // Someone with NATS access rewrites the object under its name: the object store's own digest is consistent again, the name is not.
    await store.putBlob({ name: `${P}/${digest}` }, Buffer.from('weights that were swapped in!'));
    const got = await h.download(P, digest);
    expect(got.status).toBe(500);
    // Logged under the request id it carries.
    expect(JSON.parse(got.bytes.toString())).toEqual({
      error: { code: 'ARTIFACT_CORRUPT', message: expect.stringContaining(`artifact ${digest} is corrupt`), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    const res = await h.gql(P, REGISTER_VERSION, { input: { model: 'churn', version: 'v4', artifact: { files: [{ path: 'w.bin', digest }] } } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'ARTIFACT_CORRUPT' });
    expect(res.errors?.[0]?.message).toContain('is corrupt');
  });

  it('refuses an artifact whose chunks were modified in the stream', async () => {
    const original = Buffer.from('another file, its chunk will be flipped');
    const digest = (await h.upload(P, original)).body.digest!;
    const store = await new Objm(h.nats).open(REGISTRY_BUCKETS.artifacts);
    const info = (await store.info(`${P}/${digest}`))!;
    const chunks = `$O.${REGISTRY_BUCKETS.artifacts}.C.${info.nuid}`;
    const jsm = await jetstreamManager(h.nats);
    await jsm.streams.purge(`OBJ_${REGISTRY_BUCKETS.artifacts}`, { filter: chunks });
    const flipped = Buffer.from(original);
    flipped[0] = flipped[0]! ^ 0xff;
    await jetstream(h.nats).publish(chunks, flipped);
    const got = await h.download(P, digest);
    expect(got.status).toBe(500);
    expect(JSON.parse(got.bytes.toString()).error.code).toBe('ARTIFACT_CORRUPT');
  });

  it('refuses files past REGISTRY_MAX_ARTIFACT_BYTES with 413', async () => {
    const small = await startHarness({ REGISTRY_MAX_ARTIFACT_BYTES: '2048' });
    try {
      const res = await small.upload(P, Buffer.alloc(4096, 1));
      expect(res.status).toBe(413);
      expect(res.body.error?.code).toBe('ARTIFACT_TOO_LARGE');
    } finally {
      await small.stop();
    }
  });
});
