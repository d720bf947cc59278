import { fileURLToPath } from 'node:url';
import { boundedClient, clickhouseQueryTimeoutSetting } from '@tideline/clickhouse';
import { CONSUMERS, STREAMS } from '@tideline/contracts';
import { ingestStreamMaxBytesSetting } from '@tideline/nats';
import { configSection, setting } from '@tideline/runtime';
import { defineService } from '@tideline/service';
import { LISTING_MAX_AGE_MS, ModelListings, followStoreProgress } from './model-stats.ts';
import { createResolvers } from './resolvers.ts';
import { startWriter } from './writer.ts';

const evalstoreConfig = configSection({
  batchMaxRecords: setting.int({
    env: 'STORE_BATCH_MAX_RECORDS',
    doc: 'most records the store writer inserts in one ClickHouse batch; larger batches mean fewer parts and higher throughput',
    default: 20_000,
    min: 1,
    max: 1_000_000,
  }),
  batchMaxWaitMs: setting.int({
    env: 'STORE_BATCH_MAX_WAIT_MS',
    doc: 'longest a record waits for its batch to fill before the batch is inserted anyway (latency bound at low traffic)',
    default: 200,
    min: 1,
    max: 60_000,
  }),
  writerStallMs: setting.int({
    env: 'STORE_WRITER_STALL_MS',
    doc: 'readiness (/readyz) fails when the store writer has had records to store but stored none for this long (ClickHouse unreachable, inserts failing)',
    default: 60_000,
    min: 1_000,
  }),
  modelListingMaxAgeMs: setting.int({
    env: 'STORE_MODEL_LISTING_MAX_AGE_MS',
    doc: 'longest a model listing (counts, first/last prediction time) is served from memory; store progress events refresh it at once, this bounds what no event announces (rows written by something other than a store writer)',
    default: LISTING_MAX_AGE_MS,
    min: 0,
  }),
  ackWaitMs: setting.int({
    env: 'STORE_ACK_WAIT_MS',
    doc: 'how long records the store writer pulled stay with it unacknowledged before JetStream delivers them again (a writer process that died, a NATS node lost); a redelivered record is stored once. Keep it well above the time two batches take to insert under load: below it, JetStream also redelivers records the writer still holds (stored once, but the work is repeated)',
    default: CONSUMERS.storeWriter.ackWaitMs,
    min: 1_000,
  }),
  ingestStreamMaxBytes: ingestStreamMaxBytesSetting,
  queryTimeoutMs: clickhouseQueryTimeoutSetting,
});

/** The store's numbered SQL migrations (benchmarks create the tables with them). */
export const evalstoreMigrations = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * The evaluation store: writes ingested records from JetStream to ClickHouse
 * and serves them (models, predictions, counts) as the `evalstore` subgraph.
 */
export const evalstoreModule = defineService({
  name: 'evalstore',
  doc: 'writes ingested records from JetStream to ClickHouse (late labels join at read time) and serves models and predictions',
  source: import.meta.url,
  config: evalstoreConfig,
  subgraph: true,
  clickhouse: true,
  // Ingest declares the stream too; whichever starts first creates it.
  nats: { streams: [{ stream: STREAMS.ingest, maxBytes: (c) => c.ingestStreamMaxBytes }], consumers: [{ consumer: CONSUMERS.storeWriter, ackWaitMs: (c) => c.ackWaitMs }] },
  async start(ctx) {
    const { config, nats, clickhouse } = ctx;
    const writer = await startWriter({
      consumer: await nats.js.consumers.get(CONSUMERS.storeWriter.stream, CONSUMERS.storeWriter.durable),
      connection: nats.connection,
      clickhouse,
      logger: ctx.logger,
      maxRecords: config.batchMaxRecords,
      maxWaitMs: config.batchMaxWaitMs,
      onCrash: (err) => ctx.fail(new Error(`store writer crashed: ${err.message}`, { cause: err })),
    });
    // A writer that makes no progress leaves every later record acknowledged but not stored: say so.
    ctx.server.addReadinessCheck('evalstore-writer', () => writer.stalledForMs() < config.writerStallMs);
    // The queries of requests are bounded in time; the writer's inserts are not.
    const reads = boundedClient(clickhouse, { service: 'evalstore', setting: clickhouseQueryTimeoutSetting, defaultMs: config.queryTimeoutMs });
    const listings = new ModelListings(reads, config.modelListingMaxAgeMs);
    const progress = followStoreProgress(nats.connection, listings);
    return {
      value: { writer },
      resolvers: createResolvers(reads, listings),
      stop: async () => {
        progress.unsubscribe();
        await writer.stop();
      },
    };
  },
});
