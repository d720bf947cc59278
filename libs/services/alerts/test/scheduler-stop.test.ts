/**
 * Stopping the scheduler waits for the poll in flight: a due evaluation it
 * is publishing is published before stop() returns, so the service can then
 * close its NATS connection without a publish failing on it ("could not
 * schedule a monitor evaluation" in the log of every shutdown that landed
 * mid-poll). Real nats-server, JetStream and the monitors' KV bucket; the
 * test holds the scheduler's publish until it has called stop().
 */
import { connect } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_BUCKETS, ALERT_STREAMS } from '@tideline/contracts';
import { captureLogs } from '@tideline/runtime';
import { eventually } from '@tideline/testing';
import { MonitorStore } from '../src/monitor-store.ts';
import { startScheduler } from '../src/scheduler.ts';
import { startAlertsStack, type AlertsStack } from './stack.ts';

const PROJECT = 'stopping';

/** Settles as 'stopped' if `stopping` has settled by the next turn of the event loop, else 'pending'. */
const settledNow = (stopping: Promise<void>) => Promise.race([stopping.then(() => 'stopped'), new Promise((resolve) => setImmediate(() => resolve('pending')))]);

describe('scheduler stop', () => {
  let stack: AlertsStack;

  beforeAll(async () => {
    stack = await startAlertsStack('stopping', { TIDELINE_EVALUATOR: 'false' });
    await stack.ingest(PROJECT, 'm', [{ id: 'r0', model: 'm', timestamp: Date.now(), output: { score: 0.9 } }], 1);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('waits for the publish in flight, then the connection closes with nothing failing on it', async () => {
    const input = { name: 'rows', model: 'm', check: { metric: 'ACCURACY' }, window: '1h', interval: '1s', condition: { op: 'LT', threshold: 0 } };
    const { createMonitor } = await stack.gql<{ createMonitor: { id: string } }>('alerts', PROJECT, 'mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', { input });

    const nc = await connect({ servers: stack.nats.url });
    const real = jetstream(nc);
    // Every publish waits for `open()`.
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const published: string[] = [];
    const hold = async (...args: Parameters<JetStreamClient['publish']>) => {
      published.push(args[0]);
      await opened;
      return real.publish(...args);
    };
    const held = new Proxy(real, { get: (target, prop, receiver) => (prop === 'publish' ? hold : Reflect.get(target, prop, receiver)) });
    const { logger, entries } = captureLogs('warn');
    const monitors = new MonitorStore(await new Kvm(nc).open(ALERT_BUCKETS.monitors));
    const scheduler = await startScheduler({ monitors, js: held, logger, pollMs: 20, budgetMs: 5_000 });

    await eventually(async () => published.length > 0, 30_000);
    const stopping = scheduler.stop();
    expect(await settledNow(stopping)).toBe('pending');
    open();
    await stopping;
    const due = await (await real.jetstreamManager()).streams.getMessage(ALERT_STREAMS.due.name, { last_by_subj: published[0]! });
    expect(due?.json<{ id: string }>().id).toBe(createMonitor.id);
    await nc.close();
    expect(entries).toEqual([]);
  }, 60_000);
});
