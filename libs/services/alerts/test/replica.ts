/**
 * An evaluator replica as the evaluator and fairness tests run one beside
 * the alerts stack (started with TIDELINE_EVALUATOR=false): its own NATS
 * connection, the service's scheduler and evaluator, and a metrics client
 * the test may wrap (to hold, fail or hang a check) around the real one.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { ALERT_BUCKETS, ALERT_CONSUMERS } from '@tideline/contracts';
import { createClickHouseClient } from '@tideline/clickhouse';
import { createSubgraphClient, type SubgraphClient } from '@tideline/graphql';
import type { Logger } from '@tideline/runtime';
import { pino } from 'pino';
import { AlertPublisher } from '../src/alert-publisher.ts';
import { AlertStore } from '../src/alert-store.ts';
import { startEvaluator } from '../src/evaluator.ts';
import { MonitorStateStore, MonitorStore } from '../src/monitor-store.ts';
import { startScheduler } from '../src/scheduler.ts';
import { SECRET, type AlertsStack } from './stack.ts';

export interface ReplicaOptions {
  /** The metrics client the checks use, given the real one. */
  metrics?: (real: SubgraphClient) => SubgraphClient;
  logger?: Logger;
  concurrency?: number;
  budgetMs?: number;
}

export interface Replica {
  nc: NatsConnection;
  states: MonitorStateStore;
  evaluator: { stop(): Promise<void> };
  scheduler: { stop(): void };
}

export async function startReplica(stack: AlertsStack, options: ReplicaOptions = {}): Promise<Replica> {
  const nc = await connect({ servers: stack.nats.url });
  const js = jetstream(nc);
  const kvm = new Kvm(nc);
  const monitors = new MonitorStore(await kvm.open(ALERT_BUCKETS.monitors));
  const states = new MonitorStateStore(await kvm.open(ALERT_BUCKETS.monitorState));
  const real = createSubgraphClient({ url: `${stack.url}/internal/metrics/graphql`, secret: SECRET });
  const logger = options.logger ?? pino({ level: 'warn' });
  const budgetMs = options.budgetMs ?? 5_000;
  const evaluator = await startEvaluator({
    consumer: await js.consumers.get(ALERT_CONSUMERS.evaluator.stream, ALERT_CONSUMERS.evaluator.durable),
    monitors,
    states,
    publisher: new AlertPublisher(new AlertStore(createClickHouseClient(stack.clickhouseUrl)), nc, js),
    metrics: options.metrics?.(real) ?? real,
    evalstore: createSubgraphClient({ url: `${stack.url}/internal/evalstore/graphql`, secret: SECRET }),
    logger,
    concurrency: options.concurrency ?? 2,
    budgetMs,
  });
  const scheduler = await startScheduler({ monitors, js, logger, pollMs: 50, budgetMs });
  return { nc, states, evaluator, scheduler };
}
