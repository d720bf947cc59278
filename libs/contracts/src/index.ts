export * from './records.ts';
export * from './subjects.ts';
export * from './events.ts';
export { sharedTypeDefs } from './graphql.ts';
