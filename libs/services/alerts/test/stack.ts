/**
 * The alerts service as the checks and evaluator tests run it: a real
 * nats-server, chDB in a temporary directory, and ingest, the store, metrics
 * and alerts in one process, called as the gateway calls them (signed).
 */
import { evalstoreModule } from '@tideline/evalstore';
import { ingestModule } from '@tideline/ingest';
import { metricsModule } from '@tideline/metrics';
import { defineGroup, httpServerModule, startModules, type HttpServer } from '@tideline/runtime';
import { dataOf, eventually, ndjson, signedFetch, signedGraphql, startNatsServer, tempDir, type NatsServerHandle, type SignedGraphql } from '@tideline/testing';
import { alertsModule } from '../src/index.ts';

export const SECRET = 'k'.repeat(32);

export type Service = 'ingest' | 'evalstore' | 'metrics' | 'alerts';

export interface AlertsStack {
  /** The process's HTTP server: `/internal/<service>/…`. */
  url: string;
  nats: NatsServerHandle;
  /** Where chDB keeps its data, for a second client on it. */
  clickhouseUrl: string;
  /** A service's subgraph, signed for the project given with each operation. */
  subgraph(service: Service): SignedGraphql;
  /** An operation's data, for the project; throws on GraphQL errors. */
  gql<T>(service: Service, project: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Sends predictions through ingest's bulk API and waits until the store holds the model's `expected` predictions. */
  ingest(project: string, model: string, records: readonly unknown[], expected: number): Promise<void>;
  stop(): Promise<void>;
}

/** `env` adds to (or overrides) the settings every alerts test needs. */
export async function startAlertsStack(name: string, env: Record<string, string> = {}): Promise<AlertsStack> {
  const nats = await startNatsServer();
  const dir = tempDir(`alerts-${name}-`);
  const clickhouseUrl = `chdb://${dir.path}/ch`;
  const proc = await startModules({
    catalog: [defineGroup('under-test', [ingestModule, evalstoreModule, metricsModule, alertsModule])],
    targets: ['under-test'],
    // Evaluations every second keep the tests short; the default minimum is 10 s.
    env: { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: clickhouseUrl, TIDELINE_INTERNAL_SECRET: SECRET, LOG_LEVEL: 'warn', STORE_BATCH_MAX_WAIT_MS: '20', TIDELINE_MONITOR_MIN_INTERVAL: '1s', ...env },
  });
  const url = proc.get<HttpServer>(httpServerModule.name).url;
  const subgraph = (service: Service) => signedGraphql(`${url}/internal/${service}/graphql`, SECRET);
  const gql = async <T>(service: Service, project: string, query: string, variables: Record<string, unknown> = {}) => dataOf(await subgraph(service)<T>(project, query, variables));
  return {
    url,
    nats,
    clickhouseUrl,
    subgraph,
    gql,
    async ingest(project, model, records, expected) {
      const res = await signedFetch(SECRET, project, `${url}/internal/ingest/v1/predictions`, { body: ndjson(records) });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      await eventually(async () => (await gql<{ model: { predictionCount: number } | null }>('evalstore', project, 'query($m: String!) { model(name: $m) { predictionCount } }', { m: model })).model?.predictionCount === expected, 60_000);
    },
    async stop() {
      await proc.stop();
      await nats.stop();
      dir.remove();
    },
  };
}
