/**
 * Fairness between monitors: one whose check never answers (a hung metrics
 * query) beside one whose check is quick, on one replica with two evaluator
 * slots, both due every second. The slow one is cut at its time budget and
 * reported TIMED_OUT, with the ticks it skipped and when it retries; the
 * fast one keeps being evaluated meanwhile. Before the budget and the
 * one-evaluation-per-monitor rule, the slow monitor's ticks took both slots
 * and the fast one was not evaluated again. Real nats-server, chDB, store
 * and metrics subgraph; only the slow model's metrics requests are held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { ALERT_STREAMS, ALERT_SUBJECTS } from '@tideline/contracts';
import type { SubgraphClient } from '@tideline/graphql';
import { eventually } from '@tideline/testing';
import { evaluations, ticksSkipped } from '../src/evaluator-metrics.ts';
import { startReplica } from './replica.ts';
import { startAlertsStack, type AlertsStack } from './stack.ts';

const PROJECT = 'fairness';
const BUDGET_MS = 1500;

interface Status {
  evaluatedAt: string;
  outcome: string;
  error: string | null;
  skippedTicks: number;
  retryAt: string | null;
}

/** A counter's value in this process (the replica's evaluator runs here), summed over its series, or of one outcome. */
const counterValue = async (counter: typeof evaluations | typeof ticksSkipped, outcome?: string) =>
  (await counter.get()).values.filter((v) => !outcome || (v.labels as { outcome?: string }).outcome === outcome).reduce((sum, v) => sum + v.value, 0);

describe('a slow monitor beside a fast one', () => {
  let stack: AlertsStack;
  /** Ends the hung requests when the test is over. */
  let endHang!: () => void;
  const hang = new Promise<never>((_, reject) => (endHang = () => reject(new Error('test over'))));
  hang.catch(() => {});

  beforeAll(async () => {
    stack = await startAlertsStack('fairness', { TIDELINE_EVALUATOR: 'false' });
    const now = Date.now();
    for (const model of ['fast', 'slow']) {
      const records = Array.from({ length: 100 }, (_, i) => ({ id: `${model}-${i}`, model, timestamp: now - i * 1000, output: { score: 0.9 }, label: { positive: i % 2 === 0 } }));
      await stack.ingest(PROJECT, model, records, 100);
    }
  }, 120_000);

  afterAll(async () => {
    endHang();
    await stack?.stop();
  });

  const createMonitor = async (model: string) =>
    (await stack.gql<{ createMonitor: { id: string } }>('alerts', PROJECT, 'mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', {
      input: { name: model, model, check: { metric: 'ACCURACY' }, window: '1h', interval: '1s', condition: { op: 'LT', threshold: 0.9 }, minSamples: 10 },
    })).createMonitor.id;
  const statusOf = async (id: string) =>
    (await stack.gql<{ monitor: { status: Status | null } }>('alerts', PROJECT, 'query($id: ID!) { monitor(id: $id) { status { evaluatedAt outcome error skippedTicks retryAt } } }', { id })).monitor.status;

  it('keeps evaluating the fast monitor while the slow one times out, skips ticks and backs off', async () => {
    // The monitors are validated by the stack's own (answering) metrics client; only the replica's slow checks hang.
    const slowId = await createMonitor('slow');
    const fastId = await createMonitor('fast');
    const timedOutBefore = await counterValue(evaluations, 'timed_out');
    const skippedBefore = await counterValue(ticksSkipped);
    const metrics = (real: SubgraphClient): SubgraphClient => ({
      request: (project, query, variables) => ((variables as { model?: string }).model === 'slow' ? hang : real.request(project, query, variables)),
    });
    const replica = await startReplica(stack, { metrics, concurrency: 2, budgetMs: BUDGET_MS });
    try {
      const jsm = await jetstreamManager(replica.nc);
      const slowSubject = ALERT_SUBJECTS.due(PROJECT, slowId);
      /** The most due evaluations of the slow monitor seen in the work queue at once (queued or running). */
      let mostQueued = 0;
      const fastEvaluations = new Map<string, Status>();
      const slow = await eventually(async () => {
        const { state } = await jsm.streams.info(ALERT_STREAMS.due.name, { subjects_filter: slowSubject });
        mostQueued = Math.max(mostQueued, state.subjects?.[slowSubject] ?? 0);
        const fast = await statusOf(fastId);
        if (fast) fastEvaluations.set(fast.evaluatedAt, fast);
        const status = await statusOf(slowId);
        return fastEvaluations.size >= 8 && status?.outcome === 'TIMED_OUT' && status.skippedTicks >= 1 ? status : null;
      }, 90_000, 100);

      // The fast one: evaluated at least eight times (as many as this poll saw), every time fine.
      expect([...fastEvaluations.values()].every((s) => s.outcome === 'OK' && s.error === null)).toBe(true);
      // The slow one: never more than one evaluation at a time, cut at the budget, its skipped ticks counted, its next attempt announced.
      expect(mostQueued).toBe(1);
      expect(slow.error).toMatch(new RegExp(`^the check did not finish within its time budget of ${BUDGET_MS} ms \\(\\d+ in a row; next attempt at the tick of .+\\)$`));
      expect(slow.retryAt).not.toBeNull();
      expect(Date.parse(slow.retryAt!)).toBeGreaterThan(Date.parse(slow.evaluatedAt));
      expect(await counterValue(evaluations, 'timed_out')).toBeGreaterThan(timedOutBefore);
      expect(await counterValue(ticksSkipped)).toBeGreaterThan(skippedBefore);
    } finally {
      endHang(); // a hung check would otherwise keep the evaluator's stop waiting, had the budget failed
      await replica.scheduler.stop();
      await replica.evaluator.stop();
      await replica.nc.close();
    }
  }, 180_000);
});
