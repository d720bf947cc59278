import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Objm } from '@nats-io/obj';
import { jetstream } from '@nats-io/jetstream';
import { REGISTRY_BUCKETS } from '@tideline/contracts';
import { SIGNATURE_HEADER, principalHeaders, requestSignature, sha256Hex } from '@tideline/graphql';
import { gatewayHeaders } from '@tideline/testing';
import { REGISTER_MODEL, REGISTER_VERSION, SECRET, inlineArtifact, startHarness, type Harness } from './harness.ts';

/**
 * What the registry trusts of the gateway's signature: an upload is stored only
 * if the signature covers its bytes (checked after the last one, before the
 * upload is committed), and stage changes record the signed API key's name as
 * their actor, never the client's `actor` argument.
 */
const P = 'p_auth';
let h: Harness;
let artifacts: string;

const sha = (b: Uint8Array | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** POST /v1/artifacts streamed as the gateway streams it: principal headers first, the signature in a trailer over `signed`. */
const streamUpload = (data: string, signed: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(artifacts);
    const headers = principalHeaders({ project: P, actor: 'ci' });
    const req = request(url, { method: 'POST', headers: { ...headers, trailer: SIGNATURE_HEADER } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.write(data.slice(0, 3));
    req.write(data.slice(3));
    req.addTrailers({ [SIGNATURE_HEADER]: requestSignature(SECRET, headers, { method: 'POST', url: url.href, bodySha256: sha256Hex(signed) }) });
    req.end();
  });

/** Objects of the project in the artifact store, temporary uploads included. */
async function storedNames(): Promise<string[]> {
  const store = await new Objm(jetstream(h.nats)).open(REGISTRY_BUCKETS.artifacts);
  return (await store.list()).filter((o) => !o.deleted && o.name.startsWith(`${P}/`)).map((o) => o.name);
}

beforeAll(async () => {
  h = await startHarness();
  artifacts = `${h.url}/internal/registry/v1/artifacts`;
});

afterAll(() => h?.stop());

describe('artifact uploads', () => {
  it('stores a streamed upload whose trailer signs its bytes', async () => {
    const res = await streamUpload('signed weights', 'signed weights');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ digest: sha('signed weights'), size: 14 });
    expect((await h.download(P, sha('signed weights'))).bytes.toString()).toBe('signed weights');
  });

  it('refuses, and does not store, an upload whose signature covers other bytes', async () => {
    const before = await storedNames();
    const streamed = await streamUpload('tampered weights', 'original weights');
    expect(streamed.status).toBe(401);
    expect(JSON.parse(streamed.body)).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'request signature is invalid' } });
    const headers = gatewayHeaders(SECRET, P, { method: 'POST', url: artifacts, body: 'original bytes' });
    expect((await fetch(artifacts, { method: 'POST', headers, body: 'swapped bytes' })).status).toBe(401);
    for (const data of ['tampered weights', 'swapped bytes']) expect((await h.download(P, sha(data))).status).toBe(404);
    expect(await storedNames()).toEqual(before);
  });

  it('refuses a download signed for another digest', async () => {
    const url = `${artifacts}/${sha('signed weights')}`;
    const headers = gatewayHeaders(SECRET, P, { method: 'GET', url: `${artifacts}/${sha('other')}` });
    expect((await fetch(url, { headers })).status).toBe(401);
  });
});

describe('stage changes', () => {
  it("record the signed key's name as actor and ignore the client's", async () => {
    const alice = { project: P, actor: 'alice' };
    expect((await h.gql(alice, REGISTER_MODEL, { input: { name: 'm', primaryMetric: 'ACCURACY' } })).errors).toBeUndefined();
    for (const v of ['v1', 'v2']) expect((await h.gql(alice, REGISTER_VERSION, { input: { model: 'm', version: v, artifact: inlineArtifact(v) } })).errors).toBeUndefined();
    const promote = (version: string) =>
      h.gql<{ promote: { version: string; actor: string } }>(alice, `mutation { promote(model: "m", version: "${version}", stage: CHAMPION, reason: "r", override: true, actor: "mallory") { version actor } }`);
    expect((await promote('v1')).data?.promote).toEqual({ version: 'v1', actor: 'alice' });
    expect((await promote('v2')).data?.promote).toEqual({ version: 'v2', actor: 'alice' });
    const rolledBack = await h.gql<{ rollback: { version: string; actor: string } }>({ project: P, actor: 'bob' }, 'mutation { rollback(model: "m", reason: "r", actor: "mallory") { version actor } }');
    expect(rolledBack.data?.rollback).toEqual({ version: 'v1', actor: 'bob' });
  });
});
