import { AckPolicy, DeliverPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { ALERT_STREAMS } from '@tideline/contracts';

/**
 * Reads every alert event once (shared by the replicas) and queues one
 * delivery job per matching webhook. Starts at the stream's first message:
 * the webhooks' `createdAt` decides what each receives, so an event published
 * while no alerts process ran is still delivered.
 */
export const fanOutConsumer = {
  stream: ALERT_STREAMS.events.name,
  durable: 'alerts-webhook-fanout',
  filterSubject: 'tideline.alert.>',
  ackWaitMs: 30_000,
};

/**
 * Pulls delivery jobs. Retries are naks with a delay, and each waiting retry
 * counts against max_ack_pending; a high limit keeps a failing endpoint's
 * backlog from stalling every other webhook.
 */
export const deliveryConsumer = {
  stream: ALERT_STREAMS.webhooks.name,
  durable: 'alerts-webhook-delivery',
  filterSubject: 'tideline.webhook.deliver.>',
  maxAckPending: 20_000,
};

/**
 * Creates the durable consumer, or brings its ack_wait and max_ack_pending to
 * the current settings (a longer webhook timeout needs a longer ack_wait, or
 * a slow attempt would be redelivered while still running).
 */
export async function ensurePullConsumer(
  jsm: JetStreamManager,
  c: { stream: string; durable: string; filterSubject: string },
  limits: { ackWaitMs: number; maxAckPending: number },
): Promise<void> {
  const existing = await jsm.consumers.info(c.stream, c.durable).catch(() => undefined);
  const settings = { ack_wait: nanos(limits.ackWaitMs), max_ack_pending: limits.maxAckPending };
  if (!existing) {
    await jsm.consumers.add(c.stream, {
      durable_name: c.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: c.filterSubject,
      // Attempts are counted by the delivery worker, which dead-letters after the last.
      max_deliver: -1,
      ...settings,
    });
  } else if (existing.config.ack_wait !== settings.ack_wait || existing.config.max_ack_pending !== settings.max_ack_pending) {
    await jsm.consumers.update(c.stream, c.durable, settings);
  }
}
