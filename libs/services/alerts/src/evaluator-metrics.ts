import { Counter, Histogram } from 'prom-client';

export const evaluations = new Counter({
  name: 'tideline_monitor_evaluations_total',
  help: 'Monitor evaluations by outcome: ok, error (the check failed), timed_out (past the time budget), backoff (a tick held back after timeouts), repeat (a tick already applied)',
  labelNames: ['outcome'] as const,
});

export const evaluationSeconds = new Histogram({
  name: 'tideline_monitor_evaluation_seconds',
  help: 'Time to evaluate one monitor (all its series), from taking the due message to acking it',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const alertEvents = new Counter({
  name: 'tideline_alert_events_total',
  help: 'Alert events delivered, by type (FIRED, RESOLVED)',
  labelNames: ['type'] as const,
});

export const ticksSkipped = new Counter({
  name: 'tideline_monitor_ticks_skipped_total',
  help: "Monitor ticks not evaluated: coalesced while the monitor's previous evaluation was still queued or running, or held back after timeouts (counted once, by the evaluation that follows them)",
});
