import { TRAINING_BUCKETS, TRAINING_CONSUMERS, TRAINING_STREAMS } from '@tideline/contracts';
import { subgraphsModule } from '@tideline/graphql';
import { defineService } from '@tideline/service';
import { trainerConfig } from './config.ts';
import { initBackend } from './ml/index.ts';
import { ModelCache } from './model-cache.ts';
import { PREDICT_PATTERN, PREDICT_ROUTE, predictHandler } from './predict-route.ts';
import { codeVersion } from './register.ts';
import { createResolvers } from './resolvers.ts';
import { RunStore } from './runs.ts';
import { TrainingEvents } from './training-events.ts';
import { startWorkers } from './worker.ts';

/**
 * The trainer, the actuator of continual learning: workers take queued runs
 * from a JetStream work queue, train a TensorFlow.js model on a curated
 * dataset, evaluate it on the test split beside a naive baseline with the
 * metrics service's own definitions, and register it as a CANDIDATE with
 * its whole lineage. It also scores shadow traffic with a candidate and
 * serves small-scale predictions. No ClickHouse of its own: workers run in
 * any process, as many as there are jobs.
 */
export const trainerModule = defineService({
  name: 'trainer',
  doc: 'training runs on a JetStream work queue (TensorFlow.js), evaluation per slice beside a naive baseline, registration with lineage, shadow scoring and predict',
  source: import.meta.url,
  config: trainerConfig,
  subgraph: true,
  routes: [{ path: PREDICT_ROUTE, methods: ['POST'], pattern: PREDICT_PATTERN, doc: 'score NDJSON rows with a registered version: <model>/versions/<version>/predict' }],
  nats: {
    streams: [{ stream: TRAINING_STREAMS.events }, { stream: TRAINING_STREAMS.jobs }],
    consumers: [{ consumer: TRAINING_CONSUMERS.workers, ackWaitMs: (c) => c.ackWaitMs }],
    buckets: [TRAINING_BUCKETS.runs],
  },
  async start(ctx) {
    const { config, nats } = ctx;
    const subgraphs = ctx.get(subgraphsModule);
    const callees = { curation: ctx.client('curation'), evalstore: ctx.client('evalstore'), registry: ctx.client('registry'), ingest: ctx.client('ingest') };
    const backend = await initBackend(config.backend === 'auto' ? undefined : (config.backend as 'tensorflow' | 'wasm' | 'cpu'));
    ctx.logger.info({ backend }, 'TensorFlow.js backend ready');
    const runs = new RunStore(ctx.bucket(TRAINING_BUCKETS.runs));
    const events = new TrainingEvents(nats.connection, nats.js);
    const models = new ModelCache(subgraphs, callees, config.modelCache);
    const workers = await startWorkers({
      consumer: await nats.js.consumers.get(TRAINING_CONSUMERS.workers.stream, TRAINING_CONSUMERS.workers.durable),
      runs,
      events,
      subgraphs,
      callees,
      logger: ctx.logger,
      workDir: config.workDir,
      codeVersion: codeVersion(ctx.env),
      concurrency: config.concurrency,
      maxAttempts: config.maxAttempts,
      ackWaitMs: config.ackWaitMs,
    });
    return {
      resolvers: createResolvers({ runs, events, callees, js: nats.js, models, shadowMaxRows: config.shadowMaxRows }),
      routes: { [PREDICT_ROUTE]: predictHandler({ secret: subgraphs.secret, models, maxRows: config.predictMaxRows }) },
      async stop() {
        await workers.stop();
        models.clear();
      },
    };
  },
});
