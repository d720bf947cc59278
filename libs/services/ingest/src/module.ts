import { KV_BUCKETS, STREAMS } from '@tideline/contracts';
import { ingestStreamMaxBytesSetting } from '@tideline/nats';
import { subgraphsModule } from '@tideline/graphql';
import { configSection, setting } from '@tideline/runtime';
import { defineService } from '@tideline/service';
import { bulkPreparer } from './bulk-workers.ts';
import { bulkHandler } from './http-bulk.ts';
import { ModelTasks } from './model-tasks.ts';
import { ingestResolvers } from './resolvers.ts';

const ingestConfig = configSection({
  maxBodyBytes: setting.int({ env: 'INGEST_MAX_BODY_BYTES', doc: 'largest HTTP bulk request body, in bytes (413 past it)', default: 64 * 1024 * 1024, min: 1024 }),
  maxRecords: setting.int({ env: 'INGEST_MAX_RECORDS', doc: 'most records in one request or mutation', default: 100_000, min: 1 }),
  publishTimeoutMs: setting.int({ env: 'INGEST_PUBLISH_TIMEOUT_MS', doc: 'how long to wait for JetStream to acknowledge a record before answering 503', default: 10_000, min: 100 }),
  streamMaxBytes: ingestStreamMaxBytesSetting,
  workers: setting.int({
    env: 'INGEST_WORKERS',
    doc: 'worker threads that parse, validate and encode bulk request bodies (0: on the main thread); more than one pays only with cores to spare',
    default: 1,
    min: 0,
    max: 16,
  }),
});

/**
 * Ingest: validates producers' records and stores them durably on JetStream.
 * Serves the `logPredictions` / `logFeedback` subgraph and the NDJSON bulk
 * API; the gateway authenticates and forwards.
 */
export const ingestModule = defineService({
  name: 'ingest',
  doc: 'validates predictions and feedback and stores them durably on JetStream (GraphQL mutations and NDJSON bulk API)',
  source: import.meta.url,
  config: ingestConfig,
  subgraph: true,
  routes: [
    { path: '/v1/predictions', methods: ['POST'], doc: 'NDJSON predictions, one a line' },
    { path: '/v1/feedback', methods: ['POST'], doc: 'NDJSON ground truth, one a line' },
  ],
  // The store declares the stream too; whichever starts first creates it.
  nats: { streams: [{ stream: STREAMS.ingest, maxBytes: (c) => c.streamMaxBytes }], buckets: [KV_BUCKETS.models] },
  async start(ctx) {
    const { config, nats } = ctx;
    const tasks = new ModelTasks(ctx.bucket(KV_BUCKETS.models));
    const deps = { js: nats.js, tasks, publishTimeoutMs: config.publishTimeoutMs, logger: ctx.logger };

    // False while draining at shutdown: new batches get 503 and a retry hint; those in flight finish.
    let accepting = true;
    const options = { secret: ctx.get(subgraphsModule).secret, maxBodyBytes: config.maxBodyBytes, maxRecords: config.maxRecords, accepting: () => accepting };
    ctx.server.addReadinessCheck('ingest', () => accepting && !nats.connection.isClosed());
    const preparer = bulkPreparer(config.workers, ctx.logger);

    return {
      resolvers: ingestResolvers(deps, options),
      subgraphMaxBodyBytes: config.maxBodyBytes,
      routes: {
        '/v1/predictions': bulkHandler(deps, options, preparer, 'prediction'),
        '/v1/feedback': bulkHandler(deps, options, preparer, 'feedback'),
      },
      async stop() {
        accepting = false;
        await preparer.close();
      },
    };
  },
});
