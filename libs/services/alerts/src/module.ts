import { ALERT_BUCKETS, ALERT_CONSUMERS, ALERT_STREAMS, ALERT_STREAM_MAX_BYTES } from '@tideline/contracts';
import { defineService } from '@tideline/service';
import { AlertPublisher } from './alert-publisher.ts';
import { AlertStore } from './alert-store.ts';
import { alertsConfig } from './config.ts';
import { startEvaluator } from './evaluator.ts';
import { MonitorStateStore, MonitorStore } from './monitor-store.ts';
import { createResolvers } from './resolvers.ts';
import { startScheduler } from './scheduler.ts';
import { startWebhooks } from './webhooks/index.ts';

/**
 * Monitors, alerts and webhooks: the `alerts` subgraph, the scheduler and
 * evaluator that run monitors on time across replicas, and webhook delivery.
 * Metrics come from the metrics subgraph over GraphQL, as they would from
 * another machine; monitors and evaluator state live in NATS KV, alert
 * history in ClickHouse.
 */
export const alertsModule = defineService({
  name: 'alerts',
  doc: 'monitors on slices over sliding windows, alerts (history, NATS events, subscriptions) and signed webhooks',
  source: import.meta.url,
  config: alertsConfig,
  subgraph: true,
  clickhouse: true,
  nats: {
    streams: Object.values(ALERT_STREAMS).map((stream) => ({ stream, maxBytes: ALERT_STREAM_MAX_BYTES })),
    // Declared by every replica, evaluating or not, so the work queue always has its consumer.
    consumers: [
      ALERT_CONSUMERS.evaluator,
      ALERT_CONSUMERS.webhookFanOut,
      // ack_wait well past the attempt's timeout, so a slow attempt is never handed to another replica mid-flight.
      { consumer: ALERT_CONSUMERS.webhookDelivery, ackWaitMs: (c) => c.webhookTimeoutMs + 30_000 },
    ],
    buckets: Object.values(ALERT_BUCKETS),
  },
  async start(ctx) {
    const { config, nats, clickhouse } = ctx;
    const monitors = new MonitorStore(ctx.bucket(ALERT_BUCKETS.monitors));
    const states = new MonitorStateStore(ctx.bucket(ALERT_BUCKETS.monitorState));
    const alerts = new AlertStore(clickhouse);
    const metrics = ctx.client('metrics');
    const evalstore = ctx.client('evalstore');

    const webhooks = await startWebhooks({
      nats,
      clickhouse,
      logger: ctx.logger,
      getMonitor: (project, id) => monitors.get(project, id),
      maxAttempts: config.webhookMaxAttempts,
      baseDelayMs: config.webhookBaseDelayMs,
      timeoutMs: config.webhookTimeoutMs,
      publicUrl: config.publicUrl,
      allow: { hosts: config.webhookAllowHosts ?? [], cidrs: config.webhookAllowCidrs ?? [] },
    });
    const limits = { minInterval: config.monitorMinInterval, maxWindow: config.monitorMaxWindow, maxPerProject: config.monitorsPerProject };

    let stopEvaluation = async () => {};
    if (config.evaluate) {
      // An evaluation that runs before the metrics subgraph serves records the error in the monitor's status; the next tick tries again.
      const publisher = new AlertPublisher(alerts, nats.connection, nats.js);
      const evaluator = await startEvaluator({
        consumer: await nats.js.consumers.get(ALERT_CONSUMERS.evaluator.stream, ALERT_CONSUMERS.evaluator.durable),
        monitors,
        states,
        publisher,
        metrics,
        evalstore,
        logger: ctx.logger,
        concurrency: config.concurrency,
        budgetMs: config.timeBudgetMs,
      });
      const scheduler = await startScheduler({ monitors, js: nats.js, logger: ctx.logger, pollMs: config.pollMs, budgetMs: config.timeBudgetMs });
      stopEvaluation = async () => {
        await scheduler.stop();
        await evaluator.stop();
      };
    }
    return {
      resolvers: createResolvers({ monitors, states, alerts, metrics, evalstore, limits }, webhooks.resolvers),
      async stop() {
        await stopEvaluation();
        await webhooks.stop();
      },
    };
  },
});
