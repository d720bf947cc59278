import type { ClickHouseClient } from '@tideline/clickhouse';
import { ALERT_BUCKETS, ALERT_CONSUMERS, ALERT_STREAMS } from '@tideline/contracts';
import { ensureConsumer, ensureStream, openBucket, type Nats } from '@tideline/nats';
import type { Logger } from '@tideline/runtime';
import type { MonitorDefinition } from '../monitor-definition.ts';
import { DeadLetters } from './dead-letters.ts';
import { startDelivery } from './delivery.ts';
import { EgressPolicy, type EgressAllowList, type Resolve } from './egress.ts';
import { startFanOut } from './fan-out.ts';
import { webhookResolvers, type WebhookResolverMap } from './resolvers.ts';
import { WebhookStore } from './webhook-store.ts';

export interface WebhookDeps {
  nats: Nats;
  /** Migrations of the alerts scope already applied (002 holds the dead letters). */
  clickhouse: ClickHouseClient;
  logger: Logger;
  /** The monitor a webhook is restricted to, or null when it does not exist (deleted). */
  getMonitor(project: string, id: string): Promise<MonitorDefinition | null>;
  /** Attempts per event and webhook, the first included, before the dead letter. @default 6 */
  maxAttempts: number;
  /** Wait after the first failed attempt; it doubles after each further one, up to 5 minutes. @default 1000 */
  baseDelayMs: number;
  /** Longest wait for an endpoint's answer, per attempt. @default 10000 */
  timeoutMs: number;
  /** How long JetStream waits for an attempt's outcome before handing the job to another replica; above timeoutMs. @default timeoutMs + 30 s */
  ackWaitMs?: number;
  /** Hosts and address ranges endpoints may have although not public (by default none: public addresses only). */
  allow: EgressAllowList;
  /** How endpoint host names are resolved, at creation and at every delivery. @default dns.lookup, every address */
  resolve?: Resolve;
  /** The console's base URL (`TIDELINE_PUBLIC_URL`): Slack and PagerDuty messages link to `<publicUrl>/models/<model>`. */
  publicUrl: string;
  /** Deliveries in flight at once in this process. @default 8 */
  concurrency?: number;
}

export interface Webhooks {
  resolvers: WebhookResolverMap;
  /** Stops consuming; events already pulled are fanned out, attempts in flight finish (bounded by timeoutMs). */
  stop(): Promise<void>;
}

/**
 * Size limit of a stream this creates because nobody declared it yet (a test,
 * or another start order); the module's own declaration of ALERT_STREAMS then
 * sets the limit. Past it the fan-out's publishes fail and are retried,
 * holding events in their own stream rather than losing them.
 */
const DEFAULT_STREAM_MAX_BYTES = 1024 ** 3;

function checkDeps(deps: WebhookDeps): void {
  const problems = [
    !(Number.isInteger(deps.maxAttempts) && deps.maxAttempts >= 1) && `maxAttempts must be an integer ≥ 1 (got ${deps.maxAttempts})`,
    !(deps.baseDelayMs > 0) && `baseDelayMs must be > 0 (got ${deps.baseDelayMs})`,
    !(deps.timeoutMs > 0) && `timeoutMs must be > 0 (got ${deps.timeoutMs})`,
    deps.ackWaitMs !== undefined && !(deps.ackWaitMs > deps.timeoutMs) && `ackWaitMs must be above timeoutMs (got ${deps.ackWaitMs})`,
    deps.concurrency !== undefined && !(Number.isInteger(deps.concurrency) && deps.concurrency >= 1) && `concurrency must be an integer ≥ 1 (got ${deps.concurrency})`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`invalid webhook settings: ${problems.join('; ')}`);
}

/**
 * Starts the webhook fan-out and delivery workers of this process and returns
 * the webhooks API's resolvers. Every replica may run it: both consumers are
 * durable and shared, so each event is fanned out once and each delivery
 * attempted by one replica.
 */
export async function startWebhooks(deps: WebhookDeps): Promise<Webhooks> {
  checkDeps(deps);
  const { jsm, js, kvm } = deps.nats;
  for (const stream of [ALERT_STREAMS.events, ALERT_STREAMS.webhooks]) {
    if (!(await jsm.streams.info(stream.name).catch(() => undefined))) await ensureStream(jsm, stream, { maxBytes: DEFAULT_STREAM_MAX_BYTES });
  }
  const fanOutConsumer = ALERT_CONSUMERS.webhookFanOut;
  // ack_wait well past the attempt's timeout, so a slow attempt is never handed to another replica mid-flight.
  const deliveryConsumer = { ...ALERT_CONSUMERS.webhookDelivery, ackWaitMs: deps.ackWaitMs ?? deps.timeoutMs + 30_000 };
  await ensureConsumer(jsm, fanOutConsumer);
  await ensureConsumer(jsm, deliveryConsumer);

  const store = new WebhookStore(await openBucket(kvm, ALERT_BUCKETS.webhooks));
  const deadLetters = new DeadLetters(deps.clickhouse);
  const egress = new EgressPolicy(deps.allow, deps.resolve);
  const delivery = startDelivery({
    consumer: await js.consumers.get(deliveryConsumer.stream, deliveryConsumer.durable),
    store,
    deadLetters,
    egress,
    logger: deps.logger,
    maxAttempts: deps.maxAttempts,
    baseDelayMs: deps.baseDelayMs,
    timeoutMs: deps.timeoutMs,
    publicUrl: deps.publicUrl,
    concurrency: deps.concurrency ?? 8,
  });
  const fanOut = await startFanOut({
    consumer: await js.consumers.get(fanOutConsumer.stream, fanOutConsumer.durable),
    js,
    store,
    logger: deps.logger,
    baseDelayMs: deps.baseDelayMs,
  });

  return {
    resolvers: webhookResolvers({ store, deadLetters, egress, getMonitor: deps.getMonitor }),
    async stop() {
      // The fan-out first: jobs it queues while stopping are delivered by whichever replica runs next.
      await fanOut.stop();
      await delivery.stop();
    },
  };
}
