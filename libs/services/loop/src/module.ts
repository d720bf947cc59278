import { ALERT_STREAMS, ALERT_STREAM_MAX_BYTES, LOOP_BUCKETS, LOOP_CONSUMERS, LOOP_RUN_BUCKETS, LOOP_RUN_CONSUMERS, LOOP_RUN_STREAMS, LOOP_STREAMS, REGISTRY_STREAMS } from '@tideline/contracts';
import { defineService } from '@tideline/service';
import { loopConfig } from './config.ts';
import { DecisionLedger } from './decision/ledger.ts';
import { Decisions, startRedeciding } from './decision/redecide.ts';
import { decisionRules } from './decision/rules.ts';
import { createResolvers } from './resolvers.ts';
import { startEngine } from './runs/engine.ts';
import { LoopEvents } from './runs/events.ts';
import { durationMs } from './runs/durations.ts';
import { LoopRunStore, PolicyStore } from './runs/stores.ts';
import { startTriggerSources } from './runs/trigger-sources.ts';

/**
 * The continual-learning loop: the retraining decision — RETRAIN, PROMOTE,
 * ROLLBACK or HOLD with its reasons — decided again on alert events, stage
 * changes and a timer and published on NATS when it changes; and retraining
 * policies put to work as durable loop runs (curate, train, shadow, gate,
 * approve, promote, watch) driven by a JetStream work queue.
 */
export const loopModule = defineService({
  name: 'loop',
  doc: 'the continual-learning loop: the retraining decision from the evidence the platform holds, and retraining policies run as durable loop runs (curate, train, shadow, gate, promote, watch, roll back)',
  source: import.meta.url,
  config: loopConfig,
  subgraph: true,
  nats: {
    // The streams it consumes are declared as their owners declare them (same caps), so any start order works.
    streams: [
      { stream: LOOP_STREAMS.decisions },
      { stream: LOOP_RUN_STREAMS.events },
      { stream: LOOP_RUN_STREAMS.jobs },
      { stream: ALERT_STREAMS.events, maxBytes: ALERT_STREAM_MAX_BYTES },
      { stream: REGISTRY_STREAMS.events },
    ],
    consumers: [LOOP_CONSUMERS.alertEvents, LOOP_CONSUMERS.promotions, LOOP_RUN_CONSUMERS.alertTriggers, { consumer: LOOP_RUN_CONSUMERS.workers, ackWaitMs: (c) => c.ackWaitMs }],
    buckets: [LOOP_BUCKETS.decisions, LOOP_RUN_BUCKETS.runs, LOOP_RUN_BUCKETS.policies],
  },
  async start(ctx) {
    const { nats, config } = ctx;
    const consumer = (c: { stream: string; durable: string }) => nats.js.consumers.get(c.stream, c.durable);
    const clients = { evalstore: ctx.client('evalstore'), registry: ctx.client('registry'), alerts: ctx.client('alerts'), metrics: ctx.client('metrics'), curation: ctx.client('curation'), trainer: ctx.client('trainer') };
    const policies = new PolicyStore(ctx.bucket(LOOP_RUN_BUCKETS.policies));
    const runs = new LoopRunStore(ctx.bucket(LOOP_RUN_BUCKETS.runs));
    const events = new LoopEvents(nats.connection, nats.js);

    const ledger = new DecisionLedger(ctx.bucket(LOOP_BUCKETS.decisions), nats.js, nats.connection);
    // A model's policy sets the decision's watch period (and its label threshold when it has a new-labels trigger).
    const rulesFor = async (project: string, model: string) => {
      const policy = (await policies.get(project, model))?.policy;
      return decisionRules(policy ? { watchPeriodMs: durationMs(policy.watchPeriod, 'watchPeriod'), minNewLabels: policy.triggers.newLabels ?? undefined } : {});
    };
    const decisions = new Decisions({ clients, ledger, rules: rulesFor, logger: ctx.logger });
    const redeciding = await startRedeciding({
      decisions,
      ledger,
      consumers: [await consumer(LOOP_CONSUMERS.alertEvents), await consumer(LOOP_CONSUMERS.promotions)],
      intervalMs: config.decisionIntervalMs,
      logger: ctx.logger,
    });

    const deps = { runs, policies, events, clients, js: nats.js };
    const engine =
      config.concurrency > 0
        ? await startEngine({ ...deps, logger: ctx.logger, concurrency: config.concurrency, ackWaitMs: config.ackWaitMs, pollMs: config.pollMs, watchCheckMs: config.watchCheckMs, maxStepFailures: config.maxStepFailures }, await consumer(LOOP_RUN_CONSUMERS.workers))
        : null;
    const triggers = await startTriggerSources({ ...deps, consumer: await consumer(LOOP_RUN_CONSUMERS.alertTriggers), intervalMs: config.triggerIntervalMs, logger: ctx.logger });
    return {
      resolvers: createResolvers({ decisions, ledger, runs: deps }),
      async stop() {
        await triggers.stop();
        await engine?.stop();
        await redeciding.stop();
      },
    };
  },
});
