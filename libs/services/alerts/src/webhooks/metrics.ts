import { Counter, Histogram } from 'prom-client';

export const deliveryAttempts = new Counter({
  name: 'tideline_webhook_deliveries_total',
  help: 'Webhook delivery attempts by outcome: delivered, retried (failed, another try follows), dead_lettered (failed the last try), dropped (webhook deleted)',
  labelNames: ['outcome'] as const,
});

export const attemptSeconds = new Histogram({
  name: 'tideline_webhook_attempt_seconds',
  help: 'Duration of one webhook POST, until the response or the timeout',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const fannedOutJobs = new Counter({
  name: 'tideline_webhook_jobs_total',
  help: 'Delivery jobs queued by the webhook fan-out (one per alert event and matching webhook)',
});
