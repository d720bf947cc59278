export { natsModule, type Nats } from './nats-module.ts';
export { ensureStream, ensureConsumer, openBucket, withReplicas, ingestStreamMaxBytesSetting, type StreamLimits } from './declarations.ts';
