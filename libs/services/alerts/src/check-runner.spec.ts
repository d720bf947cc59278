import { describe, expect, it } from 'vitest';
import type { SubgraphClient } from '@tideline/graphql';
import { CheckTimeout, withinBudget } from './check-runner.ts';

const never: SubgraphClient = { request: () => new Promise<never>(() => {}) };
const answering: SubgraphClient = { request: async () => ({ ok: true }) as never };
const doc = {} as Parameters<SubgraphClient['request']>[1];

describe('withinBudget', () => {
  it('returns what the checks return when they finish in time', async () => {
    await expect(withinBudget(10_000, { metrics: answering }, async ({ metrics }) => metrics.request('p', doc, {}))).resolves.toEqual({ ok: true });
  });

  it('fails with CheckTimeout past the budget, and refuses every later request of the same evaluation', async () => {
    let later: Promise<unknown> | undefined;
    const run = withinBudget(50, { metrics: never, evalstore: answering }, async ({ metrics, evalstore }) => {
      await metrics.request('p', doc, {}).catch(() => {}); // a check that goes on after its first query failed
      later = evalstore.request('p', doc, {});
      return later;
    });
    await expect(run).rejects.toThrow(new CheckTimeout('the check did not finish within its time budget of 50 ms'));
    await expect.poll(() => later !== undefined).toBe(true);
    await expect(later).rejects.toBeInstanceOf(CheckTimeout);
  });
});
