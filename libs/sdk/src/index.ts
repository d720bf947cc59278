/**
 * `@tideline/sdk`: the TypeScript client of Tideline's public API (HTTP
 * `/v1` ingest, the GraphQL gateway, Server-Sent Events). It depends on no
 * server code: only on the protocol documented in docs/API.md.
 */
export { Tideline } from './client.ts';
export { TidelineError } from './errors.ts';
export type { TidelineOptions, RetryInfo } from './options.ts';
export type { ProducerStats } from './producer.ts';
export type { PredictionRecord, FeedbackRecord, PredictionOutput, Label, JsonValue, RecordKind } from './records.ts';
export type { Operation } from './graphql-client.ts';
export type { SubscriptionOptions } from './subscription.ts';
export type { DecisionChangesOptions, RetrainingDecision, RetrainingDecisionChange } from './decision-changes.ts';
export type { AlertChange } from './alert-changes.ts';
export * from './__generated__/graphql.ts';
