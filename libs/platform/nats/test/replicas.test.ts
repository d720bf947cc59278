/**
 * TIDELINE_NATS_REPLICAS on a real 3-node cluster: streams, consumers, KV
 * buckets and object stores are created with that many replicas, ones made
 * earlier with fewer are raised at the next start (never lowered), and a
 * single server refuses clearly.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { ConsumerDeclaration, StreamDeclaration } from '@tideline/contracts';
import { createLogger, type ModuleContext } from '@tideline/runtime';
import { eventually, startNatsCluster, startNatsServer, type NatsClusterHandle } from '@tideline/testing';
import { ensureConsumer, ensureStream, natsModule, openBucket, openObjectStore, withReplicas, type Nats } from '../src/index.ts';

let cluster: NatsClusterHandle;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  cluster = await startNatsCluster({ nodes: 3 });
  nc = await connect({ servers: cluster.url.split(',') });
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  await nc?.close();
  await cluster?.stop();
});

const stream = (name: string): StreamDeclaration => ({ name, subjects: [`${name.toLowerCase()}.>`], duplicateWindowMs: 60_000, retention: 'interest' });
const consumer = (name: string): ConsumerDeclaration => ({ stream: name, durable: `${name}_worker`, filterSubject: `${name.toLowerCase()}.>`, ackWaitMs: 30_000, maxAckPending: 100 });

it('creates streams, consumers and buckets with the configured replicas', async () => {
  const r3 = withReplicas(await jetstreamManager(nc), 3);
  await ensureStream(r3, stream('FRESH'), { maxBytes: 1024 ** 2 });
  await ensureConsumer(r3, consumer('FRESH'));
  await openBucket(withReplicas(new Kvm(nc), 3), 'fresh_bucket');
  await openObjectStore(withReplicas(jetstream(nc), 3), 'fresh_objects');

  expect((await jsm.streams.info('FRESH')).config.num_replicas).toBe(3);
  expect((await jsm.consumers.info('FRESH', 'FRESH_worker')).config.num_replicas).toBe(3);
  expect((await jsm.streams.info('KV_fresh_bucket')).config.num_replicas).toBe(3);
  expect((await jsm.streams.info('OBJ_fresh_objects')).config.num_replicas).toBe(3);
  // Every replica is placed: one leader and two followers on distinct nodes.
  const placed = (await jsm.streams.info('FRESH')).cluster!;
  expect(new Set([placed.leader, ...(placed.replicas ?? []).map((r) => r.name)]).size).toBe(3);
});

/** Nodes holding a copy of a consumer, once it has a leader. */
const consumerPeers = (stream: string, durable: string) =>
  eventually(async () => {
    const { cluster: placed } = await jsm.consumers.info(stream, durable);
    return placed?.leader ? 1 + (placed.replicas ?? []).length : undefined;
  }, 30_000);

