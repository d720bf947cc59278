import { nanos } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import type { Kvm, KV } from '@nats-io/kv';
import type { ConsumerDeclaration, StreamDeclaration } from '@tideline/contracts';
import { setting } from '@tideline/runtime';

/** Shared by every module that declares the ingest stream (ingest and the store): one setting, one default. */
export const ingestStreamMaxBytesSetting = setting.int({
  env: 'INGEST_STREAM_MAX_BYTES',
  doc: 'size of the JetStream ingest backlog; past it producers get 429 until the store catches up, rather than records being lost',
  default: 8 * 1024 ** 3,
  min: 1024 ** 2,
});

export interface StreamLimits {
  /** Refuse new messages past this size, so producers get backpressure instead of silent loss. */
  maxBytes: number;
}

const RETENTION = { interest: RetentionPolicy.Interest, limits: RetentionPolicy.Limits, workqueue: RetentionPolicy.Workqueue } as const;

/** Creates the stream, or updates its settings; safe to call from every replica at start. */
export async function ensureStream(jsm: JetStreamManager, stream: StreamDeclaration, limits: StreamLimits): Promise<void> {
  const config = {
    name: stream.name,
    subjects: stream.subjects,
    storage: StorageType.File,
    retention: RETENTION[stream.retention ?? 'interest'],
    max_age: nanos(stream.maxAgeMs ?? 0),
    discard: DiscardPolicy.New,
    max_bytes: limits.maxBytes,
    duplicate_window: nanos(stream.duplicateWindowMs),
  };
  const existing = await jsm.streams.info(stream.name).catch(() => undefined);
  if (!existing) await jsm.streams.add(config);
  else await jsm.streams.update(stream.name, { ...existing.config, max_bytes: limits.maxBytes, max_age: config.max_age, duplicate_window: config.duplicate_window });
}

/** Creates the durable pull consumer, or updates its ack_wait and max_ack_pending; safe to call from every replica at start. */
export async function ensureConsumer(jsm: JetStreamManager, consumer: ConsumerDeclaration): Promise<void> {
  const config = {
    durable_name: consumer.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: consumer.filterSubject,
    ack_wait: nanos(consumer.ackWaitMs),
    max_ack_pending: consumer.maxAckPending,
    max_deliver: -1,
  };
  const existing = await jsm.consumers.info(consumer.stream, consumer.durable).catch(() => undefined);
  if (!existing) await jsm.consumers.add(consumer.stream, config);
  // Settings that follow configuration (a longer webhook timeout needs a longer ack_wait) are brought up to date.
  else if (existing.config.ack_wait !== config.ack_wait || existing.config.max_ack_pending !== config.max_ack_pending) {
    await jsm.consumers.update(consumer.stream, consumer.durable, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
  }
}

/** Opens a KV bucket, creating it on first use. */
export function openBucket(kvm: Kvm, name: string): Promise<KV> {
  return kvm.create(name, { history: 1 });
}
