import { nanos } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { Kvm, KV } from '@nats-io/kv';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { ConsumerDeclaration, StreamDeclaration } from '@tideline/contracts';
import { setting } from '@tideline/runtime';

/** Shared by every module that declares the ingest stream (ingest and the store): one setting, one default. */
export const ingestStreamMaxBytesSetting = setting.int({
  env: 'INGEST_STREAM_MAX_BYTES',
  doc: 'size of the JetStream ingest backlog; past it producers get 429 until the store catches up, rather than records being lost',
  default: 8 * 1024 ** 3,
  min: 1024 ** 2,
});

/**
 * The deployment's replica count (TIDELINE_NATS_REPLICAS) travels with the
 * JetStream client and the JetStream and KV managers the nats module hands
 * out, so every stream, consumer, bucket and object store a module declares
 * through them (ensureStream, ensureConsumer, openBucket, openObjectStore)
 * gets that many copies without each module carrying the setting. Existing
 * ones with fewer copies are raised; ones with more (raised by hand) are
 * never lowered, so a process started without the setting cannot weaken a
 * cluster. Managers made elsewhere (tests, tools) create single copies.
 */
const replicasOf = new WeakMap<object, number>();

/** Declarations made through `manager` get at least `replicas` copies, on creation and on update. */
export function withReplicas<M extends object>(manager: M, replicas: number): M {
  replicasOf.set(manager, replicas);
  return manager;
}

/** Names the setting when JetStream refuses the replica count, e.g. more replicas than cluster nodes. */
async function declaring<T>(what: string, replicas: number | undefined, declare: () => Promise<T>): Promise<T> {
  try {
    return await declare();
  } catch (err) {
    if (!replicas || replicas === 1 || !/replica|peers|cluster|insufficient resources/i.test((err as Error).message)) throw err;
    throw new Error(`cannot declare ${what} with TIDELINE_NATS_REPLICAS=${replicas}: ${(err as Error).message} (the NATS cluster needs at least that many JetStream servers)`, { cause: err });
  }
}

/**
 * While a stream or consumer changes replicas or elects a leader (a node
 * was lost), JetStream can leave an API request unanswered. The calls made
 * here are idempotent, so such a request is simply made again.
 */
