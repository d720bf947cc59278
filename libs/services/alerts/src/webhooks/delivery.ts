import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Logger } from '@tideline/runtime';
import { deliveryRequest } from '../channels/delivery-request.ts';
import { retryDelayMs } from './backoff.ts';
import type { DeadLetters } from './dead-letters.ts';
import type { EgressPolicy } from './egress.ts';
import { attemptSeconds, deliveryAttempts } from './metrics.ts';
import { postWebhook } from './post-webhook.ts';
import type { DeliveryJob } from './webhook-record.ts';
import type { WebhookStore } from './webhook-store.ts';

export interface DeliveryOptions {
  consumer: Consumer;
  store: WebhookStore;
  deadLetters: DeadLetters;
  egress: EgressPolicy;
  logger: Logger;
  maxAttempts: number;
  baseDelayMs: number;
  timeoutMs: number;
  /** The console's base URL, linked from Slack and PagerDuty messages. */
  publicUrl: string;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
}

export interface Delivery {
  /** Stops pulling and waits (at most one attempt's timeout and a little) for attempts in flight. */
  stop(): Promise<void>;
}

const PULL_EXPIRES_MS = 5_000;

/**
 * Works the delivery queue with at most `concurrency` jobs in hand: it pulls
 * only as many jobs as it has free slots, so a job never waits in this
 * process for a slow endpoint while its ack_wait runs. A failed attempt is
 * nak'ed with the backoff delay, which frees the slot at once: retries wait
 * in JetStream, not here, and never hold up other webhooks.
 */
export function startDelivery(o: DeliveryOptions): Delivery {
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let pulling: ConsumerMessages | undefined;
  let wake: (() => void) | undefined;
  const slotFreed = () => new Promise<void>((resolve) => (wake = resolve));
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const deliver = async (m: JsMsg) => {
    const attempt = m.info.deliveryCount;
    let job: DeliveryJob;
    try {
      job = m.json<DeliveryJob>();
      if (typeof job?.webhookId !== 'string' || typeof job.event?.id !== 'string' || typeof job.event.project !== 'string') throw new Error('expected { webhookId, event }');
    } catch (err) {
      // Not a job the fan-out wrote: no retry can succeed. Acked, not terminated: see below.
      o.logger.error({ err, subject: m.subject, seq: m.seq }, 'unparsable webhook delivery job dropped');
      return m.ackAck().then(() => undefined);
    }
    const { project } = job.event;
    const webhook = await o.store.get(project, job.webhookId);
    if (!webhook) {
      deliveryAttempts.inc({ outcome: 'dropped' });
      return m.ack();
    }
    const stopTimer = attemptSeconds.startTimer();
    const request = deliveryRequest(webhook, job.event, o.publicUrl);
    const result = request.ok
      ? await postWebhook({ url: webhook.url, body: request.body, headers: request.headers, eventId: job.event.id, attempt, timeoutMs: o.timeoutMs }, o.egress)
      : request;
    stopTimer();
    if (result.ok) {
      deliveryAttempts.inc({ outcome: 'delivered' });
      // Acked with a reply: a lost ack would mean a second POST.
      return m.ackAck().then(() => undefined);
    }
    const context = { project, webhook: webhook.id, event: job.event.id, attempt, error: result.error };
    if (attempt < o.maxAttempts) {
      const delay = retryDelayMs(attempt, o.baseDelayMs);
      deliveryAttempts.inc({ outcome: 'retried' });
      o.logger.warn({ ...context, retryInMs: delay }, 'webhook delivery failed; retrying');
      return m.nak(delay);
    }
    // Written before the job is acked: a crash in between writes the same row again, which the table collapses.
    await o.deadLetters.add(project, webhook.id, job.event, attempt, result.error);
    deliveryAttempts.inc({ outcome: 'dead_lettered' });
    o.logger.error(context, 'webhook delivery failed its last attempt; dead letter stored');
    // Acked, not terminated: nats-server 2.9 ignores `+TERM <reason>` (only 2.10 reads a reason) and
    // redelivered the job after every ack_wait, POSTing it forever. An ack ends it on every version,
    // and on the work queue removes it; with a reply, so a lost ack is noticed.
    await m.ackAck();
  };

  const track = (m: JsMsg) => {
    const p: Promise<void> = deliver(m)
      .catch((err: unknown) => {
        // The store (KV or ClickHouse) failed, not the endpoint: try again later, as for a failed attempt.
        o.logger.error({ err, subject: m.subject, seq: m.seq }, 'webhook delivery could not be processed; retrying');
        m.nak(retryDelayMs(m.info.deliveryCount, o.baseDelayMs));
      })
      .finally(() => {
        inFlight.delete(p);
        signal();
      });
    inFlight.add(p);
  };

  const loop = (async () => {
    while (!stopping) {
      const free = o.concurrency - inFlight.size;
      if (free <= 0) {
        await slotFreed();
        continue;
      }
      try {
        pulling = await o.consumer.fetch({ max_messages: free, expires: PULL_EXPIRES_MS });
        if (stopping) void pulling.close();
        for await (const m of pulling) track(m);
      } catch (err) {
        if (stopping) break;
        o.logger.warn({ err }, 'pulling webhook deliveries failed; pulling again in 1 s');
        await new Promise((r) => setTimeout(r, 1000));
      } finally {
        pulling = undefined;
      }
    }
  })();

  return {
    async stop() {
      stopping = true;
      signal();
      // Stops the open pull; jobs it already received are still handed to slots.
      await pulling?.close();
      await loop;
      const bound = new Promise((r) => setTimeout(r, o.timeoutMs + 5_000).unref());
      await Promise.race([Promise.allSettled([...inFlight]), bound]);
    },
  };
}
