export { natsModule, type Nats } from './nats-module.ts';
export { ensureStream, ensureConsumer, openBucket, ingestStreamMaxBytesSetting, type StreamLimits } from './declarations.ts';
