import { configSection, setting } from '@tideline/runtime';

export const gatewayConfig = configSection({
  nodeEnv: setting.string({
    env: 'NODE_ENV',
    doc: 'development mode unless `production`: GraphiQL on `GET /graphql`, schema introspection, and "Did you mean" suggestions in errors',
    default: 'development',
  }),
  maxBodyBytes: setting.int({
    env: 'TIDELINE_MAX_BODY_BYTES',
    doc: "largest request body on `/graphql` (there at most 25000000, GraphQL Yoga's own cap) and `/v1`, and largest graphql-ws message (413 `PAYLOAD_TOO_LARGE` past it)",
    default: 64 * 1024 * 1024,
    min: 1,
  }),
  // GraphQL operation limits (limits.ts), generous enough for every query the docs and tests show.
  maxDepth: setting.int({ env: 'TIDELINE_GRAPHQL_MAX_DEPTH', doc: 'deepest nesting of selections in a GraphQL operation (`QUERY_TOO_DEEP` past it)', default: 12, min: 1 }),
  maxAliases: setting.int({ env: 'TIDELINE_GRAPHQL_MAX_ALIASES', doc: 'most aliased fields in a GraphQL operation (`TOO_MANY_ALIASES` past it)', default: 50 }),
  maxTokens: setting.int({ env: 'TIDELINE_GRAPHQL_MAX_TOKENS', doc: 'most tokens in a GraphQL document, counted while parsing (`TOO_MANY_TOKENS` past it)', default: 50_000, min: 1 }),
  maxCost: setting.int({
    env: 'TIDELINE_GRAPHQL_MAX_COST',
    doc: 'largest estimated cost of a GraphQL operation: 1 per scalar field, 2 per object field, ×1.5 per level of nesting, × `first` where written literally (`QUERY_TOO_COMPLEX` past it)',
    default: 100_000,
    min: 1,
  }),
  consoleDir: setting.string({
    env: 'TIDELINE_CONSOLE_DIR',
    doc: 'the built web console served at `/`; empty: apps/console/dist of this checkout, which `npm start` builds when missing or stale',
    default: '',
  }),
  subgraphWaitMs: setting.int({
    env: 'TIDELINE_SUBGRAPH_WAIT_MS',
    doc: 'how long the gateway waits at start for unreachable subgraphs before failing (default 60000)',
    default: 60_000,
  }),
});

export type GatewayConfig = NonNullable<ReturnType<typeof gatewayConfig.read>['value']>;
