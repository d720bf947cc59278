export { natsModule, type Nats } from './nats-module.ts';
export { ensureStream, ensureConsumer, openBucket, openObjectStore, withReplicas, ingestStreamMaxBytesSetting, type StreamLimits } from './declarations.ts';
