/**
 * A monitor's time budget stops the metrics query it gave up on. The
 * evaluator sends what is left of its budget with each metrics request; the
 * metrics service makes it the ClickHouse query's max_execution_time. A
 * monitor whose check needs far more than its budget on a model with plenty
 * of data ends TIMED_OUT, and the metrics service counts a query ClickHouse
 * itself stopped at the caller's bound (TIMEOUT_EXCEEDED: only the engine
 * raises it, so a query left running to its end would not be counted). Real
 * nats-server, chDB, store, metrics subgraph and evaluator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryTimeouts } from '@tideline/clickhouse';
import { eventually } from '@tideline/testing';
import { evaluations } from '../src/evaluator-metrics.ts';
import { startReplica } from './replica.ts';
import { startAlertsStack, type AlertsStack } from './stack.ts';

const PROJECT = 'budget';
const MODEL = 'heavy';
const ROWS = 120_000;
/**
 * Far below what the check needs (warm, its query alone takes ClickHouse
 * tens of ms here, and hundreds under load), so the engine stops it. The
 * engine checks its bound only between steps of work: a query that needs
 * about its budget may finish before the first check past it, while the
 * evaluator, counting the round trip too, still gives up (a CI run saw
 * exactly that with a 150 ms budget over 60k rows: TIMED_OUT, nothing
 * stopped).
 */
const BUDGET_MS = 5;
/** The check: ROC_AUC per value of a tag with many values, one statement over the whole window. */
const CHECK = { metric: 'ROC_AUC' };
const GROUP_BY = ['tags.shop'];

const counted = async (counter: typeof queryTimeouts | typeof evaluations, label: string, value: string) =>
  (await counter.get()).values.filter((v) => (v.labels as Record<string, string>)[label] === value).reduce((sum, v) => sum + v.value, 0);

interface Status {
  outcome: string;
  error: string | null;
}

describe("a monitor's time budget", () => {
  let stack: AlertsStack;

  beforeAll(async () => {
    stack = await startAlertsStack('budget', { TIDELINE_EVALUATOR: 'false' });
    const now = Date.now();
    const records = Array.from({ length: ROWS }, (_, i) => ({
      id: `r-${i}`,
      model: MODEL,
      timestamp: now - (i % 3_000) * 1000,
      tags: { shop: `s-${i % 500}` },
      features: { x1: (i * 7919) % 1000, x2: `c-${i % 37}` },
      output: { score: ((i * 104729) % 1000) / 1000 },
      label: { positive: (i * 31) % 3 === 0 },
    }));
    // In requests of 20,000, well under ingest's body limit.
    for (let sent = 20_000; sent <= ROWS; sent += 20_000) await stack.ingest(PROJECT, MODEL, records.slice(sent - 20_000, sent), sent);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('ends the evaluation TIMED_OUT and has ClickHouse stop the query it gave up on', async () => {
    const input = { name: 'heavy', model: MODEL, check: CHECK, groupBy: GROUP_BY, window: '1h', interval: '1s', condition: { op: 'LT', threshold: 0.4 }, minSamples: 10 };
    const { createMonitor } = await stack.gql<{ createMonitor: { id: string } }>('alerts', PROJECT, 'mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', { input });
    // Without a budget the same statement answers: the data is there and the query is sound, only slow for the budget.
    const whole = await stack.gql<{ sliceMetrics: unknown[] }>(
      'metrics',
      PROJECT,
      'query($w: TimeRangeInput!) { sliceMetrics(model: "heavy", metrics: [ROC_AUC], window: $w, groupBy: ["tags.shop"]) { sampleCount } }',
      { w: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() } },
    );
    expect(whole.sliceMetrics).toHaveLength(500);

    const stoppedBefore = await counted(queryTimeouts, 'bound', 'caller');
    const timedOutBefore = await counted(evaluations, 'outcome', 'timed_out');
    const replica = await startReplica(stack, { concurrency: 1, budgetMs: BUDGET_MS });
    try {
      const status = await eventually(async () => {
        const { monitor } = await stack.gql<{ monitor: { status: Status | null } }>('alerts', PROJECT, 'query($id: ID!) { monitor(id: $id) { status { outcome error } } }', { id: createMonitor.id });
        return monitor.status?.outcome === 'TIMED_OUT' ? monitor.status : null;
      }, 90_000, 100);
      // The next evaluation comes a second later, so a slow poll may first see the second timeout in a row.
      expect(status.error).toMatch(new RegExp(`^the check did not finish within its time budget of ${BUDGET_MS} ms \\(\\d+ in a row; `));
      const inARow = Number(/\((\d+) in a row; /.exec(status.error!)![1]);
      expect(inARow).toBeGreaterThanOrEqual(1);
      // Each of them is counted (just after its state is written).
      await eventually(async () => (await counted(evaluations, 'outcome', 'timed_out')) - timedOutBefore >= inARow, 10_000, 50);
      // The query the evaluation gave up on was stopped by ClickHouse at the bound the evaluator sent (the counter moves when the engine's TIMEOUT_EXCEEDED comes back).
      await eventually(async () => (await counted(queryTimeouts, 'bound', 'caller')) > stoppedBefore, 30_000, 50);
    } finally {
      await replica.scheduler.stop();
      await replica.evaluator.stop();
      await replica.nc.close();
    }
  }, 300_000);
});
