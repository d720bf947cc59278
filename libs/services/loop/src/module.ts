import { ALERT_STREAMS, ALERT_STREAM_MAX_BYTES, LOOP_BUCKETS, LOOP_CONSUMERS, LOOP_STREAMS, REGISTRY_STREAMS } from '@tideline/contracts';
import { openBucket } from '@tideline/nats';
import { defineService } from '@tideline/service';
import { loopConfig } from './config.ts';
import { DecisionLedger } from './decision/ledger.ts';
import { Decisions, startRedeciding } from './decision/redecide.ts';
import { decisionRules } from './decision/rules.ts';
import { createResolvers } from './resolvers.ts';

/**
 * The continual-learning loop. Today: the retraining decision — RETRAIN,
 * PROMOTE, ROLLBACK or HOLD with its reasons — a pure function of evidence
 * asked of the other services over GraphQL, decided again on alert events,
 * stage changes and a timer, and published on NATS when it changes.
 */
export const loopModule = defineService({
  name: 'loop',
  doc: 'the continual-learning loop: the retraining decision (retrain, promote, roll back or hold) from the evidence the platform holds, published on NATS when it changes',
  source: import.meta.url,
  config: loopConfig,
  subgraph: true,
  nats: {
    // The streams it consumes are declared as their owners declare them (same caps), so any start order works.
    streams: [{ stream: LOOP_STREAMS.decisions }, { stream: ALERT_STREAMS.events, maxBytes: ALERT_STREAM_MAX_BYTES }, { stream: REGISTRY_STREAMS.events }],
    consumers: [LOOP_CONSUMERS.alertEvents, LOOP_CONSUMERS.promotions],
    buckets: [LOOP_BUCKETS.decisions],
  },
  async start(ctx) {
    const { nats, config } = ctx;
    const ledger = new DecisionLedger(await openBucket(nats.kvm, LOOP_BUCKETS.decisions), nats.js);
    const clients = { evalstore: ctx.client('evalstore'), registry: ctx.client('registry'), alerts: ctx.client('alerts'), metrics: ctx.client('metrics') };
    const decisions = new Decisions({ clients, ledger, rules: decisionRules(), logger: ctx.logger });
    const consumer = (c: { stream: string; durable: string }) => nats.js.consumers.get(c.stream, c.durable);
    const redeciding = await startRedeciding({
      decisions,
      ledger,
      consumers: [await consumer(LOOP_CONSUMERS.alertEvents), await consumer(LOOP_CONSUMERS.promotions)],
      intervalMs: config.decisionIntervalMs,
      logger: ctx.logger,
    });
    return { resolvers: createResolvers({ decisions }), stop: () => redeciding.stop() };
  },
});
