/**
 * The evaluator scaled out: two replicas share one monitor's evaluations
 * through the work queue, never evaluate the same tick twice, and when one
 * dies the other carries on. Real nats-server, chDB, store and metrics
 * subgraph; the replicas are the service's own scheduler and evaluator.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_BUCKETS, ALERT_STREAMS } from '@tideline/contracts';
import { createClickHouseClient } from '@tideline/clickhouse';
import { evalstoreModule } from '@tideline/evalstore';
import { createSubgraphClient, signRequest, SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import { ingestModule } from '@tideline/ingest';
import { metricsModule } from '@tideline/metrics';
import { defineGroup, httpServerModule, startModules, type HttpServer, type Logger, type RunningProcess } from '@tideline/runtime';
import { captureLogs, eventually, startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { pino } from 'pino';
import { alertsModule } from '../src/index.ts';
import { AlertPublisher } from '../src/alert-publisher.ts';
import { AlertStore } from '../src/alert-store.ts';
import { startEvaluator } from '../src/evaluator.ts';
import { MonitorStateStore, MonitorStore } from '../src/monitor-store.ts';
import { startScheduler } from '../src/scheduler.ts';

const SECRET = 'e'.repeat(32);
const PROJECT = 'replicas';

describe('evaluator replicas', () => {
  let nats: NatsServerHandle;
  let dir: TempDir;
  let proc: RunningProcess;
  let url: string;
  const connections: NatsConnection[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    dir = tempDir('alerts-replicas-');
    proc = await startModules({
      catalog: [defineGroup('under-test', [ingestModule, evalstoreModule, metricsModule, alertsModule])],
      targets: ['under-test'],
      // The module serves the API only; the test runs the evaluator replicas itself.
      env: { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: `chdb://${dir.path}/ch`, TIDELINE_INTERNAL_SECRET: SECRET, LOG_LEVEL: 'warn', STORE_BATCH_MAX_WAIT_MS: '20', TIDELINE_EVALUATOR: 'false', TIDELINE_MONITOR_MIN_INTERVAL: '1s' },
    });
    url = proc.get<HttpServer>(httpServerModule.name).url;
    const now = Date.now();
    const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `r${i}`, model: 'm', timestamp: now - i * 1000, output: { score: 0.9 }, label: { positive: i % 2 === 0 } }));
    const ingestUrl = `${url}/internal/ingest/v1/predictions`;
    const res = await fetch(ingestUrl, { method: 'POST', headers: signRequest(SECRET, { project: PROJECT }, { method: 'POST', url: ingestUrl, body: lines.join('\n') }), body: lines.join('\n') });
    expect(res.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    for (const c of connections) await c.close().catch(() => {});
    await proc?.stop();
    await nats?.stop();
    dir?.remove();
  });

  /** One replica: its own NATS connection, scheduler and evaluator; records the tick of every check it runs (`failure`: what its checks throw instead). */
  async function replica(name: string, checks: { replica: string; tick: string }[], failure?: { error: () => Error; logger: Logger }) {
    const nc = await connect({ servers: nats.url });
    connections.push(nc);
    const js = jetstream(nc);
    const kvm = new Kvm(nc);
    const monitors = new MonitorStore(await kvm.open(ALERT_BUCKETS.monitors));
    const states = new MonitorStateStore(await kvm.open(ALERT_BUCKETS.monitorState));
    const real = createSubgraphClient({ url: `${url}/internal/metrics/graphql`, secret: SECRET });
    const metrics: SubgraphClient = {
      request(project, query, variables) {
        checks.push({ replica: name, tick: (variables as unknown as { window: { to: string } }).window.to });
        return failure ? Promise.reject(failure.error()) : real.request(project, query, variables);
      },
    };
    const logger = failure?.logger ?? pino({ level: 'warn' });
    const evaluator = await startEvaluator({
      consumer: await js.consumers.get(ALERT_STREAMS.due.name, 'alerts-evaluator'),
      monitors,
      states,
      publisher: new AlertPublisher(new AlertStore(createClickHouseClient(`chdb://${dir.path}/ch`)), nc, js),
      metrics,
      evalstore: createSubgraphClient({ url: `${url}/internal/evalstore/graphql`, secret: SECRET }),
      logger,
      concurrency: 2,
    });
    const scheduler = await startScheduler({ monitors, js, logger, pollMs: 50 });
    return { states, nc, evaluator, scheduler };
  }

  /** A monitor checked every second; its id. */
  async function createMonitor(name: string): Promise<string> {
    const payload = JSON.stringify({
      query: 'mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }',
      variables: { input: { name, model: 'm', check: { metric: 'ACCURACY' }, window: '1h', interval: '1s', condition: { op: 'LT', threshold: 0.9 }, minSamples: 10 } },
    });
    const alertsUrl = `${url}/internal/alerts/graphql`;
    const res = await fetch(alertsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signRequest(SECRET, { project: PROJECT }, { method: 'POST', url: alertsUrl, body: payload }) },
      body: payload,
    });
    const body = (await res.json()) as { data: { createMonitor: { id: string } } };
    return body.data.createMonitor.id;
  }

  it('evaluates each tick once across replicas, and the survivor carries on when one dies', async () => {
    const checks: { replica: string; tick: string }[] = [];
    const a = await replica('a', checks);
    const b = await replica('b', checks);

    const id = await createMonitor('acc');
    checks.length = 0; // the dry run of createMonitor is not an evaluation

    await new Promise((r) => setTimeout(r, 8000));
    const together = [...checks];
    const ticks = together.map((c) => c.tick);
    expect(new Set(ticks).size).toBe(ticks.length); // no tick evaluated twice
    expect(ticks.length).toBeGreaterThanOrEqual(6); // about one per second
    expect(new Set(together.map((c) => c.replica))).toEqual(new Set(['a', 'b'])); // the work is shared

    // Replica a dies: its connection drops without acking anything in flight.
    a.scheduler.stop();
    await a.nc.close();
    const before = (await b.states.read(PROJECT, id)).state.lastTick;
    await eventually(async () => (await b.states.read(PROJECT, id)).state.lastTick >= before + 3000, 15_000);
    const after = checks.slice(together.length).filter((c) => c.replica === 'b');
    expect(after.length).toBeGreaterThanOrEqual(3);
    const all = checks.map((c) => c.tick);
    expect(new Set(all).size).toBe(all.length);
    const { state } = await b.states.read(PROJECT, id);
    expect(state.status).toMatchObject({ error: null, series: [{ slice: [], value: 0.5, sampleCount: 200, state: 'FIRING' }] });
    b.scheduler.stop();
    await b.evaluator.stop();
  }, 90_000);

  it("shows a check's internal failure in the monitor's status as an id, logged in full under it", async () => {
    const { logger, entries } = captureLogs('warn');
    const internalUrl = 'http://127.0.0.1:4000/internal/metrics/graphql';
    const c = await replica('c', [], { error: () => new SubgraphRequestError(`subgraph ${internalUrl} unreachable`, 'SUBGRAPH_UNREACHABLE'), logger });
    try {
      const id = await createMonitor('internal failure');
      const status = await eventually(async () => {
        const { state } = await c.states.read(PROJECT, id);
        return state.status?.error ? state.status : null;
      }, 15_000);
      expect(status.error).toMatch(/^internal error \(id [0-9a-f-]{36} in the alerts service's log\)$/);
      const errorId = /id ([0-9a-f-]{36})/.exec(status.error!)![1];
      expect(entries.find((e) => e.errorId === errorId)).toMatchObject({ monitor: id, err: { code: 'SUBGRAPH_UNREACHABLE', message: expect.stringContaining(internalUrl) } });
    } finally {
      c.scheduler.stop();
      await c.evaluator.stop();
    }
  }, 60_000);
});
