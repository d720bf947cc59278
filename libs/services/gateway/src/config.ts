import { configSection, setting } from '@tideline/runtime';
import { internalSecretSetting, subgraphUrlsSetting } from '@tideline/graphql';

export const gatewayConfig = configSection({
  secret: internalSecretSetting,
  subgraphUrls: subgraphUrlsSetting,
  ingestUrl: setting.optionalString({
    env: 'TIDELINE_INGEST_URL',
    doc: 'base URL of the ingest service for the /v1 bulk proxy; default: <this process\'s URL>/internal/ingest',
  }),
  nodeEnv: setting.string({ env: 'NODE_ENV', doc: 'GraphiQL is served on GET /graphql unless this is "production"', default: 'development' }),
  maxBodyBytes: setting.int({ env: 'TIDELINE_MAX_BODY_BYTES', doc: 'largest request body accepted on /graphql and /v1 (default 64 MiB)', default: 64 * 1024 * 1024, min: 1 }),
  subgraphWaitMs: setting.int({
    env: 'TIDELINE_SUBGRAPH_WAIT_MS',
    doc: 'how long the gateway waits at start for unreachable subgraphs before failing (default 60000)',
    default: 60_000,
  }),
});

export type GatewayConfig = NonNullable<ReturnType<typeof gatewayConfig.read>['value']>;
