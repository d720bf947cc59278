export * from './records.ts';
export * from './chunks.ts';
export * from './subjects.ts';
export * from './events.ts';
export * from './alerts.ts';
export * from './registry.ts';
export * from './errors.ts';
export { sharedTypeDefs } from './graphql.ts';
export * from './curation.ts';
