export { natsModule, type Nats } from './nats-module.ts';
export { isCompareAndSetConflict } from './conflicts.ts';
export { ensureStream, ensureConsumer, openBucket, openObjectStore, withReplicas, ingestStreamMaxBytesSetting, type StreamLimits } from './declarations.ts';
export { publishChunk } from './publish-chunk.ts';
export { ProjectRecords } from './project-records.ts';
export { bucketKeys } from './bucket-keys.ts';
export { consumeConcurrently } from './consume-concurrently.ts';
export { flushAcks } from './flush-acks.ts';
export type { KV } from '@nats-io/kv';