async function retrying<T>(call: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const unanswered = err instanceof Error && /timeout|no responders|temporarily unavailable/i.test(`${err.name} ${err.message}`);
      if (!unanswered || attempt === attempts) throw err;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

const notFound = (err: unknown) => {
  const missing = [JetStreamApiCodes.StreamNotFound, JetStreamApiCodes.ConsumerNotFound] as number[];
  if (err instanceof JetStreamApiError && missing.includes(err.code)) return undefined;
  throw err;
};

/** After a change of replicas, waits until the stream has a leader again, so what follows (its consumers) is answered. */
async function led(jsm: JetStreamManager, stream: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await retrying(() => jsm.streams.info(stream))).cluster?.leader) {
    if (Date.now() > deadline) throw new Error(`stream ${stream} has no JetStream leader ${timeoutMs} ms after changing its replicas`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface StreamLimits {
  /** Refuse new messages past this size, so producers get backpressure instead of silent loss. */
  maxBytes: number;
}

const RETENTION = { interest: RetentionPolicy.Interest, limits: RetentionPolicy.Limits, workqueue: RetentionPolicy.Workqueue } as const;

/** Creates the stream, or updates its settings; safe to call from every replica at start. */
export async function ensureStream(jsm: JetStreamManager, stream: StreamDeclaration, limits: StreamLimits): Promise<void> {
  const replicas = replicasOf.get(jsm);
  const config = {
    name: stream.name,
    subjects: stream.subjects,
    storage: StorageType.File,
    retention: RETENTION[stream.retention ?? 'interest'],
    max_age: nanos(stream.maxAgeMs ?? 0),
    discard: DiscardPolicy.New,
    max_bytes: limits.maxBytes,
    duplicate_window: nanos(stream.duplicateWindowMs),
    num_replicas: replicas ?? 1,
  };
  const existing = await retrying(() => jsm.streams.info(stream.name)).catch(notFound);
  await declaring(`stream ${stream.name}`, replicas, async () => {
    if (!existing) return void (await retrying(() => jsm.streams.add(config)));
    const { max_bytes, max_age, duplicate_window } = config;
    // JetStream moves an existing stream to more replicas in place.
    const num_replicas = Math.max(existing.config.num_replicas, config.num_replicas);
    await retrying(() => jsm.streams.update(stream.name, { ...existing.config, max_bytes, max_age, duplicate_window, num_replicas }));
    if (num_replicas !== existing.config.num_replicas) await led(jsm, stream.name);
  });
}

/** Creates the durable pull consumer, or updates its ack_wait, max_ack_pending and replicas; safe to call from every replica at start. */
export async function ensureConsumer(jsm: JetStreamManager, consumer: ConsumerDeclaration): Promise<void> {
  const replicas = replicasOf.get(jsm);
  const config = {
    durable_name: consumer.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: consumer.filterSubject,
    ack_wait: nanos(consumer.ackWaitMs),
    max_ack_pending: consumer.maxAckPending,
    max_deliver: -1,
    // 0: as many as the stream, which follows it when the stream is raised.
    num_replicas: replicas && replicas > 1 ? replicas : 0,
  };
  const existing = await retrying(() => jsm.consumers.info(consumer.stream, consumer.durable)).catch(notFound);
  // A consumer pinned to fewer copies than configured (0 follows its stream).
  const fewer = (n: number | undefined) => !!n && n < config.num_replicas;
  await declaring(`consumer ${consumer.durable}`, replicas, async () => {
    if (!existing) await retrying(() => jsm.consumers.add(consumer.stream, config));
    // Settings that follow configuration (a longer webhook timeout needs a longer ack_wait) are brought up to date.
    else if (
      existing.config.ack_wait !== config.ack_wait ||
      existing.config.max_ack_pending !== config.max_ack_pending ||
      fewer(existing.config.num_replicas)
    ) {
      const { ack_wait, max_ack_pending, num_replicas } = config;
      await retrying(() => jsm.consumers.update(consumer.stream, consumer.durable, { ack_wait, max_ack_pending, ...(fewer(existing.config.num_replicas) && { num_replicas }) }));
    }
  });
}

/** Raises a bucket's or object store's backing stream to `replicas` copies if it has fewer. */
async function raiseReplicas(jsm: JetStreamManager, what: string, stream: string, replicas: number): Promise<void> {
  const { config } = await retrying(() => jsm.streams.info(stream));
  if (config.num_replicas >= replicas) return;
  await declaring(what, replicas, () => retrying(() => jsm.streams.update(stream, { ...config, num_replicas: replicas })));
  await led(jsm, stream);
}

/**
 * Opens a KV bucket, creating it on first use; an existing bucket with fewer copies is raised to the configured replicas.
 * `ttlMs`: each key's latest value expires this long after it was written (leases).
 */
export async function openBucket(kvm: Kvm, name: string, { ttlMs }: { ttlMs?: number } = {}): Promise<KV> {
  const replicas = replicasOf.get(kvm);
  const kv = await declaring(`KV bucket ${name}`, replicas, () => retrying(() => kvm.create(name, { history: 1, replicas: replicas ?? 1, ...(ttlMs && { ttl: ttlMs }) })));
  if (replicas && replicas > 1) await raiseReplicas(await kvm.js.jetstreamManager(), `KV bucket ${name}`, `KV_${name}`, replicas);
  return kv;
}

/** Opens an object store, creating it on first use; an existing store with fewer copies is raised to the configured replicas. */
export async function openObjectStore(js: JetStreamClient, name: string): Promise<ObjectStore> {
  const replicas = replicasOf.get(js);
  const store = await declaring(`object store ${name}`, replicas, () => retrying(() => new Objm(js).create(name, { replicas: replicas ?? 1 })));
  if (replicas && replicas > 1) await raiseReplicas(await js.jetstreamManager(), `object store ${name}`, `OBJ_${name}`, replicas);
  return store;
}