it('raises streams, consumers and buckets made with fewer replicas, and never lowers them', async () => {
  // As a deployment that ran before the setting was raised left them.
  await ensureStream(jsm, stream('OLD'), { maxBytes: 1024 ** 2 });
  await ensureConsumer(jsm, consumer('OLD'));
  await jsm.consumers.add('OLD', { durable_name: 'pinned', ack_policy: AckPolicy.Explicit, num_replicas: 1 });
  const before = await openBucket(new Kvm(nc), 'old_bucket');
  await before.put('k', 'kept');
  const objects = await openObjectStore(jetstream(nc), 'old_objects');
  await objects.putBlob({ name: 'model.bin' }, new Uint8Array([1, 2, 3]));
  expect((await jsm.streams.info('OLD')).config.num_replicas).toBe(1);
  expect((await jsm.streams.info('KV_old_bucket')).config.num_replicas).toBe(1);

  const r3 = withReplicas(await jetstreamManager(nc), 3);
  await ensureStream(r3, stream('OLD'), { maxBytes: 1024 ** 2 });
  await ensureConsumer(r3, consumer('OLD'));
  await ensureConsumer(r3, { ...consumer('OLD'), durable: 'pinned' });
  const after = await openBucket(withReplicas(new Kvm(nc), 3), 'old_bucket');
  const objectsAfter = await openObjectStore(withReplicas(jetstream(nc), 3), 'old_objects');

  expect((await jsm.streams.info('OLD')).config.num_replicas).toBe(3);
  expect(await consumerPeers('OLD', 'OLD_worker')).toBe(3); // it follows its stream
  expect((await jsm.consumers.info('OLD', 'pinned')).config.num_replicas).toBe(3);
  expect(await consumerPeers('OLD', 'pinned')).toBe(3);
  expect((await jsm.streams.info('KV_old_bucket')).config.num_replicas).toBe(3);
  expect((await after.get('k'))?.string()).toBe('kept');
  expect((await jsm.streams.info('OBJ_old_objects')).config.num_replicas).toBe(3);
  expect([...((await objectsAfter.getBlob('model.bin')) ?? [])]).toEqual([1, 2, 3]);

  // A process with the default (1), or a manager without the setting, does not weaken them.
  for (const [streams, kvm, js] of [
    [withReplicas(await jetstreamManager(nc), 1), withReplicas(new Kvm(nc), 1), withReplicas(jetstream(nc), 1)],
    [jsm, new Kvm(nc), jetstream(nc)],
  ] as const) {
    await ensureStream(streams, stream('OLD'), { maxBytes: 2 * 1024 ** 2 });
    await ensureConsumer(streams, consumer('OLD'));
    await ensureConsumer(streams, { ...consumer('OLD'), durable: 'pinned' });
    await openBucket(kvm, 'old_bucket');
    await openObjectStore(js, 'old_objects');
    expect((await jsm.streams.info('OLD')).config.num_replicas).toBe(3);
    expect((await jsm.consumers.info('OLD', 'pinned')).config.num_replicas).toBe(3);
    expect(await consumerPeers('OLD', 'OLD_worker')).toBe(3);
    expect((await jsm.streams.info('KV_old_bucket')).config.num_replicas).toBe(3);
    expect((await jsm.streams.info('OBJ_old_objects')).config.num_replicas).toBe(3);
  }
});

it('the nats module hands out managers that carry TIDELINE_NATS_REPLICAS', async () => {
  const config = natsModule.config!.read({ NATS_URL: cluster.url, TIDELINE_NATS_REPLICAS: '3' });
  expect(config.errors).toEqual([]);
  const running = await natsModule.start!({ logger: createLogger({ LOG_LEVEL: 'silent' }) } as ModuleContext, config.value!);
  try {
    const nats = running.value as Nats;
    await ensureStream(nats.jsm, stream('FROM_MODULE'), { maxBytes: 1024 ** 2 });
    await openBucket(nats.kvm, 'module_bucket');
    expect((await jsm.streams.info('FROM_MODULE')).config.num_replicas).toBe(3);
    expect((await jsm.streams.info('KV_module_bucket')).config.num_replicas).toBe(3);
  } finally {
    await running.stop?.();
  }
  expect(natsModule.config!.read({ TIDELINE_NATS_REPLICAS: '0' }).errors).toEqual([
    'TIDELINE_NATS_REPLICAS="0" is invalid: expected an integer from 1 to 5',
  ]);
});

it('a single server refuses more than one replica with an error naming the setting', async () => {
  const single = await startNatsServer();
  const one = await connect({ servers: single.url });
  try {
    const r3 = withReplicas(await jetstreamManager(one), 3);
    await expect(ensureStream(r3, stream('LONELY'), { maxBytes: 1024 ** 2 })).rejects.toThrow(/cannot declare stream LONELY with TIDELINE_NATS_REPLICAS=3: .*replicas/);
  } finally {
    await one.close();
    await single.stop();
  }
});
