/**
 * The SDK's transport core without its producer or typed client: a GraphQL
 * operation POSTed with the key header, errors mapped to the API's code and
 * field, Server-Sent Events subscriptions, Retry-After and backoff. The CLI
 * (tools/cli/client.ts) speaks the protocol through it, as
 * `@tideline/sdk/transport`; the published package exports only index.ts.
 */
export { TidelineError, errorFromHttp, networkError } from './errors.ts';
export { executeGraphql, type GraphqlTransport } from './graphql-client.ts';
export { backoffMs, retryAfterMs, sleep } from './retry-delay.ts';
export { subscribe, type SubscriptionOptions } from './subscription.ts';
export { AlertLedger, type AlertEventOf } from './alert-changes.ts';
export { follow, type FollowOptions, type FollowRetry } from './follow.ts';
