import type { Consumer, ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { ALERT_SUBJECTS, alertEvent } from '@tideline/contracts';
import type { Logger } from '@tideline/runtime';
import { retryDelayMs } from './backoff.ts';
import { fannedOutJobs } from './metrics.ts';
import type { DeliveryJob, WebhookRecord } from './webhook-record.ts';
import type { WebhookStore } from './webhook-store.ts';

export interface FanOutOptions {
  consumer: Consumer;
  js: JetStreamClient;
  store: WebhookStore;
  logger: Logger;
  baseDelayMs: number;
}

export interface FanOut {
  /** Stops pulling and finishes the events already received. */
  stop(): Promise<void>;
}

/** Retries of a fan-out that failed (KV or JetStream unavailable) need not back off as far as deliveries. */
const MAX_FAN_OUT_RETRY_MS = 30_000;

/**
 * Whether `webhook` gets an event of `monitorId` that reached the stream at
 * `streamMs`. A webhook receives only events published after it was created,
 * so one created today is not flooded with the 30 days the stream keeps.
 */
export function wantsEvent(webhook: WebhookRecord, monitorId: string, streamMs: number): boolean {
  return (webhook.monitorId === null || webhook.monitorId === monitorId) && Date.parse(webhook.createdAt) <= streamMs;
}

/**
 * Turns each alert event into one delivery job per matching webhook. The job's
 * message id is `<event id>:<webhook id>`, so an event read twice (a redelivery
 * after a crash, or the evaluator publishing it again) queues one job per
 * webhook within the stream's duplicate window. The event is acked only once
 * every job is queued; delivering is the delivery queue's business, so a slow
 * endpoint holds up nothing here.
 */
export async function startFanOut(o: FanOutOptions): Promise<FanOut> {
  const messages: ConsumerMessages = await o.consumer.consume({ max_messages: 16 });

  const fanOut = async (m: JsMsg) => {
    let raw: unknown;
    try {
      raw = m.json<unknown>();
    } catch {
      raw = undefined;
    }
    const parsed = alertEvent.safeParse(raw);
    // The subject names the project; an event claiming another must not reach that project's webhooks.
    if (!parsed.success || !m.subject.endsWith(`.${parsed.data.project}`)) {
      o.logger.error({ subject: m.subject, seq: m.seq, issues: parsed.error?.issues }, 'malformed alert event not sent to webhooks');
      // Acked, not terminated: nats-server 2.9 ignores `+TERM <reason>` and would hand the event back after every ack_wait.
      return m.ack();
    }
    const event = parsed.data;
    const streamMs = m.time.getTime();
    const webhooks = (await o.store.list(event.project)).filter((w) => wantsEvent(w, event.alert.monitor.id, streamMs));
    for (const webhook of webhooks) {
      // The body is the event as published (`raw`), not zod's copy, which would drop fields added later.
      const job: DeliveryJob = { webhookId: webhook.id, event: raw as DeliveryJob['event'] };
      await o.js.publish(ALERT_SUBJECTS.webhookDelivery(event.project), JSON.stringify(job), { msgID: `${event.id}:${webhook.id}` });
    }
    fannedOutJobs.inc(webhooks.length);
    m.ack();
  };

  const loop = (async () => {
    for await (const m of messages) {
      await fanOut(m).catch((err: unknown) => {
        o.logger.warn({ err, subject: m.subject, seq: m.seq }, 'webhook fan-out failed; retrying');
        m.nak(retryDelayMs(m.info.deliveryCount, o.baseDelayMs, MAX_FAN_OUT_RETRY_MS));
      });
    }
  })().catch((err: unknown) => {
    // consume() survives reconnects; reaching this means the consumer is gone (deleted by hand).
    o.logger.error({ err }, 'webhook fan-out stopped: alert events no longer reach webhooks until restart');
  });

  return {
    async stop() {
      // close() lets the loop finish the events already received before it resolves.
      await messages.close();
      await loop;
    },
  };
}
