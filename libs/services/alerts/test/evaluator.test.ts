/**
 * The evaluator scaled out: two replicas share one monitor's evaluations
 * through the work queue, never evaluate the same tick twice, and when one
 * dies in the middle of an evaluation the other carries on; a check's
 * internal failure shows in the monitor's status as an id. Real nats-server,
 * chDB, store and metrics subgraph; the replicas are the service's own
 * scheduler and evaluator.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import { captureLogs, type Logger } from '@tideline/runtime';
import { eventually } from '@tideline/testing';
import { startReplica } from './replica.ts';
import { startAlertsStack, type AlertsStack } from './stack.ts';

const PROJECT = 'replicas';

/** A check a replica ran: the tick (its window's end) and who ran it. */
interface Check {
  replica: string;
  tick: string;
}

describe('evaluator replicas', () => {
  let stack: AlertsStack;
  const connections: NatsConnection[] = [];
  /** Checks answered to a living replica. A dead one's are not counted: it can no longer apply them. */
  const checks: Check[] = [];
  const dead = new Set<string>();

  beforeAll(async () => {
    // The module serves the API only; the test runs the evaluator replicas itself.
    stack = await startAlertsStack('replicas', { TIDELINE_EVALUATOR: 'false' });
    const now = Date.now();
    const records = Array.from({ length: 200 }, (_, i) => ({ id: `r${i}`, model: 'm', timestamp: now - i * 1000, output: { score: 0.9 }, label: { positive: i % 2 === 0 } }));
    await stack.ingest(PROJECT, 'm', records, 200);
  }, 120_000);

  afterAll(async () => {
    for (const c of connections) await c.close().catch(() => {});
    await stack?.stop();
  });

  /**
   * One replica: its own NATS connection, scheduler and evaluator. Its
   * metrics calls are recorded once answered; `holdNext()` makes the next one
   * wait for `release()`, so that the replica can die in the middle of an
   * evaluation. `failure`: what its checks throw instead of asking metrics.
   */
  async function replica(name: string, failure?: { error: () => Error; logger: Logger }) {
    let hold: { held: boolean; release: () => void; released: Promise<void> } | undefined;
    const metrics = (real: SubgraphClient): SubgraphClient => ({
      async request(project, query, variables) {
        const tick = (variables as unknown as { window: { to: string } }).window.to;
        if (hold && !hold.held) {
          hold.held = true;
          await hold.released;
        }
        if (failure) throw failure.error();
        const answer = await real.request(project, query, variables);
        if (!dead.has(name)) checks.push({ replica: name, tick });
        return answer;
      },
    });
    const { nc, states, evaluator, scheduler } = await startReplica(stack, { metrics, logger: failure?.logger });
    connections.push(nc);
    return {
      states,
      nc,
      evaluator,
      scheduler,
      holdNext() {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        hold = { held: false, release, released };
      },
      holding: () => hold?.held === true,
      release: () => hold?.release(),
    };
  }

  /** A monitor checked every second; its id. */
  const createMonitor = async (name: string) =>
    (await stack.gql<{ createMonitor: { id: string } }>('alerts', PROJECT, 'mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', {
      input: { name, model: 'm', check: { metric: 'ACCURACY' }, window: '1h', interval: '1s', condition: { op: 'LT', threshold: 0.9 }, minSamples: 10 },
    })).createMonitor.id;

  it('evaluates each tick once across replicas, and the survivor carries on when one dies mid-evaluation', async () => {
    const a = await replica('a');
    const b = await replica('b');

    const id = await createMonitor('acc');
    checks.length = 0; // the dry run of createMonitor is not an evaluation

    // About one tick a second, shared: wait for six, both replicas among them.
    await eventually(async () => checks.length >= 6 && new Set(checks.map((c) => c.replica)).size === 2, 30_000);
    const ticks = checks.map((c) => c.tick);
    expect(new Set(ticks).size).toBe(ticks.length); // no tick evaluated twice

    // Replica a dies in the middle of an evaluation: its connection drops before it can apply or ack it.
    a.holdNext();
    await eventually(async () => a.holding(), 30_000);
    dead.add('a');
    await a.scheduler.stop();
    await a.nc.close();
    const diedAt = Date.now();
    a.release(); // what it was doing finishes against a closed connection, as a frozen process's would never

    // b carries on with the ticks that come after.
    const survivors = () => checks.filter((c) => c.replica === 'b' && Date.parse(c.tick) > diedAt);
    // The dead replica's unacked tick holds the monitor's next ones back until it is older than the time budget (5 s) plus 5 s.
    await eventually(async () => survivors().length >= 3, 45_000);
    const all = checks.map((c) => c.tick);
    expect(new Set(all).size).toBe(all.length);
    const { state } = await b.states.read(PROJECT, id);
    expect(state.lastTick).toBeGreaterThanOrEqual(Math.max(...survivors().map((c) => Date.parse(c.tick))));
    expect(state.status).toMatchObject({ error: null, series: [{ slice: [], value: 0.5, sampleCount: 200, state: 'FIRING' }] });
    await b.scheduler.stop();
    await b.evaluator.stop();
  }, 90_000);

  it("shows a check's internal failure in the monitor's status as an id, logged in full under it", async () => {
    const { logger, entries } = captureLogs('warn');
    const internalUrl = 'http://127.0.0.1:4000/internal/metrics/graphql';
    const c = await replica('c', { error: () => new SubgraphRequestError(`subgraph ${internalUrl} unreachable`, 'SUBGRAPH_UNREACHABLE'), logger });
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
      await c.scheduler.stop();
      await c.evaluator.stop();
    }
  }, 60_000);
});
