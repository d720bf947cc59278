export { natsModule, type Nats } from './nats-module.ts';
export { ensureStream, ensureConsumer, openBucket, type StreamLimits } from './declarations.ts';
