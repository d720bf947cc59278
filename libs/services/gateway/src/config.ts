import { configSection, setting, type Setting } from '@tideline/runtime';
import { internalSecretSetting } from '@tideline/graphql';
import { SUBGRAPHS } from '@tideline/contracts';

/** `name=url,name=url`, names restricted to the subgraphs the gateway composes. */
const subgraphUrlsSetting: Setting<Record<string, string> | null> = {
  env: 'TIDELINE_SUBGRAPH_URLS',
  doc: `the subgraphs to compose, as name=url pairs, comma-separated (names: ${SUBGRAPHS.join(', ')}); when unset, all of them at <this process's URL>/internal/<name>/graphql`,
  default: null,
  parse(raw) {
    const urls: Record<string, string> = {};
    for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const url = pair.slice(at + 1).trim();
      if (at <= 0 || !url) throw new Error(`expected name=url pairs such as evalstore=http://evalstore:4000/internal/evalstore/graphql, got '${pair}'`);
      if (!(SUBGRAPHS as readonly string[]).includes(name)) throw new Error(`unknown subgraph '${name}'; known: ${SUBGRAPHS.join(', ')}`);
      try {
        new URL(url);
      } catch (cause) {
        throw new Error(`subgraph '${name}' has an invalid URL '${url}'`, { cause });
      }
      urls[name] = url;
    }
    return urls;
  },
};

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
