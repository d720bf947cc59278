/**
 * defineService's KV buckets on a real nats-server: a declared bucket is
 * opened before start, with its TTL, and handed to the service as is; a
 * bucket the service did not declare is refused by name.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startModules, type RunningProcess } from '@tideline/runtime';
import { startNatsServer, type NatsServerHandle } from '@tideline/testing';
import type { KV } from '@tideline/nats';
import { defineService } from '../src/index.ts';

let nats: NatsServerHandle;
let proc: RunningProcess;
const seen: { leases?: KV; plain?: KV; undeclared?: unknown } = {};

const probe = defineService({
  name: 'bucket-probe',
  doc: 'declares two buckets',
  source: import.meta.url,
  nats: { buckets: ['probe-plain', { name: 'probe-leases', ttlMs: 90_000 }] },
  async start(ctx) {
    seen.plain = ctx.bucket('probe-plain');
    seen.leases = ctx.bucket('probe-leases');
    try {
      ctx.bucket('probe-other');
    } catch (err) {
      seen.undeclared = err;
    }
    return {};
  },
});

beforeAll(async () => {
  nats = await startNatsServer();
  proc = await startModules({ catalog: [probe], targets: [probe.name], env: { PORT: '0', NATS_URL: nats.url, LOG_LEVEL: 'warn' } });
}, 60_000);
afterAll(async () => {
  await proc?.stop();
  await nats?.stop();
});

it('hands the service its declared buckets, opened with their TTL', async () => {
  const leases = await seen.leases!.status();
  expect(leases.bucket).toBe('probe-leases');
  expect(leases.ttl).toBe(90_000);
  expect((await seen.plain!.status()).ttl).toBe(0);
  // Opened for real: a value written through the handed bucket is read back.
  await seen.plain!.put('k', 'v');
  expect((await seen.plain!.get('k'))?.string()).toBe('v');
});

it('refuses a bucket the service did not declare, naming it', () => {
  expect(String(seen.undeclared)).toMatch(/service 'bucket-probe' uses KV bucket 'probe-other' without declaring it in defineService/);
});
