import { fileURLToPath } from 'node:url';
import { clickhouseModule, migrate } from '@tideline/clickhouse';
import { CONSUMERS, STREAMS, internalPath } from '@tideline/contracts';
import { createSubgraph, internalSecretSetting, readSchemaFiles } from '@tideline/graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { SubgraphContext } from '@tideline/graphql';
import { ensureConsumer, ensureStream, ingestStreamMaxBytesSetting, natsModule } from '@tideline/nats';
import { configSection, defineModule, httpServerModule, setting } from '@tideline/runtime';
import { createResolvers } from './resolvers.ts';
import { startWriter } from './writer.ts';

const evalstoreConfig = configSection({
  secret: internalSecretSetting,
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
  ingestStreamMaxBytes: ingestStreamMaxBytesSetting,
});

const srcDir = fileURLToPath(new URL('.', import.meta.url));
/** The store's numbered SQL migrations. */
export const evalstoreMigrations = fileURLToPath(new URL('./migrations', import.meta.url));


/**
 * The evaluation store: writes ingested records from JetStream to ClickHouse
 * and serves them (models, predictions, counts) as the `evalstore` subgraph.
 */
export const evalstoreModule = defineModule({
  name: 'evalstore',
  deps: [httpServerModule, natsModule, clickhouseModule],
  config: evalstoreConfig,
  async start(ctx, config) {
    const clickhouse = ctx.get(clickhouseModule);
    const nats = ctx.get(natsModule);
    const http = ctx.get(httpServerModule);

    const applied = await migrate(clickhouse, 'evalstore', evalstoreMigrations);
    if (applied.length) ctx.logger.info({ applied }, 'evalstore migrations applied');

    // Ingest declares the stream too; whichever starts first creates it.
    await ensureStream(nats.jsm, STREAMS.ingest, { maxBytes: config.ingestStreamMaxBytes });
    await ensureConsumer(nats.jsm, CONSUMERS.storeWriter);
    const consumer = await nats.js.consumers.get(CONSUMERS.storeWriter.stream, CONSUMERS.storeWriter.durable);
    const writer = await startWriter({
      consumer,
      connection: nats.connection,
      clickhouse,
      logger: ctx.logger,
      maxRecords: config.batchMaxRecords,
      maxWaitMs: config.batchMaxWaitMs,
      onCrash: (err) => ctx.fail(new Error(`store writer crashed: ${err.message}`, { cause: err })),
    });

    // A writer that makes no progress leaves every later record acknowledged but not stored: say so.
    http.addReadinessCheck('evalstore-writer', () => writer.stalledForMs() < config.writerStallMs);

    const subgraph = await createSubgraph({
      name: 'evalstore',
      typeDefs: readSchemaFiles(srcDir),
      resolvers: createResolvers(clickhouse) as GraphQLResolverMap<SubgraphContext>,
      secret: config.secret,
      logger: ctx.logger,
    });
    http.route(`${internalPath('evalstore')}/graphql`, subgraph.handler);

    return {
      value: { writer },
      async stop() {
        await subgraph.stop();
        await writer.stop();
      },
    };
  },
});
