import { readFileSync } from 'node:fs';
import { KV_BUCKETS, STREAMS, internalPath } from '@tideline/contracts';
import { createSubgraph, internalSecretSetting } from '@tideline/graphql';
import { ensureStream, ingestStreamMaxBytesSetting, natsModule, openBucket } from '@tideline/nats';
import { configSection, defineModule, httpServerModule, setting, type RequestHandler } from '@tideline/runtime';
import { bulkHandler } from './http-bulk.ts';
import { ModelTasks } from './model-tasks.ts';
import { ingestResolvers } from './resolvers.ts';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

const ingestConfig = configSection({
  secret: internalSecretSetting,
  maxBodyBytes: setting.int({ env: 'INGEST_MAX_BODY_BYTES', doc: 'largest HTTP bulk request body, in bytes (413 past it)', default: 64 * 1024 * 1024, min: 1024 }),
  maxRecords: setting.int({ env: 'INGEST_MAX_RECORDS', doc: 'most records in one request or mutation', default: 100_000, min: 1 }),
  publishTimeoutMs: setting.int({ env: 'INGEST_PUBLISH_TIMEOUT_MS', doc: 'how long to wait for JetStream to acknowledge a record before answering 503', default: 10_000, min: 100 }),
  streamMaxBytes: ingestStreamMaxBytesSetting,
});

/**
 * Ingest: validates producers' records and stores them durably on JetStream.
 * Serves the `logPredictions` / `logFeedback` subgraph and the NDJSON bulk
 * API below `/internal/ingest`; the gateway authenticates and forwards.
 */
export const ingestModule = defineModule({
  name: 'ingest',
  deps: [httpServerModule, natsModule],
  config: ingestConfig,
  async start(ctx, config) {
    const server = ctx.get(httpServerModule);
    const nats = ctx.get(natsModule);
    await ensureStream(nats.jsm, STREAMS.ingest, { maxBytes: config.streamMaxBytes });
    const tasks = new ModelTasks(await openBucket(nats.kvm, KV_BUCKETS.models));
    const deps = { js: nats.js, tasks, publishTimeoutMs: config.publishTimeoutMs, logger: ctx.logger };

    let accepting = true;
    let inFlight = 0;
    let drained: (() => void) | undefined;
    // Counts requests in flight, so stop() can wait for them.
    const tracked = (handler: RequestHandler): RequestHandler => async (req, res) => {
      inFlight++;
      try {
        await handler(req, res);
      } finally {
        if (--inFlight === 0) drained?.();
      }
    };
    const options = { secret: config.secret, maxBodyBytes: config.maxBodyBytes, maxRecords: config.maxRecords, accepting: () => accepting };

    const subgraph = await createSubgraph({
      name: 'ingest',
      typeDefs,
      resolvers: ingestResolvers({ ...deps, publishTimeoutMs: config.publishTimeoutMs }, options) as never,
      secret: config.secret,
      logger: ctx.logger,
      maxBodyBytes: config.maxBodyBytes,
    });
    const base = internalPath('ingest');
    server.route(`${base}/graphql`, tracked(subgraph.handler));
    server.route(`${base}/v1/predictions`, tracked(bulkHandler(deps, options, 'prediction')));
    server.route(`${base}/v1/feedback`, tracked(bulkHandler(deps, options, 'feedback')));
    server.addReadinessCheck('ingest', () => accepting && !nats.connection.isClosed());

    return {
      value: { url: `${server.url}${base}` },
      async stop() {
        // Finish batches already being published, then refuse new ones.
        accepting = false;
        if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
        await subgraph.stop();
      },
    };
  },
});
